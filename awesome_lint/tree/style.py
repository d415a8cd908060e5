"""A list's own format, read from the majority of its entries.

Each property of an entry (the title's final period, the bullet, the separator
before the description, ...) is read by one function into a :class:`Sample`.
A property has a majority in a group of entries (entries of one style, or of one
section) when one value covers at least ``share`` of the samples and there are
at least ``minimum`` samples; otherwise the list has no rule for it and nothing
is said. ``entry-format`` reports the samples that depart from the majority;
``list_format`` gives the majorities themselves (for ``awesome-lint init``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Hashable, Iterable, Iterator, NamedTuple, get_args

from awesome_lint.tree.nodes import Document, Entry, Link
from awesome_lint.tree.prose import strip_emphasis

BULLETS = ("-", "*", "+")
_CLOSERS = ")\"'”’»]"
_WORDS = re.compile(r"[a-z0-9]+")
_SHORT_LABEL = re.compile(r"\w[\w .+/-]{0,19}")  # 'paper', 'code', 'project page'


@dataclass(frozen=True)
class Majority:
    value: Hashable
    count: int
    total: int


class Sample(NamedTuple):  # a tuple: a list has thousands of them per property
    """One entry's (or one of its links') value for a property."""

    value: Hashable
    entry: Entry
    link: Link | None = None


def majority(values: Iterable[Hashable], share: float = 0.75, minimum: int = 5) -> Majority | None:
    """The value that at least ``share`` of at least ``minimum`` values have, if any."""
    counts = Counter(values)
    total = sum(counts.values())
    if total < minimum or not counts:
        return None
    value, count = counts.most_common(1)[0]
    return Majority(value, count, total) if count >= share * total else None


# --------------------------------------------------------------------------- readers


def title_period(entry: Entry, doc: Document) -> Iterator[Sample]:
    """'always' when a paper title ends with '.', 'never' when it ends with no punctuation."""
    title = entry.title.rstrip()
    if not title or title[-1] in "?!…:;," or title.endswith(("?.", "!.")):
        return  # '?.' is reported on its own
    yield Sample("always" if title.endswith(".") else "never", entry)


def venue_style(entry: Entry, doc: Document) -> Iterator[Sample]:
    # Emphasis or none; a venue the reader found as a label (bracketed, code, link, badge) is the list's own form.
    if entry.venue_year is not None and entry.venue_year.style in ("italic", "bold", "plain"):
        yield Sample(entry.venue_year.style, entry)


def link_labels(entry: Entry, doc: Document) -> Iterator[Sample]:
    """'double-brackets' for ``[[paper]](url)``, 'brackets' for ``[paper](url)``; short labels only."""
    for link in entry.links:
        if link.image or (entry.title_kind == "link" and link.url == entry.title_url and link is entry.links[0]):
            continue
        label = link.label.strip()
        double = len(label) > 2 and label[0] == "[" and label[-1] == "]"
        inner = label[1:-1] if double else label
        if _SHORT_LABEL.fullmatch(inner) and (link.raw or "").startswith(f"[{label}]("):
            yield Sample("double-brackets" if double else "brackets", entry, link)


def bullet(entry: Entry, doc: Document) -> Iterator[Sample]:
    if entry.bullet in BULLETS:
        yield Sample(entry.bullet, entry)


def bullet_spacing(entry: Entry, doc: Document) -> Iterator[Sample]:
    """Spaces between the bullet and the entry's text."""
    if entry.bullet in BULLETS:
        after = doc.lines[entry.line - 1][entry.column - 1 + len(entry.bullet):]
        gap = len(after) - len(after.lstrip(" "))
        if after[gap:gap + 1] not in ("", "\t"):
            yield Sample(gap, entry)


def separator(entry: Entry, doc: Document) -> Iterator[Sample]:
    if entry.description and entry.separator is not None:
        yield Sample(entry.separator, entry)


def description(entry: Entry, doc: Document) -> Iterator[Sample]:
    """'required' when a classic entry has a description; 'none' when a one-line entry has none."""
    if entry.description:
        yield Sample("required", entry)
    elif entry.end_line == entry.line:
        yield Sample("none", entry)


def description_capital(entry: Entry, doc: Document) -> Iterator[Sample]:
    """'always' or 'never' for the description's first letter; nothing when it may be a name."""
    if not entry.description or entry.description_line is None:
        return
    start = (entry.description_column or 1) - 1
    before = doc.lines[entry.description_line - 1][start:start + 1]  # what the description starts with as written
    words = entry.description.split(maxsplit=2)  # the first two words are read
    first = words[0].rstrip(",.:;!?")
    for suffix in ("'s", "’s"):
        first = first.removesuffix(suffix)
    if before in "`[<*_!" or not first.isalpha() or any(c.isupper() for c in first[1:]):
        return  # code, a link, markup, 'go-kit', 'v2', 'iOS': names keep their case
    name = f"{entry.title} {entry.title_url or ''}".lower()
    if first.lower() in name and first.lower() in _WORDS.findall(name):
        return  # the project's own name
    if len(words) > 1 and words[1] in ("is", "are", "was", "provides"):
        return  # "immudb is a database": a subject, so a name
    yield Sample("always" if first[0].isupper() else "never", entry)


