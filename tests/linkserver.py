"""A local HTTP server giving every answer a link can give, for the link checker's tests.

Paths (any query string makes a URL unique without changing the answer):

=========================  ==================================================
``/ok``                    200
``/status/CODE``           that status
``/redirect/CODE/REST``    CODE with ``Location: /REST``
``/away/CODE?to=URL``      CODE with ``Location: URL`` (another server)
``/flaky/CODE/N``          CODE for the first N requests of this URL, then
                           200; ``?retry_after=S`` adds ``Retry-After: S``
``/nohead``                405 to HEAD, 200 to GET
``/slow/SECONDS``          200 after that long
``/huge``                  405 to HEAD; to GET an endless body
``/drip/headers/S``        a status line, then its headers a byte every S s
``/drip/body/S``           405 to HEAD; to GET, headers at once, then a body
                           of 1,000 bytes, one byte every S s
``/ratelimit/ANY?pause=S`` a per-client rate limit over all /ratelimit paths:
                           the first such request starts a pause of S s,
                           during which each answers 429 with Retry-After,
                           X-RateLimit-Remaining: 0 and X-RateLimit-Reset;
                           200 after it
``/cookie/REST``           sets a cookie and redirects (302) to ``/REST``
``/graphql``               a fake GitHub GraphQL API (POST), see ``repositories``
``/repos/OWNER/NAME``      a fake GitHub REST API: ``repositories``' entry, 404
                           when there is none
``/_stats``                ``{"requests": N, "most_in_flight": M}``, not counted
=========================  ==================================================

Every request is recorded (method, path, headers, time), and the server
counts how many are in flight at once. Run as a script, it serves until its
standard input closes and prints its ports as a JSON list on the first line.
"""

from __future__ import annotations

import argparse
import json
import re
import socket
import ssl
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass(frozen=True)
class Recorded:
    method: str
    path: str  # with the query string
    headers: dict[str, str]  # names in lower case
    at: float  # time.monotonic() when the request arrived
    port: int  # the server's
    client_port: int  # the same for requests on one kept-alive connection


@dataclass
class InFlight:
    """Requests received and not yet answered, and the most there ever were; may be shared by servers.

    A request stops counting when its answer starts: a client may send its next request as
    soon as it has the answer, before the server's thread is done with the one before."""

    now: int = 0
    most: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def enter(self) -> None:
        with self.lock:
            self.now += 1
            self.most = max(self.most, self.now)

    def leave(self) -> None:
        with self.lock:
            self.now -= 1


