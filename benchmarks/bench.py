"""How fast and how big awesome-lint's offline check is, next to mistune's bare parse.

Run by hand (or in CI, never as a timed test)::

    python benchmarks/bench.py            # every corpus list, the 11,832-line list, 100,000 entries
    python benchmarks/bench.py --quick    # fewer repetitions, smaller generated list
    python benchmarks/bench.py --huge     # also a 50 MB file through the CLI

For each list it prints mistune's bare parse time (the floor: we cannot be
faster than the parser we build on), our full offline check in-process (parse +
every default offline rule), their ratio, the peak memory of our check, and the
wall time of ``awesome-lint check`` as a process, start-up included. Then a
scaling table (1x to 8x the entries), what a check run imports, and the targets
of issue 7 beside the numbers. Times are medians of several repetitions; before
each repetition of our check the URL and title memo caches are emptied, so that
every run starts as cold as a new process does. mistune and our check are timed in
turn, and the ratio is the median of the ratios of those pairs.
"""

from __future__ import annotations

import argparse
import compileall
import gc
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import mistune

from awesome_lint.lint.config import Config
from awesome_lint.tree.builder import parse
from awesome_lint.lint.engine import LintContext, active_rules, lint

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
SEED_NAME = "ys-zong+awesome-self-supervised-multimodal-learning.md"
SEED_HEADER_LINES = 52  # title, badges, survey note, contents and overview: lines 1-52
FLOOR = 'mistune.create_markdown(renderer=None, plugins=["strikethrough", "url", "table"])(text)'
NOT_AT_STARTUP = ("requests", "urllib3", "jsonschema", "charset_normalizer", "idna", "certifi", "hypothesis")

# Targets from issue 7.
RATIO_TARGET = 1.3  # full offline check / mistune's bare parse
SEED_WALL_TARGET = 0.3  # seconds, the seed list as a process
SCALING_TARGET = 9.0  # 8x the entries within 9x the time
MEMORY_TARGET_MB = 150.0  # peak memory on the 11,832-line list
# Target from issue 12: `awesome-lint check` on the seed list as a process, over a process that imports
# mistune and parses the same file (a pre-commit hook pays the start-up on every commit).
STARTUP_TARGET = 1.5
FLOOR_PROCESS = (
    "import sys, mistune\n"
    "text = open(sys.argv[1], encoding='utf-8').read()\n"
    "mistune.create_markdown(renderer=None, plugins=['strikethrough', 'url', 'table'])(text)\n"
)
# Top-level packages of a check run, grouped for the start-up breakdown.
IMPORT_GROUPS = {
    "pydantic": ("pydantic", "pydantic_core", "annotated_types", "typing_extensions", "typing_inspection"),
    "click": ("click",),
    "mistune": ("mistune",),
    "awesome_lint": ("awesome_lint",),
}


# --------------------------------------------------------------------------- inputs


@dataclass
class Sample:
    name: str
    text: str
    path: Path  # where the text lives on disk, for the process run

    @property
    def lines(self) -> int:
        return self.text.count("\n") + (0 if self.text.endswith("\n") else 1)


def twenty_times_seed(seed: str) -> str:
    """The seed list's header once and its body 20 times: 52 + 20 x 589 = 11,832 lines."""
    lines = seed.split("\n")
    if lines[-1] == "":
        lines.pop()
    return "\n".join(lines[:SEED_HEADER_LINES] + lines[SEED_HEADER_LINES:] * 20) + "\n"


_WORDS = """adaptive aligned attention audio benchmark captioning causal contrastive cross
dense diffusion distillation efficient embedding encoder few-shot fusion generative graph
grounded hierarchical image instance joint language latent learning masked modal modeling
multimodal network neural object open point pretraining prompt reasoning representation
retrieval robust scalable scene segmentation self-supervised semantic sparse speech
spatio-temporal structured temporal text tokens transformer unified unsupervised video
vision visual zero-shot""".split()
_VENUES = (("CVPR", None), ("ICCV", 1), ("ECCV", 0), ("NeurIPS", None), ("ICML", None), ("ICLR", None), ("AAAI", None), ("arXiv", None))


