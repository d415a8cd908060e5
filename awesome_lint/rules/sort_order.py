from __future__ import annotations

import re
from bisect import bisect_right
from typing import Iterator, Literal

from pydantic import Field

from ..model import Document, Edit, Entry, Fix, Report, Section
from . import Options, rule


class SortOrderOptions(Options):
    order: Literal["alphabetical", "year"] = Field("alphabetical", description="Sort by title (case-insensitive) or by the entry's year.")
    direction: Literal["ascending", "descending"] = Field("ascending", description="A to Z and oldest first, or the reverse.")
    scope: Literal["section", "list"] = Field("section", description="Entries are in order within each section, or across the whole list.")
    skip_sections: list[str] = Field(default_factory=list, description="Titles of sections (and their subsections) whose order is free.")


@rule("sort-order", "warning", SortOrderOptions, enabled=False, fixable=True)
def check(doc: Document, options: SortOrderOptions) -> Iterator[Report]:
    """An entry is out of the list's order (alphabetical or by year); the message says where it belongs."""
    for group in entry_groups(doc, options):
        keyed = [(key, e) for e in group if (key := sort_key(e, options.order)) is not None]
        if len(keyed) < 2:
            continue
        keep = in_order(keyed, options.direction)
        fix = _reorder(doc, group, options)
        for index, (key, entry) in enumerate(keyed):
            if index in keep:
                continue
            message, after = _where(entry, key, keyed, keep, options)
            yield Report(line=entry.line, column=entry.column, message=message, fix=fix, related_lines=[after.line])
            fix = None  # one fix per group: it rewrites the whole run


def sort_key(entry: Entry, order: str):
    if order == "year":
        return entry.year
    key = re.sub(r"^[\W_]+", "", entry.title.casefold())
    return key or None


def in_order(keyed: list[tuple], direction: str) -> set[int]:
    """Indices of a longest run of entries already in order: the others are the ones to move.

    Among equally long runs, the one with the earliest entries is kept: an entry added at the
    wrong place is usually the later one. (Patience sorting, walked from the end.)"""
    tails: list = []  # per run length, the best key a run of that length can start with
    tail_index: list[int] = []
    following: dict[int, int | None] = {}
    for i in range(len(keyed) - 1, -1, -1):
        key = keyed[i][0] if direction == "descending" else _Backwards(keyed[i][0])
        at = bisect_right(tails, key)
        following[i] = tail_index[at - 1] if at else None
        if at == len(tails):
            tails.append(key)
            tail_index.append(i)
        else:
            tails[at], tail_index[at] = key, i
    keep: set[int] = set()
    i = tail_index[-1] if tail_index else None
    while i is not None:
        keep.add(i)
        i = following[i]
    return keep


class _Backwards:
    """A key compared in reverse, so that one walk finds runs in either direction."""

    __slots__ = ("key",)

    def __init__(self, key):
        self.key = key

    def __lt__(self, other: "_Backwards") -> bool:
        return other.key < self.key


def _where(entry: Entry, key, keyed: list[tuple], keep: set[int], options: SortOrderOptions) -> tuple[str, Entry]:
    """The message, and the entry next to which this one belongs."""
    order = "alphabetical" if options.order == "alphabetical" else f"year ({options.direction})"
    ordered = [keyed[i] for i in sorted(keep)]
    before = [e for k, e in ordered if (k <= key if options.direction == "ascending" else k >= key)]
    what = f"'{entry.title}'" + (f" ({entry.year})" if options.order == "year" else "")
    if before:
        return f"{what} is out of {order} order: it belongs after '{before[-1].title}' (line {before[-1].line})", before[-1]
    first = ordered[0][1]
    return f"{what} is out of {order} order: it belongs first, before '{first.title}' (line {first.line})", first


def entry_groups(doc: Document, options: SortOrderOptions) -> list[list[Entry]]:
    """Entries that must be in order among themselves: runs of siblings, or with scope 'list'
    all the top-level entries of the list; nested entries are compared with their siblings."""
    skip = {title.casefold() for title in options.skip_sections}
    top: list[Entry] = []
    groups: list[list[Entry]] = []

    def visit(section: Section, skipped: bool) -> None:
        skipped = skipped or section.title.casefold() in skip
        if not skipped and section.entries:
            runs, nested = _siblings(doc, section.entries)
            if options.scope == "list":
                top.extend(e for run in runs for e in run)
            else:
                groups.extend(runs)
            groups.extend(nested)
        for child in section.sections:
            visit(child, skipped)

    visit(doc.root, False)
    return ([top] if top else []) + groups


def _siblings(doc: Document, entries: list[Entry]) -> tuple[list[list[Entry]], list[list[Entry]]]:
    """(runs of top-level siblings, runs of nested siblings): a run is a list no other text
    interrupts; a label such as '_Interaction_' between entries starts a new one."""
    depth = min(e.indent for e in entries)
    runs: list[list[Entry]] = []
    nested: list[list[Entry]] = []
    for entry in (e for e in entries if e.indent == depth):
        if runs and adjacent(doc, runs[-1][-1], entry):
            runs[-1].append(entry)
        else:
            runs.append([entry])
        children = [e for e in entries if e.indent > depth and entry.line < e.line <= entry.end_line]
        if children:
            inner_runs, inner_nested = _siblings(doc, children)
            nested.extend(inner_runs + inner_nested)
    return runs, nested


def adjacent(doc: Document, first: Entry, second: Entry) -> bool:
    """Only blank lines between one entry's block (sub-bullets included) and the next."""
    return not any(doc.lines[n - 1].strip() for n in range(first.end_line + 1, second.line))


def _reorder(doc: Document, group: list[Entry], options: SortOrderOptions) -> Fix | None:
    """Rewrite a run of entries in order, each with its sub-bullets; only when nothing but blank lines separates them."""
    keys = [sort_key(e, options.order) for e in group]
    if any(k is None for k in keys) or not all(adjacent(doc, a, b) for a, b in zip(group, group[1:])):
        return None
    blocks = [doc.text[doc.offset(e.line):doc.offset(e.end_line) + len(doc.lines[e.end_line - 1])] for e in group]
    gaps = [doc.text[doc.offset(a.end_line) + len(doc.lines[a.end_line - 1]):doc.offset(b.line)] for a, b in zip(group, group[1:])]
    order = sorted(range(len(group)), key=lambda i: keys[i], reverse=options.direction == "descending")  # stable
    text = blocks[order[0]] + "".join(gap + blocks[i] for gap, i in zip(gaps, order[1:]))
    start, end = doc.offset(group[0].line), doc.offset(group[-1].end_line) + len(doc.lines[group[-1].end_line - 1])
    return Fix(edits=[Edit(start=start, end=end, text=text)], description=f"sort the {len(group)} entries")

