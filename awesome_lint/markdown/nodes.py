"""What Markdown holds, with positions: leaf blocks, links and images, HTML comments."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict


class Node(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Link(Node):
    """A Markdown link or image, where it starts in the file, and what it says."""

    label: str
    url: str
    line: int
    column: int
    image: bool = False
    # The raw ``[label](url)`` text as written, when it could be located.
    raw: str | None = None


class Comment(Node):
    """An HTML comment, where suppression directives live."""

    line: int
    end_line: int
    text: str


class Block(BaseModel):
    """A leaf block of the Markdown text (paragraph, heading, code, ...), as the parser read it."""

    kind: Literal["paragraph", "heading", "code", "html", "comment", "table", "thematic_break", "refdef"]
    line: int
    end_line: int
    quote_depth: int = 0  # '>' levels around it
    item_line: int | None = None  # the bullet line of the innermost list item holding it
    tag: str | None = None  # html: the first tag name, lower case
