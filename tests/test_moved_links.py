"""A link that moved, as the link checker saw it: a permanent redirect or a renamed GitHub repository.

LinkStatus.moved_to is the one place that says where a link now lives; the
redirect rule reports it and --fix links it.
"""

import ipaddress
import socket
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))  # for linkserver, whatever pytest's import mode

from linkserver import LinkServer  # noqa: E402

from awesome_lint.cli import main  # noqa: E402
from awesome_lint.links import LinkStatus  # noqa: E402


@pytest.mark.parametrize(
    "fields, moved_to",
    [
        ({"state": "redirect", "status": 301, "final_url": "https://example.org/new"}, "https://example.org/new"),
        ({"state": "redirect", "final_url": "https://github.com/new/name", "renamed_to": "new/name"}, "https://github.com/new/name"),
        ({"state": "alive", "status": 200}, None),
        ({"state": "dead", "status": 404}, None),
    ],
)
def test_moved_to(fields, moved_to):
    assert LinkStatus(url="https://example.org/old", **fields).moved_to == moved_to


@pytest.fixture
def loopback_only(monkeypatch):
    real_connect = socket.socket.connect

    def connect(self, address):
        if isinstance(address, tuple) and not ipaddress.ip_address(address[0]).is_loopback:
            raise AssertionError(f"the test tried to connect to {address}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)


def test_a_renamed_repository_is_reported_and_fixed_through_the_real_command(tmp_path, monkeypatch, loopback_only):
    with LinkServer() as github:
        github.repositories.update({"old/name": {"nameWithOwner": "new/name", "isArchived": False}})
        (tmp_path / ".awesome-lint.toml").write_text(f'[links]\ngithub_api = "{github.url("/graphql")}"\n')
        (tmp_path / "README.md").write_text("# Tools\n\n- [Tool](https://github.com/old/name) - Does things.\n")
        monkeypatch.chdir(tmp_path)
        monkeypatch.setenv("GITHUB_TOKEN", "t0ken")
        monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
        args = ["check", "--links", "--allow-private", "--select", "redirect"]
        reported = CliRunner().invoke(main, [*args, "README.md"])
        assert "README.md:3:3: info redirect https://github.com/old/name repository was renamed to new/name; link https://github.com/new/name" in reported.stdout
        fixed = CliRunner().invoke(main, [*args, "--fix", "README.md"])
        assert fixed.exit_code == 0, fixed.output
        assert (tmp_path / "README.md").read_text() == "# Tools\n\n- [Tool](https://github.com/new/name) - Does things.\n"
        assert [r.path for r in github.requests] == ["/graphql"]  # never github.com itself; the --fix run reads the cache
