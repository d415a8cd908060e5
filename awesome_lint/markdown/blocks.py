"""Markdown blocks with positions: headings, paragraphs, lists, tables, code, HTML, read line by line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from awesome_lint.markdown.source import Line, MAX_DEPTH, _indent, _is_blank, _strip_columns

from awesome_lint.markdown.nodes import Block


# --------------------------------------------------------------------------- block patterns

_FENCE = re.compile(r"(`{3,}|~{3,})(.*)$")
_ATX = re.compile(r"(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_HR = re.compile(r"(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_BULLET = re.compile(r"([-+*]|\d{1,9}[.)])(?=[ \t]|$)")
_SETEXT = re.compile(r"(=+|-+)[ \t]*$")
_REFDEF = re.compile(r"\[((?:[^\[\]\\]|\\.){1,999})\]:[ \t]*<?([^\s>]*)>?(?:[ \t]+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?[ \t]*$")
_DELIM_CELL = re.compile(r"[ \t]*:?-+:?[ \t]*$")
_HTML_RAW = re.compile(r"<(script|pre|style|textarea)(?:\s|>|$)", re.I)
_HTML_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)(?:\s|/?>|$)")
_HTML_COMPLETE = re.compile(
    r"(?:<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s\"'=<>`]+|'[^']*'|\"[^\"]*\"))?)*\s*/?>"
    r"|</[A-Za-z][A-Za-z0-9-]*\s*>)[ \t]*$"
)
_BLOCK_TAGS = frozenset(
    """address article aside base basefont blockquote body caption center col colgroup dd details
    dialog dir div dl dt fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6
    head header hr html iframe legend li link main menu menuitem nav noframes ol optgroup option p
    param search section summary table tbody td tfoot th thead title tr track ul""".split()
)
_HTML_ATTR_URL = re.compile(r"""\b(href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.I)


def _comment_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each ``<!-- ... -->``; linear where a lazy regex is quadratic on unclosed '<!--'."""
    start = text.find("<!--")
    while start >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            return
        yield start, end + 3
        start = text.find("<!--", end + 3)


_CELL_BREAK = re.compile(r"\\.|\|", re.S)  # an escaped character, or a pipe between cells


def _html_start(text: str) -> int:
    """The CommonMark HTML block kind (1-7) a line starts, or 0."""
    if not text.startswith("<"):
        return 0
    if _HTML_RAW.match(text):
        return 1
    if text.startswith("<!--"):
        return 2
    if text.startswith("<?"):
        return 3
    if text.startswith("<![CDATA["):
        return 5
    if len(text) > 2 and text[1] == "!" and text[2].isalpha():
        return 4
    m = _HTML_TAG.match(text)
    if m and m.group(1).lower() in _BLOCK_TAGS:
        return 6
    if _HTML_COMPLETE.match(text):
        return 7
    return 0


_HTML_END = {
    1: re.compile(r"</(?:script|pre|style|textarea)>", re.I),
    2: re.compile(r"-->"),
    3: re.compile(r"\?>"),
    4: re.compile(r">"),
    5: re.compile(r"\]\]>"),
}


def split_row(text: str) -> list[tuple[str, int]]:
    """Cells of a GFM table row with the offset of each cell's text in ``text``."""
    i = len(text) - len(text.lstrip())
    if text.startswith("|", i):
        i += 1
    if "\\" in text:
        pieces, start = [], i
        for m in _CELL_BREAK.finditer(text, i):
            if m.group() == "|":
                pieces.append(text[start:m.start()])
                start = m.end()
        pieces.append(text[start:])
    else:  # no escapes: every pipe is a break
        pieces = text[i:].split("|")
    tail = pieces[-1]
    if len(pieces) > 1 and not tail.strip() and text.rstrip().endswith("|"):
        pieces.pop()  # the closing pipe
    out = []
    offset = i
    for raw in pieces:
        cell = raw.lstrip()
        out.append((cell.rstrip(), offset + len(raw) - len(cell)))
        offset += len(raw) + 1
    return out


