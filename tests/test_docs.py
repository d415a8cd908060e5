"""Every rule has a page in rules/, and its examples do what the page says:
the Bad example is reported by that rule, the Good example is not, and the
documented options are the rule's defaults."""

import json
import re
import tomllib
from pathlib import Path

import pytest

from awesome_lint.lint.registry import registry
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


def surroundings(body: str, folder: Path) -> dict | None:
    """What an example needs beyond its text: each ```LANG file=PATH block is written to
    PATH beside the list; a ```json github-api block is the list's repository as GitHub's API returns it."""
    for m in re.finditer(r"^(`{3,})\w* file=(\S+)\n(.*?)^\1\s*$", body, re.S | re.M):
        target = folder / m.group(2)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(m.group(3), encoding="utf-8")
    api = re.search(r"^(`{3,})json github-api\n(.*?)^\1\s*$", body, re.S | re.M)
    return json.loads(api.group(2)) if api else None


LINK_RULES = {"dead-link", "link-blocked", "link-not-checked", "redirect", "archived-repo"}


def checked_links(rule_id: str, example: str) -> dict | None:
    """For the link rules: the example's links, checked for real against a local server."""
    if rule_id not in LINK_RULES:
        return None
    from onlinekit import example_link_results

    return example_link_results(example)


@pytest.mark.parametrize("rule_id", RULES)
def test_bad_example_is_reported(rule_id, tmp_path):
    body = section(page(rule_id), "Bad")
    repository = surroundings(body, tmp_path)
    example = fenced(body, "markdown")
    findings = lint_text(example, [rule_id], base_dir=tmp_path, repository=repository, links=checked_links(rule_id, example))
    assert any(f.rule == rule_id for f in findings)


@pytest.mark.parametrize("rule_id", RULES)
def test_good_example_is_clean(rule_id, tmp_path):
    body = section(page(rule_id), "Good")
    (tmp_path / "CONTRIBUTING.md").write_text("Pull requests welcome.\n")
    repository = surroundings(body, tmp_path)
    example = fenced(body, "markdown")
    findings = lint_text(example, [rule_id], base_dir=tmp_path, repository=repository, links=checked_links(rule_id, example))
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