def paper_list(entries: int, per_section: int = 100, seed: int = 7) -> str:
    """A deterministic paper-style list: contents, sections, ``- Title.`` + a venue/links sub-bullet."""
    rng = random.Random(seed)
    sections = (entries + per_section - 1) // per_section
    out = ["# Awesome Generated Papers", "", "A generated paper list for benchmarks.", "", "## Contents", ""]
    out += [f"- [Topic {s + 1}](#topic-{s + 1})" for s in range(sections)]
    out.append("")
    for i in range(entries):
        if i % per_section == 0:
            out += [f"## Topic {i // per_section + 1}", ""]
        words = rng.sample(_WORDS, rng.randint(5, 9))
        title = " ".join(words).capitalize()
        venue, parity = rng.choice(_VENUES)
        posted = 2015 + i % 108 // 12  # a distinct arXiv id for each entry: 108 months x 99,999 numbers
        year = posted + 1  # published the year after the preprint
        if parity is not None and year % 2 != parity:
            year += 1
        out.append(f"- {title}.")
        out.append(
            f"  - *{venue} {year}* [[paper]](https://arxiv.org/abs/{posted % 100:02d}{i % 12 + 1:02d}.{i // 108 + 1:05d})"
            f" [[code]](https://github.com/{words[0]}-lab/{words[1]}-{i})"
        )
        out.append("")
    return "\n".join(out) + "\n"


