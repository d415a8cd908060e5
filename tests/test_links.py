"""The online link checker, against real local servers (tests/linkserver.py): no mocked HTTP.

Every test runs inside a network sandbox: a name other than a loopback one
does not resolve, and a connection to anything but a loopback address fails
the test, so a bug cannot send a request out of the machine.
"""

from __future__ import annotations

import ipaddress
import itertools
import json
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from pydantic import ValidationError

sys.path.insert(0, str(Path(__file__).parent))  # for linkserver, whatever pytest's import mode

from linkserver import InFlight, LinkServer  # noqa: E402

from awesome_lint.links import (  # noqa: E402
    LinksConfig,
    LinkStatus,
    check_links,
    probe,  # noqa: E402
    token_allowed,
)
from awesome_lint.links.addresses import refusal_reason  # noqa: E402
from awesome_lint.links.checker import _jobs  # noqa: E402
from awesome_lint.links.github import BATCH_SIZE, auth_headers, find_token, repository_of  # noqa: E402
from awesome_lint.links.github_rest import RepositoryError, fetch_repository  # noqa: E402
from awesome_lint.links.probe import rate_limit_wait, retry_after_seconds  # noqa: E402
from awesome_lint.links.transport import USER_AGENT  # noqa: E402

LOOPBACK_NAMES = {"127.0.0.1", "::1", "localhost"}


class Sandbox:
    """What the code under test tried to reach outside loopback."""

    def __init__(self) -> None:
        self.lookups: list[str] = []
        self.violations: list[str] = []


def _is_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return False
    return True


