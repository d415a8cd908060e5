from __future__ import annotations

from typing import Iterator, Literal

from pydantic import Field

from awesome_lint.tree.nodes import Document, Entry
from awesome_lint.markdown.edits import Edit, Fix
from awesome_lint.lint.findings import Report
from awesome_lint.tree.ordering import adjacent, in_order, sibling_runs, sort_key
from awesome_lint.lint.rule import Options, rule


class SortOrderOptions(Options):
    order: Literal["alphabetical", "year"] = Field("alphabetical", description="Sort by title (case-insensitive) or by the entry's year.")
    direction: Literal["ascending", "descending"] = Field("ascending", description="A to Z and oldest first, or the reverse.")
    scope: Literal["section", "list"] = Field("section", description="Entries are in order within each section, or across the whole list.")
    skip_sections: list[str] = Field(default_factory=list, description="Titles of sections (and their subsections) whose order is free.")


@rule("sort-order", "warning", SortOrderOptions, enabled=False, fixable=True)
def check(doc: Document, options: SortOrderOptions) -> Iterator[Report]:
    """An entry is out of the list's order (alphabetical or by year); the message says where it belongs."""
    for run in sibling_runs(doc, options.scope, options.skip_sections):
        keyed = [(key, e) for e in run if (key := sort_key(e, options.order)) is not None]
        keep = in_order([key for key, _ in keyed], options.direction)
        fix = _reorder(doc, run, options)
        for index, (key, entry) in enumerate(keyed):
            if index not in keep:
                message, after = _where(entry, key, [keyed[i] for i in sorted(keep)], options)
                yield Report(line=entry.line, column=entry.column, message=message, fix=fix, related_lines=[after.line])
                fix = None  # one fix per run: it rewrites the whole run


def _where(entry: Entry, key, ordered: list[tuple], options: SortOrderOptions) -> tuple[str, Entry]:
    """The message, and the entry next to which this one belongs (``ordered``: the entries in order)."""
    order = "alphabetical" if options.order == "alphabetical" else f"year ({options.direction})"
    before = [e for k, e in ordered if (k <= key if options.direction == "ascending" else k >= key)]
    what = f"'{entry.title}'" + (f" ({entry.year})" if options.order == "year" else "")
    if before:
        return f"{what} is out of {order} order: it belongs after '{before[-1].title}' (line {before[-1].line})", before[-1]
    first = ordered[0][1]
    return f"{what} is out of {order} order: it belongs first, before '{first.title}' (line {first.line})", first


def _reorder(doc: Document, run: list[Entry], options: SortOrderOptions) -> Fix | None:
    """The run rewritten in order, each entry with its sub-bullets; only when nothing but blank lines separates them."""
    keys = [sort_key(e, options.order) for e in run]
    if any(k is None for k in keys) or not all(adjacent(doc, a, b) for a, b in zip(run, run[1:])):
        return None

    def end(entry: Entry) -> int:
        return doc.offset(entry.end_line) + len(doc.lines[entry.end_line - 1])

    blocks = [doc.text[doc.offset(e.line):end(e)] for e in run]
    gaps = [doc.text[end(a):doc.offset(b.line)] for a, b in zip(run, run[1:])]  # blank lines stay where they are
    order = sorted(range(len(run)), key=lambda i: keys[i], reverse=options.direction == "descending")  # stable
    text = blocks[order[0]] + "".join(gap + blocks[i] for gap, i in zip(gaps, order[1:]))
    return Fix(edits=[Edit(start=doc.offset(run[0].line), end=end(run[-1]), text=text)], description=f"sort the {len(run)} entries")
