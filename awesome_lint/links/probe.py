"""One URL's check, one HTTP exchange at a time: HEAD, then GET, redirects, retries.

A :class:`Probe` never sleeps and never loops over the network itself. Each
:meth:`Probe.step` makes one request and says what should happen next (run
again later, on the same or another host, or done), so that the scheduler can
give the worker thread to another host while this one waits out a
Retry-After. Nothing here imports requests: the exchange goes through a
transport (see :mod:`awesome_lint.links.transport`).
"""

from __future__ import annotations

import email.utils
import math
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC
from http import HTTPStatus
from typing import Literal, Protocol
from urllib.parse import urldefrag, urljoin, urlsplit

from awesome_lint.links.status import LinkStatus

PERMANENT_REDIRECTS = frozenset({301, 308})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
RETRYABLE = frozenset({429, 502, 503, 504})
GONE = frozenset({404, 410})
MAX_REDIRECTS = 10
BACKOFF_SECONDS = 0.5  # before the first retry; doubled for each one after
RETRY_AFTER_CAP = 60.0  # one URL that asks for a longer wait is not waited for
HOST_PAUSE_FLOOR = 1.0  # a host-wide pause lasts at least this long, whatever the host says


@dataclass(frozen=True)
class Reply:
    """What one exchange returned: the status line, the headers, and at most a few KB of body."""

    status: int
    reason: str
    headers: Mapping[str, str]
    body: bytes = b""


class Failure(Exception):
    """An exchange that got no HTTP answer.

    ``kind`` says what it means for the link: ``dead`` (refused connection,
    bad TLS), ``unresolved`` (the DNS knows no such name: dead if the resolver
    works, which the checker decides at the end of the run), ``retry`` (a
    reset: try again), ``timeout`` (no whole answer within the exchange's
    deadline: try again, and if it never comes the link is not checked),
    ``refused`` (an address the checker may not request) or ``invalid`` (a URL
    that cannot be requested at all).
    """

    def __init__(
        self,
        kind: Literal["dead", "unresolved", "retry", "timeout", "refused", "invalid"],
        reason: str,
    ):
        super().__init__(reason)
        self.kind = kind
        self.reason = reason


class Transport(Protocol):
    def request(
        self,
        method: str,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        json_body: object = None,
        max_body: int = ...,
    ) -> Reply: ...


@dataclass
class Step:
    """What a job's step asks of the scheduler."""

    results: list[LinkStatus] = field(default_factory=list)  # URLs now settled
    follow_ups: list[Job] = field(default_factory=list)  # new jobs to run
    retry_in: float | None = None  # run this job again after so many seconds
    pause_host: float = 0.0  # seconds no request may go to this job's host (on evidence only)
    refuse_host: str | None = None  # the host's pause outlasts the run: later URLs are not checked
    limited: bool = False  # the answer was a rate limit (429, or 403 with Retry-After)
    answered: bool = False  # an HTTP answer came back (a rate limit or not)
    unresolved: bool = False  # the results are dead because a name did not resolve (see Failure)


class Job(Protocol):
    @property
    def host(self) -> str: ...

    def step(self, transport: Transport, now: float) -> Step: ...

    def give_up(self, reason: str) -> Step: ...


def _never(host: str) -> bool:
    return False


@dataclass(frozen=True)
class ProbeSettings:
    retries: int = 2
    accept: frozenset[int] = frozenset()
    headers_for: Callable[[str], Mapping[str, str]] = lambda url: {}
    run_ends: float = math.inf  # time.time() after which nothing more is asked
    # Hosts known to rate-limit per client (GitHub): any rate limit there holds the whole host.
    limits_per_client: Callable[[str], bool] = _never