@pytest.fixture(autouse=True)
def sandbox(monkeypatch):
    box = Sandbox()
    real_getaddrinfo = socket.getaddrinfo
    real_connect = socket.socket.connect

    def getaddrinfo(host, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else host
        if name is None or name.strip("[]") in LOOPBACK_NAMES or _is_address(name):
            return real_getaddrinfo(host, *args, **kwargs)  # no DNS query; connect() guards
        box.lookups.append(name)
        if name.startswith("temporary."):
            raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    def connect(self, address):
        if isinstance(address, tuple) and not ipaddress.ip_address(address[0]).is_loopback:
            box.violations.append(str(address))
            raise AssertionError(f"the test tried to connect to {address}")
        return real_connect(self, address)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", connect)
    yield box
    assert box.violations == []


@pytest.fixture(autouse=True)
def quick_backoff(monkeypatch):
    monkeypatch.setattr(probe, "BACKOFF_SECONDS", 0.05)


@pytest.fixture
def server():
    with LinkServer() as running:
        yield running


@pytest.fixture
def other():
    """A second server: another host as far as the checker is concerned."""
    with LinkServer() as running:
        yield running


def local(**options) -> LinksConfig:
    """Options for the local servers: loopback allowed (as --allow-private does), short deadlines."""
    return LinksConfig(**{"timeout": 2.0, **options}).trusted(allow_private=True)


def check_one(url: str, config: LinksConfig | None = None, **kwargs) -> LinkStatus:
    return check_links([url], config or local(), cache_path=None, **kwargs)[url]


# --- what each answer means ---------------------------------------------------------------

ELEVEN_REDIRECTS = "/redirect/301" * 11 + "/ok"


@pytest.mark.parametrize(
    ("path", "state", "status", "reason"),
    [
        ("/ok", "alive", 200, "200 OK"),
        ("/status/404", "dead", 404, "404 Not Found"),
        ("/status/410", "dead", 410, "410 Gone"),
        ("/redirect/302/ok", "alive", 200, "200 OK"),
        ("/redirect/307/ok", "alive", 200, "200 OK"),
        ("/redirect/301/redirect/302/ok", "alive", 200, "200 OK"),
        ("/nohead", "alive", 200, "200 OK"),
        ("/status/401", "blocked", 401, "401 Unauthorized"),
        ("/status/403", "blocked", 403, "403 Forbidden"),
        ("/status/999", "blocked", 999, "999"),
        ("/status/500", "blocked", 500, "500 Internal Server Error"),
        ("/flaky/503/2", "alive", 200, "200 OK"),
        ("/flaky/502/1", "alive", 200, "200 OK"),
        ("/flaky/503/9", "blocked", 503, "503 Service Unavailable after 3 tries"),
        ("/flaky/429/9", "blocked", 429, "429 Too Many Requests after 3 tries"),
        (ELEVEN_REDIRECTS, "blocked", 301, "more than 10 redirects"),
    ],
)
def test_each_answer_has_its_state(server, path, state, status, reason):
    result = check_one(server.url(path))
    assert (result.state, result.status, result.reason) == (state, status, reason)
    assert result.url == server.url(path)


def test_a_chain_of_permanent_redirects_is_a_redirect_to_its_end(server):
    result = check_one(server.url("/redirect/301/redirect/308/ok"))
    assert result.state == "redirect"
    assert result.final_url == server.url("/ok")
    assert [r.path for r in server.requests] == [
        "/redirect/301/redirect/308/ok",
        "/redirect/308/ok",
        "/ok",
    ]


def test_a_redirect_to_a_missing_page_is_dead_and_names_it(server):
    result = check_one(server.url("/redirect/301/status/404"))
    assert result.state == "dead"
    assert result.reason == f"404 Not Found at {server.url('/status/404')}"


def test_head_refused_is_asked_again_with_get(server):
    check_one(server.url("/nohead"))
    assert [r.method for r in server.requested("/nohead")] == ["HEAD", "GET"]


def test_a_missing_page_is_confirmed_with_get(server):
    check_one(server.url("/status/404"))
    assert [r.method for r in server.requested("/status/404")] == ["HEAD", "GET"]


def test_accepted_codes_count_as_alive(server):
    assert check_one(server.url("/status/403"), local(accept=[403])).state == "alive"


def test_a_huge_body_is_not_read(server):
    result = check_one(server.url("/huge"))
    assert result.state == "alive"
    # The server writes until the client hangs up; it never stops on its own. What it got
    # written before that is what the client read plus what the socket buffers held.
    assert server.huge_closed.wait(10)
    assert server.huge_bytes_sent < 16 << 20


def test_a_slow_answer_is_not_checked_after_its_tries(server):
    result = check_one(server.url("/slow/3"), local(timeout=0.3, retries=1))
    assert (result.state, result.reason) == ("unchecked", "no whole answer within 0.3 s after 2 tries")
    assert len(server.requested("/slow/3")) == 2


@pytest.mark.parametrize("path", ["/drip/headers/1", "/drip/body/1"])
def test_an_answer_dripped_a_byte_at_a_time_is_cut_at_the_deadline(server, path):
    # Each byte comes within the read timeout; only a deadline for the whole exchange stops it.
    # The run's own deadline (max_time) is generous: the exchange's must end it first.
    result = check_one(server.url(path), local(timeout=1.0, retries=0, max_time=120))
    assert (result.state, result.reason) == ("unchecked", "no whole answer within 1 s")
    assert server.drip_cut.wait(10)  # the checker hung up; the server had ~1,000 more bytes to go
    assert [r.method for r in server.requested(path)] == (["HEAD"] if "headers" in path else ["HEAD", "GET"])


def test_the_run_deadline_leaves_the_rest_not_checked(server):
    urls = [server.url("/ok")] + [server.url(f"/slow/30?n={n}") for n in range(4)]
    results = check_links(urls, local(timeout=60, max_time=1.0, concurrency=2), cache_path=None)
    assert results[urls[0]].state == "alive"
    for url in urls[1:]:
        assert results[url].state == "unchecked"
        assert "max_time" in results[url].reason


def test_a_refused_connection_is_dead():
    with socket.socket() as probe_socket:
        probe_socket.bind(("127.0.0.1", 0))
        port = probe_socket.getsockname()[1]  # closed again before the check: nobody listens
    result = check_one(f"http://127.0.0.1:{port}/")
    assert (result.state, result.reason) == ("dead", "connection refused")


def by_name(url: str) -> str:
    """The server's URL with the name ``localhost`` for its address: a name that resolves, without DNS."""
    return url.replace("127.0.0.1", "localhost", 1)


def test_an_unknown_name_is_dead_when_another_name_resolves(server, sandbox):
    alive = by_name(server.url("/ok"))
    results = check_links(
        ["http://no-such-host.invalid/", "http://temporary.invalid/", alive],
        local(retries=0),
        cache_path=None,
    )
    assert (results["http://no-such-host.invalid/"].state, results["http://no-such-host.invalid/"].reason) == ("dead", "DNS lookup failed")
    assert results["http://temporary.invalid/"].state == "blocked"  # a lookup that may pass next time
    assert results[alive].state == "alive"


def test_an_unknown_name_settled_before_any_name_resolves_is_still_dead(server):
    # One worker: the unknown name fails first, while nothing has resolved yet.
    alive = by_name(server.url("/ok"))
    results = check_links(["http://no-such-host.invalid/", alive], local(retries=0, concurrency=1), cache_path=None)
    assert [status.state for status in results.values()] == ["dead", "alive"]


def test_when_no_name_resolves_the_network_is_suspect_and_no_link_is_dead(server, sandbox):
    """No network (every lookup fails): links are blocked, not dead, and a request to an address proves nothing about DNS."""
    urls = ["http://no-such-host.invalid/", "https://github.com/owner/repo", server.url("/ok")]
    results = check_links(urls, local(retries=0), cache_path=None)
    assert sandbox.lookups and set(sandbox.lookups) == {"no-such-host.invalid", "github.com"}
    for url in urls[:2]:
        assert (results[url].state, results[url].reason) == ("blocked", "no DNS answers for any host: is the network down?")
    assert results[urls[2]].state == "alive"


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl to make a certificate")
def test_a_certificate_that_does_not_verify_is_dead(tmp_path):
    pem = tmp_path / "self-signed.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-keyout",
            str(pem),
            "-out",
            str(pem),
        ],
        check=True,
        capture_output=True,
    )
    with LinkServer(certfile=str(pem)) as tls:
        result = check_one(tls.url("/ok"))
    assert result.state == "dead"
    assert result.reason.startswith("TLS error")


