"""The order of a list's entries: which entries are siblings, and which already are in order.

Used by the ``sort-order`` rule and by ``awesome-lint init`` (to find the order a
list keeps). Entries are siblings when they sit in one list that no other text
interrupts (a label such as ``_Interaction_`` between entries starts a new list),
or are nested under the same entry. Of a run of siblings, the entries to move are
those outside a longest subsequence already in order (found in O(n log n)).
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Iterable

from awesome_lint.tree.nodes import Document, Entry, Section
from awesome_lint.knowledge.titles import alphabetical_key


def sort_key(entry: Entry, order: str):
    """The title without case and leading punctuation, or the year; None when there is none."""
    if order == "year":
        return entry.year
    return alphabetical_key(entry.title) or None


def sibling_runs(doc: Document, scope: str = "section", skip_sections: Iterable[str] = ()) -> list[list[Entry]]:
    """Entries that must be in order among themselves: runs of siblings, or with scope 'list'
    all the top-level entries of the list as one run; nested entries are runs of their own."""
    skip = {title.casefold() for title in skip_sections}
    top: list[Entry] = []
    runs: list[list[Entry]] = []

    def visit(section: Section, skipped: bool) -> None:
        skipped = skipped or section.title.casefold() in skip
        if not skipped and section.entries:
            outer, nested = _runs(doc, section.entries)
            if scope == "list":
                top.extend(e for run in outer for e in run)
            else:
                runs.extend(outer)
            runs.extend(nested)
        for child in section.sections:
            visit(child, skipped)

    visit(doc.root, False)
    return ([top] if top else []) + runs


def _runs(doc: Document, entries: list[Entry]) -> tuple[list[list[Entry]], list[list[Entry]]]:
    """(runs of the outermost entries, runs of the nested ones); each entry is visited once per depth."""
    depth = min(e.indent for e in entries)
    outer: list[list[Entry]] = []
    nested: list[list[Entry]] = []
    i = 0
    while i < len(entries):
        entry = entries[i]
        j = i + 1
        while j < len(entries) and entries[j].indent > depth and entries[j].line <= entry.end_line:
            j += 1  # entries[i+1:j] are nested in this one
        if entry.indent == depth:
            if outer and adjacent(doc, outer[-1][-1], entry):
                outer[-1].append(entry)
            else:
                outer.append([entry])
        if j > i + 1:
            inner_outer, inner_nested = _runs(doc, entries[i + 1:j])
            nested.extend(inner_outer + inner_nested)
        i = j
    return outer, nested


def adjacent(doc: Document, first: Entry, second: Entry) -> bool:
    """Only blank lines between one entry's block (sub-bullets included) and the next."""
    return not any(doc.lines[n - 1].strip() for n in range(first.end_line + 1, second.line))


def in_order(keys: list, direction: str = "ascending") -> set[int]:
    """Indices of a longest subsequence of ``keys`` already in order: the others are to move.

    Among equally long ones, the one with the earliest entries is kept: an entry added at the
    wrong place is usually the later one. (Patience sorting, walked from the end.)"""
    tails: list = []  # per length, the best key a subsequence of that length can start with
    tail_index: list[int] = []
    following: dict[int, int | None] = {}
    for i in range(len(keys) - 1, -1, -1):
        key = keys[i] if direction == "descending" else _Backwards(keys[i])
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
    """A key compared in reverse, so that one walk finds subsequences in either direction."""

    __slots__ = ("key",)

    def __init__(self, key):
        self.key = key

    def __lt__(self, other: "_Backwards") -> bool:
        return other.key < self.key
