from __future__ import annotations

import re
from difflib import get_close_matches
from typing import Iterator

from pydantic import Field

from awesome_lint.markdown.inline import github_slug
from awesome_lint.tree.anchors import Miss, anchor_places, landing, missed, page_anchors, retarget
from awesome_lint.tree.nodes import Document, Section, Toc, TocItem
from awesome_lint.markdown.edits import Edit, Fix
from awesome_lint.lint.findings import Report
from awesome_lint.knowledge.titles import title_key
from awesome_lint.lint.rule import Options, rule

_MARKUP = re.compile(r"[\[\]\\`*_<>&]")  # a title with these would need escaping in a link label
_ITEM_HEAD = re.compile(r"[ \t]*[-*+][ \t]+")  # numbered contents are left alone: their numbers would need changing

_LINK_START = re.compile(r"\[[^\]\n]*\]\(#")  # an item that starts with its in-page link
LABEL_CUTOFF = 0.9  # a label this close to a title is a typo of it ('Condtions'); looser would take a sibling
IGNORED = ["Contents", "Table of Contents", "TOC", "Contributing", "Contribute", "Contributors", "Contribution", "License", "Licence", "Acknowledgements", "Acknowledgments", "Citation", "Star History"]


class TocOptions(Options):
    ignore: list[str] = Field(
        default_factory=lambda: list(IGNORED),
        description="Headings that need no item in the table of contents; compared without case, emoji or punctuation, and a heading that starts with one of them counts ('Contributing Guidelines').",
    )


@rule("toc", "warning", TocOptions, fixable=True)
def check(doc: Document, options: TocOptions) -> Iterator[Report]:
    """The table of contents links to a heading that does not exist, or leaves a heading out."""
    toc = doc.toc
    if toc is None:
        return
    anchors = page_anchors(doc)
    reached = [landing(doc, item.target) for item in toc.items]
    linked = {section.line for section in reached if section is not None}
    resolved = list(reached)  # and the headings broken items meant, for the scope of their sub-items
    claimed: set[int] = set()
    for at, item in enumerate(toc.items):
        miss = missed(doc, item.line, item.column, item.target, anchors, _candidates(doc, toc, resolved, at, linked))
        if miss is not None and not miss.case_only:
            named = _named(doc, toc, resolved, at, linked)
            if miss.meant and (not _agrees(item.label, landing(doc, miss.meant)) or len(named) > 1):
                # close to the target, but the label names another heading, or several
                miss = Miss(miss.target, None, False, None)
            if miss.meant is None and len(named) == 1:
                meant = named[0].anchor
                miss = Miss(item.target, meant, False, retarget(doc, item.line, item.column, item.target, meant))
            elif miss.meant is None:
                claimed.update(section.line for section in named)  # headings the item may mean: adding one is no fix
        if miss is None:
            continue
        meant = landing(doc, miss.meant) if miss.meant else None
        if meant is not None:
            linked.add(meant.line)  # the heading it meant is not missing too
            resolved[at] = meant
        if miss.case_only:
            text = f"links to '#{item.target}'; the heading's anchor is '#{miss.meant}' (GitHub ignores the case, other renderers do not)"
        else:
            text = f"links to '#{item.target}', but no heading has that anchor" + (f"; did you mean '#{miss.meant}'?" if miss.meant else "")
        yield Report(line=item.line, column=item.column, severity="info" if miss.case_only else None, fix=miss.fix, message=f"contents item '{item.label}' {text}")
    ignored = [title_key(title) for title in options.ignore]
    for parent in doc.walk_sections():
        if not any(child.line in linked for child in parent.sections):
            continue  # the contents do not go down to this level here
        for section in parent.sections:
            flattened = any(child.line in linked for child in section.sections)  # a group heading, its parts listed
            listed_or_above = section.line in linked or section.line <= toc.end_line
            if not listed_or_above and not flattened and not _ignored(section, ignored):
                yield Report(
                    line=section.line, related_lines=[toc.line],
                    fix=None if section.line in claimed else _add_item(doc, toc, reached, parent.sections, section),
                    message=f"heading '{section.title}' is missing from the table of contents (line {toc.line}); add '[{section.title}](#{section.anchor})'",
                )


def _scope(toc: Toc, reached: list[Section | None], at: int) -> Section | None:
    """The heading the item's parent item reaches (the nearest ancestor item that reaches one)."""
    depth = toc.items[at].depth
    for i in range(at - 1, -1, -1):
        if toc.items[i].depth < depth:
            if reached[i] is not None:
                return reached[i]
            depth = toc.items[i].depth
    return None


def _subtree(section: Section) -> set[int]:
    lines = {section.line}
    for child in section.sections:
        lines |= _subtree(child)
    return lines


