"""The pre-commit hooks, tried with the real pre-commit from a copy of this checkout.

``pre-commit try-repo`` builds the hook's virtualenv and pip-installs this
package into it, so it needs the package index; it is skipped only when
pre-commit itself is not installed.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from gitrepo import GIT_ENV, git

ROOT = Path(__file__).resolve().parent.parent
# What pip needs to build and install the package: the copy leaves out tests and caches.
PACKAGE = ["awesome_lint", "rules", "pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "LICENSE"]
CLEAN = "# Awesome Things\n\n| Name | Link |\n| --- | --- |\n| One | [site](https://one.example) |\n"
BROKEN = CLEAN + "| Two | [site](https://two.example) | lost |\n"


def hooks() -> dict[str, dict]:
    return {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}


def test_the_hooks_manifest():
    found = hooks()
    assert set(found) == {"awesome-lint", "awesome-lint-links"}
    offline, online = found["awesome-lint"], found["awesome-lint-links"]
    assert offline["entry"] == "awesome-lint check" and offline["language"] == "python" and offline["types"] == ["markdown"]
    assert "stages" not in offline and offline.get("pass_filenames", True)
    assert online["entry"] == "awesome-lint check --links" and online["stages"] == ["manual"]


def committed_copy_of_this_checkout(target: Path) -> Path:
    """The working tree as it is now, committed in a repository of its own (try-repo reads commits)."""
    target.mkdir()
    for name in PACKAGE:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif source.is_file():
            shutil.copy2(source, target / name)
    git(target, "init", "--quiet")
    git(target, "add", "-A")
    git(target, "commit", "--quiet", "-m", "awesome-lint")
    return target


def pre_commit_command() -> list[str] | None:
    if importlib.util.find_spec("pre_commit") is not None:
        return [sys.executable, "-m", "pre_commit"]
    found = shutil.which("pre-commit")
    return [found] if found else None


@pytest.mark.skipif(pre_commit_command() is None, reason="pre-commit is not installed (pip install pre-commit)")
def test_try_repo_passes_a_clean_list_and_fails_a_broken_one(tmp_path):
    hook_repo = committed_copy_of_this_checkout(tmp_path / "awesome-lint")
    project = tmp_path / "project"
    project.mkdir()
    git(project, "init", "--quiet")
    # Only the rules this test is about, whatever else the default rule set grows into.
    (project / ".awesome-lint.toml").write_text('select = ["table-shape"]\n')
    (project / "README.md").write_text(CLEAN)
    (project / "NOTES.txt").write_text(BROKEN)  # not Markdown: the hook must not read it
    git(project, "add", "-A")
    env = {**GIT_ENV, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "PRE_COMMIT_COLOR": "never"}

    def try_repo() -> subprocess.CompletedProcess:
        return subprocess.run([*pre_commit_command(), "try-repo", str(hook_repo), "--all-files"], cwd=project, env=env, capture_output=True, text=True)

    clean = try_repo()
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "awesome-lint" in clean.stdout and "Passed" in clean.stdout
    assert "awesome-lint (links)" not in clean.stdout  # the online hook runs only when asked for

    (project / "README.md").write_text(BROKEN)
    git(project, "add", "-A")
    broken = try_repo()
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "Failed" in broken.stdout
    assert "README.md:6:" in broken.stdout and "table-shape" in broken.stdout and "GitHub drops the extra cell: 'lost'" in broken.stdout
