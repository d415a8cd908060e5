"""Bad input through the real command: one line on stderr, ``awesome-lint: error: ...``, exit 2.

No traceback, no partial output: a user who points the tool at the wrong thing, or
writes a config by hand, learns what is wrong and where from that one line.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOOD_LIST = "# Awesome X\n\n- [Tool](https://example.com) - Does a thing.\n"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run([sys.executable, "-m", "awesome_lint", *args], cwd=cwd, env=env, capture_output=True, text=True)


def one_error_line(result: subprocess.CompletedProcess) -> str:
    """The single stderr line of a refused run, checked for the shape every such error has."""
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("awesome-lint: error: "), lines[0]
    assert result.stdout == ""
    return lines[0]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "README.md").write_text(GOOD_LIST, encoding="utf-8")
    return tmp_path


# --------------------------------------------------------------------------- the list file


def test_missing_file(folder):
    assert "nope.md: no such file" in one_error_line(run("check", "nope.md", cwd=folder))


def test_a_folder_instead_of_a_file_points_at_its_readme(folder):
    (folder / "docs").mkdir()
    (folder / "docs" / "README.md").write_text(GOOD_LIST)
    line = one_error_line(run("check", "docs", cwd=folder))
    assert "docs: is a folder" in line and "README.md" in line


def test_binary_file(folder):
    (folder / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert "logo.png: binary file" in one_error_line(run("check", "logo.png", cwd=folder))


def test_invalid_utf8_names_the_line_and_column(folder):
    (folder / "latin1.md").write_bytes("# Liste\n\n- [Café](https://x.org) - Très bien.\n".encode("latin-1"))
    line = one_error_line(run("check", "latin1.md", cwd=folder))
    assert "latin1.md:3:" in line and "UTF-8" in line


def test_empty_file(folder):
    (folder / "empty.md").write_bytes(b"")
    assert "empty.md" in one_error_line(run("check", "empty.md", cwd=folder))


def test_the_same_errors_from_parse(folder):
    (folder / "latin1.md").write_bytes("caf\xe9\n".encode("latin-1"))
    assert "latin1.md:1:" in one_error_line(run("parse", "latin1.md", cwd=folder))


# --------------------------------------------------------------------------- rules named on the command line


def test_unknown_rule_in_select_suggests_the_close_one(folder):
    line = one_error_line(run("check", "--select", "table-shap", "README.md", cwd=folder))
    assert "unknown rule 'table-shap'" in line and "did you mean 'table-shape'?" in line


def test_unknown_rule_in_ignore(folder):
    assert "unknown rule 'nope'" in one_error_line(run("check", "--ignore", "table-shape,nope", "README.md", cwd=folder))


def test_unknown_rule_to_document(folder):
    assert "unknown rule 'nope'" in one_error_line(run("rule", "nope", cwd=folder))


# --------------------------------------------------------------------------- config files


def config_error(folder: Path, toml: str) -> str:
    (folder / ".awesome-lint.toml").write_text(toml, encoding="utf-8")
    line = one_error_line(run("check", "README.md", cwd=folder))
    assert ".awesome-lint.toml" in line
    return line


CONFIG_ERRORS = {  # what the file says -> what the error line must name
    "broken TOML": ('select = ["table-shape"]\n\n[rules\ntable-shape = "warning"\n', ["line 3"]),
    "unknown rule in select": ('select = ["nope"]\n', ["unknown rule 'nope'"]),
    "unknown rule in [rules]": ('[rules]\ntabel-shape = "warning"\n', ["unknown rule 'tabel-shape'", "did you mean 'table-shape'?"]),
    "unknown severity": ('[rules]\ntable-shape = "fatal"\n', ["'fatal'", "warning"]),
    "severity of the wrong type": ("[rules.table-shape]\nseverity = 3\n", ["table-shape", "severity"]),
    "unknown option": ("[rules.table-shape]\ncolour = 1\n", ["'colour'", "allowed"]),
    "unknown top-level key": ('selct = ["table-shape"]\n', ["'selct'", "select"]),
    "select that is not a list": ('select = "table-shape"\n', ["select"]),
    "select that is empty": ("select = []\n", ["select = []"]),
}


@pytest.mark.parametrize("case", list(CONFIG_ERRORS))
def test_config_errors_name_what_is_wrong(folder, case):
    toml, named = CONFIG_ERRORS[case]
    line = config_error(folder, toml)
    assert all(part in line for part in named), line


def test_unclosed_array_in_pyproject_names_the_last_line(folder):
    (folder / "pyproject.toml").write_text('[tool.awesome-lint]\nselect = ["table-shape"\n', encoding="utf-8")
    line = one_error_line(run("check", "README.md", cwd=folder))
    assert "pyproject.toml" in line and "Unclosed array" in line and "line 2" in line


def test_wrong_option_type(folder):
    from awesome_lint.lint.registry import registry

    # Any rule's first option given a table, which no scalar or list option accepts.
    rule, option = next((r, name) for r in registry().values() for name, field in r.options.model_fields.items() if "dict" not in str(field.annotation))
    line = config_error(folder, f"[rules.{rule.id}]\n{option} = {{ bad = 1 }}\n")
    assert f"rules.{rule.id}.{option}" in line


def test_config_given_on_the_command_line_that_does_not_exist(folder):
    assert "missing.toml" in one_error_line(run("check", "--config", "missing.toml", "README.md", cwd=folder))


def test_config_that_is_not_utf8(folder):
    (folder / ".awesome-lint.toml").write_bytes('select = ["caf\xe9"]\n'.encode("latin-1"))
    assert ".awesome-lint.toml" in one_error_line(run("check", "README.md", cwd=folder))
