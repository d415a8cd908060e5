"""Inputs that once made a rule hang or crash, kept so they stay fixed.

Each test runs the rule on the input that broke it; the test finishing at all under
pytest is the point (the old code took minutes), the assertions pin what it reports.
"""

from __future__ import annotations

from lintkit import lint_text


def test_malformed_url_reads_a_long_backtick_run_before_a_spaced_target():
    # 3,000 backticks before '](' took the old code-span regex over ten minutes.
    text = "See " + "`" * 5000 + "](x y)\n"
    found = [(f.line, f.column, f.message) for f in lint_text(text, ["malformed-url"])]
    assert found == [(1, 5006, "'(x y)' is not a link target: it has spaces, so GitHub shows the text as written; put the address there")]


def test_malformed_url_still_skips_a_code_span_opened_by_a_long_backtick_run():
    ticks = "`" * 5000
    text = "- See " + ticks + " [a](b c) " + ticks + " and [d](e f)\n"
    found = [(f.line, f.message) for f in lint_text(text, ["malformed-url"])]
    assert found == [(1, "'(e f)' is not a link target: it has spaces, so GitHub shows the text as written; put the address there")]
