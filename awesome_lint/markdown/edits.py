"""Text edits on the source: what a fix changes."""

from __future__ import annotations

from awesome_lint.markdown.nodes import Node


class Edit(Node):
    """Replace text[start:end] (character offsets in the file's text) by ``text``."""

    start: int
    end: int
    text: str


class Fix(Node):
    edits: list[Edit]
    safe: bool = True
    description: str = ""
