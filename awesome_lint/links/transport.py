"""The one module that talks HTTP: a urllib3 pool manager that checks each address it connects to.

* Every new connection resolves the host itself and refuses addresses that
  :func:`awesome_lint.links.addresses.refusal_reason` rejects, before any byte
  is sent. Redirect hops open their own connections, so each hop is checked
  against the address it really connects to.
* No cookies are kept, no proxy or ``.netrc`` credentials are read from the
  environment (urllib3 reads none), and redirects are never followed here.
* urllib3 directly, not requests' session: a third less CPU per request, which
  counts when 32 answers come back at once and wait for the interpreter lock.
* Bodies are not read past a few KB: the status line is what counts.
* Each exchange (connecting, sending, the headers and the bounded body read)
  has one deadline in all: a watchdog shuts the socket down when it passes,
  so a server that drips its headers or body a byte at a time cannot hold a
  worker longer than ``timeout`` seconds (nor past the run's own deadline).
"""

from __future__ import annotations

import heapq
import http.client
import ipaddress
import itertools
import json
import math
import socket
import ssl
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from typing import Any, cast

import certifi
from urllib3 import PoolManager, Timeout
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import (
    ConnectTimeoutError,
    HTTPError,
    LocationValueError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
    SSLError,
)
from urllib3.exceptions import (
    TimeoutError as Urllib3Timeout,
)
from urllib3.response import BaseHTTPResponse
from urllib3.util.connection import allowed_gai_family

from awesome_lint import __version__
from awesome_lint.links import addresses
from awesome_lint.links.probe import Failure, Reply

USER_AGENT = f"awesome-lint/{__version__} (+https://github.com/awesome-lint/awesome-lint)"
SNIFF_BYTES = 8192  # read at most this much of a body: enough to reuse small answers' connections
_NO_SUCH_NAME = {socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME)}
_HOST_POOLS = 256  # hosts whose idle connections are kept


class Lookups:
    """The host names a run has looked up, and whether any got an answer: whether the resolver works at all.

    "No such name" means a dead link only when some other name did resolve; a
    machine without a network (or without DNS) fails every lookup alike.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.answered: set[str] = set()

    def answer(self, host: str) -> None:
        if not _is_address(host):  # an address needs no lookup and proves nothing about DNS
            with self._lock:
                self.answered.add(host)

    @property
    def resolver_works(self) -> bool:
        with self._lock:
            return bool(self.answered)


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return False
    return True


class _Exchange:
    """One request and its answer, with the connections it used, until its deadline."""

    def __init__(self, deadline: float):
        self.deadline = deadline
        self.expired = False
        self.finished = False
        self._lock = threading.Lock()
        self._connections: list[HTTPConnection] = []

    def attach(self, conn: HTTPConnection) -> None:
        with self._lock:
            self._connections.append(conn)
            expired = self.expired
        if expired:
            _shut(conn)

    def expire(self) -> None:
        with self._lock:
            if self.finished:
                return
            self.expired = True
            connections = list(self._connections)
        for conn in connections:
            _shut(conn)

    def finish(self) -> None:
        with self._lock:
            self.finished = True


def _shut(conn: HTTPConnection) -> None:
    """End the connection's reads and writes at once, from any thread."""
    sock = getattr(conn, "sock", None)
    if sock is None:
        return
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except (OSError, ValueError):
        pass


class _Watchdog:
    """One thread that expires exchanges whose deadline has passed."""

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._heap: list[tuple[float, int, _Exchange]] = []
        self._sequence = itertools.count()
        self._thread: threading.Thread | None = None
        self._closed = False

    def watch(self, exchange: _Exchange) -> None:
        with self._lock:
            heapq.heappush(self._heap, (exchange.deadline, next(self._sequence), exchange))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="link-deadlines", daemon=True)
                self._thread.start()
            elif self._heap[0][2] is exchange:  # only an earlier deadline changes the thread's wait
                self._lock.notify()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._lock.notify()

    def _run(self) -> None:
        while True:
            with self._lock:
                due: list[_Exchange] = []
                while not due:
                    if self._closed:
                        return
                    now = time.monotonic()
                    while self._heap and (self._heap[0][0] <= now or self._heap[0][2].finished):
                        exchange = heapq.heappop(self._heap)[2]
                        if not exchange.finished:
                            due.append(exchange)
                    if not due:
                        self._lock.wait(self._heap[0][0] - now if self._heap else None)
            for exchange in due:
                exchange.expire()