def description_period(entry: Entry, doc: Document) -> Iterator[Sample]:
    """'always' when the description ends with '.', '!' or '?', 'never' when it ends without."""
    if not entry.description:
        return
    end = prose_end(doc.lines[entry.line - 1]) if entry.description_line == entry.line else None
    if end is not None:
        # The description is followed by tags on its line ('. `MIT` `Go`', '. **[Archived]**',
        # '. ([Demo](url), [Source](url))'): its own end is before them.
        yield Sample("always" if end[0] in ".!?…" else "never", entry)
        return
    if not description_ends_head(entry, doc):
        return  # it ends on another line, inside a link, a badge...
    text = entry.description.rstrip()
    bare = text.rstrip(_CLOSERS)
    if bare[-1:] in (".", "!", "?", "…"):
        yield Sample("always", entry)
    elif bare[-1:].isalnum() or bare != text:
        yield Sample("never", entry)


# What lists write after a description: code-span tags, bold or bracketed tags, a parenthesised group
# of links, badges, comments.
_TRAILING_TAG = re.compile(
    r"(?:\s*`[^`]*`|\s*\*\*\[?[^*]{1,40}\]?\*\*|\s*\[[^\]]{1,40}\](?!\()|\s*\((?:[^()]*\]\([^()]*\)[^()]*)+\)"
    r"|\s*!\[[^\]]*\]\([^)]*\)|\s*<!--.*?-->)\s*$"
)


def prose_end(line: str) -> tuple[str, int] | None:
    """The last character of a line's prose when tags follow it ('Desc. `MIT` `Go`' -> '.'), and the index
    just after it; None when no tags follow."""
    stripped, cut = line.rstrip(), False
    while True:
        m = _TRAILING_TAG.search(stripped)
        if m is None or m.start() == 0:
            break
        stripped, cut = stripped[: m.start()].rstrip(), True
    if not cut or not stripped:
        return None
    last = stripped.rstrip(_CLOSERS)[-1:]
    return (last, len(stripped)) if last in ".!?…" or last.isalnum() else None


def description_ends_head(entry: Entry, doc: Document) -> bool:
    """Does the description end where the entry's first line ends (inline markup aside)?"""
    line = strip_emphasis(doc.lines[entry.line - 1]).rstrip()
    tail = strip_emphasis(entry.description or "").rstrip()[-12:]
    return bool(tail) and line.endswith(tail)


# --------------------------------------------------------------------------- properties


@dataclass(frozen=True)
class Property:
    name: str
    read: Callable[[Entry, Document], Iterator[Sample]]
    styles: frozenset[str]  # the entry styles it is read from
    noun: str = "entries"
    per_section: bool = False  # compare with the entries of the same section only
    per_depth: bool = False  # compare entries of one indentation only
    min_share: float = 0.0  # a stricter majority for properties where exceptions are common


EVERY_STYLE = frozenset(get_args(Entry.model_fields["style"].annotation))
PAPER_STYLES = frozenset({"paper", "paragraph"})  # a title, a venue-year and labelled links
CLASSIC_STYLE = frozenset({"classic"})  # a name and a description

PROPERTIES: tuple[Property, ...] = (
    Property("title_period", title_period, PAPER_STYLES),
    Property("venue_style", venue_style, PAPER_STYLES),
    Property("link_labels", link_labels, PAPER_STYLES, noun="links"),
    Property("bullet", bullet, EVERY_STYLE, per_depth=True),
    Property("bullet_spacing", bullet_spacing, EVERY_STYLE, per_depth=True),
    Property("separator", separator, CLASSIC_STYLE),
    # Lists often leave some entries (links to sub-lists, meetups) without a description.
    Property("description", description, CLASSIC_STYLE, noun="entries in this section", per_section=True, per_depth=True, min_share=0.9),
    Property("description_capital", description_capital, CLASSIC_STYLE),
    Property("description_period", description_period, CLASSIC_STYLE),
)


def samples(doc: Document, prop: Property) -> dict[Hashable, list[Sample]]:
    """The property's samples, grouped: entries of one style (and section, depth) together."""
    groups: dict[Hashable, list[Sample]] = {}
    for section in doc.walk_sections():
        for entry in section.entries:
            if entry.style not in prop.styles:
                continue
            for sample in prop.read(entry, doc):
                key = (entry.style, section.line if prop.per_section else None, entry.indent if prop.per_depth else None)
                groups.setdefault(key, []).append(sample)
    return groups


def list_format(doc: Document, share: float = 0.75, minimum: int = 5) -> dict[str, dict[Hashable, Majority]]:
    """Each property's majority value per group of entries, where there is one."""
    found: dict[str, dict[Hashable, Majority]] = {}
    for prop in PROPERTIES:
        for key, group in samples(doc, prop).items():
            top = majority((s.value for s in group), max(share, prop.min_share), minimum)
            if top is not None:
                found.setdefault(prop.name, {})[key] = top
    return found