def test_urls_that_are_not_http_are_skipped_without_a_request(server):
    urls = [
        "mailto:someone@example.com",
        "ftp://example.com/file",
        "#section",
        "docs/a.md",
        "http://",
    ]
    results = check_links(urls, local(), cache_path=None)
    assert {url: status.state for url, status in results.items()} == dict.fromkeys(urls, "skipped")
    assert results["mailto:someone@example.com"].reason == "unsupported scheme 'mailto'"


def test_excluded_urls_are_never_requested(server):
    results = check_links(
        [server.url("/status/404"), server.url("/ok")],
        local(exclude=[r"/status/\d+$"]),
        cache_path=None,
    )
    assert results[server.url("/status/404")].state == "excluded"
    assert results[server.url("/ok")].state == "alive"
    assert [r.path for r in server.requests] == ["/ok"]


# --- once per run, and the cache between runs ---------------------------------------------


def test_each_unique_url_is_requested_once(server):
    urls = [server.url("/ok"), server.url("/ok"), server.url("/ok#intro"), server.url("/ok#usage")]
    results = check_links(urls, local(), cache_path=None)
    assert list(results) == [server.url("/ok"), server.url("/ok#intro"), server.url("/ok#usage")]
    assert all(status.state == "alive" for status in results.values())
    assert results[server.url("/ok#intro")].url == server.url("/ok#intro")
    assert len(server.requested("/ok")) == 1


def test_a_second_run_requests_only_what_was_not_live(server, tmp_path):
    cache = tmp_path / "cache" / "links.json"
    urls = [server.url("/ok"), server.url("/redirect/301/ok"), server.url("/status/404")]
    first = check_links(urls, local(), cache_path=cache)
    assert not any(status.from_cache for status in first.values())
    made = len(server.requests)

    second = check_links(urls, local(), cache_path=cache)
    assert server.requests[made:] == []  # dead results are kept for an hour: nothing asked again
    assert second[server.url("/status/404")].from_cache
    assert second[server.url("/ok")].from_cache
    assert second[server.url("/redirect/301/ok")].state == "redirect"
    assert second[server.url("/redirect/301/ok")].from_cache
    assert second[server.url("/status/404")].state == "dead"


def _age_cache(path: Path, days: float) -> None:
    cache = json.loads(path.read_text())
    for entry in cache["links"].values():
        entry["checked_at"] -= days * 86400
    path.write_text(json.dumps(cache))


@pytest.mark.parametrize(("age", "requested_again"), [(6, False), (8, True)])
def test_live_results_are_reused_for_max_age_days(server, tmp_path, age, requested_again):
    cache = tmp_path / "links.json"
    check_links([server.url("/ok")], local(max_age=7), cache_path=cache)
    _age_cache(cache, age)
    result = check_links([server.url("/ok")], local(max_age=7), cache_path=cache)[server.url("/ok")]
    assert len(server.requested("/ok")) == (2 if requested_again else 1)
    assert result.from_cache is not requested_again


@pytest.mark.parametrize(("hours", "requested_again"), [(0.5, False), (2, True), (24, True)])
def test_dead_results_are_reused_for_dead_max_age_hours(server, tmp_path, hours, requested_again):
    cache = tmp_path / "links.json"
    url = server.url("/status/404")
    check_links([url], local(), cache_path=cache)
    _age_cache(cache, hours / 24)
    result = check_links([url], local(), cache_path=cache)[url]
    assert result.state == "dead"
    assert len(server.requested("/status/404")) == (4 if requested_again else 2)  # HEAD and GET
    assert result.from_cache is not requested_again


