"""`awesome-lint check --links` end to end: the real command, a real server on 127.0.0.1."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from linkserver import LinkServer

ROOT = Path(__file__).resolve().parent.parent


def run(*args, cwd, env=None):
    full = {**os.environ, "PYTHONPATH": str(ROOT)}
    for name in ("GITHUB_ACTIONS", "GITHUB_TOKEN", "GH_TOKEN", "AWESOME_LINT_ALLOW_PRIVATE"):
        full.pop(name, None)
    full.update(env or {})
    return subprocess.run([sys.executable, "-m", "awesome_lint", "check", *args], cwd=cwd, env=full, capture_output=True, text=True)


@pytest.fixture
def server():
    with LinkServer() as s:
        yield s


def write_list(folder: Path, server: LinkServer) -> None:
    (folder / "README.md").write_text(
        "# Tools\n\n"
        f"- [Alive]({server.url('/ok')}) - Fine.\n"
        f"- [Gone]({server.url('/status/410')}) - Gone.\n"
        f"- [Moved]({server.url('/redirect/308/ok')}) - Moved.\n"
        f"- [Robots]({server.url('/status/403')}) - Refuses robots.\n"
    )


def test_links_are_checked_and_reported(tmp_path, server):
    write_list(tmp_path, server)
    result = run("--links", "--allow-private", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert any(l.startswith("README.md:4:3: error dead-link ") and "410" in l for l in lines)
    assert any(l.startswith("README.md:5:3: info redirect ") and server.url("/ok") in l for l in lines)
    assert any(l.startswith("README.md:6:3: warning link-blocked ") for l in lines)
    assert not any("README.md:3:" in l for l in lines)


def test_second_run_uses_the_cache(tmp_path, server):
    write_list(tmp_path, server)
    run("--links", "--allow-private", cwd=tmp_path)
    assert (tmp_path / ".awesome-lint-cache" / "links.json").is_file()
    before = len(server.requested("/ok"))
    dead_before = len(server.requested("/status/410"))
    blocked_before = len(server.requested("/status/403"))
    again = run("--links", "--allow-private", cwd=tmp_path)
    assert len(server.requested("/ok")) == before  # live: from the cache
    assert len(server.requested("/status/410")) == dead_before  # dead: from the cache for an hour
    assert "dead-link" in again.stdout
    assert len(server.requested("/status/403")) > blocked_before  # blocked: always asked again


def test_private_addresses_are_not_requested_by_default_and_not_silent(tmp_path, server):
    write_list(tmp_path, server)
    result = run("--links", cwd=tmp_path)
    assert server.requests == []
    assert "dead-link" not in result.stdout
    notes = [l for l in result.stdout.splitlines() if " info link-not-checked " in l]
    assert len(notes) == 4 and "private address 127.0.0.1" in notes[0]
    assert "4 of 4 links not checked (4 private address)" in result.stderr
    assert "No problems" not in result.stdout


def test_link_not_checked_can_be_turned_off(tmp_path, server):
    write_list(tmp_path, server)
    (tmp_path / ".awesome-lint.toml").write_text('[rules]\nlink-not-checked = "off"\n')
    result = run("--links", cwd=tmp_path)
    assert "link-not-checked" not in result.stdout


def test_allow_private_in_a_config_file_is_refused(tmp_path, server):
    write_list(tmp_path, server)
    (tmp_path / ".awesome-lint.toml").write_text("[links]\nenabled = true\nallow_private = true\n")
    result = run(cwd=tmp_path)
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "allow_private cannot be set in a config file" in result.stderr
    assert "--allow-private or AWESOME_LINT_ALLOW_PRIVATE=1" in result.stderr
    assert server.requests == []


def test_allow_private_from_the_environment(tmp_path, server):
    write_list(tmp_path, server)
    result = run("--links", cwd=tmp_path, env={"AWESOME_LINT_ALLOW_PRIVATE": "1"})
    assert "dead-link" in result.stdout and server.requests


def test_links_enabled_from_config_and_off_without(tmp_path, server):
    write_list(tmp_path, server)
    assert "dead-link" not in run(cwd=tmp_path).stdout and server.requests == []
    (tmp_path / ".awesome-lint.toml").write_text("[links]\nenabled = true\n")
    assert "dead-link" in run("--allow-private", cwd=tmp_path).stdout


def test_bad_links_config_is_one_line(tmp_path, server):
    write_list(tmp_path, server)
    (tmp_path / ".awesome-lint.toml").write_text("[links]\ntimeout = 'soon'\n")
    result = run(cwd=tmp_path)
    assert result.returncode == 2 and "links.timeout" in result.stderr and result.stderr.count("\n") == 1


def test_diff_base_checks_only_links_on_changed_lines(tmp_path, server):
    git = lambda *a: subprocess.run(["git", "-C", str(tmp_path), *a], check=True, capture_output=True)
    git("init", "-q")
    git("config", "user.email", "t@example.com")
    git("config", "user.name", "T")
    write_list(tmp_path, server)
    git("add", "README.md")
    git("commit", "-qm", "list")
    with open(tmp_path / "README.md", "a") as out:
        out.write(f"- [New]({server.url('/status/404')}) - New and dead.\n")
    result = run("--links", "--allow-private", "--diff-base", "HEAD", cwd=tmp_path)
    assert {r.path for r in server.requests} == {"/status/404"}
    assert result.stdout.splitlines()[0].startswith("README.md:7:3: error dead-link ")
