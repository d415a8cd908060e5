from __future__ import annotations

import re
from typing import Iterator

from pydantic import Field

from awesome_lint.tree.anchors import missed, page_anchors
from awesome_lint.tree.nodes import Document, Section, Toc, TocItem
from awesome_lint.markdown.edits import Edit, Fix
from awesome_lint.lint.findings import Report
from awesome_lint.knowledge.titles import title_key
from awesome_lint.lint.rule import Options, rule

_MARKUP = re.compile(r"[\[\]\\`*_<>&]")  # a title with these would need escaping in a link label
_ITEM_HEAD = re.compile(r"[ \t]*[-*+][ \t]+")  # numbered contents are left alone: their numbers would need changing

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
    linked = {item.target.lower() for item in toc.items}
    for item in toc.items:
        miss = missed(doc, item.line, item.column, item.target, anchors)
        if miss is None:
            continue
        linked.add(miss.meant or "")  # the heading it meant is not missing too
        if miss.case_only:
            text = f"links to '#{item.target}'; the heading's anchor is '#{miss.meant}' (GitHub ignores the case, other renderers do not)"
        else:
            text = f"links to '#{item.target}', but no heading has that anchor" + (f"; did you mean '#{miss.meant}'?" if miss.meant else "")
        yield Report(line=item.line, column=item.column, severity="info" if miss.case_only else None, fix=miss.fix, message=f"contents item '{item.label}' {text}")
    ignored = [title_key(title) for title in options.ignore]
    for parent in doc.walk_sections():
        if not any(child.anchor in linked for child in parent.sections):
            continue  # the contents do not go down to this level here
        for section in parent.sections:
            flattened = any(child.anchor in linked for child in section.sections)  # a group heading whose parts are listed
            if section.anchor not in linked and section.line > toc.end_line and not flattened and not _ignored(section, ignored):
                yield Report(
                    line=section.line, related_lines=[toc.line], fix=_add_item(doc, toc, parent.sections, section),
                    message=f"heading '{section.title}' is missing from the table of contents (line {toc.line}); add '[{section.title}](#{section.anchor})'",
                )


def _add_item(doc: Document, toc: Toc, siblings: list[Section], section: Section) -> Fix | None:
    """The missing item, written like its siblings' and placed after the one before it (and its
    sub-items), else before the one after it; none when the place or the text is unclear."""
    if _MARKUP.search(section.title):
        return None
    contents = doc.lines[toc.line - 1:toc.end_line]
    if any(f"(#{section.anchor})" in line.lower() for line in contents):
        return None  # linked already, by a second link on an item's line the tree does not keep
    items = toc.items
    index = {item.target.lower(): i for i, item in reversed(list(enumerate(items)))}
    at = siblings.index(section)
    before = next((index[s.anchor] for s in reversed(siblings[:at]) if s.anchor in index), None)
    after = next((index[s.anchor] for s in siblings[at + 1:] if s.anchor in index), None)
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
    return head.group() if head and text[head.end():].startswith(f"[{item.label}](#") else None


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