def test_blocked_and_unchecked_results_are_always_asked_again(server, tmp_path):
    cache = tmp_path / "links.json"
    urls = [server.url("/status/403"), server.url("/slow/3")]
    config = local(timeout=0.3, retries=0)
    first = check_links(urls, config, cache_path=cache)
    assert [status.state for status in first.values()] == ["blocked", "unchecked"]
    second = check_links(urls, config, cache_path=cache)
    assert not any(status.from_cache for status in second.values())
    assert len(server.requested("/slow/3")) == 2


def test_a_broken_cache_file_is_replaced(server, tmp_path):
    cache = tmp_path / "links.json"
    cache.write_text("{not json")
    assert (
        check_links([server.url("/ok")], local(), cache_path=cache)[server.url("/ok")].state
        == "alive"
    )
    assert list(json.loads(cache.read_text())["links"]) == [server.url("/ok")]


# --- safety --------------------------------------------------------------------------------


def test_allow_private_cannot_come_from_a_config_file():
    with pytest.raises(ValidationError, match="cannot be set in a config file"):
        LinksConfig(allow_private=True)
    assert LinksConfig(allow_private=False).allow_private is False
    assert LinksConfig().trusted(allow_private=True).allow_private is True


def test_private_addresses_are_skipped_by_default(server):
    result = check_one(server.url("/ok"), LinksConfig())
    assert result.state == "skipped"
    assert result.reason == "private address 127.0.0.1 (use --allow-private)"
    assert server.requests == []


@pytest.mark.parametrize("url", ["https://127.0.0.1:9/", "http://localhost:9/", "http://[::1]:9/"])
def test_private_addresses_are_skipped_before_connecting(url):
    # Nothing listens on port 9: a connection attempt would make the link "dead", not "skipped".
    result = check_one(url, LinksConfig())
    assert result.state == "skipped"
    assert result.reason.startswith("private address ")


def test_every_redirect_hop_is_checked(server, sandbox):
    # Even with allow_private the metadata address is refused; each hop is checked before connecting
    url = server.url("/away/302?to=http://169.254.169.254/latest/meta-data/")
    result = check_one(url)
    assert result.state == "skipped"
    assert result.reason == (
        "redirects to http://169.254.169.254/latest/meta-data/: "
        "cloud metadata address 169.254.169.254"
    )
    assert sandbox.violations == []


@pytest.mark.parametrize(
    ("address", "allowed_by_default", "allowed_with_allow_private"),
    [
        ("93.184.215.14", True, True),
        ("2606:2800:21f:cb07:6820:80da:af6b:8b2c", True, True),
        ("127.0.0.1", False, True),
        ("::1", False, True),
        ("10.1.2.3", False, True),
        ("172.16.0.1", False, True),
        ("192.168.1.1", False, True),
        ("100.64.0.1", False, True),
        ("169.254.10.10", False, True),
        ("fe80::1", False, True),
        ("fc00::1", False, True),
        ("224.0.0.251", False, True),
        ("0.0.0.0", False, True),
        ("240.0.0.1", False, True),
        ("::ffff:127.0.0.1", False, True),
        ("::ffff:93.184.215.14", True, True),
        ("169.254.169.254", False, False),
        ("fd00:ec2::254", False, False),
        ("::ffff:169.254.169.254", False, False),
    ],
)
def test_which_addresses_may_be_requested(address, allowed_by_default, allowed_with_allow_private):
    assert (refusal_reason(address, False) is None) is allowed_by_default
    assert (refusal_reason(address, True) is None) is allowed_with_allow_private


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://github.com/owner/repo", False),  # pages: only with github_token_for_pages
        ("https://github.com/owner/repo/issues/1", False),
        ("https://api.github.com/graphql", True),
        ("https://API.github.com/repos/owner/repo", True),
        ("https://api.github.com:443/graphql", True),
        ("http://api.github.com/graphql", False),
        ("https://api.github.com:8443/graphql", False),
        ("https://api.github.com.evil.example/graphql", False),
        ("https://user@api.github.com/graphql", False),
        ("http://github.com/owner/repo", False),
        ("https://github.com:8443/owner/repo", False),
        ("https://gist.github.com/owner/1", False),
        ("https://raw.githubusercontent.com/owner/repo/main/README.md", False),
        ("https://github.com.evil.example/owner/repo", False),
        ("https://evil.example/github.com", False),
        ("https://github.com@evil.example/", False),
        ("https://user@github.com/", False),
        ("https://127.0.0.1/", False),
    ],
)
def test_where_the_token_may_go(url, allowed):
    assert token_allowed(url) is allowed
    assert bool(auth_headers(url, "secret")) is allowed


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://github.com/owner/repo", True),
        ("https://GitHub.com/owner/repo/tree/main", True),
        ("https://github.com:443/owner/repo", True),
        ("https://api.github.com/graphql", True),
        ("http://github.com/owner/repo", False),
        ("https://gist.github.com/owner/1", False),
        ("https://github.com@evil.example/", False),
    ],
)
def test_where_the_token_may_go_with_github_token_for_pages(url, allowed):
    assert token_allowed(url, pages=True) is allowed
    assert bool(auth_headers(url, "secret", pages=True)) is allowed


