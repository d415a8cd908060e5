"""How fast and how right the link checker is against a local server with 100 ms of latency.

    python benchmarks/links.py [--layout one-host|two-hosts] [--seed N]

500 unique links: 415 alive, 20 dead (404), 10 gone (410), 20 permanent
redirects, 5 slow (5 s), 10 that answer 503 twice before 200, 10 that answer
429 (Retry-After: 1) twice before 200, 10 that refuse HEAD (405). The links
are shuffled with a fixed seed (42 unless --seed says otherwise). The server
runs in its own process (tests/linkserver.py), so it does not share the
checker's interpreter lock.

Layouts:

* ``one-host`` (the default) is the issue's benchmark: every link on one
  host. Retry-After holds the whole host, so each 429 stops every link for a
  second, and the shuffled 429 links come up at different times.
* ``two-hosts`` is NOT the issue's benchmark: the ten rate-limited links are
  served from a second port, a host of their own, so their pauses hold up
  nothing else. It shows the checker's speed when rate limiting is a property
  of one host among many, as it usually is in the wild.

Prints false positives (reported dead, but not), false negatives (dead, but
not reported dead), the count per state, the wall time, the floor
max(links x latency / concurrency, slowest link) and the ratio to it, and
the wall time of a second run that can use the cache. For the one-host
layout it also prints a lower bound that no checker honouring host-wide
pauses can beat (see :func:`pause_bound`), for this order and for 1,000
other shuffles, since that floor ignores the pauses.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from awesome_lint.links import LinksConfig, check_links

LATENCY = 0.1
SLOW = 5.0
RETRY_AFTER = 1.0
TIMES_LIMITED = 2  # 429 answers before the 200
# (path, expected state, how many)
KINDS = [
    ("/ok", "alive", 415),
    ("/status/404", "dead", 20),
    ("/status/410", "dead", 10),
    ("/redirect/301/ok", "redirect", 20),
    (f"/slow/{SLOW:g}", "alive", 5),
    ("/flaky/503/2", "alive", 10),
    (f"/flaky/429/{TIMES_LIMITED}?retry_after={RETRY_AFTER:g}", "alive", 10),
    ("/nohead", "alive", 10),
]
LAYOUTS = {
    "one-host": "one host, as in the issue",
    "two-hosts": "two hosts, the 429 links on their own (NOT the issue's layout)",
}
OTHER_SHUFFLES = 1000


def start_server() -> tuple[subprocess.Popen, list[int]]:
    server = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "tests" / "linkserver.py"),
            "--latency",
            str(LATENCY),
            "--servers",
            "2",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    ports = json.loads(server.stdout.readline())
    return server, ports


def served(port: int) -> int:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stats") as answer:
        return json.load(answer)["requests"]


def shuffled_paths(seed: int) -> list[str]:
    """The path of each link, in the order of the list."""
    paths = [path for path, _, count in KINDS for _ in range(count)]
    random.Random(seed).shuffle(paths)
    return paths


def links(ports: list[int], layout: str, seed: int) -> dict[str, str]:
    """URL -> the state a perfect checker reports, in the order of the list."""
    state = {path: expected for path, expected, _ in KINDS}
    made: Counter[str] = Counter()
    expected = {}
    for path in shuffled_paths(seed):
        port = ports[1] if "429" in path and layout == "two-hosts" else ports[0]
        joiner = "&" if "?" in path else "?"
        expected[f"http://127.0.0.1:{port}{path}{joiner}n={made[path]}"] = state[path]
        made[path] += 1
    return expected


def pause_bound(paths: list[str], concurrency: int) -> tuple[float, int]:
    """The least wall time of any checker that honours Retry-After for the whole (one) host, and the 429 waves.

    A model kinder than the real server: every answer takes exactly LATENCY
    (a slow one SLOW + LATENCY), at most ``concurrency`` requests are in
    flight, the first request of each link goes out in list order (without
    reading paths, a checker has no better order: any order it picks is as
    random as the shuffle), and after a 429 nothing goes to the host for
    RETRY_AFTER. Other requests (a redirect's second hop, GET after HEAD,
    retries of 503s) are left out, which only lowers the bound. Then:

    * a slot starts at most one request per LATENCY, so the k-th first
      request after sending (re)starts goes out at least (k // concurrency)
      x LATENCY later;
    * between sending a 429 link and its answer, at most concurrency - 1
      other requests go out: a 429 link ``concurrency`` or more places
      further down the list is sent after the pause, and starts a wave of
      its own, RETRY_AFTER + LATENCY later at least;
    * the last wave's links still need TIMES_LIMITED - 1 more 429s, each
      followed by a pause, and then their 200;
    * a slow link ends SLOW + LATENCY after it is sent, pauses or not.
    """
    waves: list[tuple[int, float]] = []  # (position of its first 429 link, when that 429 arrives)

    def earliest_send(position: int) -> float:
        resumed, first = 0.0, 0  # when sending last (re)started, and the first position sent then
        for leader, answered in waves:
            if position >= leader + concurrency:
                resumed, first = answered + RETRY_AFTER, leader + concurrency
        return resumed + (position - first) // concurrency * LATENCY

    for position, path in enumerate(paths):
        if "/429/" in path and (not waves or position >= waves[-1][0] + concurrency):
            waves.append((position, earliest_send(position) + LATENCY))
    ends = [earliest_send(p) + SLOW + LATENCY for p, path in enumerate(paths) if "/slow/" in path]
    if waves:
        ends.append(waves[-1][1] + TIMES_LIMITED * (RETRY_AFTER + LATENCY))
    return max(ends), len(waves)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--layout", choices=list(LAYOUTS), default="one-host", help="one-host: the issue's benchmark"
    )
    parser.add_argument("--seed", type=int, default=42, help="for the order of the links")
    options = parser.parse_args()

    server, ports = start_server()
    try:
        expected = links(ports, options.layout, options.seed)
        defaults = LinksConfig()
        config = LinksConfig(per_host=defaults.concurrency, allow_private=True)
        with tempfile.TemporaryDirectory() as scratch:
            cache = Path(scratch) / "links.json"
            started = time.perf_counter()
            results = check_links(list(expected), config, cache_path=cache)
            wall = time.perf_counter() - started

            before = sum(served(port) for port in ports)
            started = time.perf_counter()
            again = check_links(list(expected), config, cache_path=cache)
            cached_wall = time.perf_counter() - started
            cached_requests = sum(served(port) for port in ports) - before
    finally:
        server.stdin.close()
        server.wait(10)

    false_positives = [u for u, s in results.items() if s.state == "dead" and expected[u] != "dead"]
    false_negatives = [u for u, s in results.items() if expected[u] == "dead" and s.state != "dead"]
    wrong = [u for u, s in results.items() if s.state != expected[u]]
    floor = max(len(expected) * LATENCY / config.concurrency, SLOW + LATENCY)

    print(f"layout: {LAYOUTS[options.layout]}")
    print(f"links: {len(expected)}, shuffled with seed {options.seed}")
    print(
        f"settings: concurrency {config.concurrency}, per_host {config.per_host}, "
        f"timeout {config.timeout:g} s, retries {config.retries}"
    )
    print(f"false positives: {len(false_positives)}")
    print(f"false negatives: {len(false_negatives)}")
    print(f"other wrong states: {len(wrong) - len(false_positives) - len(false_negatives)}")
    for url in wrong[:10]:
        print(f"  {url}: {results[url].state} ({results[url].reason}), expected {expected[url]}")
    counts = Counter(status.state for status in results.values())
    print("states: " + ", ".join(f"{state} {counts[state]}" for state in sorted(counts)))
    print(f"wall: {wall:.2f} s")
    print(
        f"floor: {floor:.2f} s = max({len(expected)} x {LATENCY:g} s / {config.concurrency}, "
        f"slowest link {SLOW + LATENCY:g} s)"
    )
    print(f"ratio: {wall / floor:.2f}")
    if options.layout == "one-host":
        bound, waves = pause_bound(shuffled_paths(options.seed), config.concurrency)
        print(
            f"pause bound: {bound:.2f} s (ratio {bound / floor:.2f}): no checker that holds the host "
            f"for each Retry-After does better with this order ({waves} separate waves of 429s)"
        )
        others = [
            pause_bound(shuffled_paths(seed), config.concurrency)[0]
            for seed in range(OTHER_SHUFFLES)
        ]
        within = sum(bound <= 1.3 * floor for bound in others)
        print(
            f"pause bound over {OTHER_SHUFFLES} other shuffles (seeds 0-{OTHER_SHUFFLES - 1}): "
            f"median {statistics.median(others):.2f} s, best {min(others):.2f} s; "
            f"shuffles that leave room for a ratio of 1.3: {within}"
        )
    cached = sum(status.from_cache for status in again.values())
    print(
        f"cached rerun: {cached_wall:.3f} s, {cached} from the cache, {cached_requests} requests "
        f"(the {len(expected) - cached} links not live are checked again)"
    )


if __name__ == "__main__":
    main()