def _delimiter_cells(text: str) -> list[str] | None:
    if "-" not in text:
        return None
    cells = [c for c, _ in split_row(text)]
    if not cells or not all(_DELIM_CELL.match(c) for c in cells):
        return None
    if len(cells) == 1 and "|" not in text:
        return None
    aligns = []
    for c in cells:
        left, right = c.startswith(":"), c.endswith(":")
        aligns.append("center" if left and right else "left" if left else "right" if right else "none")
    return aligns


# --------------------------------------------------------------------------- blocks


@dataclass(slots=True)
class Heading:
    level: int
    line: Line  # where the heading starts (its '#' or its first text line)
    lines: list[Line]  # the heading's text, line by line, as positioned in the file
    style: str

    @property
    def text(self) -> str:
        return " ".join(line.text.strip() for line in self.lines)


@dataclass(slots=True)
class Paragraph:
    lines: list[Line]


@dataclass(slots=True)
class Code:
    first: int
    last: int


@dataclass(slots=True)
class Html:
    lines: list[Line]


@dataclass(slots=True)
class Quote:
    children: list


@dataclass(slots=True)
class TableBlock:
    header: Line
    delimiter: Line
    aligns: list[str]
    rows: list[Line]


@dataclass(slots=True)
class Item:
    line: Line  # the line with the bullet (text starts at the bullet)
    bullet: str
    indent: int
    content_indent: int
    children: list
    last_no: int


@dataclass(slots=True)
class ListBlock:
    items: list[Item]
    ordered: bool


@dataclass(slots=True)
class RefDef:
    label: str
    url: str
    line: Line


@dataclass(slots=True)
class ThematicBreak:
    no: int