@pytest.mark.parametrize(("pages", "to_pages"), [(False, False), (True, True)])
def test_the_checker_sends_the_token_to_pages_only_when_told(pages, to_pages):
    config = LinksConfig(github_token_for_pages=pages)
    (job,) = _jobs(["https://github.com/owner/repo/issues/1"], config, "secret", run_ends=0.0)
    assert bool(job.settings.headers_for("https://github.com/owner/repo/issues/1")) is to_pages
    assert job.settings.headers_for("https://api.github.com/repos/owner/repo") == {"Authorization": "Bearer secret"}
    assert job.settings.headers_for("https://example.com/") == {}


def test_the_token_is_found_in_the_environment_or_gh(tmp_path):
    assert find_token({"GITHUB_TOKEN": "one", "GH_TOKEN": "two", "PATH": ""}) == "one"
    assert find_token({"GH_TOKEN": "two", "PATH": ""}) == "two"
    assert find_token({"PATH": str(tmp_path)}) is None
    gh = tmp_path / "gh"
    gh.write_text("#!/bin/sh\n[ \"$1 $2\" = 'auth token' ] && echo three\n")
    gh.chmod(0o755)
    assert find_token({"PATH": str(tmp_path)}) == "three"


def test_the_token_is_sent_to_no_other_host_even_after_a_redirect(server, other):
    urls = [server.url("/ok"), server.url(f"/away/302?to={other.url('/ok')}")]
    results = check_links(urls, local(), cache_path=None, token="secret-token")
    assert all(status.state == "alive" for status in results.values())
    assert len(other.requests) == 1
    for request in server.requests + other.requests:
        assert "authorization" not in request.headers
        assert all("secret-token" not in value for value in request.headers.values())


class RecordingTransport:
    """Answers from a script instead of the network, to follow the token across hosts the sandbox
    cannot serve (https://api.github.com); every other test here uses real local servers."""

    def __init__(self, answers: dict[str, tuple[int, dict[str, str]]]):
        self.answers = answers
        self.sent: list[tuple[str, dict[str, str]]] = []

    def request(self, method, url, *, headers=None, json_body=None, max_body=0):
        self.sent.append((url, dict(headers or {})))
        status, extra = self.answers[url]
        return probe.Reply(status, "", extra)


@pytest.mark.parametrize("pages", [False, True])
def test_the_token_stays_with_the_api_host_across_redirects(pages):
    api, page, elsewhere = (
        "https://api.github.com/repos/owner/repo",
        "https://github.com/owner/repo",
        "https://evil.example/owner/repo",
    )
    transport = RecordingTransport(
        {api: (301, {"Location": page}), page: (302, {"Location": elsewhere}), elsewhere: (200, {})}
    )
    config = LinksConfig(github_token_for_pages=pages)
    (job,) = _jobs([api], config, "secret", run_ends=float("inf"))
    while not (step := job.step(transport, 0.0)).results:
        assert step.retry_in == 0.0
    assert step.results[0].state == "alive"
    carried = [url for url, headers in transport.sent if "Authorization" in headers]
    assert carried == ([api, page] if pages else [api])


def test_the_repository_metadata_call_goes_through_the_guards_and_the_cache(server, tmp_path):
    server.repositories["me/list"] = {"full_name": "me/list", "description": "Good things"}
    cache = tmp_path / "github-repository.json"
    for _ in range(2):
        answer = fetch_repository("me/list", "secret", api=server.url(""), cache=cache)
        assert answer["description"] == "Good things"
    (asked,) = server.requested("/repos/me/list")  # the second answer came from the cache
    assert asked.headers["authorization"] == "Bearer secret"  # an API address the caller named
    assert asked.headers["user-agent"] == USER_AGENT
    with pytest.raises(RepositoryError, match="cloud metadata address 169.254.169.254"):
        fetch_repository("me/list", "secret", api="http://169.254.169.254")


