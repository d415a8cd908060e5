"""``check_links``: every unique URL once, through a pool of workers and a per-host scheduler."""

from __future__ import annotations

import os
import queue
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator

from awesome_lint.links.cache import LinkCache
from awesome_lint.links.config import LinksConfig
from awesome_lint.links.github import (
    BATCH_SIZE,
    RepositoryBatch,
    auth_headers,
    limits_per_client,
    repository_of,
)
from awesome_lint.links.probe import (
    Job,
    Probe,
    ProbeSettings,
    Step,
    host_key,
    request_url,
)
from awesome_lint.links.scheduler import HostScheduler
from awesome_lint.links.status import LinkStatus
from awesome_lint.knowledge.urls import split_url

Progress = Callable[[int, int], None]
NO_DNS = "no DNS answers for any host: is the network down?"


def check_links(
    urls: Iterable[str],
    config: LinksConfig,
    *,
    cache_path: str | os.PathLike | None,
    token: str | None = None,
    progress: Progress | None = None,
) -> dict[str, LinkStatus]:
    """The state of each URL, keyed by the URL as given, in the order first given.

    Each unique URL is requested at most once (URLs that differ only in their
    ``#fragment`` share a request). ``cache_path`` None means no cache.
    ``progress(done, total)`` is called on the calling thread as URLs settle.
    With a ``token``, GitHub repository links are checked through the GraphQL
    API; the token is only ever sent to https://api.github.com, and to
    https://github.com pages only with ``github_token_for_pages``. After
    ``config.max_time`` seconds every link still unsettled is ``unchecked``.
    """
    now = time.time()
    given = list(dict.fromkeys(urls))
    results: dict[str, LinkStatus] = {}
    waiting: dict[str, list[str]] = {}  # request URL -> the given URLs it answers for
    excludes = [re.compile(pattern) for pattern in config.exclude]
    for url in given:
        offline = _offline_status(url, excludes, now)
        if offline is not None:
            results[url] = offline
        else:
            waiting.setdefault(request_url(url), []).append(url)

    cache = (
        LinkCache.load(cache_path, config.max_age, now, config.dead_max_age)
        if cache_path is not None
        else None
    )
    if cache is not None:
        for sent in list(waiting):
            cached = cache.get(sent)
            if cached is not None:
                for url in waiting.pop(sent):
                    results[url] = cached.model_copy(update={"url": url})
    if progress is not None:
        progress(len(results), len(given))

    checked = []
    for status in _check_online(list(waiting), config, token, now + config.max_time):
        checked.append(status)
        for url in waiting[status.url]:
            results[url] = status.model_copy(update={"url": url})
        if progress is not None:
            progress(len(results), len(given))
    if cache is not None:
        cache.save(checked)
    return {url: results[url] for url in given}


def _offline_status(url: str, excludes: list[re.Pattern[str]], now: float) -> LinkStatus | None:
    """The state of a URL that is not to be requested, or None if it is."""
    for pattern in excludes:
        if pattern.search(url):
            reason = f"matches exclude pattern {pattern.pattern!r}"
            return LinkStatus(url=url, state="excluded", reason=reason, checked_at=now)
    problem = _unrequestable(url)
    if problem is None:
        return None
    return LinkStatus(url=url, state="skipped", reason=problem, checked_at=now)


def _unrequestable(url: str) -> str | None:
    """Why ``url`` cannot be requested at all, or None."""
    parts = split_url(url)
    if parts.scheme not in ("http", "https"):
        return f"unsupported scheme {parts.scheme!r}" if parts.scheme else "not an absolute URL"
    if parts.problem:
        return f"invalid URL ({parts.problem})"
    if not parts.host:
        return "invalid URL (no host)"
    return None


