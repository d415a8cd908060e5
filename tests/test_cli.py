"""The ``awesome-lint check`` command as a user runs it: rule selection, paths, summary, exit codes, README."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from gitrepo import GIT_ENV, git

from awesome_lint.tree import builder
from awesome_lint.lint import fix
from awesome_lint.cli import main
from awesome_lint.links.config import LinksConfig
from awesome_lint.lint.registry import registry

ROOT = Path(__file__).resolve().parent.parent
ENV = GIT_ENV | {"PYTHONPATH": str(ROOT)}  # no GITHUB_ACTIONS: the text format

TABLE = "# List\n\n| Name | Link |\n| --- | --- |\n| a | [site](https://a.example) |\n"
BROKEN_ROW = "| b | [site](https://b.example) | lost |\n"  # table-shape: error
TRAILING = "\nSome text.   \n"  # trailing-whitespace: info (a paragraph after the table)


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "awesome_lint", *args], cwd=cwd, env=ENV, capture_output=True, text=True)


def write(folder: Path, text: str, name: str = "README.md") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- an empty selection


@pytest.mark.parametrize("value", ["", " ", ",", " , "])
def test_an_empty_select_is_an_error_not_a_pass(tmp_path, value):
    write(tmp_path, TABLE + BROKEN_ROW)
    result = run(tmp_path, "check", "--select", value, "README.md")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == "awesome-lint: error: --select is empty: name at least one rule (see 'awesome-lint rules')\n"


def test_select_empty_list_in_the_config_is_an_error(tmp_path):
    write(tmp_path, TABLE)
    write(tmp_path, "select = []\n", ".awesome-lint.toml")
    result = run(tmp_path, "check", "README.md")
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert ".awesome-lint.toml: select = [] is empty: name at least one rule" in result.stderr


def test_an_empty_ignore_is_fine(tmp_path):
    write(tmp_path, TABLE)
    write(tmp_path, "ignore = []\n", ".awesome-lint.toml")
    result = run(tmp_path, "check", "--ignore", "", "README.md")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "No problems found in 1 file.\n"


# --------------------------------------------------------------------------- paths


def test_a_file_named_twice_is_checked_once(tmp_path):
    write(tmp_path, TABLE + BROKEN_ROW)
    (tmp_path / "docs").mkdir()
    result = run(tmp_path, "check", "--select", "table-shape", "README.md", "README.md", "./README.md", "docs/../README.md")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and lines[0].startswith("README.md:6:35: error table-shape ")
    assert lines[1] == "Found 1 error in 1 file."


def test_two_files_keep_their_order(tmp_path):
    write(tmp_path, TABLE + BROKEN_ROW, "b.md")
    write(tmp_path, TABLE + BROKEN_ROW, "a.md")
    result = run(tmp_path, "check", "--select", "table-shape", "b.md", "a.md", "b.md")
    paths = [line.split(":")[0] for line in result.stdout.splitlines()[:-1]]
    assert paths == ["b.md", "a.md"]
    assert result.stdout.splitlines()[-1].startswith("Found 2 errors in 2 files.")


# --------------------------------------------------------------------------- the summary


def test_the_summary_counts_info_without_an_s(tmp_path):
    write(tmp_path, TABLE + BROKEN_ROW + TRAILING + TRAILING)
    result = run(tmp_path, "check", "--select", "table-shape,trailing-whitespace", "README.md")
    assert result.stdout.splitlines()[-1] == "Found 1 error, 2 info in 1 file. 2 fixable with --fix."


def test_with_diff_base_the_summary_says_only_changed_lines_were_checked(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "--quiet")
    write(repo, TABLE + BROKEN_ROW)  # an old problem, outside the change
    git(repo, "add", "README.md")
    git(repo, "commit", "--quiet", "-m", "the list")
    with open(repo / "README.md", "a", encoding="utf-8") as out:
        out.write("| c | [site](https://c.example) |\n")
    clean = run(repo, "check", "--select", "table-shape", "--diff-base", "HEAD", "README.md")
    assert clean.returncode == 0, clean.stderr
    assert clean.stdout == "No problems found on the lines changed since HEAD in 1 file.\n"
    with open(repo / "README.md", "a", encoding="utf-8") as out:
        out.write(BROKEN_ROW)
    found = run(repo, "check", "--select", "table-shape", "--diff-base", "HEAD", "README.md")
    assert found.returncode == 1
    assert found.stdout.splitlines()[-1].startswith("Found 1 error on the lines changed since HEAD in 1 file.")


# --------------------------------------------------------------------------- --fail-on


@pytest.mark.parametrize(
    ("text", "fail_on", "code"),
    [
        (TABLE + TRAILING, None, 0),  # only info: passes by default
        (TABLE + TRAILING, "error", 0),
        (TABLE + TRAILING, "warning", 0),
        (TABLE + TRAILING, "info", 1),
        (TABLE + "[Broken](#nowhere-at-all)\n", "warning", 1),  # broken-anchor is an error
        (TABLE + BROKEN_ROW, "error", 1),
        (TABLE, "info", 0),
    ],
)
def test_fail_on_sets_the_lowest_severity_that_fails(tmp_path, text, fail_on, code):
    write(tmp_path, text)
    args = ["check", "--select", "table-shape,trailing-whitespace,broken-anchor", "README.md"]
    result = run(tmp_path, *args, *(["--fail-on", fail_on] if fail_on else []))
    assert result.returncode == code, result.stdout + result.stderr


def test_fail_on_warning_fails_on_a_warning(tmp_path):
    write(tmp_path, TABLE + "<!-- awesome-lint-disable-next-line no-such-rule -->\nText.\n")
    args = ["check", "--select", "invalid-directive", "README.md"]
    assert run(tmp_path, *args).returncode == 0
    result = run(tmp_path, *args, "--fail-on", "warning")
    assert "warning invalid-directive" in result.stdout and result.returncode == 1
    assert run(tmp_path, *args, "--fail-on", "warning", "--exit-zero").returncode == 0


def test_fail_on_is_in_the_help_and_rejects_other_levels(tmp_path):
    assert "--fail-on [error|warning|info]" in run(tmp_path, "check", "--help").stdout
    result = run(tmp_path, "check", "--fail-on", "notice", "README.md")
    assert result.returncode == 2 and "'notice' is not one of 'error', 'warning', 'info'" in result.stderr


# --------------------------------------------------------------------------- --links --fix parses once


def test_links_fix_parses_the_file_once_before_fixing(tmp_path, monkeypatch):
    text = TABLE + TRAILING + "\n[Home](./README.md)\n"  # no web link: --links requests nothing
    path = write(tmp_path, text)
    parsed: list[str] = []
    original = builder.parse

    def counting(source, *args, **kwargs):
        parsed.append(source)
        return original(source, *args, **kwargs)

    monkeypatch.setattr(builder, "parse", counting)
    monkeypatch.setattr(fix, "parse", counting)
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    result = CliRunner().invoke(main, ["check", "--links", "--fix", "--select", "trailing-whitespace", str(path)])
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == text.replace("Some text.   \n", "Some text.\n")
    assert parsed.count(text) == 1  # the original text: parsed by the CLI, not again by fix_text


def test_fix_text_uses_the_document_it_is_given():
    text = TABLE + TRAILING
    given = fix.fix_text(text, "README.md", doc=builder.parse(text, "README.md"))
    assert given.text == fix.fix_text(text, "README.md").text == TABLE + "\nSome text.\n"


# --------------------------------------------------------------------------- the README


def readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_rules_table_lists_every_rule_with_its_default_severity():
    rows = dict(re.findall(r"^\| `([a-z0-9-]+)` \| (error|warning|info) \|", readme(), re.M))
    assert rows == {rule.id: rule.severity for rule in registry().values()}


def test_the_readme_names_every_links_option():
    section = readme().split("### `[links]`", 1)[1].split("\n## ", 1)[0]
    written = set(re.findall(r"^#? ?([a-z_]+) = ", section, re.M))
    assert written == set(LinksConfig.model_fields)
