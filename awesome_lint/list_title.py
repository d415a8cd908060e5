"""Where a list's own title is when it is not a ``# Heading``: an HTML block at the top.

Many lists open with a centred logo or an ``<h1 align="center">`` instead of a
Markdown heading, often after a comment for their tools
(``<!-- markdownlint-disable MD033 -->``). ``main-heading`` takes such a block
as the title, and ``awesome-badge`` has no heading to look beside.
"""

from __future__ import annotations

import re

from .model import Document

_HTML_TITLE = re.compile(r"<h[1-6][\s>]", re.I)
_CENTERED = re.compile(r"align\s*=\s*[\"']?center", re.I)
# Blank lines and HTML comments before the first thing a reader sees.
_COMMENTS_AND_SPACE = re.compile(r"(?:\s*<!--.*?-->)*\s*", re.S)


def html_title_lines(doc: Document) -> tuple[int, int] | None:
    """(first, last) line of an HTML block that opens the file (comments aside) and holds the title (a logo or an <h1>)."""
    return doc.derived("html_title_lines", _html_title_lines)


def _html_title_lines(doc: Document) -> tuple[int, int] | None:
    start = _COMMENTS_AND_SPACE.match(doc.text).end()
    if not doc.text.startswith("<", start):
        return None
    first = doc.position(start)[0]
    last = next((n for n in range(first + 1, len(doc.lines) + 1) if not doc.lines[n - 1].strip()), len(doc.lines) + 1) - 1
    block = doc.text[start:doc.offset(last) + len(doc.lines[last - 1])]
    if _HTML_TITLE.search(block) or (_CENTERED.search(block) and "<img" in block.lower()):
        return first, last
    return None