def test_the_repository_metadata_call_follows_no_redirect(server, other):
    other.repositories["me/list"] = {"full_name": "me/list"}
    api = server.url(f"/away/301?to={other.url('/repos/me/list')}&")
    with pytest.raises(RepositoryError, match="answered 301"):
        fetch_repository("me/list", "secret", api=api)
    assert other.requests == []


def test_requests_name_the_tool(server):
    check_one(server.url("/ok"))
    assert server.requests[0].headers["user-agent"] == USER_AGENT
    assert USER_AGENT.startswith("awesome-lint/")


def test_cookies_are_not_kept(server):
    urls = [server.url("/cookie/ok?hop"), server.url("/ok?later")]
    results = check_links(urls, local(concurrency=1), cache_path=None)
    assert all(status.state == "alive" for status in results.values())
    first, *later = server.requests  # one worker: the cookie is set before anything else is asked
    assert first.path == "/cookie/ok?hop"
    assert sorted(request.path for request in later) == ["/ok", "/ok?later"]
    assert all("cookie" not in request.headers for request in later)


# --- limits and waits ----------------------------------------------------------------------


def test_no_more_than_per_host_requests_at_once(server):
    urls = [server.url(f"/slow/0.2?n={n}") for n in range(12)]
    check_links(urls, local(concurrency=8, per_host=3), cache_path=None)
    assert 2 <= server.in_flight.most <= 3


def test_no_more_than_concurrency_requests_at_once():
    shared = InFlight()
    with LinkServer(in_flight=shared) as first, LinkServer(in_flight=shared) as second:
        urls = [s.url(f"/slow/0.2?n={n}") for s in (first, second) for n in range(5)]
        check_links(urls, local(concurrency=2, per_host=8), cache_path=None)
    assert shared.most == 2


def per_client(server: LinkServer, **options) -> LinksConfig:
    """Options that make ``server`` the GitHub API host: a host known to rate-limit per client."""
    return local(github_api=server.url("/graphql"), **options)


def test_retry_after_holds_only_its_own_url(server):
    limited, later = "/flaky/429/1?retry_after=1", "/ok?later"
    results = check_links(
        [server.url(limited), server.url(later)], local(concurrency=1), cache_path=None
    )
    assert results[server.url(limited)].state == "alive"
    refused, retried = server.requested(limited)
    (asked,) = server.requested(later)
    assert retried.at - refused.at >= 0.95  # the URL waited as asked...
    assert refused.at < asked.at < retried.at  # ...and the host's other URL did not


def test_one_urls_long_retry_after_does_not_hide_another_urls_404(server):
    long_wait = "/flaky/429/9?retry_after=120"
    urls = [server.url(long_wait), server.url("/status/404"), server.url("/ok")]
    results = check_links(urls, local(concurrency=1), cache_path=None)
    assert [status.state for status in results.values()] == ["unchecked", "dead", "alive"]
    assert results[urls[0]].reason == (
        "429 Too Many Requests, asked to wait 120 s (more than 60 s for one link)"
    )
    assert [r.method for r in server.requested("/status/404")] == ["HEAD", "GET"]
    assert len(server.requested(long_wait)) == 1


def test_a_wait_beyond_the_runs_time_is_not_checked_and_says_so(server):
    url = server.url("/flaky/429/9?retry_after=30")
    result = check_one(url, local(max_time=5))
    assert (result.state, result.reason) == (
        "unchecked",
        "429 Too Many Requests, asked to wait 30 s (more than the run's time left)",
    )


def test_many_urls_of_a_host_limited_at_once_pause_the_host(server):
    limited = [f"/flaky/429/1?retry_after=1&n={n}" for n in range(3)]
    urls = [server.url(path) for path in [*limited, "/ok?after"]]
    results = check_links(urls, local(concurrency=1), cache_path=None)
    assert all(status.state == "alive" for status in results.values())
    third = server.requested(limited[2])[0]
    (after,) = server.requested("/ok?after")
    assert after.at - third.at >= 0.95  # three of three answers were 429s: the host waits


def test_a_host_out_of_its_rate_limit_gets_no_request_during_its_pause():
    paths = [f"/ratelimit/{n}?pause=1" for n in range(8)]
    with LinkServer(latency=0.02) as server:
        results = check_links(
            [server.url(path) for path in paths], local(concurrency=2, per_host=2), cache_path=None
        )
    assert all(status.state == "alive" for status in results.values())
    first = server.requests[0]
    limited_until = first.at + 1.0  # the server's pause, from its first answer
    answered = first.at + 0.02
    # Requests sent with the first one may arrive just after it; none while the pause runs.
    during = [r.path for r in server.requests if answered + 0.1 < r.at < limited_until]
    assert during == []
    # Waiting for the host's limit costs no try: every link came through.
    assert len(server.requests) <= len(paths) + 2