class BlockReader:
    """Reads container and leaf blocks from a run of lines."""

    def __init__(self, refdefs: dict[str, dict[str, str]]):
        self.refdefs = refdefs

    def read(self, lines: list[Line], depth: int = 0) -> list:
        blocks: list = []
        i, n = 0, len(lines)
        while i < n:
            line = lines[i]
            text = line.text
            if _is_blank(text):
                i += 1
                continue
            cols, chars = _indent(text)
            if cols >= 4:
                j = i + 1
                while j < n and (_is_blank(lines[j].text) or _indent(lines[j].text)[0] >= 4):
                    j += 1
                while _is_blank(lines[j - 1].text):
                    j -= 1
                blocks.append(Code(line.no, lines[j - 1].no))
                i = j
                continue
            body = text[chars:]
            kind = self._leaf_start(body, depth)
            if kind == "fence":
                i = self._fence(lines, i, chars, blocks)
            elif kind == "atx":
                m = _ATX.match(body)
                start = m.start(2) if m.group(2) is not None else len(body)
                title = Line(line.no, line.col + chars + start, (m.group(2) or "").rstrip())
                blocks.append(Heading(len(m.group(1)), Line(line.no, line.col + chars, body), [title], "atx"))
                i += 1
            elif kind == "hr":
                blocks.append(ThematicBreak(line.no))
                i += 1
            elif kind == "quote":
                i = self._quote(lines, i, depth, blocks)
            elif kind == "html":
                i = self._html(lines, i, chars, _html_start(body), blocks)
            elif kind == "list":
                i = self._list(lines, i, depth, blocks)
            else:
                i = self._paragraph(lines, i, blocks)
        return blocks

    def _leaf_start(self, body: str, depth: int, interrupting: bool = False) -> str:
        first = body[:1]
        if first in "`~" and _FENCE.match(body) and not (first == "`" and "`" in _FENCE.match(body).group(2)):
            return "fence"
        if first == "#" and _ATX.match(body):
            return "atx"
        if first in "*-_" and _HR.match(body):
            return "hr"
        if first == ">" and depth < MAX_DEPTH:
            return "quote"
        if first == "<":
            kind = _html_start(body)
            if kind and not (interrupting and kind == 7):
                return "html"
        if depth < MAX_DEPTH:
            m = _BULLET.match(body)
            if m:
                if not interrupting:
                    return "list"
                marker = m.group(1)
                rest = body[m.end():]
                if rest.strip() and (marker in "-+*" or marker[:-1] == "1"):
                    return "list"
        return ""

    def _fence(self, lines: list[Line], i: int, chars: int, blocks: list) -> int:
        m = _FENCE.match(lines[i].text[chars:])
        fence = m.group(1)
        j = i + 1
        close = re.compile(r"[ \t]{0,3}" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}[ \t]*$")
        while j < len(lines) and not close.match(lines[j].text):
            j += 1
        last = min(j, len(lines) - 1)
        blocks.append(Code(lines[i].no, lines[last].no))
        return j + 1

    def _quote(self, lines: list[Line], i: int, depth: int, blocks: list) -> int:
        inner: list[Line] = []
        j = i
        n = len(lines)
        while j < n:
            text = lines[j].text
            cols, chars = _indent(text)
            if cols < 4 and text[chars:chars + 1] == ">":
                k = chars + 1
                if text[k:k + 1] == " ":
                    k += 1
                inner.append(Line(lines[j].no, lines[j].col + k, text[k:]))
            elif inner and not _is_blank(text) and not _is_blank(inner[-1].text) and not self._leaf_start(text[chars:], depth, True):
                inner.append(lines[j])  # lazy continuation
            else:
                break
            j += 1
        blocks.append(Quote(self.read(inner, depth + 1)))
        return j

    def _html(self, lines: list[Line], i: int, chars: int, kind: int, blocks: list) -> int:
        j = i
        n = len(lines)
        if kind in _HTML_END:
            end = _HTML_END[kind]
            while j < n and not end.search(lines[j].text, chars if j == i else 0):
                j += 1
            j = min(j, n - 1) + 1
        else:
            while j < n and not _is_blank(lines[j].text):
                j += 1
        blocks.append(Html(lines[i:j]))
        return j

    def _paragraph(self, lines: list[Line], i: int, blocks: list) -> int:
        j = i
        n = len(lines)
        para: list[Line] = []
        while j < n:
            line = lines[j]
            text = line.text
            if _is_blank(text):
                break
            cols, chars = _indent(text)
            body = text[chars:]
            if para:
                if cols < 4 and _SETEXT.match(body):
                    level = 1 if body[0] == "=" else 2
                    blocks.append(Heading(level, para[0], para, "setext"))
                    return j + 1
                if cols < 4 and self._leaf_start(body, 0, True):
                    break
            # A table may start at any line of a paragraph (its header row).
            if "|" in text and j + 1 < n:
                aligns = _delimiter_cells(lines[j + 1].text)
                if aligns is not None and len(split_row(text)) == len(aligns):
                    if para:
                        blocks.append(Paragraph(para))
                    return self._table(lines, j, aligns, blocks)
            if not para:
                m = _REFDEF.match(body)
                if m and cols < 4:
                    key = " ".join(m.group(1).split()).lower().upper()
                    self.refdefs.setdefault(key, {"url": m.group(2), "label": m.group(1)})
                    blocks.append(RefDef(m.group(1), m.group(2), Line(line.no, line.col + chars, body)))
                    j += 1
                    continue
            para.append(line)
            j += 1
        if para:
            blocks.append(Paragraph(para))
        return j

    def _table(self, lines: list[Line], i: int, aligns: list[str], blocks: list) -> int:
        header, delimiter = lines[i], lines[i + 1]
        j = i + 2
        rows: list[Line] = []
        while j < len(lines):
            text = lines[j].text
            if _is_blank(text):
                break
            cols, chars = _indent(text)
            if cols < 4 and self._leaf_start(text[chars:], 0, True):
                break
            rows.append(lines[j])
            j += 1
        blocks.append(TableBlock(header, delimiter, aligns, rows))
        return j

    def _list(self, lines: list[Line], i: int, depth: int, blocks: list) -> int:
        items: list[Item] = []
        n = len(lines)
        first_marker = None
        ordered = False
        while i < n:
            line = lines[i]
            cols, chars = _indent(line.text)
            m = _BULLET.match(line.text, chars) if cols < 4 else None
            if not m:
                break
            marker = m.group(1)
            kind = marker[-1] if marker[-1] in ".)" else marker
            if first_marker is None:
                first_marker, ordered = kind, marker[-1] in ".)"
            elif kind != first_marker:
                break
            after = line.text[m.end():]
            gap, gap_chars = _indent(after)
            if _is_blank(after):
                content = cols + len(marker) + 1
                first_text = ""
                gap_chars = len(after)
            elif gap > 4:
                content = cols + len(marker) + 1
                gap_chars = 1
                first_text = after[1:]
            else:
                content = cols + len(marker) + gap
                first_text = after[gap_chars:]
            body = [Line(line.no, line.col + m.end() + gap_chars, first_text)]
            j = i + 1
            last_no = line.no
            blank_run = False
            while j < n:
                nxt = lines[j]
                if _is_blank(nxt.text):
                    body.append(Line(nxt.no, nxt.col, ""))
                    blank_run = True
                    j += 1
                    continue
                ncols, nchars = _indent(nxt.text)
                if ncols >= content:
                    body.append(_strip_columns(nxt, content))
                    blank_run = False
                    last_no = nxt.no
                    j += 1
                    continue
                if blank_run:
                    break
                # lazy continuation of a paragraph
                prev = body[-1].text
                if prev.strip() and not self._leaf_start(nxt.text[nchars:], depth, True) and not _BULLET.match(nxt.text, nchars):
                    if not (ncols < 4 and _SETEXT.match(nxt.text[nchars:]) and nxt.text[nchars] == "="):
                        body.append(nxt)
                        last_no = nxt.no
                        j += 1
                        continue
                break
            while body and len(body) > 1 and _is_blank(body[-1].text):
                body.pop()
            children = self.read(body, depth + 1)
            items.append(Item(Line(line.no, line.col + chars, line.text[chars:]), marker, cols, content, children, last_no))
            # blank lines between items keep the list going
            k = j
            while k < n and _is_blank(lines[k].text):
                k += 1
            if k < n:
                kc, kch = _indent(lines[k].text)
                mk = _BULLET.match(lines[k].text, kch) if kc < 4 else None
                if mk and (mk.group(1)[-1] if mk.group(1)[-1] in ".)" else mk.group(1)) == first_marker and not _HR.match(lines[k].text[kch:]):
                    i = k
                    continue
            i = j
            break
        blocks.append(ListBlock(items, ordered))
        return i


_TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")


def _html_leaf(block: Html, quote_depth: int, item_line: int | None) -> Block:
    joined = "\n".join(line.text for line in block.lines)
    outside, counted = [], 0
    for start, end in _comment_spans(joined):
        outside.append(joined[counted:start])
        counted = end
    outside.append(joined[counted:])
    rest = "".join(outside)
    m = _TAG_NAME.search(rest)
    kind = "comment" if counted and not rest.strip() else "html"
    return Block(kind=kind, line=block.lines[0].no, end_line=block.lines[-1].no, quote_depth=quote_depth, item_line=item_line, tag=m.group(1).lower() if m else None)


def leaf_blocks(blocks: list, out: list[Block], quote_depth: int = 0, item_line: int | None = None) -> list[Block]:
    """The leaf blocks under ``blocks``, in document order, with the containers around each."""
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(Block(kind="paragraph", line=block.lines[0].no, end_line=block.lines[-1].no, quote_depth=quote_depth, item_line=item_line))
        elif isinstance(block, ListBlock):
            for item in block.items:
                leaf_blocks(item.children, out, quote_depth, item.line.no)
        elif isinstance(block, Heading):
            end = block.line.no if block.style == "atx" else block.lines[-1].no + 1  # setext: its underline
            out.append(Block(kind="heading", line=block.line.no, end_line=end, quote_depth=quote_depth, item_line=item_line))
        elif isinstance(block, Quote):
            leaf_blocks(block.children, out, quote_depth + 1, item_line)
        elif isinstance(block, Code):
            out.append(Block(kind="code", line=block.first, end_line=block.last, quote_depth=quote_depth, item_line=item_line))
        elif isinstance(block, Html):
            out.append(_html_leaf(block, quote_depth, item_line))
        elif isinstance(block, TableBlock):
            last = block.rows[-1] if block.rows else block.delimiter
            out.append(Block(kind="table", line=block.header.no, end_line=last.no, quote_depth=quote_depth, item_line=item_line))
        elif isinstance(block, ThematicBreak):
            out.append(Block(kind="thematic_break", line=block.no, end_line=block.no, quote_depth=quote_depth, item_line=item_line))
        elif isinstance(block, RefDef):
            out.append(Block(kind="refdef", line=block.line.no, end_line=block.line.no, quote_depth=quote_depth, item_line=item_line))
    return out


