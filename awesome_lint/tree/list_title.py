"""Where a list's own title is when it is not a ``# Heading``: an HTML block at the top.

Many lists open with a centred logo or an ``<h1 align="center">`` instead of a
Markdown heading, often after a comment for their tools
(``<!-- markdownlint-disable MD033 -->``). ``main-heading`` takes such a block
as the title, and ``awesome-badge`` has no heading to look beside.
"""

from __future__ import annotations

import re

from awesome_lint.tree.nodes import Document

_HTML_TITLE = re.compile(r"<h[1-6][\s>]", re.I)
_CENTERED = re.compile(r"align\s*=\s*[\"']?center", re.I)


def html_title_lines(doc: Document) -> tuple[int, int] | None:
    """(first, last) line of an HTML block that opens the file (comments aside) and holds the title (a logo or an <h1>)."""
    return doc.derived("html_title_lines", _html_title_lines)


def _html_title_lines(doc: Document) -> tuple[int, int] | None:
    opening = next((block for block in doc.blocks if block.kind != "comment"), None)  # the first thing a reader sees
    if opening is None or opening.kind != "html":
        return None
    first, last = opening.line, opening.end_line
    block = "\n".join(doc.lines[first - 1:last])
    if _HTML_TITLE.search(block) or (_CENTERED.search(block) and "<img" in block.lower()):
        return first, last
    return None