def test_a_host_known_to_limit_per_client_is_held_whole(server):
    limited, later = "/flaky/429/1?retry_after=1", "/ok?later"
    results = check_links(
        [server.url(limited), server.url(later)], per_client(server, concurrency=1), cache_path=None
    )
    assert results[server.url(limited)].state == "alive"
    refused, retried = server.requested(limited)
    (waited,) = server.requested(later)
    assert retried.at - refused.at >= 0.95
    assert waited.at - refused.at >= 0.95  # the other URL of the host waited too


LATENCY = 0.05
FIRST, SECOND = "/flaky/429/2?retry_after=1&first", "/flaky/429/2?retry_after=1&second"


def two_waves_of_429s() -> LinkServer:
    """A host that limits per client, two links a pause apart; the server, closed, with its request log.

    Four at a time: FIRST with three slow links, then SECOND with three more,
    then three slow links still queued when SECOND's pause ends. Each of
    FIRST and SECOND answers 429 (Retry-After: 1) twice before 200.
    """
    slow = [f"/slow/0.3?{n}" for n in range(9)]
    paths = [FIRST, *slow[:3], SECOND, *slow[3:]]
    with LinkServer(latency=LATENCY) as server:
        results = check_links(
            [server.url(path) for path in paths],
            per_client(server, concurrency=4, per_host=4),
            cache_path=None,
        )
    assert [status.state for status in results.values()] == ["alive"] * len(paths)
    return server


def test_links_rate_limited_at_different_times_are_asked_again_together():
    server = two_waves_of_429s()
    first = server.requested(FIRST)
    second = server.requested(SECOND)
    assert second[0].at - first[0].at >= 0.95  # limited a whole pause apart...
    assert abs(second[1].at - first[1].at) < 0.5  # ...but asked again at once: one pause for both
    assert abs(second[2].at - first[2].at) < 0.5


def test_no_request_reaches_a_host_while_its_retry_after_runs():
    server = two_waves_of_429s()
    for path in (FIRST, SECOND):
        tries = server.requested(path)
        for refused, retried in itertools.pairwise(tries):  # each 429, and the next try
            answered = refused.at + LATENCY  # the server answers no sooner
            assert retried.at >= answered + 1.0
            # Requests already on their way when the 429 came back may arrive just after it.
            during = [r.path for r in server.requests if answered + 0.1 < r.at < answered + 1.0]
            assert during == [], f"{during} sent while the 429 to {path} paused the host"


def test_a_paused_host_does_not_hold_the_worker(server, other):
    limited = "/flaky/429/1?retry_after=1"
    config = per_client(server, concurrency=1)
    check_links([server.url(limited), other.url("/ok")], config, cache_path=None)
    refused, retried = server.requested(limited)
    (elsewhere,) = other.requested("/ok")
    assert refused.at < elsewhere.at < retried.at


def test_a_limited_host_asking_for_a_pause_beyond_the_run_is_not_checked(server):
    urls = [server.url("/flaky/429/9?retry_after=3600"), server.url("/ok")]
    results = check_links(urls, per_client(server, concurrency=1), cache_path=None)
    assert [status.state for status in results.values()] == ["unchecked", "unchecked"]
    assert results[server.url("/ok")].reason == (
        "429 Too Many Requests, asked to wait 3600 s (more than the run's time left) for the whole host"
    )
    assert [r.path for r in server.requests] == ["/flaky/429/9?retry_after=3600"]


