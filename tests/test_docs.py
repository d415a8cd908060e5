"""Every rule has a page in rules/, and its examples do what the page says:
the Bad example is reported by that rule, the Good example is not, and the
documented options are the rule's defaults."""

import re
import tomllib
from pathlib import Path

import pytest

from awesome_lint.rules import registry
from lintkit import lint_text

DOCS = Path(__file__).resolve().parent.parent / "rules"
RULES = sorted(registry())


def section(page: str, title: str) -> str:
    m = re.search(rf"^## {title}\s*\n(.*?)(?=^## |\Z)", page, re.S | re.M)
    assert m, f"no '## {title}' section"
    return m.group(1)


def fenced(body: str, lang: str) -> str:
    m = re.search(rf"^(`{{3,}}){lang}\n(.*?)^\1\s*$", body, re.S | re.M)
    assert m, f"no ```{lang} block"
    return m.group(2)


def page(rule_id: str) -> str:
    path = DOCS / f"{rule_id}.md"
    assert path.is_file(), f"rules/{rule_id}.md is missing"
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("rule_id", RULES)
def test_page_shape(rule_id):
    text = page(rule_id)
    assert text.startswith(f"# {rule_id}\n")
    for title in ("Why", "Bad", "Good", "Options"):
        section(text, title)
    summary = registry()[rule_id].summary
    assert summary in text, "the page must repeat the rule's summary"


@pytest.mark.parametrize("rule_id", RULES)
def test_bad_example_is_reported(rule_id, tmp_path):
    example = fenced(section(page(rule_id), "Bad"), "markdown")
    findings = lint_text(example, [rule_id], base_dir=tmp_path)
    assert any(f.rule == rule_id for f in findings)


@pytest.mark.parametrize("rule_id", RULES)
def test_good_example_is_clean(rule_id, tmp_path):
    example = fenced(section(page(rule_id), "Good"), "markdown")
    (tmp_path / "CONTRIBUTING.md").write_text("Pull requests welcome.\n")
    findings = lint_text(example, [rule_id], base_dir=tmp_path)
    assert [f for f in findings if f.rule == rule_id] == []


@pytest.mark.parametrize("rule_id", RULES)
def test_documented_options_are_the_defaults(rule_id):
    rule = registry()[rule_id]
    body = section(page(rule_id), "Options")
    defaults = rule.options().model_dump()
    if not defaults:
        assert "None" in body
        return
    table = tomllib.loads(fenced(body, "toml"))["rules"][rule_id]
    assert table == defaults
