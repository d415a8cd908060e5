from __future__ import annotations

import re
from typing import Iterator

from awesome_lint.tree.listed import Listed, listed_items
from awesome_lint.tree.nodes import Document, Link
from awesome_lint.markdown.edits import Edit, Fix
from awesome_lint.lint.findings import Report
from awesome_lint.knowledge.product_names import misspellings
from awesome_lint.tree.prose import mask_emphasis, prose_blocks
from awesome_lint.knowledge.titles import squash
from awesome_lint.knowledge.urls import split_url
from awesome_lint.lint.rule import rule


@rule("tech-spelling", "warning", preset="awesome", fixable=True)
def check(doc: Document, options) -> Iterator[Report]:
    """A product name is misspelled (Github, Javascript, NodeJS); write it as its owners do."""
    for block in prose_blocks(doc):
        for line in block:
            for start, wrong, name in misspellings(mask_emphasis(line.text)):
                if _written_so(doc, line.line, start, start + len(wrong)):
                    continue
                begin = doc.offset(line.line, start + 1)
                yield Report(
                    line=line.line,
                    column=start + 1,
                    message=f"'{wrong}' is written '{name}' by its owners (if it means the product)",
                    fix=Fix(edits=[Edit(start=begin, end=begin + len(wrong), text=name)], safe=False, description=f"write {name}"),
                )


def _written_so(doc: Document, line: int, start: int, end: int) -> bool:
    """Is columns [start, end) of ``line`` inside a name spelled as its author chose: a cited paper's
    title, or a link label that is an identifier ('[pytorch](.../pytorch)', '[github](.../go-github)')?"""
    links, papers = doc.derived("tech_spelling.by_line", _by_line)
    for link in links.get(line, ()):
        if link.column < end and start < link.column + len(link.label) and _identifier_label(link):
            return True
    text = doc.lines[line - 1]
    for item in papers.get(line, ()):
        tail = text.find(item.title[-12:], item.column - 1)
        last = min(tail + 12 + 3 if tail >= 0 else len(text), len(text))
        if item.column - 1 < end and start < last:
            return True
    return False


def _by_line(doc: Document) -> tuple[dict[int, list[Link]], dict[int, list[Listed]]]:
    """Written links (not images) and paper items, by line: the places a name may be spelled as its author chose."""
    links: dict[int, list[Link]] = {}
    for link in doc.links:
        if not link.image and link.raw and link.raw.startswith("["):
            links.setdefault(link.line, []).append(link)
    papers: dict[int, list[Listed]] = {}
    for item in listed_items(doc):
        if item.paper:
            papers.setdefault(item.line, []).append(item)
    return links, papers


def _identifier_label(link: Link) -> bool:
    if re.fullmatch(r"[a-z0-9._-]+", link.label):
        return True
    parts = split_url(link.url)
    segment = (parts.path.rstrip("/").rsplit("/", 1)[-1] or parts.host.split(".")[0]).removesuffix(".git")
    return squash(link.label) == squash(segment)
