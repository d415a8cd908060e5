"""Every fixture under tests/fixtures/<rule-id>/ reports exactly the lines marked
``<!-- expect: rule-id -->`` for that rule, and nothing else for it.

A ``<name>.toml`` beside a fixture is its config (the contents of .awesome-lint.toml).
"""

from pathlib import Path

import pytest

from awesome_lint.rules import registry
from lintkit import fixture_config, lint_text, strip_expectations

FIXTURES = Path(__file__).parent / "fixtures"
CASES = sorted(FIXTURES.glob("*/*.md"))


@pytest.mark.parametrize("path", CASES, ids=[f"{p.parent.name}/{p.name}" for p in CASES])
def test_fixture(path: Path):
    rule = path.parent.name
    text, expected = strip_expectations(path.read_text(encoding="utf-8"))
    config = fixture_config(path)
    config.setdefault("select", [rule])
    links = None
    if registry()[rule].online and rule != "github-repo-metadata":
        from onlinekit import example_link_results

        links = example_link_results(text)
    findings = lint_text(text, None, config, base_dir=path.parent, links=links)
    got = {(f.line, f.rule) for f in findings if f.rule == rule}
    assert got == {e for e in expected if e[1] == rule}, "\n".join(f"{f.line}: {f.rule} {f.message}" for f in findings)


def test_every_rule_has_fixtures():
    from awesome_lint.rules import registry

    missing = [r for r in registry() if not list((FIXTURES / r).glob("*.md"))]
    assert not missing, f"rules without fixtures: {missing}"
