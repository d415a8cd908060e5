"""A link whose host cannot be read ('http://[arxiv.org/abs/1') is reported, never a crash.

urllib's urlsplit raises ValueError for such a host; every rule and the link
checker read URLs through awesome_lint.knowledge.urls.split_url, which does not.
"""

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from awesome_lint.cli import main
from awesome_lint.links import LinksConfig, check_links
from awesome_lint.lint.registry import registry

ROOT = Path(__file__).resolve().parent.parent
LIST = (
    "# Awesome X\n\n"
    "- [Foo](http://[arxiv.org/abs/1) - A thing.\n"
    "- [Bar](https://example.org:abc/x) - Another thing.\n\n"
    "## Papers\n\n"
    "- **A Paper Title About Things.** [[pdf]](http://[openaccess.thecvf.com/content/CVPR2021/papers/X_CVPR_2021_paper.pdf) *CVPR 2021*\n"
    "- **Another Paper Title.** [[code]](https://[github.com/owner/repo) *CVPR 2021*\n"
)
# The rules that read URLs, each of which crashed on this list.
URL_RULES = ["insecure-link", "malformed-url", "tech-spelling", "duplicate-link", "year-mismatch"]


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the test tried to reach the network")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


def test_the_real_command_reports_the_links_instead_of_crashing(tmp_path):
    (tmp_path / "t7.md").write_text(LIST)
    result = subprocess.run(
        [sys.executable, "-m", "awesome_lint", "check", "--select", ",".join(registry()), "t7.md"],
        cwd=tmp_path, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, capture_output=True, text=True,
    )
    assert "Traceback" not in result.stderr and result.returncode == 1, result.stderr
    assert "t7.md:3:3: error malformed-url link target 'http://[arxiv.org/abs/1' has an invalid host '[arxiv.org'; did you mean 'http://arxiv.org/abs/1'?" in result.stdout
    assert "t7.md:4:3: error malformed-url link target 'https://example.org:abc/x' has an invalid port 'abc'" in result.stdout


@pytest.mark.parametrize("rule_id", URL_RULES)
def test_each_rule_that_reads_urls_survives_the_list(rule_id, tmp_path, monkeypatch):
    (tmp_path / "t7.md").write_text(LIST)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--format", "json", "--select", rule_id, "t7.md"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1)
    found = json.loads(result.stdout)
    if rule_id == "malformed-url":
        assert sorted(f["line"] for f in found) == [3, 4, 8, 9]
    else:
        assert not any(f["line"] in (3, 8, 9) for f in found)  # nothing else to say about an unreadable host


def test_links_skips_the_link_without_a_request(tmp_path, monkeypatch, no_network):
    (tmp_path / "t7.md").write_text(LIST)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--links", "--format", "json", "--select", "dead-link,link-blocked,redirect,malformed-url", "t7.md"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert {f["rule"] for f in json.loads(result.stdout)} == {"malformed-url"}


@pytest.mark.parametrize(
    "url, reason",
    [
        ("http://[arxiv.org/abs/1", "invalid URL (invalid host '[arxiv.org')"),
        ("https://example.org:abc/x", "invalid URL (invalid port 'abc')"),
        ("https:///path", "invalid URL (no host)"),
    ],
)
def test_the_link_checker_marks_it_skipped(url, reason, no_network):
    status = check_links([url], LinksConfig(), cache_path=None)[url]
    assert (status.state, status.reason) == ("skipped", reason)