def host_key(url: str) -> str:
    """The unit of politeness: host name and port, as a connection pool sees them."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = None
    default = 443 if parts.scheme == "https" else 80
    return f"{(parts.hostname or '').lower()}:{port or default}"


def request_url(url: str) -> str:
    """The URL as sent: the fragment never leaves the browser."""
    return urldefrag(url).url


def describe(status: int, reason: str = "") -> str:
    """``404 Not Found``; a server's own words for codes HTTP does not name (LinkedIn's 999)."""
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = reason
    return f"{status} {phrase}".strip()


def retry_after_seconds(value: str | None, now: float) -> float | None:
    """A Retry-After header as seconds from ``now``: delta-seconds or an HTTP-date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - now)


def _header(headers: Mapping[str, str], name: str) -> str | None:
    value = headers.get(name)
    if value is None and not hasattr(headers, "lower_items"):  # a plain dict: look case-blind
        value = next((v for k, v in headers.items() if k.lower() == name), None)
    return value.strip() if isinstance(value, str) else None


def rate_limit_wait(headers: Mapping[str, str], now: float) -> float | None:
    """Seconds until a client-wide rate limit resets, when the headers say it is used up.

    ``X-RateLimit-Remaining: 0`` with ``X-RateLimit-Reset`` (GitHub's: a Unix
    time; some servers send seconds), or the IETF draft's ``RateLimit-Remaining``
    and ``RateLimit-Reset`` (seconds). None when no limit is used up; 0 when
    the reset time is missing or unreadable.
    """
    for prefix in ("x-ratelimit-", "ratelimit-"):
        remaining = _header(headers, prefix + "remaining")
        if remaining is None or remaining != "0":
            continue
        reset = _header(headers, prefix + "reset") or ""
        try:
            value = float(reset)
        except ValueError:
            return 0.0
        return max(0.0, value - now) if value > 1e9 else max(0.0, value)
    return None