def startup_list(corpus: Path, folder: Path) -> Path:
    """The seed list when the corpus has it; else a generated paper list of about its size, written in ``folder``."""
    seed = corpus / SEED_NAME
    if seed.is_file():
        return seed
    path = folder / "generated-200-papers.md"
    path.write_text(paper_list(200), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- measurements


def median_time(fn: Callable[[], object], repeat: int, before: Callable[[], object] | None = None) -> float:
    times = []
    for _ in range(repeat):
        if before is not None:
            before()  # not timed
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


FLOOR_MARKDOWN = mistune.create_markdown(renderer=None, plugins=["strikethrough", "url", "table"])


def floor_parse(text: str) -> None:
    FLOOR_MARKDOWN(text)


def cold_caches() -> None:
    """Empty the memo caches of URL and title functions, as a new ``check`` process has them.

    Repetitions in one process would otherwise find every answer from the run before and
    measure less than a user waits. One-time set-up (the rule registry, mistune's parser,
    venue data) stays: a process pays it at start-up, which the process timing shows."""
    for name, module in list(sys.modules.items()):
        if name.startswith("awesome_lint"):
            for value in vars(module).values():
                info = getattr(value, "cache_info", None)
                if info is not None and info().maxsize is not None:
                    value.cache_clear()


def offline_check(sample: Sample) -> int:
    """What ``awesome-lint check`` does in-process: parse, then every default offline rule."""
    base = sample.path.parent
    doc = parse(sample.text, str(sample.path))
    context = LintContext(base_dir=str(base), exists=lambda rel: (base / rel).exists())
    return len(lint(doc, Config(), context))


def traced_peak_mb(sample: Sample) -> float:
    cold_caches()  # the caches' entries count, as in a process
    gc.collect()
    tracemalloc.start()
    offline_check(sample)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


CLI_ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
CLI_ENV.pop("GITHUB_ACTIONS", None)


def run_cli(args: list[str], stdout=subprocess.DEVNULL) -> tuple[float, int]:
    """(wall seconds, exit code) of ``python -m awesome_lint ARGS``, start-up included."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "awesome_lint", *args], cwd=ROOT, env=CLI_ENV, stdout=stdout, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start, done.returncode


# The same run, reporting its peak resident memory (VmHWM) as it exits. ru_maxrss of a
# child is no use here: Linux counts the parent's pages at fork into it.
_PEAK_RSS = """import atexit, runpy, sys
def peak():
    with open("/proc/self/status") as status:
        sys.stderr.write(next((l for l in status if l.startswith("VmHWM:")), ""))
atexit.register(peak)
sys.argv = ["awesome-lint", *sys.argv[1:]]
runpy.run_module("awesome_lint", run_name="__main__", alter_sys=True)
"""


def peak_rss_mb(args: list[str]) -> float:
    done = subprocess.run([sys.executable, "-c", _PEAK_RSS, *args], cwd=ROOT, env=CLI_ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    line = next((l for l in done.stderr.splitlines() if l.startswith("VmHWM:")), None)
    return int(line.split()[1]) / 1024 if line else float("nan")


def process_check(path: Path, repeat: int) -> tuple[float, float, int]:
    runs = [run_cli(["check", str(path)]) for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), peak_rss_mb(["check", str(path)]), runs[-1][1]


@dataclass
class Row:
    sample: Sample
    floor: float
    ours: float
    findings: int
    traced_mb: float
    wall: float
    rss_mb: float
    exit_code: int
    ratio: float  # the median of ours / floor over pairs of runs timed one right after the other


def measure(sample: Sample, repeat: int, process_repeat: int) -> Row:
    findings = offline_check(sample)  # warm-up: imports, the rule registry, regex caches
    floor_parse(sample.text)
    # mistune and our check are timed in turn, so that a change of load on the machine during
    # the run falls on both; each pair gives a ratio, and the median of those is the ratio shown.
    pairs = [(median_time(lambda: floor_parse(sample.text), 1), median_time(lambda: offline_check(sample), 1, before=cold_caches)) for _ in range(repeat)]
    floor = statistics.median(f for f, _ in pairs)
    ours = statistics.median(o for _, o in pairs)
    ratio = statistics.median(o / f for f, o in pairs)
    wall, rss, code = process_check(sample.path, process_repeat)
    row = Row(sample, floor, ours, findings, traced_peak_mb(sample), wall, rss, code, ratio)
    print(
        f"{sample.name[:44]:<44} {sample.lines:>7,} {row.floor:>9.3f} {row.ours:>9.3f} {row.ratio:>6.2f}x"
        f" {row.findings:>8,} {row.traced_mb:>8.1f} {row.rss_mb:>8.1f} {row.wall:>9.3f}",
        flush=True,
    )
    return row


def rule_costs(samples: dict[str, Sample], repeat: int) -> None:
    """Each default rule alone over each sample's tree: which rule costs what, next to mistune's parse."""
    docs = [(parse(s.text, str(s.path)), median_time(lambda s=s: floor_parse(s.text), repeat)) for s in samples.values()]
    print(f"{'rule':<28}" + "".join(f" {label:>30}" for label in samples))
    for rule in active_rules(Config()):
        cells = []
        for doc, floor in docs:
            context = LintContext(base_dir=str(ROOT), exists=lambda rel: False)
            spent = median_time(lambda: lint(doc, Config(), context, rules=[rule]), repeat, before=cold_caches)
            cells.append(f"{spent:>8.3f} s = {spent / floor:>5.2f}x floor")
        print(f"{rule.id:<28}" + "".join(f" {c:>30}" for c in cells))


def imported_by_check(path: Path) -> list[str]:
    """Top-level packages a ``check`` run has in sys.modules when it ends."""
    code = (
        "import sys\n"
        "from awesome_lint.cli import main\n"
        "try:\n"
        f"    main(['check', {str(path)!r}], prog_name='awesome-lint')\n"
        "except SystemExit:\n"
        "    pass\n"
        "names = {m.split('.')[0] for m in sys.modules if not m.startswith('_')} - set(sys.stdlib_module_names)\n"
        "sys.stderr.write(' '.join(sorted(names)))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return done.stderr.split()


@dataclass
class Startup:
    path: Path
    pairs: int
    floor: float  # median wall seconds of the mistune process
    ours: float  # median wall seconds of `awesome-lint check`
    ratio: float  # median over pairs of ours / floor (wall)
    cpu_ratio: float  # the same with user + system CPU time, less sensitive to other programs' load


def _timed_process(command: list[str]) -> tuple[float, float]:
    """(wall seconds, user + system CPU seconds) of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=CLI_ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def startup_ratio(path: Path, pairs: int) -> Startup:
    """`awesome-lint check PATH` over `python -c FLOOR_PROCESS PATH`, timed in turn, ``pairs`` times."""
    floor_cmd = [sys.executable, "-c", FLOOR_PROCESS, str(path)]
    ours_cmd = [sys.executable, "-m", "awesome_lint", "check", str(path)]
    _timed_process(floor_cmd), _timed_process(ours_cmd)  # warm the file cache
    floors, ours = [], []
    for _ in range(pairs):
        floors.append(_timed_process(floor_cmd))
        ours.append(_timed_process(ours_cmd))
    return Startup(
        path,
        pairs,
        statistics.median(f[0] for f in floors),
        statistics.median(o[0] for o in ours),
        statistics.median(o[0] / f[0] for f, o in zip(floors, ours)),
        statistics.median(o[1] / f[1] for f, o in zip(floors, ours)),
    )


def import_costs(path: Path, repeat: int) -> dict[str, float]:
    """Milliseconds a check run spends importing, by group (``-X importtime`` self times; median of runs).

    A standard-library module counts for the package that first imported it (importlib.metadata for pydantic)."""
    others = "standard library (imported at the top)"
    runs = []
    for _ in range(repeat):
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "awesome_lint", "check", str(path)],
            cwd=ROOT, env=CLI_ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        spent = dict.fromkeys([*IMPORT_GROUPS, others], 0.0)
        stack: list[tuple[int, float, str | None]] = []  # (depth, ms not yet counted, group)
        for line in done.stderr.splitlines():
            if not line.startswith("import time:") or line.count("|") != 2:
                continue
            own, _, name = line[len("import time:"):].split("|")
            if not own.strip().isdigit():
                continue  # the header line
            depth = len(name) - len(name.lstrip())
            top = name.strip().split(".")[0]
            group = next((g for g, tops in IMPORT_GROUPS.items() if top in tops), None)
            # -X importtime prints a module after the modules it imported, which are indented deeper.
            carried = int(own) / 1000
            while stack and stack[-1][0] > depth:
                carried += stack.pop()[1]
            if group is None:
                stack.append((depth, carried, None))
            else:
                spent[group] += carried
                stack.append((depth, 0.0, group))
        for _, ms, _ in stack:
            spent[others] += ms
        runs.append(spent)
    return {group: statistics.median(r[group] for r in runs) for group in runs[0]}


