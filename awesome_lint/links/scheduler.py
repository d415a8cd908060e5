"""Hands jobs to worker threads, host by host.

A worker never waits for a host: it takes the next job of any host that has
a free slot (``per_host``) and is not paused by a Retry-After. Jobs that must
wait (a backoff, a paused host) sit in a timer heap, not in a sleeping thread,
so a rate-limited host does not hold workers that other hosts could use.

A Retry-After holds only the URL that got it (its job waits in the timer
heap), unless there is evidence that the host limits every client's requests:
rate-limit headers or a host known to do so (the probe says), or several
URLs of the host limited within a short window while they are at least half
of its answers (:meth:`HostScheduler.record`). Then the host is paused, and a
job whose answer paused it is asked again last, once the host has nothing
else queued, and together with every other job held so: pauses that start
together end together, while pauses scattered through a run each stop the
whole host anew.
"""

from __future__ import annotations

import heapq
import itertools
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from awesome_lint.links.probe import Job

CROWD_WINDOW = 10.0  # seconds of answers that tell whether a host limits everyone
CROWD_URLS = 3  # rate-limited URLs in the window that pause the host, if half its answers


@dataclass(eq=False)
class _Host:
    key: str
    ready: deque[Job] = field(default_factory=deque)
    held: list[Job] = field(default_factory=list)  # retried after a pause of this host, all at once
    in_flight: int = 0
    paused_until: float = 0.0
    refusal: str | None = None  # set when the host asked for a pause longer than the run
    listed: bool = False  # in the runnable queue
    recent: deque[tuple[float, int, bool]] = field(default_factory=deque)  # (when, job, limited)


class HostScheduler:
    def __init__(self, per_host: int, clock: Callable[[], float] = time.monotonic):
        self.per_host = per_host
        self._clock = clock
        self._lock = threading.Condition()
        self._hosts: dict[str, _Host] = {}
        self._runnable: deque[_Host] = deque()
        # (due, sequence, host, job); a None job only wakes the host up after a pause.
        self._timers: list[tuple[float, int, _Host, Job | None]] = []
        self._sequence = itertools.count()
        self._closed = False

    def add(self, job: Job, delay: float = 0.0) -> None:
        """Queue a job behind the others of its host, now or in ``delay`` seconds.

        A job under way (a redirect hop, a GET after HEAD, a retry) queues
        behind new ones too: the first request of every link goes out as
        early as possible, because that is where a slow server shows itself,
        and the run lasts as long as its slowest link.
        """
        with self._lock:
            host = self._host(job.host)
            if delay > 0:
                self._push_timer(self._clock() + delay, host, job)
            else:
                host.ready.append(job)
                self._list(host, self._clock())

    def add_after_pause(self, job: Job) -> None:
        """Queue a job whose answer paused its host, until the host has nothing else queued.

        Then every job held so goes at once, when the pause is over and the
        host has a free slot for each: if each answers with a pause again,
        the pauses overlap instead of following one another.
        """
        with self._lock:
            host = self._host(job.host)
            host.held.append(job)
            self._list(host, self._clock())

    def take(self) -> tuple[Job, str | None] | None:
        """The next job and its host's refusal reason (if any); None once closed."""
        with self._lock:
            while not self._closed:
                now = self._clock()
                self._fire_timers(now)
                while self._runnable:
                    host = self._runnable.popleft()
                    host.listed = False
                    if not self._can_run(host, now):
                        continue  # a timer or a release lists it again
                    host.in_flight += 1
                    if not host.ready:
                        host.ready.extend(host.held)
                        host.held.clear()
                    job = host.ready.popleft()
                    self._list(host, now)  # to the back: hosts take turns
                    return job, host.refusal
                self._lock.wait(self._timers[0][0] - now if self._timers else None)
            return None

    def release(self, key: str) -> None:
        """A job taken from host ``key`` is through with its request."""
        with self._lock:
            host = self._hosts[key]
            host.in_flight -= 1
            self._list(host, self._clock())

    def pause(self, key: str, seconds: float) -> None:
        """No request to host ``key`` for ``seconds`` (on evidence that the whole host is limited)."""
        with self._lock:
            host = self._host(key)
            until = self._clock() + seconds
            if until > host.paused_until:
                host.paused_until = until
                self._push_timer(until, host, None)

    def record(self, key: str, job: Job, limited: bool) -> bool:
        """Note an answer from host ``key``; whether the host looks limited as a whole.

        True when, in the last :data:`CROWD_WINDOW` seconds, at least
        :data:`CROWD_URLS` different URLs were rate-limited and they make at
        least half of the host's answers: one odd 429 among many 200s is that
        URL's business, a host that answers 429 to most is limiting the client.
        """
        with self._lock:
            host = self._host(key)
            now = self._clock()
            host.recent.append((now, id(job), limited))
            while host.recent and (host.recent[0][0] < now - CROWD_WINDOW or len(host.recent) > 64):
                host.recent.popleft()
            if not limited:
                return False
            urls = {job_id for _, job_id, was_limited in host.recent if was_limited}
            count = sum(1 for *_, was_limited in host.recent if was_limited)
            return len(urls) >= CROWD_URLS and 2 * count >= len(host.recent)

    def refuse(self, key: str, reason: str) -> None:
        """Settle every later job of host ``key`` without a request."""
        with self._lock:
            host = self._host(key)
            host.refusal = reason
            self._list(host, self._clock())

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._lock.notify_all()

    def _host(self, key: str) -> _Host:
        host = self._hosts.get(key)
        if host is None:
            host = self._hosts[key] = _Host(key)
        return host

    def _can_run(self, host: _Host, now: float) -> bool:
        if not (host.ready or host.held):
            return False
        if host.refusal is not None:
            return True
        if host.in_flight >= self.per_host or host.paused_until > now:
            return False
        # Held jobs go out together, or the first one's answer pauses the host before the last is sent.
        room = self.per_host - host.in_flight
        return bool(host.ready) or room >= min(len(host.held), self.per_host)

    def _list(self, host: _Host, now: float) -> None:
        if not host.listed and self._can_run(host, now):
            host.listed = True
            self._runnable.append(host)
            self._lock.notify()

    def _push_timer(self, due: float, host: _Host, job: Job | None) -> None:
        heapq.heappush(self._timers, (due, next(self._sequence), host, job))
        self._lock.notify_all()  # idle workers wait for the earliest timer: it may have changed

    def _fire_timers(self, now: float) -> None:
        while self._timers and self._timers[0][0] <= now:
            _, _, host, job = heapq.heappop(self._timers)
            if job is not None:
                host.ready.append(job)
            self._list(host, now)