def test_rate_limit_headers():
    now = 1_700_000_000.0
    assert rate_limit_wait({"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(int(now) + 30)}, now) == 30
    assert rate_limit_wait({"ratelimit-remaining": "0", "ratelimit-reset": "12"}, now) == 12
    assert rate_limit_wait({"X-RateLimit-Remaining": "0"}, now) == 0
    assert rate_limit_wait({"X-RateLimit-Remaining": "4", "X-RateLimit-Reset": "99"}, now) is None
    assert rate_limit_wait({}, now) is None


def test_retry_after_is_seconds_or_an_http_date():
    now = 1445412470.0  # 2015-10-21 07:27:50 UTC
    assert retry_after_seconds("120", now) == 120
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now) == 10
    assert retry_after_seconds("Wed, 21 Oct 2015 07:00:00 GMT", now) == 0
    assert retry_after_seconds("soon", now) is None
    assert retry_after_seconds(None, now) is None


# --- GitHub repositories through the GraphQL API --------------------------------------------


@pytest.fixture
def github(server):
    server.repositories.update(
        {
            "owner/repo": {"nameWithOwner": "owner/repo", "isArchived": False},
            "old/name": {"nameWithOwner": "new/name", "isArchived": False},
            "arch/ived": {"nameWithOwner": "arch/ived", "isArchived": True},
        }
    )
    return server


def test_repositories_are_checked_in_one_query(github, sandbox):
    urls = [
        "https://github.com/owner/repo",
        "https://github.com/old/name",
        "https://github.com/Arch/ived/",
    ]
    config = local(github_api=github.url("/graphql"))
    results = check_links(urls, config, cache_path=None, token="secret-token")
    assert results["https://github.com/owner/repo"].state == "alive"
    renamed = results["https://github.com/old/name"]
    assert (renamed.state, renamed.renamed_to) == ("redirect", "new/name")
    assert renamed.final_url == "https://github.com/new/name"
    assert results["https://github.com/Arch/ived/"].archived
    assert results["https://github.com/Arch/ived/"].state == "alive"
    (query,) = github.requests
    assert (query.method, query.path) == ("POST", "/graphql")
    assert "authorization" not in query.headers  # a test endpoint is not api.github.com
    assert sandbox.lookups == []  # github.com itself was never asked


def test_repositories_go_in_batches(github):
    urls = [f"https://github.com/owner/repo-{n}" for n in range(BATCH_SIZE + 10)]
    github.repositories.update(
        {f"owner/repo-{n}": {"nameWithOwner": f"owner/repo-{n}"} for n in range(BATCH_SIZE + 10)}
    )
    results = check_links(
        urls, local(github_api=github.url("/graphql")), cache_path=None, token="t"
    )
    assert all(status.state == "alive" for status in results.values())
    assert len(github.requested("/graphql")) == 2


def test_a_repository_the_api_does_not_know_is_checked_with_http(github, sandbox):
    url = "https://github.com/no/such-repo"
    result = check_one(url, local(github_api=by_name(github.url("/graphql")), retries=0), token="t")
    assert len(github.requested("/graphql")) == 1
    assert sandbox.lookups == ["github.com"]  # the sandbox answers: no such name
    assert result.state == "dead"


def test_without_a_token_repositories_are_plain_links(github, sandbox):
    check_one("https://github.com/owner/repo", local(github_api=github.url("/graphql"), retries=0))
    assert github.requests == []
    assert sandbox.lookups == ["github.com"]


@pytest.mark.parametrize(
    ("url", "repository"),
    [
        ("https://github.com/owner/repo", ("owner", "repo")),
        ("https://github.com/owner/repo/", ("owner", "repo")),
        ("https://github.com/owner/repo.git", ("owner", "repo")),
        ("https://github.com/owner/my.repo_2", ("owner", "my.repo_2")),
        ("https://github.com/owner/repo/issues", None),
        ("https://github.com/owner", None),
        ("https://github.com/owner/repo?tab=readme", None),
        ("http://github.com/owner/repo", None),
        ("https://gist.github.com/owner/repo", None),
    ],
)
def test_which_links_are_repositories(url, repository):
    assert repository_of(url) == repository


# --- the API around it -----------------------------------------------------------------------


def test_progress_is_reported_on_the_calling_thread(server):
    calls = []
    caller = threading.current_thread()

    def progress(done, total):
        assert threading.current_thread() is caller
        calls.append((done, total))

    urls = [server.url(f"/ok?n={n}") for n in range(5)] + ["mailto:a@b.c"]
    check_links(urls, local(), cache_path=None, progress=progress)
    assert calls[0] == (1, 6)
    assert calls[-1] == (6, 6)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_importing_the_package_does_not_import_requests():
    code = "import sys, awesome_lint.links; print('requests' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("options", "complaint"),
    [
        ({"exclude": ["("]}, "exclude"),
        ({"concurrency": 0}, "concurrency"),
        ({"accept": [42]}, "accept"),
        ({"timout": 3}, "timout"),
        ({"allow_private": True}, "allow_private"),
        ({"max_time": 0}, "max_time"),
        ({"dead_max_age": -1}, "dead_max_age"),
    ],
)
def test_bad_options_are_named(options, complaint):
    with pytest.raises(ValidationError, match=complaint):
        LinksConfig(**options)


def test_no_urls_no_work():
    assert check_links([], LinksConfig(), cache_path=None) == {}
