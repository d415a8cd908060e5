"""Robustness: whatever Markdown-like text comes in, a check gives an answer, never a crash.

Generated documents mix the shapes awesome lists have (nested lists, paper entries,
tables, contents links) with the ones they break into (stray pipes and brackets,
unclosed fences and comments, HTML, NUL bytes, BOMs, CR/LF/CRLF mixed, tabs, very
long lines, any Unicode). For every one: parse + every default rule runs without an
exception, each rule reports a place inside the file (a line that exists, a column at
most just past its end), every fix stays inside the text, and every output format renders (JSON and SARIF as valid JSON).

CI runs a fixed, derandomized number of examples; run longer by hand with
``AWESOME_LINT_FUZZ_EXAMPLES=5000 python -m pytest tests/test_fuzz.py``.
"""

from __future__ import annotations

import json
import os
import re

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from awesome_lint.markdown import inline as markdown_inline
from conftest import CORPUS
from awesome_lint.cli import main
from awesome_lint.lint.config import Config
from awesome_lint.tree.builder import parse
from awesome_lint.lint.engine import LintContext, lint
from awesome_lint.report import FORMATS, RenderContext, renderer

EXAMPLES = int(os.environ.get("AWESOME_LINT_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize="AWESOME_LINT_FUZZ_EXAMPLES" not in os.environ, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# --------------------------------------------------------------------------- documents

words = st.sampled_from(
    ["Awesome", "paper", "Learning", "CVPR", "2020", "*ECCV 2019*", "**bold**", "_x_", "`code`", "~~old~~", "https://arxiv.org/abs/2001.00001",
     "http://example.com", "www.x.org", "&amp;", "&#x27;", "\\", "\\|", "|", "||", "[", "]", "[[", "]]", "(", ")", "![", "<", ">", "<br>", "*", "**", "_", "__",
     "`", "```", "~", "#", ":", "-", " - ", "—", "é", "漢字", "🚀", "\u200b", "\u202e", "\t", "\x00", "\ufeff", "\r", "a" * 300]
)
free_text = st.text(st.characters(blacklist_categories=["Cs"]), max_size=40)
inline = st.lists(st.one_of(words, free_text), max_size=12).map(" ".join)
url = st.one_of(
    st.sampled_from(["https://arxiv.org/abs/2001.00001", "https://github.com/a/b", "http://x.org/a_(b)", "#contents", "#", "docs/file.md", "./missing.md", "", "mailto:a@b.c", "https://x.org/%E4%BD%A0 \"title\""]),
    free_text,
)
link = st.builds(lambda bang, label, target: f"{bang}[{label}]({target})", st.sampled_from(["", "!", "["]), inline, url)
indent = st.sampled_from(["", " ", "  ", "   ", "    ", "\t", " \t", "        "])
bullet = st.sampled_from(["-", "*", "+", "1.", "2)", "10.", "-  ", "- [ ]"])


@st.composite
def block(draw) -> str:
    kind = draw(st.integers(0, 15))
    if kind == 0:
        return "#" * draw(st.integers(1, 8)) + draw(st.sampled_from([" ", "", "\t"])) + draw(inline) + draw(st.sampled_from(["", " #", " ##"]))
    if kind == 1:  # a paper entry
        return f"- {draw(inline)}\n  - *{draw(st.sampled_from(['CVPR', 'ICCV', 'ECCV', 'NeurIPS', 'arXiv', 'Nature']))} {draw(st.integers(1900, 2100))}* [[paper]]({draw(url)}) {draw(link)}"
    if kind == 2:  # a classic entry
        return f"{draw(indent)}{draw(bullet)} {draw(link)}{draw(st.sampled_from([' - ', ' – ', ': ', ' ', '']))}{draw(inline)}"
    if kind == 3:  # a table, rows of any width
        width = draw(st.integers(1, 5))
        rows = [draw(st.lists(st.one_of(inline, link), min_size=0, max_size=width + 2)) for _ in range(draw(st.integers(0, 4)))]
        delimiter = "|".join(draw(st.sampled_from(["---", ":--", "--:", ":-:", "-", "", "x"])) for _ in range(width))
        return "\n".join([f"| {' | '.join(draw(inline) for _ in range(width))} |", f"|{delimiter}|"] + [draw(st.sampled_from(["| ", "", " |"])) + " | ".join(r) for r in rows])
    if kind == 4:  # nested lists
        depth = draw(st.integers(1, 8))
        return "\n".join("  " * draw(st.integers(0, i)) + f"{draw(bullet)} {draw(st.one_of(inline, link))}" for i in range(depth))
    if kind == 5:
        return ">" * draw(st.integers(1, 6)) + " " + draw(st.one_of(inline, link))
    if kind == 6:  # code, closed or not
        fence = draw(st.sampled_from(["```", "~~~", "````", "```python"]))
        return f"{fence}\n{draw(inline)}\n" + draw(st.sampled_from(["```", "~~~", "", "``"]))
    if kind == 7:
        return "    " + draw(inline)
    if kind == 8:  # HTML and comments, closed or not
        return draw(st.sampled_from(["<p align=\"center\">", "<details>", "<summary>x</summary>", "</details>", "<img src=\"a.png\">", "<a href='https://x.org'>x</a>",
                                     "<!--", "-->", "<!-- a comment -->", "<!-- awesome-lint-disable-next-line -->", "<!-- awesome-lint-disable table-shape -->",
                                     "<!-- awesome-lint-enable -->", "<!-- awesome-lint-bogus x -->", "<script>", "</script>", "<div>", "<?php", "<![CDATA["])) + draw(inline)
    if kind == 9:  # reference definitions and references
        return f"[{draw(inline)}]: {draw(url)}" if draw(st.booleans()) else f"[{draw(inline)}][{draw(inline)}]"
    if kind == 10:  # a long line (test_very_long_lines has longer ones)
        return draw(st.sampled_from(["word ", "[a](b) ", "| ", "* ", "[", "`", "\\", " ", "<!--"])) * draw(st.integers(100, 1000))
    if kind == 11:  # setext headings and rules
        return draw(inline) + "\n" + draw(st.sampled_from(["===", "---", "***", "- - -", "___"]))
    if kind == 12:  # a contents list
        return "\n".join(f"{'  ' * draw(st.integers(0, 2))}- [{draw(inline)}](#{draw(free_text)})" for _ in range(draw(st.integers(1, 5))))
    if kind == 13:
        return draw(free_text)
    if kind == 14:  # badges and images inside links
        return f"[![{draw(inline)}]({draw(url)})]({draw(url)}) {draw(inline)}"
    return draw(inline)


@st.composite
def markdown(draw) -> str:
    blocks = draw(st.lists(block(), max_size=14))
    text = "\n".join(draw(st.sampled_from(["\n", "\n\n", ""])) + b for b in blocks)
    newline = draw(st.sampled_from(["\n", "\r\n", "\r", "mixed"]))
    if newline == "mixed":
        text = re.sub("\n", lambda m: draw(st.sampled_from(["\n", "\r\n", "\r"])), text)
    elif newline != "\n":
        text = text.replace("\n", newline)
    return draw(st.sampled_from(["", "\ufeff"])) + text + draw(st.sampled_from(["", "\n", "\n\n", "  "]))


# --------------------------------------------------------------------------- properties


def line_count(text: str) -> int:
    """Lines as CommonMark counts them: LF, CRLF and a lone CR each end one."""
    return len(re.findall(r"\r\n?|\n", text)) + (0 if text.endswith(("\n", "\r")) else 1)


def check_text(text: str) -> list:
    doc = parse(text, "fuzz.md")
    context = LintContext(base_dir=None, exists=lambda rel: False)
    findings = lint(doc, Config(), context)
    lines = max(line_count(text), 1)
    assert doc.line_count == line_count(text)
    # The engine moves a report placed outside the file inside it; where the rule put it is kept here.
    misplaced = [
        f"{rule} line {r.line} column {r.column} (the line has {len(doc.lines[r.line - 1]) if 1 <= r.line <= len(doc.lines) else '-'} characters): {r.message}"
        for rule, r in context.misplaced
    ]
    assert not misplaced, "\n".join(misplaced)
    for f in findings:
        assert 1 <= f.line <= lines, f
        assert 1 <= f.column <= len(doc.lines[f.line - 1]) + 1, f
        assert f.end_line is None or f.line <= f.end_line <= lines, f
        assert all(1 <= r <= lines for r in f.related_lines), f
        for edit in f.fix.edits if f.fix else []:
            assert 0 <= edit.start <= edit.end <= len(text), f
    return findings


@FUZZ
@given(markdown())
# Found by a 5,000-example run: a URL with ']' made urlsplit raise "Invalid IPv6 URL" in insecure-link.
@example("\n- \n  - *CVPR 1900* [[paper]](https://arxiv.org/abs/2001.00001) [] http://example.com](https://arxiv.org/abs/2001.00001)")
def test_any_markdown_gets_findings_inside_the_file(text):
    findings = check_text(text)
    context = RenderContext(files=["fuzz.md"])
    for name in FORMATS:
        out = renderer(name)(findings, context)
        assert isinstance(out, str)
    parsed = json.loads(renderer("json")(findings, context))
    assert [(f["line"], f["rule"]) for f in parsed] == [(f.line, f.rule) for f in findings]
    json.loads(renderer("sarif")(findings, context))


@FUZZ
@given(st.text(max_size=300))
def test_any_text_at_all(text):
    check_text(text)


@settings(max_examples=max(EXAMPLES // 3, 30), deadline=None, derandomize="AWESOME_LINT_FUZZ_EXAMPLES" not in os.environ, suppress_health_check=[HealthCheck.too_slow])
@given(markdown(), st.sampled_from([b"", b"\xef\xbb\xbf"]))
def test_json_through_the_command_is_valid_json(text, bom):
    data = bom + text.encode("utf-8")
    result = CliRunner().invoke(main, ["check", "--format", "json", "-"], input=data)
    if not data.strip() or b"\x00" in data[:8192]:
        assert result.exit_code == 2  # an empty or binary input: a one-line error, not a crash
        return
    assert result.exit_code in (0, 1), result.output
    assert isinstance(json.loads(result.stdout), list)


@FUZZ
@given(st.text(st.one_of(st.sampled_from(list("hhttppss:/.-,;()&#'\" ~!*_[]`<>\\")), st.characters(blacklist_categories=["Cs"], blacklist_characters="\n")), max_size=60))
def test_the_plain_text_shortcut_reads_titles_as_mistune_does(title):
    """Runs without inline syntax skip mistune; the tree must be the same as when mistune reads them."""
    text = f"# List\n\n- {title}\n  - *CVPR 2020* [[paper]](https://arxiv.org/abs/2001.00001)\n- [{title}](https://x.org) - {title}\n"
    fast = parse(text).model_dump()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(markdown_inline, "_INLINE_START", re.compile(r".", re.S))  # every run goes to mistune,
        patch.setattr(markdown_inline, "_simple_tokens", lambda src, nested_labels: None)  # none read here
        assert parse(text).model_dump() == fast


pieces = st.sampled_from(
    ["a", "Z", "9", " ", "  ", "\n", " \n", "  \n", "\n  ", ".", ",", "?", ":", "(", ")", "&amp;", "&", "é", "🔥", "|", "-", "'", '"', "!", "_", "__", "*", "**",
     "`", "[", "]", "[x]", "(u)", "<br>", "<br/>", "<br >", "<b>", "http", "://", "https://x.org/a", "\\", "\t", "~", "<", ">", "[[", "]]", "![", "](", "#",
     "\x01", "\x7f", "\xa0", "\u3000", "\x0c", "\n\u3000", "\u2028"]
)
simple_run = st.lists(st.one_of(pieces, st.sampled_from(["[CMC](https://x.org/a_b?c=1&d=%20)", "[[paper]](https://arxiv.org/abs/1906.05849)", "*ECCV 2020*",
                                                        "**Web Development**", "[**Gemini 2.5: Reasoning?**](https://x.org)", "![Star](https://img.shields.io/s.svg?a=b)",
                                                        "![](u)", "`apiKey`", "` a `", "[a](é)", "[a](<u>)", "[a](u \"t\")", "[](u)"])), max_size=14).map("".join)


@FUZZ
@given(simple_run)
@example("| [Cat Facts](https://alexwohlbruck.github.io/cat-facts/) | Daily cat facts | `apiKey` | Yes | No |")
@example("*ECCV 2020* [[paper]](https://arxiv.org/abs/1906.05849) [[code]](https://github.com/HobbitLong/CMC)")
def test_the_simple_inline_reader_agrees_with_mistune(src):
    """Runs of plain text, links, emphasis and code are read without mistune; the tokens must be mistune's."""
    if not src.strip():  # blank runs never reach either reader
        return
    for refs in ({}, {"X": {"url": "https://x.org"}}):
        ours = markdown_inline._simple_tokens(src, nested_labels=not refs)
        if ours is not None:
            assert ours == markdown_inline._markdown().inline(src, {"ref_links": refs})


@FUZZ
@given(st.text(st.one_of(st.sampled_from(list("&;#%'\"[]{}|^ ~-._:/?@!$()*+,=<>\\")), st.characters(blacklist_categories=["Cs"])), max_size=30))
@example("https://a.org/?q=1&copy=2")
@example("https://a.org/?q=1&copy;=2")
def test_urls_are_escaped_as_mistune_escapes_them(url):
    from mistune.util import escape_url

    assert markdown_inline._url_escaper()(url) == escape_url(url)


def test_every_run_of_the_corpus_reads_the_same_without_mistune(monkeypatch):
    """On the real lists, every run the simple reader takes gets exactly mistune's tokens (and it takes most)."""
    runs = []
    original = markdown_inline._inline_tokens
    monkeypatch.setattr(markdown_inline, "_inline_tokens", lambda src, env: runs.append((src, env)) or original(src, env))
    for path in sorted(CORPUS.glob("*.md")):
        parse(path.read_text(encoding="utf-8"))
    taken = 0
    for src, env in runs:
        ours = markdown_inline._simple_tokens(src, nested_labels=not env.get("ref_links"))
        if ours is not None:
            taken += 1
            assert ours == markdown_inline._markdown().inline(src, env), src
    assert taken > 0.8 * len(runs)


# --------------------------------------------------------------------------- deep nesting


DEEP = 1000
NESTED = {
    "lists by indentation": "".join("  " * i + f"- item {i}\n" for i in range(DEEP)),
    "ordered lists by indentation": "".join("   " * i + "1. item\n" for i in range(DEEP)),
    "bullets on one line": "- " * DEEP + "x\n",
    "blockquotes on one line": ">" * DEEP + " x\n",
    "blockquotes line by line": "".join(">" * i + " q\n" for i in range(1, DEEP + 1)),
    "quoted lists": "> - " * DEEP + "x\n",
    "brackets": "- " + "[" * DEEP + "x" + "]" * DEEP + "(https://x.org) - d\n",
    "unclosed brackets": "- " + "[" * DEEP + "x\n",
    "parentheses in a link": "- [x](" + "(" * DEEP + "https://x.org" + ")" * DEEP + ")\n",
    "images in images": "- " + "![" * DEEP + "x" + "](a.png)" * DEEP + "\n",
    "emphasis": "- " + "*" * DEEP + "x" + "*" * DEEP + "\n",
    "nested emphasis": "- " + "**_" * (DEEP // 3) + "x" + "_**" * (DEEP // 3) + "\n",
    "html": "<div>" * DEEP + "x" + "</div>" * DEEP + "\n",
    "inline html": "- a " + "<b>" * DEEP + "x" + "</b>" * DEEP + "\n",
    "headings": "".join("#" * (i % 6 + 1) + f" h{i}\n\n- [a{i}](https://x.org/{i}) - A.\n\n" for i in range(DEEP)),
    "table columns": "|" + "a|" * DEEP + "\n|" + "-|" * DEEP + "\n|" + "b|" * (DEEP + 1) + "\n",
}


@pytest.mark.parametrize("name", list(NESTED))
def test_a_thousand_levels_of_nesting_get_an_answer(name):
    text = "# Deep\n\n" + NESTED[name]
    findings = check_text(text)
    out = json.loads(renderer("json")(findings, RenderContext(files=["deep.md"])))
    assert isinstance(out, list)


LONG = 100_000


@pytest.mark.parametrize("unit", ["word ", "[a](https://x.org) ", "| ", "[", "]", "(", "*", "_", "\\", "<b>", "&amp;", "- ", "> ", "#"])
def test_very_long_lines(unit):
    line = (unit * (LONG // len(unit)))[:LONG]
    check_text(f"# Long\n\n{line}\n\n- {line}\n\n| a | b |\n|---|---|\n| {line} | {line} |\n")


def test_a_two_megabyte_list_gets_an_answer(tmp_path):
    """The 50 MB case is run by hand: benchmarks/bench.py --huge."""
    entry = "- Sparse attention for video retrieval {i}.\n  - *CVPR 2020* [[paper]](https://arxiv.org/abs/2001.{i:05d}) [[code]](https://github.com/lab/r{i})\n"
    body = "".join(entry.format(i=i) for i in range(16_000))
    path = tmp_path / "big.md"
    path.write_text("# Big\n\n## Papers\n\n" + body, encoding="utf-8")
    assert path.stat().st_size > 2_000_000
    result = CliRunner().invoke(main, ["check", "--format", "json", str(path)])
    assert result.exit_code in (0, 1), result.output[-500:]
    findings = json.loads(result.stdout)
    assert all(1 <= f["line"] <= 32_004 for f in findings)