_REPOSITORY_FIELD = re.compile(r'(\w+): repository\(owner: "([^"]*)", name: "([^"]*)"\)')


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024
    allow_reuse_address = True

    def __init__(self, host: str, owner: LinkServer):
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.owner = owner
        super().__init__((host, 0), _Handler)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as real servers do
    server: _Server

    def log_message(self, format, *args) -> None:
        pass

    def do_HEAD(self) -> None:
        self._answer()

    def do_GET(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self._answer()

    def _answer(self) -> None:
        owner = self.server.owner
        parts = urlsplit(self.path)
        if parts.path == "/_stats":
            stats = {"requests": len(owner.requests), "most_in_flight": owner.in_flight.most}
            return self._send(200, json.dumps(stats).encode())
        headers = {name.lower(): value for name, value in self.headers.items()}
        with owner.lock:
            owner.requests.append(
                Recorded(
                    self.command,
                    self.path,
                    headers,
                    time.monotonic(),
                    owner.port,
                    self.client_address[1],
                )
            )
            owner.counts[self.path] = owner.counts.get(self.path, 0) + 1
            count = owner.counts[self.path]
        owner.in_flight.enter()
        self._counted = True
        try:
            if owner.latency:
                time.sleep(owner.latency)
            self._route(parts.path.split("/")[1:], parse_qs(parts.query), count)
        finally:
            self._answering()

    def _answering(self) -> None:
        """The answer starts: this request no longer counts as in flight."""
        if getattr(self, "_counted", False):
            self._counted = False
            self.server.owner.in_flight.leave()

    def _route(self, segments: list[str], query: dict[str, list[str]], count: int) -> None:
        kind, args = segments[0], segments[1:]
        if kind == "ok":
            self._send(200)
        elif kind == "status":
            self._send(int(args[0]))
        elif kind == "redirect":
            rest = "/".join(args[1:])
            query_string = urlsplit(self.path).query
            self._send(
                int(args[0]), location="/" + rest + (f"?{query_string}" if query_string else "")
            )
        elif kind == "away":
            self._send(int(args[0]), location=query["to"][0])
        elif kind == "flaky":
            if count <= int(args[1]):
                extra = {"Retry-After": query["retry_after"][0]} if "retry_after" in query else {}
                self._send(int(args[0]), extra=extra)
            else:
                self._send(200)
        elif kind == "nohead":
            self._send(405 if self.command == "HEAD" else 200)
        elif kind == "slow":
            time.sleep(float(args[0]))
            self._send(200)
        elif kind == "huge":
            self._endless() if self.command == "GET" else self._send(405)
        elif kind == "drip" and args[0] == "headers":
            self._drip(b"HTTP/1.1 200 OK\r\n", b"X-Padding: " + b"x" * 200 + b"\r\n\r\n", float(args[1]))
        elif kind == "drip" and args[0] == "body":
            if self.command == "HEAD":
                self._send(405)
            else:
                head = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n"
                self._drip(head, b"x" * 1000, float(args[1]))
        elif kind == "ratelimit":
            self._rate_limited(float(query.get("pause", ["1"])[0]))
        elif kind == "cookie":
            self._send(
                302, location="/" + "/".join(args), extra={"Set-Cookie": "tracker=1; Path=/"}
            )
        elif kind == "graphql" and self.command == "POST":
            self._graphql()
        elif kind == "repos" and len(args) == 2:
            found = self.server.owner.repositories.get("/".join(args).lower())
            self._send(200 if found else 404, json.dumps(found or {"message": "Not Found"}).encode())
        else:
            self._send(404)

    def _send(
        self, status: int, body: bytes = b"", location: str | None = None, extra=None
    ) -> None:
        body = body or f"{status}\n".encode()
        self._answering()
        self.send_response(status)
        if location is not None:
            self.send_header("Location", location)
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _endless(self) -> None:
        owner = self.server.owner
        self._answering()
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Connection", "close")
        self.end_headers()
        chunk = b"x" * 65536
        try:
            while True:
                self.wfile.write(chunk)
                owner.huge_bytes_sent += len(chunk)
        except OSError:  # the client hung up: what a checker should do
            owner.huge_closed.set()
        self.close_connection = True

    def _drip(self, at_once: bytes, dripped: bytes, seconds: float) -> None:
        """Send ``at_once``, then ``dripped`` a byte every ``seconds``, until the client hangs up."""
        owner = self.server.owner
        self._answering()
        self.close_connection = True
        try:
            self.wfile.write(at_once)
            self.wfile.flush()
            for byte in dripped:
                if owner.closing.wait(seconds):
                    return
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
        except OSError:
            owner.drip_cut.set()

    def _rate_limited(self, pause: float) -> None:
        owner = self.server.owner
        with owner.lock:
            now = time.time()
            if owner.limited_until is None:
                owner.limited_until = now + pause
            left = owner.limited_until - now
        if left <= 0:
            return self._send(200)
        extra = {
            "Retry-After": str(max(1, round(left))),
            "X-RateLimit-Limit": "60",
            "X-RateLimit-Remaining": "0",
            "X-RateLimit-Reset": str(int(owner.limited_until) + 1),
        }
        self._send(429, extra=extra)

    def _graphql(self) -> None:
        owner = self.server.owner
        length = int(self.headers.get("Content-Length", "0"))
        query = json.loads(self.rfile.read(length))["query"]
        data, errors = {}, []
        for alias, name, repo in _REPOSITORY_FIELD.findall(query):
            found = owner.repositories.get(f"{name}/{repo}".lower())
            data[alias] = found
            if found is None:
                errors.append({"type": "NOT_FOUND", "path": [alias]})
        self._send(200, json.dumps({"data": data, "errors": errors}).encode())


class LinkServer:
    """One server on a loopback port, started on creation; use as a context manager or close()."""

    def __init__(
        self,
        latency: float = 0.0,
        in_flight: InFlight | None = None,
        host: str = "127.0.0.1",
        certfile: str | None = None,  # serve https with this certificate and key (PEM)
    ):
        self.latency = latency
        self.in_flight = in_flight or InFlight()
        self.lock = threading.Lock()
        self.requests: list[Recorded] = []
        self.counts: dict[str, int] = {}
        # The fake GitHub: "owner/name" in lower case -> {"nameWithOwner": ..., "isArchived": ...}
        self.repositories: dict[str, dict] = {}
        self.huge_closed = threading.Event()
        self.huge_bytes_sent = 0
        self.drip_cut = threading.Event()  # a client hung up on a dripping answer
        self.closing = threading.Event()
        self.limited_until: float | None = None  # the /ratelimit pause, once started
        self._server = _Server(host, self)
        self.scheme = "http"
        if certfile is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(certfile)
            self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
            self.scheme = "https"
        self.host = host
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    def url(self, path: str) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{host}:{self.port}{path}"

    def requested(self, path: str) -> list[Recorded]:
        """The requests made for ``path`` (with its query string), in order."""
        with self.lock:
            return [request for request in self.requests if request.path == path]

    def close(self) -> None:
        self.closing.set()
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> LinkServer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.0, help="seconds before each answer")
    parser.add_argument("--servers", type=int, default=1, help="how many ports to serve")
    options = parser.parse_args()
    shared = InFlight()  # counted over all the ports: one client's requests in flight, in all
    servers = [LinkServer(latency=options.latency, in_flight=shared) for _ in range(options.servers)]
    print(json.dumps([server.port for server in servers]), flush=True)
    sys.stdin.read()  # until the parent closes the pipe or exits
    for server in servers:
        server.close()


if __name__ == "__main__":
    main()
