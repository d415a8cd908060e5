"""The things a list lists, entries and table rows alike, for rules that compare them.

A paper list may keep its papers in bullets (``- Title.`` with a venue line) or
in tables (``| [**Title**](url) | arXiv | 2024-01-01 | [Github](url) |``); the
duplicate rules treat both the same way: an item with a title, the links it
carries, and the section it sits in.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from operator import attrgetter

from awesome_lint.tree.nodes import Document, Entry, Link, Section, Table
from awesome_lint.tree.prose import plain_text
from awesome_lint.tree.reader import classify
from awesome_lint.knowledge.urls import link_kind

# Link labels that say what a link is, not which paper it is.
from awesome_lint.knowledge.labels import LINK_LABELS as GENERIC_LABELS  # noqa: E402  (data/link_labels.toml)
# Header cells that name the column holding an item's title; the first ones name papers.
PAPER_HEADERS = ("title", "paper", "papers", "paper title")
TITLE_HEADERS = (*PAPER_HEADERS, "name", "api", "project", "dataset", "datasets", "model", "library", "tool", "resource")

# Things that start a new group inside a section: a thematic break, a quote, a heading or
# disclosure written in HTML, a paragraph line that is only a bold label.
_BOLD_LABEL = re.compile(r"\s*(?:\*\*|__)[^*_]+(?:\*\*|__)\s*:?\s*$")
_BREAK_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "hr", "details", "summary"})
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")  # what str.isalnum() accepts


@dataclass
class Listed:
    """One listed item: a bullet entry or a table row."""

    title: str
    line: int
    column: int
    section: Section
    links: list[Link] = field(default_factory=list)
    title_link: Link | None = None  # the link the title itself is (classic lists, tables)
    style: str = "classic"  # the entry's style, or "row"
    paper: bool = False  # the title names a paper (not a project, an API, a dataset)
    group: int = 0  # group breaks above the item: items of one group share the number
    sure: bool = True  # the title was read as a title (not a venue label, a link label or a lone nickname)
    nickname: str | None = None  # the short name written before a paper's title ('ViT')


def listed_items(doc: Document) -> list[Listed]:
    """Every entry and every titled table row, in document order.

    Built once per document (the duplicate rules and tech-spelling share it); do not change the items."""
    return doc.derived("listed_items", _listed_items)


def _listed_items(doc: Document) -> list[Listed]:
    items: list[Listed] = []
    for section in doc.walk_sections():
        for entry in section.entries:
            items.append(_entry(entry, section))
        for table in section.tables:
            items.extend(_rows(table, section))
    items.sort(key=attrgetter("line", "column"))
    breaks = _group_breaks(doc)
    for item in items:
        item.group = bisect_right(breaks, item.line)
    return items


def _group_breaks(doc: Document) -> list[int]:
    """The lines that start a new group, in order (each line of a quote: its items stand apart)."""
    breaks: list[int] = list(doc.group_lines)
    lines = doc.lines
    for block in doc.blocks:
        if block.quote_depth and block.kind != "code":
            breaks.extend(range(block.line, block.end_line + 1))
        elif block.kind == "thematic_break" or (block.kind == "html" and block.tag in _BREAK_TAGS):
            breaks.append(block.line)
        elif block.kind == "paragraph":
            for number in range(block.line, block.end_line + 1):
                if _BOLD_LABEL.match(lines[number - 1]):
                    breaks.append(number)
    return sorted(breaks)


def link_title(item: Listed, link: Link) -> str:
    """The title a link carries: its label when the label is a title (a dataset row's paper column), else the item's."""
    label = " ".join(link.label.split()).strip("[] ")  # the parser's label is already the text a reader sees
    return label if len(label.split()) >= 3 and label.lower() not in GENERIC_LABELS else item.title


def same_group(first: Listed, second: Listed) -> bool:
    """Both items sit in one section with no group break (``---``, a quote, a bold label) between them."""
    return first.section is second.section and first.group == second.group


def _entry(entry: Entry, section: Section) -> Listed:
    title_link = entry.links[0] if entry.title_url and entry.links and entry.links[0].url == entry.title_url else None
    paper = entry.style in ("paper", "paragraph") or bool(title_link and link_kind(title_link.label, title_link.url) == "paper")
    return Listed(
        entry.title, entry.title_line, entry.title_column, section, list(entry.links), title_link, entry.style, paper,
        sure=entry.title_sure, nickname=entry.nickname,
    )


def _title_column(table: Table) -> tuple[int, bool]:
    """The column holding the items' titles, and whether it names papers.

    The header says which ('Title', 'Name', ...), unless that column's cells are link labels
    ('[arXiv](url)', '[pdf](url)') rather than names: then the first column whose cells name things."""
    named = None
    for index, header in enumerate(table.header):
        name = plain_text(header).strip(" :").lower()
        if name in TITLE_HEADERS:
            named = index, name in PAPER_HEADERS
            break
    if named is None:
        named = 0, False
    if _names_things(table, named[0]):
        return named
    for index in range(len(table.header)):
        if index != named[0] and _names_things(table, index):
            return index, named[1]
    return named


def _names_things(table: Table, index: int) -> bool:
    """Most of the column's filled cells are names or titles, not link labels, venue labels or dates."""
    filled = named = 0
    for row in table.rows:
        if index >= len(row.cells):
            continue
        text = plain_text(row.cells[index]).strip()
        if not _LETTER_OR_DIGIT.search(text):
            continue
        filled += 1
        named += _names_a_thing(text)
    return filled > 0 and named >= 0.6 * filled


def _names_a_thing(text: str) -> bool:
    what, _ = classify(text)
    return what not in ("venue", "date", "year", "box") and text.strip("[]() ").lower() not in GENERIC_LABELS


def _rows(table: Table, section: Section) -> list[Listed]:
    index, papers = _title_column(table)
    out: list[Listed] = []
    for row in table.rows:
        title = plain_text(row.cells[index]) if index < len(row.cells) else ""
        if not _LETTER_OR_DIGIT.search(title):
            continue
        sure = _names_a_thing(title)
        start = row.cell_columns[index] if index < len(row.cell_columns) else 1
        end = row.cell_columns[index + 1] if index + 1 < len(row.cell_columns) else 10**9
        own = [link for link in row.links if link.line == row.line and start <= link.column < end and not link.image]
        title_link = own[0] if own else None
        paper = papers or bool(title_link and link_kind(title_link.label, title_link.url) == "paper")
        out.append(Listed(title, row.line, start, section, list(row.links), title_link, "row", paper, sure=sure))
    return out