_current = threading.local()  # the exchange the calling worker thread is making


class RefusedAddress(Exception):
    """Not an OSError on purpose: urllib3 passes it through untouched, and nothing retries it."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _open_checked(conn: HTTPConnection, allow_private: bool, lookups: Lookups) -> socket.socket:
    """urllib3's create_connection, with every resolved address checked before it is used."""
    host = conn._dns_host.strip("[]")
    refusal = error = None
    found = socket.getaddrinfo(host, conn.port, allowed_gai_family(), socket.SOCK_STREAM)
    lookups.answer(host)
    for family, kind, proto, _, address in found:
        reason = addresses.refusal_reason(str(address[0]), allow_private)
        if reason is not None:
            refusal = refusal or reason
            continue
        sock = socket.socket(family, kind, proto)
        try:
            for option in conn.socket_options or ():
                sock.setsockopt(*option)
            if conn.timeout is None or isinstance(conn.timeout, (int, float)):
                sock.settimeout(conn.timeout)  # else urllib3's "default" marker: leave it
            if conn.source_address:
                sock.bind(conn.source_address)
            sock.connect(address)
            return sock
        except OSError as failed:
            error = failed
            sock.close()
    if error is not None:
        raise error
    if refusal is not None:
        raise RefusedAddress(refusal)
    raise OSError(f"no address found for {host}")


class _CheckedConnection:
    """Mixed into urllib3's connections: opens the socket with :func:`_open_checked`."""

    allow_private = False
    lookups = Lookups()  # replaced by each Transport's own

    def _new_conn(self) -> socket.socket:
        conn = cast(HTTPConnection, self)
        try:
            sock = _open_checked(conn, self.allow_private, self.lookups)
        except TimeoutError as error:
            raise ConnectTimeoutError(conn, f"connection to {conn.host} timed out") from error
        except OSError as error:
            raise NewConnectionError(conn, f"failed to connect: {error}") from error
        sys.audit("http.client.connect", conn, conn.host, conn.port)
        return sock

    def request(self, *args: Any, **kwargs: Any) -> Any:
        exchange = getattr(_current, "exchange", None)
        if exchange is not None:
            exchange.attach(cast(HTTPConnection, self))
        return super().request(*args, **kwargs)  # type: ignore[misc]


def _checked_pools(allow_private: bool, lookups: Lookups) -> dict[str, type]:
    """urllib3's pool classes for http and https, with connections that check their address."""
    return {
        scheme: type(
            f"Checked{pool.__name__}",
            (pool,),
            {
                "ConnectionCls": type(
                    f"Checked{connection.__name__}",
                    (_CheckedConnection, connection),
                    {"allow_private": allow_private, "lookups": lookups},
                )
            },
        )
        for scheme, pool, connection in (
            ("http", HTTPConnectionPool, HTTPConnection),
            ("https", HTTPSConnectionPool, HTTPSConnection),
        )
    }


def _causes(error: BaseException) -> Iterator[BaseException]:
    """The error and everything it wraps, however urllib3 and http.client nested them."""
    seen: set[int] = set()
    stack = [error]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        wrapped = [current.__cause__, current.__context__, getattr(current, "reason", None)]
        wrapped.extend(current.args)
        stack.extend(item for item in wrapped if isinstance(item, BaseException))


def _connection_failure(error: BaseException) -> Failure:
    for cause in _causes(error):
        if isinstance(cause, RefusedAddress):
            return Failure("refused", cause.reason)
        if isinstance(cause, socket.gaierror):
            if cause.errno in _NO_SUCH_NAME:  # dead if the resolver works: the checker decides
                return Failure("unresolved", "DNS lookup failed")
            return Failure("retry", "DNS lookup failed for now")
        if isinstance(cause, ConnectionRefusedError):
            return Failure("dead", "connection refused")
        if isinstance(cause, (ConnectionResetError, http.client.RemoteDisconnected)):
            return Failure("retry", "connection reset")
        if isinstance(cause, TimeoutError):
            return Failure("timeout", "timed out")
    return Failure("retry", f"connection failed ({error})")