class Probe:
    """The check of one URL, from the first HEAD to the last hop of its redirects."""

    def __init__(self, url: str, settings: ProbeSettings):
        self.origin = url
        self.url = url
        self.method = "HEAD"
        self.settings = settings
        self.hops = 0
        self.permanent = True  # every hop so far was a permanent redirect
        self.attempts = 0  # failed tries of the current request
        self.status: int | None = None

    @property
    def host(self) -> str:
        return host_key(self.url)

    def step(self, transport: Transport, now: float) -> Step:
        headers = self.settings.headers_for(self.url)
        try:
            reply = transport.request(self.method, self.url, headers=headers)
        except Failure as failure:
            return self._failed(failure, now)
        step = self._answered(reply, now)
        step.answered = True
        return step

    def _answered(self, reply: Reply, now: float) -> Step:
        self.status = reply.status
        status = reply.status
        if 200 <= status < 300 or status in self.settings.accept:
            return self._alive(now)
        if status in REDIRECTS and reply.headers.get("Location"):
            return self._follow(status, reply.headers["Location"], now)
        if status in RETRYABLE or (status == 403 and _is_rate_limit(reply, now)):
            return self._rate_limited(reply, now)
        if self.method == "HEAD":  # refused (405, 501) or not trusted: ask with GET
            self.method = "GET"
            self.attempts = 0
            return Step(retry_in=0.0)
        state = "dead" if status in GONE else "blocked"
        return self._settle(state, self._here(describe(status, reply.reason)), now)

    def give_up(self, reason: str) -> Step:
        """Settle without asking (again): the link is not checked, for ``reason``."""
        return self._settle("unchecked", self._here(reason), time.time())

    def _here(self, reason: str) -> str:
        """The reason, naming the URL it is about when that is not the one in the list."""
        return f"{reason} at {self.url}" if self.hops else reason

    def _settle(self, state: str, reason: str, now: float, final_url: str | None = None) -> Step:
        status = LinkStatus(
            url=self.origin,
            state=state,  # type: ignore[arg-type]
            status=self.status,
            final_url=final_url,
            reason=reason,
            checked_at=now,
        )
        return Step(results=[status])

    def _alive(self, now: float) -> Step:
        if self.hops and self.permanent:
            return self._settle("redirect", f"moved permanently to {self.url}", now, self.url)
        return self._settle("alive", describe(self.status or 200), now)

    def _follow(self, status: int, location: str, now: float) -> Step:
        self.hops += 1
        self.permanent = self.permanent and status in PERMANENT_REDIRECTS
        if self.hops > MAX_REDIRECTS:
            # Often a site that sets a cookie and redirects to itself: not a dead link.
            return self._settle("blocked", f"more than {MAX_REDIRECTS} redirects", now)
        target = request_url(urljoin(self.url, location.strip()))
        self.url = target
        self.attempts = 0
        if urlsplit(target).scheme not in ("http", "https"):
            return self._settle("skipped", "redirects to a URL that is not http(s)", now)
        return Step(retry_in=0.0)

    def _rate_limited(self, reply: Reply, now: float) -> Step:
        """A 429, 502, 503, 504, or a 403 that says it is a rate limit.

        Retry-After holds this URL only, unless there is evidence that the
        whole host is limited: rate-limit headers used up, or a host known to
        limit per client (GitHub). The scheduler adds the third kind of
        evidence, several URLs of a host limited in a short window. A wait
        longer than the run allows leaves the link (and, on evidence, the
        host's other links) not checked, with the time asked for.
        """
        retry_after = retry_after_seconds(_header(reply.headers, "retry-after"), now)
        limit_wait = rate_limit_wait(reply.headers, now)
        limited = reply.status in (429, 403) or retry_after is not None
        host_wide = limit_wait is not None or (limited and self.settings.limits_per_client(self.host))
        wait = retry_after if retry_after is not None else limit_wait
        reason = describe(reply.status, reply.reason)
        if wait is None and not host_wide:  # a flaky server (or a 429 naming no time): back off
            step = self._retry(reason, self._backoff(), now)
            step.limited = limited
            return step
        wait = self._backoff() if wait is None else wait
        left = self.settings.run_ends - now
        allowed = left if host_wide else min(left, RETRY_AFTER_CAP)
        if wait > allowed:
            beyond = "more than the run's time left" if wait > left else f"more than {RETRY_AFTER_CAP:.0f} s for one link"
            reason = f"{reason}, asked to wait {wait:.0f} s ({beyond})"
            step = self._settle("unchecked", self._here(reason), now)
            if host_wide:
                step.refuse_host = f"{reason} for the whole host"
        elif host_wide:
            # The host's limit, not this URL's fault: the try does not count against retries.
            wait = max(wait, HOST_PAUSE_FLOOR)
            step = Step(retry_in=wait, pause_host=wait)
        else:
            step = self._retry(reason, wait, now)
        step.limited = limited
        return step

    def _failed(self, failure: Failure, now: float) -> Step:
        if failure.kind == "retry":
            return self._retry(failure.reason, self._backoff(), now)
        if failure.kind == "timeout":
            return self._retry(failure.reason, self._backoff(), now, exhausted="unchecked")
        if failure.kind in ("dead", "unresolved"):
            step = self._settle("dead", self._here(failure.reason), now)
            step.unresolved = failure.kind == "unresolved"
            return step
        if self.hops:
            return self._settle("skipped", f"redirects to {self.url}: {failure.reason}", now)
        return self._settle("skipped", failure.reason, now)

    def _backoff(self) -> float:
        return BACKOFF_SECONDS * 2**self.attempts

    def _retry(self, reason: str, delay: float, now: float, exhausted: str = "blocked") -> Step:
        """Try again in ``delay`` seconds, or settle as ``exhausted`` once out of tries."""
        self.attempts += 1
        if self.attempts > self.settings.retries:
            tries = self.attempts
            reason = f"{reason} after {tries} tries" if tries > 1 else reason
            return self._settle(exhausted, self._here(reason), now)
        if now + delay > self.settings.run_ends:
            reason = f"{reason}; the run's max_time ends before a retry"
            return self._settle("unchecked", self._here(reason), now)
        return Step(retry_in=delay)


def _is_rate_limit(reply: Reply, now: float) -> bool:
    """A 403 that is a rate limit (GitHub's, say), not a refusal: it names a time to come back."""
    return _header(reply.headers, "retry-after") is not None or rate_limit_wait(reply.headers, now) is not None