def _candidates(doc: Document, toc: Toc, reached: list[Section | None], at: int, linked: set[int]) -> set[str]:
    """The anchors a broken item may have meant: not one another item reaches already, and under the
    heading its parent item reaches, when it has one (``Autoregressive`` under ``Vocoder`` does not
    mean the ``Autoregressive`` heading of another section)."""
    scope = _scope(toc, reached, at)
    inside = _subtree(scope) if scope is not None else None
    return {
        anchor.name
        for anchor in anchor_places(doc)
        if anchor.certain and (anchor.section is None or anchor.section.line not in linked)
        and (inside is None or (anchor.section is not None and anchor.section.line in inside))
    }


def _agrees(label: str, section: Section | None) -> bool:
    """Whether each word of the item's label is a word of the heading's title, or close to one
    (``[Instruct-guided](#instruct-guided-video)`` does not mean ``Image-guided Video``)."""
    if section is None:
        return True  # an HTML anchor that lands on no heading: nothing to compare
    words = [w for w in github_slug(section.title).split("-") if w]
    return all(get_close_matches(w, words, n=1, cutoff=0.75) for w in github_slug(label.strip()).split("-") if w)


def _named(doc: Document, toc: Toc, reached: list[Section | None], at: int, linked: set[int]) -> list[Section]:
    """The free headings in the broken item's scope its label names: the ones whose title it spells
    (``[U-Net based](#category-specific)`` for ``### U-Net based``), else whose title it starts
    (``Sound-guided`` for ``Sound-guided Video Editing``), else the one it nearly spells (a typo)."""
    item = toc.items[at]
    scope = _scope(toc, reached, at)
    inside = _subtree(scope) if scope is not None else None
    free = [s for s in doc.sections if s.line not in linked and (inside is None or s.line in inside)]
    wanted = github_slug(item.label.strip())
    if not wanted.strip("-_"):
        return []
    same = [s for s in free if github_slug(s.title) == wanted]
    if not same:
        same = [s for s in free if github_slug(s.title).startswith(wanted + "-")]
    if not same:
        found = get_close_matches(wanted, [github_slug(s.title) for s in free], n=2, cutoff=LABEL_CUTOFF)
        same = [s for s in free if len(found) == 1 and github_slug(s.title) == found[0]]
    return same


def _add_item(
    doc: Document, toc: Toc, reached: list[Section | None], siblings: list[Section], section: Section
) -> Fix | None:
    """The missing item, written like its siblings' and placed after the one before it (and its
    sub-items), else before the one after it; none when the place or the text is unclear."""
    if _MARKUP.search(section.title):
        return None
    contents = doc.lines[toc.line - 1:toc.end_line]
    if any(f"(#{section.anchor})" in line.lower() for line in contents):
        return None  # linked already, by a second link on an item's line the tree does not keep
    items = toc.items
    index = {s.line: i for i, s in reversed(list(enumerate(reached))) if s is not None}
    at = siblings.index(section)
    before = next((index[s.line] for s in reversed(siblings[:at]) if s.line in index), None)
    after = next((index[s.line] for s in siblings[at + 1:] if s.line in index), None)
    place = None  # (offset, item written alike, whether the new line goes after the offset)
    if before is not None and (end := _end_of_subtree(doc, toc, before)) is not None:
        place = (end, items[before], True)
    elif after is not None:
        place = (doc.offset(items[after].line), items[after], False)
    head = _item_head(doc, place[1]) if place else None
    if place is None or head is None:
        return None
    line = f"{head}[{section.title}](#{section.anchor})"
    text = f"\n{line}" if place[2] else f"{line}\n"
    return Fix(edits=[Edit(start=place[0], end=place[0], text=text)], description=f"add '{section.title}' to the contents")


def _item_head(doc: Document, item: TocItem) -> str | None:
    """The indentation and bullet of a contents item written as ``- [label](#target)``."""
    text = doc.lines[item.line - 1]
    head = _ITEM_HEAD.match(text)
    return head.group() if head and _LINK_START.match(text, head.end()) else None


def _end_of_subtree(doc: Document, toc: Toc, at: int) -> int | None:
    """Where the item ``at`` and its sub-items end, when each is one line of the contents."""
    items = toc.items
    last = at
    while last + 1 < len(items) and items[last + 1].depth > items[at].depth:
        last += 1
    next_line = items[last + 1].line if last + 1 < len(items) else toc.end_line + 1
    if next_line != items[last].line + 1:
        return None  # an item goes on over more lines, or something else follows it
    return doc.offset(items[last].line, len(doc.lines[items[last].line - 1]) + 1)


def _ignored(section: Section, ignored: list[str]) -> bool:
    key = title_key(section.title)
    return any(key == name or key.startswith(name + " ") for name in ignored)