class Transport:
    """Makes single HTTP exchanges for probes; safe to share between threads."""

    def __init__(
        self, *, allow_private: bool, timeout: float, per_host: int, ends: float = math.inf
    ):
        self.timeout = timeout
        self.ends = ends  # time.monotonic() of the run's deadline: no exchange outlasts it
        self.watchdog = _Watchdog()
        self.lookups = Lookups()
        self.headers = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
        self.pools = PoolManager(
            num_pools=_HOST_POOLS,
            maxsize=per_host,
            block=False,
            retries=False,
            cert_reqs="CERT_REQUIRED",
            ca_certs=certifi.where(),
        )
        self.pools.pool_classes_by_scheme = _checked_pools(allow_private, self.lookups)

    def request(
        self,
        method: str,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        json_body: Any = None,
        max_body: int = SNIFF_BYTES,
    ) -> Reply:
        """One exchange, within ``timeout`` seconds in all; raises :class:`Failure` without an answer."""
        started = time.monotonic()
        deadline = min(started + self.timeout, self.ends)
        exchange = _Exchange(deadline)
        self.watchdog.watch(exchange)
        _current.exchange = exchange
        try:
            reply = self._exchange(method, url, headers, json_body, max_body, max(deadline - started, 0.001))
        except Failure as failure:
            if exchange.expired:
                raise self._late(deadline - started) from None
            raise failure from None
        finally:
            _current.exchange = None
            exchange.finish()
        if exchange.expired or time.monotonic() >= deadline:  # the body was cut short, or came late
            raise self._late(deadline - started)
        return reply

    def _late(self, allowed: float) -> Failure:
        return Failure("timeout", f"no whole answer within {allowed:.3g} s")

    def _exchange(
        self,
        method: str,
        url: str,
        headers: Mapping[str, str] | None,
        json_body: Any,
        max_body: int,
        seconds: float,
    ) -> Reply:
        sent = {**self.headers, **(headers or {})}
        body = None
        if json_body is not None:
            body = json.dumps(json_body).encode()
            sent["Content-Type"] = "application/json"
        try:
            response = self.pools.urlopen(
                method,
                url,
                body=body,
                headers=sent,
                redirect=False,
                retries=False,
                preload_content=False,
                timeout=Timeout(connect=seconds, read=seconds),
            )
        except RefusedAddress as refused:
            raise Failure("refused", refused.reason) from None
        except SSLError as error:
            raise _tls_failure(error) from None
        except NewConnectionError as error:  # before the timeouts: urllib3 2 makes it one of them
            raise _connection_failure(error) from None
        except (ConnectTimeoutError, ReadTimeoutError, Urllib3Timeout, TimeoutError):
            raise Failure("timeout", f"no whole answer within {seconds:.3g} s") from None
        except (LocationValueError, UnicodeError, ValueError) as error:
            raise Failure("invalid", f"invalid URL ({error})") from None
        except (ProtocolError, OSError, http.client.HTTPException) as error:
            raise _connection_failure(error) from None
        except HTTPError as error:
            raise Failure("retry", f"request failed ({error})") from None
        try:
            data = _read_at_most(response, max_body)
        finally:
            response.close()
            response.release_conn()
        return Reply(response.status, response.reason or "", response.headers, data)

    def close(self) -> None:
        self.watchdog.close()
        self.pools.clear()


def _read_at_most(response: BaseHTTPResponse, limit: int) -> bytes:
    """Up to ``limit`` bytes of the body; when that is all of it, the connection is reused."""
    try:
        return response.read(limit, decode_content=True) or b""
    except (HTTPError, OSError, ValueError):  # the status is known; a broken body changes nothing
        return b""


def _tls_failure(error: BaseException) -> Failure:
    """A bad certificate or protocol is dead; a handshake cut short may pass next time."""
    for cause in _causes(error):
        if isinstance(cause, ssl.SSLCertVerificationError):
            return Failure("dead", f"TLS error (certificate: {cause.verify_message})")
        if isinstance(
            cause, (TimeoutError, ssl.SSLEOFError, ssl.SSLSyscallError, ssl.SSLZeroReturnError)
        ):
            return Failure("retry", "TLS handshake cut short")
        if isinstance(cause, ssl.SSLError) and cause.reason:
            return Failure("dead", f"TLS error ({cause.reason.lower().replace('_', ' ')})")
    return Failure("dead", f"TLS error ({error})")
