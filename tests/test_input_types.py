"""Input that looks almost right gets a clear no: UTF-16 files, config values of the wrong type."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*args, cwd):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run([sys.executable, "-m", "awesome_lint", *args], cwd=cwd, env=env, capture_output=True, text=True)


def test_utf16_file_is_named_as_such(tmp_path):
    (tmp_path / "README.md").write_bytes("# Awesome X\n".encode("utf-16"))
    result = run("check", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "awesome-lint: error: README.md: UTF-16 text; save it as UTF-8 (GitHub renders UTF-8 READMEs)\n"


@pytest.mark.parametrize(
    "config, key",
    [
        ('[links]\nenabled = "yes"\n', "links.enabled"),
        ('[rules.toc]\nignore = "Contents"\n', "rules.toc.ignore"),
        ('[rules.entry-format]\ntitle_period = 3\n', "rules.entry-format.title_period"),
    ],
)
def test_a_value_of_the_wrong_type_is_an_error_not_a_guess(tmp_path, config, key):
    (tmp_path / ".awesome-lint.toml").write_text(config)
    (tmp_path / "README.md").write_text("# Awesome X\n")
    result = run("check", cwd=tmp_path)
    assert result.returncode == 2 and key in result.stderr and result.stderr.count("\n") == 1
