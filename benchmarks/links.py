"""How fast and how right the link checker is against a local server with 100 ms of latency.

    python benchmarks/links.py [--one-host] [--seed N]

500 unique links: 415 alive, 20 dead (404), 10 gone (410), 20 permanent
redirects, 5 slow (5 s), 10 that answer 503 twice before 200, 10 that answer
429 (Retry-After: 1) twice before 200, 10 that refuse HEAD (405). The links
are shuffled with a fixed seed (42 unless --seed says otherwise): where
the slow links fall in the order moves the wall time by a few tenths of a
second, since the run lasts until the last of them has answered. The server runs in its own process
(tests/linkserver.py), so it does not share the checker's interpreter lock.

Retry-After holds the whole host, so the rate-limited links are served from
a second port, a host of their own: that is how rate limiting looks in the
wild, where it is a property of a host. With --one-host every link is on
the same host, and each 429 pauses all of them (see the note printed then).

Prints false positives (reported dead, but not), false negatives (dead, but
not reported dead), the count per state, the wall time, the floor
max(links x latency / concurrency, slowest link) and the ratio to it, and
the wall time of a second run that can use the cache.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from awesome_lint.links import LinksConfig, check_links  # noqa: E402

LATENCY = 0.1
SLOW = 5.0
# (path, expected state, how many)
KINDS = [
    ("/ok", "alive", 415),
    ("/status/404", "dead", 20),
    ("/status/410", "dead", 10),
    ("/redirect/301/ok", "redirect", 20),
    (f"/slow/{SLOW:g}", "alive", 5),
    ("/flaky/503/2", "alive", 10),
    ("/flaky/429/2?retry_after=1", "alive", 10),
    ("/nohead", "alive", 10),
]


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


def links(ports: list[int], one_host: bool, seed: int) -> dict[str, str]:
    """URL -> the state a perfect checker reports."""
    expected = {}
    for path, state, count in KINDS:
        port = ports[1] if "429" in path and not one_host else ports[0]
        for n in range(count):
            joiner = "&" if "?" in path else "?"
            expected[f"http://127.0.0.1:{port}{path}{joiner}n={n}"] = state
    urls = list(expected)
    random.Random(seed).shuffle(urls)
    return {url: expected[url] for url in urls}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--one-host", action="store_true", help="serve every link from one host")
    parser.add_argument("--seed", type=int, default=42, help="for the order of the links")
    options = parser.parse_args()

    server, ports = start_server()
    try:
        expected = links(ports, options.one_host, options.seed)
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

    hosts = "one host" if options.one_host else "two hosts (the 429s on their own)"
    print(f"links: {len(expected)} on {hosts}, shuffled with seed {options.seed}")
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
    cached = sum(status.from_cache for status in again.values())
    print(
        f"cached rerun: {cached_wall:.3f} s, {cached} from the cache, {cached_requests} requests "
        f"(the {len(expected) - cached} links not live are checked again)"
    )
    if options.one_host:
        print(
            "note: each 429 pauses the one host for its Retry-After, whatever else is queued for it"
        )


if __name__ == "__main__":
    main()
