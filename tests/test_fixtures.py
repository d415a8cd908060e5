"""Every fixture under tests/fixtures/<rule-id>/ reports exactly the lines marked
``<!-- expect: rule-id -->`` for that rule, once each, and nothing else for it.
Two findings of the rule on one line are marked ``<!-- expect: rule-id rule-id -->``.

A ``<name>.toml`` beside a fixture is its config (the contents of .awesome-lint.toml).
"""

from collections import Counter
from pathlib import Path

import pytest

from awesome_lint.lint.registry import registry
from lintkit import EXPECT, fixture_config, lint_text, strip_expectations

FIXTURES = Path(__file__).parent / "fixtures"
CASES = sorted(FIXTURES.glob("*/*.md"))


def expected_findings(marked: str, rule: str) -> list[tuple[int, str]]:
    """(line, rule) for every id in the markers, repeats kept: a finding reported twice must be marked twice."""
    wanted = Counter(
        (number, name)
        for number, line in enumerate(marked.split("\n"), start=1)
        for m in EXPECT.finditer(line)
        for name in m.group(1).split()
    )
    return sorted(e for e in wanted.elements() if e[1] == rule)


@pytest.mark.parametrize("path", CASES, ids=[f"{p.parent.name}/{p.name}" for p in CASES])
def test_fixture(path: Path):
    rule = path.parent.name
    marked = path.read_text(encoding="utf-8")
    text, _ = strip_expectations(marked)
    config = fixture_config(path)
    config.setdefault("select", [rule])
    links = None
    if registry()[rule].online and rule != "github-repo-metadata":
        from onlinekit import example_link_results

        links = example_link_results(text)
    findings = lint_text(text, None, config, base_dir=path.parent, links=links)
    got = sorted((f.line, f.rule) for f in findings if f.rule == rule)
    assert got == expected_findings(marked, rule), "\n".join(f"{f.line}: {f.rule} {f.message}" for f in findings)


def test_every_rule_has_fixtures():
    from awesome_lint.lint.registry import registry

    missing = [r for r in registry() if not list((FIXTURES / r).glob("*.md"))]
    assert not missing, f"rules without fixtures: {missing}"