def _jobs(urls: list[str], config: LinksConfig, token: str | None, run_ends: float) -> list[Job]:
    api_host = host_key(config.github_api)
    pages = config.github_token_for_pages
    settings = ProbeSettings(
        retries=config.retries,
        accept=frozenset(config.accept),
        headers_for=lambda url: auth_headers(url, token, pages=pages),
        run_ends=run_ends,
        limits_per_client=lambda host: host == api_host or limits_per_client(host),
    )
    if not token:
        return [Probe(url, settings) for url in urls]
    repositories = [url for url in urls if repository_of(url)]
    batches: list[Job] = [
        RepositoryBatch(
            repositories[start : start + BATCH_SIZE], config.github_api, token, settings
        )
        for start in range(0, len(repositories), BATCH_SIZE)
    ]
    chosen = set(repositories)
    return batches + [Probe(url, settings) for url in urls if url not in chosen]


def _check_online(
    urls: list[str], config: LinksConfig, token: str | None, run_ends: float
) -> Iterator[LinkStatus]:
    """Each URL's status, as it settles, with up to ``config.concurrency`` requests at once.

    At ``run_ends`` (a time.time()) the URLs not settled yet are ``unchecked``.
    """
    if not urls:
        return
    from awesome_lint.links.transport import Transport  # requests is slow to import

    ends = time.monotonic() + max(0.0, run_ends - time.time())
    scheduler = HostScheduler(config.per_host)
    for job in _jobs(urls, config, token, run_ends):
        scheduler.add(job)
    transport = Transport(
        allow_private=config.allow_private,
        timeout=config.timeout,
        per_host=config.per_host,
        ends=ends,
    )
    pending = set(urls)
    settled: queue.SimpleQueue[tuple[LinkStatus, bool] | BaseException] = queue.SimpleQueue()
    unresolved: list[LinkStatus] = []  # unknown names: dead only once some other name has resolved
    workers = [
        threading.Thread(target=_work, args=(scheduler, transport, settled), daemon=True)
        for _ in range(min(config.concurrency, len(urls)))
    ]
    for worker in workers:
        worker.start()
    try:
        while pending:
            try:
                item = settled.get(timeout=max(0.0, ends - time.monotonic()))
            except queue.Empty:
                break
            if isinstance(item, BaseException):
                raise item
            status, name_unknown = item
            pending.discard(status.url)
            if name_unknown and not transport.lookups.resolver_works:
                unresolved.append(status)
            else:
                yield status
        for status in unresolved:
            yield status if transport.lookups.resolver_works else status.model_copy(update={"state": "blocked", "reason": NO_DNS})
        late = f"not settled within the run's max_time of {config.max_time:g} s"
        for url in urls:
            if url in pending:
                yield LinkStatus(url=url, state="unchecked", reason=late, checked_at=time.time())
    finally:
        scheduler.close()  # workers still in a request finish it and stop; they are daemons
        transport.close()


def _work(scheduler: HostScheduler, transport, settled: queue.SimpleQueue) -> None:
    try:
        while (taken := scheduler.take()) is not None:
            job, refusal = taken
            host = job.host
            try:
                step = job.give_up(refusal) if refusal else job.step(transport, time.time())
            except Exception as error:  # noqa: BLE001 - one odd answer must not stop the whole run
                step = job.give_up(f"check failed ({type(error).__name__}: {error})")
            _apply(scheduler, job, host, step)
            for status in step.results:
                settled.put((status, step.unresolved))
    except BaseException as error:  # noqa: BLE001 - a bug here would leave the caller waiting forever
        settled.put(error)


def _apply(scheduler: HostScheduler, job: Job, host: str, step: Step) -> None:
    # The pause goes in before the release, so no other worker slips a request in between.
    if step.refuse_host is not None:
        scheduler.refuse(host, step.refuse_host)
    pause = step.pause_host
    if step.answered and scheduler.record(host, job, step.limited) and step.retry_in:
        pause = max(pause, step.retry_in)  # many URLs of the host limited at once: all of it waits
    if pause:
        scheduler.pause(host, pause)
    for follow_up in step.follow_ups:
        scheduler.add(follow_up)
    if step.retry_in is not None and pause:
        scheduler.add_after_pause(job)  # its own wait is the host's pause
    elif step.retry_in is not None:
        scheduler.add(job, step.retry_in)
    scheduler.release(host)
