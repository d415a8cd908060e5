"""The typed tree of an awesome list.

Every node a rule can point at carries a 1-based ``line``; links also carry a
1-based ``column``. The tree is built by :mod:`awesome_lint.tree.builder` from the blocks and
inlines of :mod:`awesome_lint.markdown`, the only package that knows about mistune.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any, Callable, Literal, TypeVar

from awesome_lint.markdown.nodes import Block, Comment, Link, Node  # noqa: F401  (part of the tree)

from pydantic import Field, PrivateAttr

T = TypeVar("T")


class VenueYear(Node):
    """The venue-year part of a paper entry, e.g. ``*ECCV 2020*``."""

    text: str  # as written, without the emphasis markers
    venue: str  # the text without the year(s), stripped of punctuation
    years: list[int] = Field(default_factory=list)
    line: int
    column: int  # where the span starts, emphasis markers included
    text_column: int | None = None  # where ``text`` itself starts on ``line``, when it is written as is
    # How it is written: in emphasis, as plain text after a link or on a detail line, or in the
    # forms the entry reader finds: a bracketed label, a code span, a link label, a badge, running text.
    style: Literal["italic", "bold", "plain", "bracket", "code", "link", "badge", "text"] = "plain"


class Entry(Node):
    """One item of the list: a paper, a project, a resource."""

    line: int
    end_line: int
    column: int = 1  # where the bullet (or the first character) is
    bullet: str = ""  # '-', '*', '+', '1.', '1)' or '' for paragraph entries
    indent: int = 0  # columns before the bullet
    content_indent: int = 0  # columns before the item's text
    style: Literal["paper", "classic", "paragraph"] = "classic"
    title: str
    title_line: int
    title_column: int = 1
    title_kind: Literal["plain", "bold", "link"] = "plain"
    title_url: str | None = None
    venue: str | None = None
    year: int | None = None
    venue_year: VenueYear | None = None
    description: str | None = None
    description_line: int | None = None
    description_column: int | None = None
    separator: str | None = None  # text between title and description, e.g. ' - '
    links: list[Link] = Field(default_factory=list)
    # The item's first line as written after the bullet; the text rules read.
    head: str = ""
    detail_lines: list[int] = Field(default_factory=list)  # lines of sub-bullets that belong to it
    # Whether the title reads as one (not a venue label, a date, a generic link label or a lone
    # nickname of a paper): rules that compare titles leave unsure ones alone.
    title_sure: bool = True
    nickname: str | None = None  # a short name written before the title ('ViT' in '**ViT**: "An Image is..."')
    tags: list[str] = Field(default_factory=list)  # short labels before the title ('Survey', '⚠')


class TableRow(Node):
    line: int
    cells: list[str]
    extra_cells: list[str] = Field(default_factory=list)
    # Number of cells as written (before padding or dropping).
    written_cells: int = 0
    cell_columns: list[int] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)


class Table(Node):
    line: int
    end_line: int
    header: list[str]
    header_columns: list[int] = Field(default_factory=list)
    delimiter_line: int
    align: list[Literal["left", "right", "center", "none"]] = Field(default_factory=list)
    rows: list[TableRow] = Field(default_factory=list)


class TocItem(Node):
    label: str
    target: str  # the fragment, without '#'
    line: int
    column: int
    depth: int  # 0 for top-level items of the contents list


class Toc(Node):
    """The table of contents: the list whose items link to headings."""

    line: int
    end_line: int
    heading_line: int | None = None  # the heading above it, whatever it is called
    items: list[TocItem] = Field(default_factory=list)


class Section(Node):
    title: str
    level: int  # 0 for the part of the document before the first heading
    line: int
    anchor: str
    raw_title: str = ""  # the heading's inline Markdown as written
    style: Literal["atx", "setext", "root"] = "atx"
    entries: list[Entry] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)


class Document(Node):
    """A parsed list. ``root`` is a level-0 section holding everything."""

    path: str
    root: Section
    toc: Toc | None = None
    links: list[Link] = Field(default_factory=list)  # every link outside code, in order
    comments: list[Comment] = Field(default_factory=list)
    code_lines: list[int] = Field(default_factory=list)  # lines inside code blocks
    line_count: int = 0
    # Not part of the JSON tree: the raw text and its lines, for rules and fixes.
    text: str = Field(default="", exclude=True, repr=False)
    lines: list[str] = Field(default_factory=list, exclude=True, repr=False)
    line_starts: list[int] = Field(default_factory=list, exclude=True, repr=False)
    newline: str = Field(default="\n", exclude=True, repr=False)
    bom: bool = Field(default=False, exclude=True, repr=False)
    blocks: list[Block] = Field(default_factory=list, exclude=True, repr=False)  # leaf blocks, in document order
    # Lines of list items that label a group of sub-items ('- Detection:' over its papers), in order.
    group_lines: list[int] = Field(default_factory=list, exclude=True, repr=False)

    _derived: dict[str, Any] = PrivateAttr(default_factory=dict)

    def derived(self, name: str, build: Callable[[Document], T]) -> T:
        """A view of the document that several rules share (prose blocks, listed items, ...), built once."""
        if name not in self._derived:
            self._derived[name] = build(self)
        return self._derived[name]

    def block_at(self, line: int) -> Block | None:
        """The leaf block covering ``line`` (the innermost one), or None on a blank line."""
        i = bisect_right(self.blocks, line, key=lambda block: block.line) - 1
        return self.blocks[i] if i >= 0 and self.blocks[i].end_line >= line else None

    def walk_sections(self) -> list[Section]:
        """All sections, in document order, the root first."""
        out: list[Section] = []
        stack = [self.root]
        while stack:
            section = stack.pop()
            out.append(section)
            stack.extend(reversed(section.sections))
        return out

    @property
    def sections(self) -> list[Section]:
        return self.walk_sections()[1:]

    @property
    def entries(self) -> list[Entry]:
        return [e for s in self.walk_sections() for e in s.entries]

    @property
    def tables(self) -> list[Table]:
        return [t for s in self.walk_sections() for t in s.tables]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset in ``text``."""
        index = bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def offset(self, line: int, column: int = 1) -> int:
        """Character offset in ``text`` of a 1-based (line, column)."""
        return self.line_starts[line - 1] + column - 1


Section.model_rebuild()
