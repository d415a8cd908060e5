from __future__ import annotations

import re
from typing import Iterator

from awesome_lint.tree.list_title import html_title_lines
from awesome_lint.tree.nodes import Document, Link
from awesome_lint.lint.findings import Report
from awesome_lint.lint.rule import rule

BADGE_TARGETS = ("https://awesome.re", "https://github.com/sindresorhus/awesome")
BADGE_IMAGES = ("https://awesome.re/badge.svg", "https://awesome.re/badge-flat.svg", "https://awesome.re/badge-flat2.svg")
BADGE = "[![Awesome](https://awesome.re/badge.svg)](https://awesome.re)"
_IMAGE_IN_LINK = re.compile(r"^\[\s*!\[[^\]]*\]\(\s*<?([^)\s>]+)")


@rule("awesome-badge", "error", preset="awesome")
def check(doc: Document, options) -> Iterator[Report]:
    """The main heading has no Awesome badge, or the badge's image is not awesome.re's."""
    title = next((s for s in doc.sections if s.level == 1), None)
    if title is None or html_title_lines(doc) is not None:
        return  # no title (main-heading says so) or an HTML logo: no place to check
    badges = [(link, src) for link, src in _badges(doc, title.line)]
    below = None
    if not badges:
        below = _paragraph_below(doc, title.line)
        badges = [(link, src) for line in below for link, src in _badges(doc, line)]
    if not badges:
        lines = {title.line, *(below or [])}
        bare = next((l for l in doc.links if l.image and l.line in lines and l.url.rstrip("/") in BADGE_IMAGES), None)
        if bare is not None:
            yield Report(line=bare.line, column=bare.column, message=f"the Awesome badge does not link to https://awesome.re; write {BADGE}")
        else:
            yield Report(line=title.line, message=f"no Awesome badge next to the main heading; add {BADGE} to it")
        return
    link, src = badges[0]
    if src not in BADGE_IMAGES:
        yield Report(line=link.line, column=link.column, message=f"the Awesome badge shows '{src}'; use https://awesome.re/badge.svg (or badge-flat.svg, badge-flat2.svg)")
    elif below:
        yield Report(
            line=link.line,
            column=link.column,
            severity="warning",
            message=f"the Awesome badge is below the main heading (line {title.line}); put it in the heading, on its right: '# {title.title} {BADGE}'",
            related_lines=[title.line],
        )


def _badges(doc: Document, line: int) -> Iterator[tuple[Link, str]]:
    """Links on ``line`` to awesome.re (or the awesome list) that wrap an image, with the image's source."""
    for link in doc.links:
        if link.line == line and not link.image and link.url.split("#")[0].rstrip("/") in BADGE_TARGETS:
            m = _IMAGE_IN_LINK.match(link.raw or "")
            if m:
                yield link, m.group(1).rstrip("/")


def _paragraph_below(doc: Document, line: int, blocks: int = 3) -> list[int]:
    """The lines of the paragraphs among the first few blocks under ``line``, before any other heading or list."""
    found: list[int] = []
    seen = 0
    for block in doc.blocks:
        if block.line <= line:
            continue
        if block.kind == "heading" or block.item_line is not None or seen >= blocks:
            break
        if block.kind == "paragraph":
            found.extend(range(block.line, block.end_line + 1))
        seen += 1
    return found
