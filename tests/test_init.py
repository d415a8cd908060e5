"""`awesome-lint init`: a config inferred from the list, that never makes check report more.

On every corpus list (copied to a temporary folder as README.md): init writes a
config that loads, under which `check` reports no more findings than with the
defaults; running init again changes nothing; an existing config is kept
unless --force; in a pyproject.toml the rest of the file stays byte for byte.
"""

from __future__ import annotations

import json
import os
import shutil
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from awesome_lint.cli import main
from awesome_lint.lint.config import load_config
from conftest import CORPUS

LISTS = sorted(p for p in CORPUS.glob("*+*.md"))


def run(*args: str, cwd: Path):
    """The command as a user runs it in ``cwd``."""
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)


def findings(folder: Path) -> list[dict]:
    result = run("check", "--format", "json", "README.md", cwd=folder)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)


@pytest.mark.parametrize("source", LISTS, ids=[p.stem for p in LISTS])
def test_init_never_adds_findings(source: Path, tmp_path: Path):
    shutil.copyfile(source, tmp_path / "README.md")
    before = findings(tmp_path)
    result = run("init", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert "wrote .awesome-lint.toml" in result.output
    config = tmp_path / ".awesome-lint.toml"
    load_config(config)  # it loads under the rules that exist
    after = findings(tmp_path)
    assert len(after) <= len(before), sorted({f["rule"] for f in after} - {f["rule"] for f in before})
    written = config.read_bytes()
    again = run("init", cwd=tmp_path)
    assert again.exit_code == 0 and "nothing written" in again.output
    assert config.read_bytes() == written
    forced = run("init", "--force", cwd=tmp_path)
    assert forced.exit_code == 0 and config.read_bytes() == written, "the same list gives the same config"


def test_classic_list_gets_the_preset_and_its_failing_rules_off(tmp_path: Path):
    shutil.copyfile(CORPUS / "vinta+awesome-python.md", tmp_path / "README.md")
    run("init", cwd=tmp_path)
    raw = tomllib.loads((tmp_path / ".awesome-lint.toml").read_text())
    assert raw["preset"] == "awesome"
    assert raw["rules"]["contributing-file"] == "off"  # no CONTRIBUTING.md beside the copy
    assert raw["rules"]["toc"]["ignore"][-1] == "Categories"  # the list's contents heading
    assert raw["rules"]["entry-format"]["separator"] == " - "
    (tmp_path / "CONTRIBUTING.md").write_text("One entry per pull request.\n")
    run("init", "--force", cwd=tmp_path)
    raw = tomllib.loads((tmp_path / ".awesome-lint.toml").read_text())
    assert "contributing-file" not in raw["rules"], "a rule that passes stays on"


def test_paper_list_sorted_by_year_gets_sort_order(tmp_path: Path):
    entries = "\n".join(f"- Paper Number {n}.\n  - *CVPR {2023 - n}* [[paper]](https://arxiv.org/abs/{23 - n:02d}01.0000{n})" for n in range(12))
    (tmp_path / "README.md").write_text(f"# Awesome Papers\n\n## Papers\n\n{entries}\n")
    result = run("init", cwd=tmp_path)
    assert result.exit_code == 0
    raw = tomllib.loads((tmp_path / ".awesome-lint.toml").read_text())
    assert "preset" not in raw, "paper lists are not held to the awesome preset"
    assert raw["rules"]["sort-order"] == {"order": "year", "direction": "descending"}
    assert raw["rules"]["entry-format"]["title_period"] == "always"
    assert raw["rules"]["entry-format"]["link_labels"] == "double-brackets"


def test_pyproject_keeps_every_byte_and_gets_the_table(tmp_path: Path):
    shutil.copyfile(CORPUS / "sindresorhus+awesome.md", tmp_path / "README.md")
    original = b'[project]\nname = "my-list"  # a comment\r\n\n[tool.black]\nline-length = 100'  # no final newline, a CRLF
    (tmp_path / "pyproject.toml").write_bytes(original)
    result = run("init", cwd=tmp_path)
    assert result.exit_code == 0 and "wrote pyproject.toml" in result.output
    text = (tmp_path / "pyproject.toml").read_bytes()
    assert text.startswith(original + b"\n")
    assert not (tmp_path / ".awesome-lint.toml").exists()
    config = load_config(tmp_path / "pyproject.toml")
    assert config.preset == "awesome"
    assert run("init", cwd=tmp_path).exit_code == 0
    assert (tmp_path / "pyproject.toml").read_bytes() == text, "a second run changes nothing"


def test_force_replaces_only_our_table_in_pyproject(tmp_path: Path):
    shutil.copyfile(CORPUS / "sindresorhus+awesome.md", tmp_path / "README.md")
    before = '[project]\nname = "x"\n\n[tool.awesome-lint]\nignore = ["toc"]\n\n[tool.awesome-lint.rules]\ntoc = "off"\n\n[tool.ruff]\nline-length = 90\n'
    (tmp_path / "pyproject.toml").write_text(before)
    kept = run("init", cwd=tmp_path)
    assert "nothing written" in kept.output and (tmp_path / "pyproject.toml").read_text() == before
    run("init", "--force", cwd=tmp_path)
    after = (tmp_path / "pyproject.toml").read_text()
    assert after.startswith('[project]\nname = "x"\n\n') and after.endswith("[tool.ruff]\nline-length = 90\n")
    assert 'ignore = ["toc"]' not in after
    assert load_config(tmp_path / "pyproject.toml").preset == "awesome"


def test_existing_config_is_never_overwritten(tmp_path: Path):
    shutil.copyfile(CORPUS / "vinta+awesome-python.md", tmp_path / "README.md")
    mine = '# my own\nignore = ["toc"]\n'
    (tmp_path / ".awesome-lint.toml").write_text(mine)
    result = run("init", str(tmp_path), cwd=tmp_path)
    assert result.exit_code == 0 and "nothing written" in result.output
    assert (tmp_path / ".awesome-lint.toml").read_text() == mine
    assert "pre-commit" in result.output and "actions/checkout" in result.output


def test_init_on_a_missing_list_is_one_line(tmp_path: Path):
    result = run("init", "nothing.md", cwd=tmp_path)
    assert result.exit_code == 2
    assert "nothing.md: no such file" in result.output
    assert not (tmp_path / ".awesome-lint.toml").exists()


def test_contents_heading_the_toc_rule_already_ignores_is_not_added(tmp_path: Path):
    # toc ignores a heading that starts with an ignored name ('Contents ...'); init decides the same way.
    (tmp_path / "README.md").write_text(
        "# Awesome Things\n\n## Contents of This List\n\n- [Tools](#tools)\n- [Books](#books)\n\n"
        "## Tools\n\n- [a](https://a.example) - A tool.\n\n## Books\n\n- [b](https://b.example) - A book.\n"
    )
    run("init", cwd=tmp_path)
    raw = tomllib.loads((tmp_path / ".awesome-lint.toml").read_text())
    assert "toc" not in raw.get("rules", {}), raw