def print_startup(path: Path, pairs: int) -> Startup:
    # Installed from a wheel, the package has its bytecode; time it so here too (PYTHONDONTWRITEBYTECODE may be set).
    compileall.compile_dir(ROOT / "awesome_lint", quiet=1)
    result = startup_ratio(path, pairs)
    print(f"Start-up (issue 12): `awesome-lint check {path.name}` as a process"
          f" over `python -c <import mistune; parse it>`, {pairs} pairs timed in turn")
    print(f"  floor process {result.floor:.3f} s, check process {result.ours:.3f} s (median wall);"
          f" ratio {result.ratio:.2f}x (median of pair ratios; CPU time: {result.cpu_ratio:.2f}x)")
    costs = import_costs(path, 5)
    print("  imports of the check process (ms of -X importtime, median of 5 runs; work at run time not included):")
    print("    " + ", ".join(f"{group} {ms:.0f}" for group, ms in costs.items()) + f"; total {sum(costs.values()):.0f}")
    return result


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT MET"


# --------------------------------------------------------------------------- main


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of *.md lists (default: %(default)s)")
    parser.add_argument("--repeat", type=int, default=5, help="repetitions per in-process timing; the median is shown")
    parser.add_argument("--entries", type=int, default=100_000, help="entries of the generated list (default: %(default)s)")
    parser.add_argument("--quick", action="store_true", help="3 repetitions and a 20,000-entry generated list")
    parser.add_argument("--huge", action="store_true", help="also run the CLI on a generated 50 MB file")
    parser.add_argument("--pairs", type=int, default=21, help="process pairs for the start-up ratio (default: 21)")
    parser.add_argument("--startup", action="store_true", help="only the start-up ratio (about a minute)")
    args = parser.parse_args()
    if args.quick:
        args.repeat, args.entries, args.pairs = 3, 20_000, min(args.pairs, 11)
    if args.startup:
        with tempfile.TemporaryDirectory(prefix="awesome-lint-bench-") as tmp:
            startup = print_startup(startup_list(args.corpus, Path(tmp)), args.pairs)
        met = verdict(startup.ratio <= STARTUP_TARGET)
        print(f"  check within {STARTUP_TARGET}x of the floor process: {startup.ratio:.2f}x -> {met}")
        return 0

    corpus = sorted(p for p in args.corpus.glob("*.md") if p.name != "SOURCES.md")
    seed_path = args.corpus / SEED_NAME
    rules = [r.id for r in active_rules(Config())]
    print(f"awesome-lint benchmark: Python {sys.version.split()[0]}, mistune {mistune.__version__}, {os.cpu_count()} CPUs")
    print(f"floor   = {FLOOR}  (markdown object built once, not timed)")
    print("ours    = awesome_lint.tree.builder.parse(text) + awesome_lint.lint.engine.lint(doc) with every default offline rule")
    print(f"          ({len(rules)} rules: {', '.join(rules)})")
    print(f"times: median of {args.repeat} runs in-process, our memo caches emptied before each; ratio: median over pairs of runs timed in turn; process = median wall of `{Path(sys.executable).name} -m awesome_lint check PATH`")
    print("peak: tracemalloc peak of our check in-process; rss: peak resident memory (VmHWM) of the check process")
    print()
    header = f"{'list':<44} {'lines':>7} {'floor s':>9} {'ours s':>9} {'ratio':>7} {'findings':>8} {'peak MB':>8} {'rss MB':>8} {'process s':>9}"
    print(header)
    print("-" * len(header))

    rows: dict[str, Row] = {}
    with tempfile.TemporaryDirectory(prefix="awesome-lint-bench-") as tmp:
        folder = Path(tmp)
        for path in corpus:
            rows[path.name] = measure(Sample(path.name, path.read_text(encoding="utf-8"), path), args.repeat, 5)

        big_text = twenty_times_seed(seed_path.read_text(encoding="utf-8"))
        big = Sample("seed body x20 (the 11,832-line list)", big_text, folder / "seed-x20.md")
        big.path.write_text(big_text, encoding="utf-8")
        rows["big"] = measure(big, args.repeat, 3)

        base = args.entries // 8
        scaled: dict[int, Row] = {}
        for factor in (8, 1, 2, 4):
            text = paper_list(base * factor)
            sample = Sample(f"generated paper list, {base * factor:,} entries", text, folder / f"papers-{factor}x.md")
            sample.path.write_text(text, encoding="utf-8")
            if factor == 8:
                scaled[factor] = measure(sample, max(1, min(args.repeat, 3)), 1)
                print()
                print(f"Scaling (generated paper list; {base:,} entries = 1x; median of {args.repeat} runs):")
                print(f"{'entries':>9} {'lines':>9} {'MB':>6} {'floor s':>9} {'ours s':>9} {'ratio':>7} {'floor vs 1x':>12} {'ours vs 1x':>11}")
            else:
                findings = offline_check(sample)
                floor = median_time(lambda: floor_parse(sample.text), args.repeat)
                ours = median_time(lambda: offline_check(sample), args.repeat, before=cold_caches)
                scaled[factor] = Row(sample, floor, ours, findings, 0.0, 0.0, 0.0, 0, ours / floor)
            sample.path.unlink()
        for factor in (1, 2, 4, 8):
            row = scaled[factor]
            print(
                f"{base * factor:>9,} {row.sample.lines:>9,} {len(row.sample.text) / 2**20:>6.1f} {row.floor:>9.3f} {row.ours:>9.3f}"
                f" {row.ratio:>6.2f}x {row.floor / scaled[1].floor:>11.2f}x {row.ours / scaled[1].ours:>10.2f}x"
            )

        huge = None
        if args.huge:
            path, out = folder / "huge.md", folder / "huge.json"
            text = paper_list(290_000)
            path.write_text(text, encoding="utf-8")
            size = path.stat().st_size / 2**20
            with out.open("w") as stdout:
                wall, code = run_cli(["check", "--format", "json", str(path)], stdout=stdout)
            findings = len(json.loads(out.read_text())) if code in (0, 1) else 0
            rss = peak_rss_mb(["check", "--format", "json", str(path)])
            huge = (size, text.count("\n"), wall, rss, code)
            print()
            print(f"50 MB file: {size:.1f} MB, {huge[1]:,} lines, 290,000 entries: `awesome-lint check --format json` exit {code}"
                  f" ({findings:,} findings, valid JSON) in {wall:.1f} s, peak rss {rss:.0f} MB")

    print()
    print(f"Rule by rule (each rule alone on the parsed tree; median of {args.repeat} runs):")
    rule_costs({"11,832-line list": big, f"generated, {base:,} entries": scaled[1].sample}, args.repeat)

    print()
    imported = imported_by_check(seed_path)
    unwanted = [m for m in NOT_AT_STARTUP if m in imported]
    print(f"Imported by `check` on the seed list (third-party top-level packages): {', '.join(imported)}")
    print(f"  requests/urllib3/jsonschema imported without --links: {'yes: ' + ', '.join(unwanted) if unwanted else 'no'}")

    print()
    with tempfile.TemporaryDirectory(prefix="awesome-lint-bench-") as tmp:
        startup = print_startup(startup_list(args.corpus, Path(tmp)), args.pairs)

    print()
    print("Targets (issues 7 and 12):")
    rows["generated"] = scaled[8]
    worst = max(rows.values(), key=lambda r: r.ratio)
    within = sum(r.ratio <= RATIO_TARGET for r in rows.values())
    big_row, seed_row = rows["big"], rows[SEED_NAME]
    growth = scaled[8].ours / scaled[1].ours
    print(f"  full offline check within {RATIO_TARGET}x of mistune's bare parse:"
          f" {within} of {len(rows)} lists; 11,832-line list {big_row.ratio:.2f}x; worst {worst.sample.name} {worst.ratio:.2f}x"
          f" -> {verdict(worst.ratio <= RATIO_TARGET)}")
    print(f"  seed list within {SEED_WALL_TARGET} s wall as a process: {seed_row.wall:.3f} s -> {verdict(seed_row.wall <= SEED_WALL_TARGET)}")
    print(f"  8x the entries within {SCALING_TARGET:.0f}x the time: {growth:.2f}x -> {verdict(growth <= SCALING_TARGET)}")
    print(f"  peak memory within {MEMORY_TARGET_MB:.0f} MB on the 11,832-line list: tracemalloc {big_row.traced_mb:.1f} MB,"
          f" process rss {big_row.rss_mb:.1f} MB -> {verdict(max(big_row.traced_mb, big_row.rss_mb) <= MEMORY_TARGET_MB)}")
    print(f"  start-up imports nothing unused (no requests without --links): {verdict(not unwanted)}")
    print(f"  start-up: check process within {STARTUP_TARGET}x of the mistune process on {startup.path.name}:"
          f" {startup.ratio:.2f}x -> {verdict(startup.ratio <= STARTUP_TARGET)}")
    if huge:
        print(f"  a 50 MB file gets a clear answer: exit {huge[4]} in {huge[2]:.1f} s -> {verdict(huge[4] in (0, 1))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
