"""The findings ledger: how many of the linter's errors and warnings on real lists are right.

    python benchmarks/precision.py [--corpus DIR]... [--list NAME]... [--show LABEL]
                                   [--write-unlabelled] [--strict]

Runs ``awesome-lint check --format json`` once per corpus folder over every
list in it (``SOURCES.md`` is skipped), keeps the errors and warnings, and
compares each with the hand labels in ``benchmarks/ledger/<list-stem>.tsv``.
The corpus folders default to ``../shared/corpus`` and
``../shared/corpus-formats`` beside the repository.

``missing-file`` is ignored: the corpus copies are lifted out of their
repositories, so the files beside them (CONTRIBUTING.md, LICENSE, images)
never exist and every such finding would be noise.

A ledger row is ``rule, line, label, key, note`` separated by tabs. The label
is ``true`` (a real defect), ``style`` (a defensible style note), ``false``
(the linter misread the list: a bug to fix, not a label to keep) or ``?``
(not yet read). ``key`` is a short normalised snippet of the finding's source
line, so labels survive line shifts: a finding takes the label of a row with
the same rule and key, the nearest line first, each row used once.

Prints precision = (true + style) / labelled per rule and per list, the
unlabelled findings, and a last line ``ledger: N findings, U unlabelled,
F false, precision P%``. Exit 0 (it is a report), 2 on a usage error, and 1
with ``--strict`` when a finding is unlabelled or labelled false.

Only the CLI and its JSON are used, never the package's modules, so the
script survives the package being reorganised.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEDGER = ROOT / "benchmarks" / "ledger"
DEFAULT_CORPORA = (ROOT.parent / "shared" / "corpus", ROOT.parent / "shared" / "corpus-formats")
LABELS = ("true", "style", "false")
KEY_WORDS = 8
HEADER = "rule\tline\tlabel\tkey\tnote"

_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_HTML_TAG = re.compile(r"<[^>]*>")
_URL = re.compile(r"https?://\S+")
_WORD = re.compile(r"[^\W_]+")


@dataclass
class Finding:
    list_name: str
    line: int
    rule: str
    severity: str
    message: str
    source: str
    key: str
    label: str = ""


@dataclass
class Row:
    rule: str
    line: int
    label: str
    key: str
    note: str
    used: bool = False


def line_key(source: str) -> str:
    """The first words of a line without markup, link targets and case: 'deep residual learning for image ...'."""
    text = _HTML_TAG.sub(" ", _LINK_TARGET.sub("] ", source))
    words = _WORD.findall(_URL.sub(" ", text).lower())
    if len(words) < 4:  # '[[pdf]](url)' or 'ICLR, 2021. [[Paper]](url)': the address tells such lines apart
        words += [w for w in _WORD.findall(source.lower()) if w not in words]
    return " ".join(words[:KEY_WORDS])


def run_linter(files: list[Path]) -> list[dict]:
    """One ``awesome-lint check`` over all the files; its JSON findings."""
    command = [
        sys.executable,
        "-m",
        "awesome_lint",
        "check",
        "--format",
        "json",
        "--ignore",
        "missing-file",
        "--no-links",
        "--exit-zero",
        *map(str, files),
    ]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env, check=False)
    if done.returncode != 0:
        sys.exit(f"awesome-lint exited {done.returncode}: {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout)


def corpus_findings(corpora: list[Path], only: list[str]) -> tuple[list[Finding], list[str]]:
    """Errors and warnings on every list of the corpus folders, and the names of the lists read."""
    findings: list[Finding] = []
    names: list[str] = []
    for folder in corpora:
        files = [p for p in sorted(folder.glob("*.md")) if p.name != "SOURCES.md"]
        files = [p for p in files if not only or any(o in p.name for o in only)]
        if not files:
            continue
        lines = {str(p): p.read_text(encoding="utf-8").splitlines() for p in files}
        names += [p.stem for p in files]
        for raw in run_linter(files):
            if raw["severity"] not in ("error", "warning"):
                continue
            text = lines.get(raw["path"]) or Path(raw["path"]).read_text(encoding="utf-8").splitlines()
            line = raw["line"]
            source = text[line - 1] if 0 < line <= len(text) else ""
            findings.append(
                Finding(
                    Path(raw["path"]).stem, line, raw["rule"], raw["severity"], raw["message"], source, line_key(source)
                )
            )
    return findings, names


def read_ledger(name: str) -> list[Row]:
    path = LEDGER / f"{name}.tsv"
    if not path.exists():
        return []
    rows = []
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not text.strip() or text == HEADER:
            continue
        cells = text.split("\t", 4) + [""] * 4
        try:
            rows.append(Row(cells[0], int(cells[1]), cells[2].strip(), cells[3], cells[4]))
        except ValueError:
            sys.exit(f"{path}:{number}: a row is rule<TAB>line<TAB>label<TAB>key<TAB>note")
    return rows


def apply_labels(findings: list[Finding], rows: list[Row]) -> None:
    """Pair findings with rows of the same rule and key, nearest lines first, each row used once."""
    by_key: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in rows:
        by_key[(row.rule, row.key)].append(row)
    pairs = sorted(
        (abs(f.line - r.line), fi, ri)
        for fi, f in enumerate(findings)
        for ri, r in enumerate(by_key.get((f.rule, f.key), []))
    )
    taken: set[int] = set()
    for _, fi, ri in pairs:
        row = by_key[(findings[fi].rule, findings[fi].key)][ri]
        if fi in taken or row.used:
            continue
        taken.add(fi)
        row.used = True
        findings[fi].label = row.label if row.label in LABELS else ""


def write_unlabelled(name: str, findings: list[Finding]) -> int:
    new = [f for f in findings if not f.label]
    path = LEDGER / f"{name}.tsv"
    rows_now = read_ledger(name)
    old = [r for r in rows_now if r.label != "?"]  # '?' rows are written afresh
    if not new and len(old) == len(rows_now):
        return 0
    LEDGER.mkdir(parents=True, exist_ok=True)
    rows = [(r.rule, r.line, r.label, r.key, r.note) for r in old]
    rows += [(f.rule, f.line, "?", f.key, "") for f in new]
    rows.sort(key=lambda r: (r[1], r[0]))
    path.write_text(HEADER + "\n" + "".join("\t".join(map(str, r)) + "\n" for r in rows), encoding="utf-8")
    return len(new)


def precision(counts: Counter) -> str:
    labelled = counts["true"] + counts["style"] + counts["false"]
    return f"{100 * (counts['true'] + counts['style']) / labelled:5.1f}%" if labelled else "    -"


def table(title: str, groups: dict[str, Counter]) -> list[str]:
    width = max([len(title), *map(len, groups)])
    out = [f"{title:<{width}}  findings  true  style  false  unlabelled  precision"]
    total: Counter = Counter()
    for name in sorted(groups):
        c = groups[name]
        total.update(c)
        out.append(
            f"{name:<{width}}  {c['n']:8}  {c['true']:4}  {c['style']:5}  {c['false']:5}  {c['']:10}  {precision(c):>9}"
        )
    out.append(
        f"{'total':<{width}}  {total['n']:8}  {total['true']:4}  {total['style']:5}  {total['false']:5}  "
        f"{total['']:10}  {precision(total):>9}"
    )
    return out


def describe(f: Finding) -> str:
    return f"{f.list_name}:{f.line} {f.rule} {f.message}\n    {f.source.strip()[:200]}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--corpus",
        action="append",
        type=Path,
        metavar="DIR",
        help="a folder of lists (repeatable; default ../shared/corpus and ../shared/corpus-formats)",
    )
    parser.add_argument(
        "--list",
        action="append",
        default=[],
        metavar="NAME",
        help="only lists whose file name contains NAME (repeatable)",
    )
    parser.add_argument(
        "--show",
        choices=[*LABELS, "unlabelled"],
        action="append",
        default=[],
        help="print the findings with this label and their lines (repeatable)",
    )
    parser.add_argument(
        "--write-unlabelled",
        action="store_true",
        help="append a '?' row to the list's ledger file for each unlabelled finding",
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 when a finding is unlabelled or false")
    parser.add_argument("--gone", action="store_true", help="print the labelled rows that match no finding any more")
    parser.add_argument("--prune", action="store_true", help="delete the labelled rows that match no finding any more")
    args = parser.parse_args(argv)

    corpora = [d for d in (args.corpus or DEFAULT_CORPORA) if d.is_dir()]
    if not corpora:
        print(f"ledger: no corpus folder found ({', '.join(map(str, args.corpus or DEFAULT_CORPORA))}); nothing to do")
        return 0
    findings, names = corpus_findings(corpora, args.list)
    by_list: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_list[f.list_name].append(f)
    stale = 0
    gone: list[str] = []
    for name in names:
        rows = read_ledger(name)
        apply_labels(by_list[name], rows)
        unused = [r for r in rows if not r.used and r.label != "?"]
        stale += len(unused)
        gone.extend(f"{name}:{r.line} {r.rule} [{r.label}] {r.key}  {r.note}".rstrip() for r in unused)
        if args.prune and unused:
            keep = [r for r in rows if r.used or r.label == "?"]
            lines = [HEADER] + ["\t".join((r.rule, str(r.line), r.label, r.key, r.note)) for r in keep]
            (LEDGER / f"{name}.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    if args.write_unlabelled:
        added = sum(write_unlabelled(name, by_list[name]) for name in names)
        print(f"wrote {added} '?' rows to {LEDGER.relative_to(ROOT)}/")

    per_rule: dict[str, Counter] = defaultdict(Counter)
    per_list: dict[str, Counter] = {name: Counter() for name in names}
    for f in findings:
        for c in (per_rule[f.rule], per_list[f.list_name]):
            c["n"] += 1
            c[f.label] += 1
    print(
        f"Errors and warnings of awesome-lint on {len(names)} lists in {', '.join(d.name for d in corpora)}; "
        "missing-file ignored (the lists are copies without the files beside them).\n"
    )
    print("\n".join(table("rule", per_rule)), end="\n\n")
    print("\n".join(table("list", per_list)), end="\n\n")
    for label in args.show:
        wanted = "" if label == "unlabelled" else label
        shown = [f for f in findings if f.label == wanted]
        print(f"{label} findings ({len(shown)}):")
        print("\n".join(describe(f) for f in shown) or "  none", end="\n\n")
    unlabelled = [f for f in findings if not f.label]
    if unlabelled and "unlabelled" not in args.show:
        print(f"unlabelled findings ({len(unlabelled)}):")
        print("\n".join(describe(f) for f in unlabelled), end="\n\n")
    if args.gone:
        print(f"rows that match no finding any more ({len(gone)}):")
        print("\n".join(gone) or "  none", end="\n\n")
    if stale and not args.prune:
        print(f"{stale} ledger rows match no finding any more (fixed, or the line changed): prune them (--prune).")
    total = Counter(f.label for f in findings)
    false = total["false"]
    print(
        f"ledger: {len(findings)} findings, {len(unlabelled)} unlabelled, {false} false, "
        f"precision {precision(total).strip()}"
    )
    return 1 if args.strict and (unlabelled or false) else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # piped into head
        sys.exit(0)
