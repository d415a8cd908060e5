"""Markdown text -> the typed tree of :mod:`awesome_lint.model`, with positions.

This is the only module that imports mistune. mistune parses inline Markdown
(links, emphasis, code spans, references); the block structure is read here,
line by line, because mistune's block tokens carry no positions and drop GFM
tables that have an over-long row (GitHub keeps them and drops the extra cell).
Runs made only of the most common inline pieces (plain text, ``[label](url)``,
``*venue*``, `` `code` ``, badges) are tokenised here in mistune's own token
shapes, which tests/test_fuzz.py checks against mistune on every corpus line
and on generated text; anything else goes to mistune.

Every line is visited a bounded number of times per nesting level; positions
come from line-start offsets computed once.
"""

from __future__ import annotations

import gc
import html
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Iterator
from urllib.parse import unquote

from .labels import LINK_LABELS
from .model import (
    Block,
    Comment,
    Document,
    Entry,
    Link,
    Section,
    Table,
    TableRow,
    Toc,
    TocItem,
    VenueYear,
)

MAX_DEPTH = 48  # deeper containers are read as plain paragraphs (no recursion blow-up)

# --------------------------------------------------------------------------- lines


@dataclass(slots=True)
class Line:
    no: int  # 1-based line number in the file
    col: int  # 0-based character offset in the file's line where ``text`` starts
    text: str


def _indent(text: str) -> tuple[int, int]:
    """(columns, characters) of leading whitespace, tabs to stops of 4."""
    chars = len(text) - len(text.lstrip(" \t"))
    if "\t" not in text[:chars]:
        return chars, chars  # no character loop: deeply indented lines are read at every level
    cols = 0
    for ch in text[:chars]:
        cols += 4 - cols % 4 if ch == "\t" else 1
    return cols, chars


def _strip_columns(line: Line, width: int) -> Line:
    """Remove up to ``width`` columns of leading whitespace."""
    cols = 0
    i = 0
    text = line.text
    while i < len(text) and cols < width and text[i] in " \t":
        cols += 4 - cols % 4 if text[i] == "\t" else 1
        i += 1
    return Line(line.no, line.col + i, text[i:])


def _is_blank(text: str) -> bool:
    return not text.strip()


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


# --------------------------------------------------------------------------- inline

# A year: 1950-2099, or the short form of "ICCV'19".
_YEAR = re.compile(r"(?<![\d])(?:19[5-9]\d|20\d\d)(?![\d])|['’‘]\d\d(?!\w)")


def _year_value(written: str) -> int:
    if written[0].isdigit():
        return int(written)
    short = int(written[1:])
    return 2000 + short if short < 50 else 1900 + short
_SEPARATOR = re.compile(r"^\s*(?:(\s[-–—]\s)|([-–—:])\s)\s*")
_AFTER_LINK_VENUE = re.compile(r"^\s*,\s*(?P<v>[^\[\]()]{1,100}?(?:19[5-9]\d|20\d\d))(?![\d])")
# A venue-year written without emphasis on a detail line: "ICCV 2019 [[paper]](...)" or
# at the end of the authors line, "Jan Kautz. CVPR 2018".
_PLAIN_VENUE = re.compile(r"(?:^|[.;]\s+)(?P<v>[A-Z0-9][\w&/'’+ -]{0,60}?\s(?:19[5-9]\d|20\d\d))[.,]?\s*$")


@cache
def _markdown() -> Any:
    import mistune

    return mistune.create_markdown(renderer=None, plugins=["strikethrough", "url"])


# What mistune's escape_url leaves as it is: characters quote() keeps, and no ';' that could
# end an HTML entity. Most URLs are such; the rest go through mistune's own function.
_URL_AS_IS = re.compile(r"[A-Za-z0-9\-._~:/?#@!$&()*+,=%]*")


@cache
def _url_escaper() -> Any:
    from mistune.util import escape_url

    return lambda url: url if _URL_AS_IS.fullmatch(url) else escape_url(url)


# Where one of mistune's inline rules can start with the plugins above ("h" is the url
# plugin's "http"); a run without any of them is one text token, without asking mistune.
# Most paper titles are such runs. tests/test_fuzz.py checks this against mistune.
_INLINE_START = re.compile(r"[\n!*<\[\]\\_`~]")


def _inline_tokens(src: str, env: dict) -> list[dict]:
    if not src.strip():
        return []
    if "http" not in src and not _INLINE_START.search(src):
        return [{"type": "text", "raw": src}]
    tokens = _simple_tokens(src, nested_labels=not env.get("ref_links"))
    if tokens is None:
        tokens = _markdown().inline(src, env)
    return tokens


# Most list lines are plain text, [label](url), [[label]](url), *emphasis*, `code` and line
# breaks. Where every piece of a run is one of these, in a form whose reading by mistune is
# certain, the tokens are built here as mistune would build them; anything else (HTML,
# underscores that may emphasise, brackets that may be references, bare URLs for the url
# plugin, escapes, tabs) goes to mistune. tests/test_fuzz.py checks the two agree.
_SPECIAL = r"\n\t!*<\[\]\\_`~"
_URL = r"\((?P<{}>[^\s()<>\\\x00-\x1f\x7f]+)\)"
_SIMPLE_PIECE = re.compile(
    rf"(?P<text>[^{_SPECIAL}]+)"
    rf"|\[(?P<label>[^{_SPECIAL}]+|\[[^{_SPECIAL}]+\])\]{_URL.format('url')}"
    rf"|\[\*\*(?P<strong_label>[^\s{_SPECIAL}](?:[^{_SPECIAL}]*[^\s{_SPECIAL}])?)\*\*\]{_URL.format('strong_url')}"
    rf"|!\[(?P<alt>[^{_SPECIAL}]*)\]{_URL.format('image_url')}"
    r"|(?<!`)`(?P<code>[^`\s](?:[^`\n]*[^`\s])?)`(?!`)"
    rf"|(?:(?<=\s)|^)\*(?P<em>[A-Za-z0-9](?:[^{_SPECIAL}]*[A-Za-z0-9])?)\*"
    rf"|(?:(?<=\s)|^)\*\*(?P<strong>[A-Za-z0-9](?:[^{_SPECIAL}]*[A-Za-z0-9])?)\*\*"
    r"|(?P<html><br(?: ?/)?>|<br >)"
    r"|(?P<newline>\n)"
    r"|(?P<bang>!)(?!\[)"
    r"|(?<=[A-Za-z0-9])(?P<under>_+)(?=[A-Za-z0-9])"
)


def _simple_tokens(src: str, nested_labels: bool) -> list[dict] | None:
    """mistune's tokens for a run made only of the simple pieces above, else None."""
    escape_url = _url_escaper()
    tokens: list[dict] = []
    text = ""
    pos, end = 0, len(src)
    while pos < end:
        m = _SIMPLE_PIECE.match(src, pos)
        if m is None:
            return None
        pos = m.end()
        kind = m.lastgroup
        if kind in ("text", "bang", "under"):
            piece = m.group()
            if "://" in piece:
                return None
            text += piece
            continue
        if kind == "newline":
            kept = text.rstrip(" ")
            if kept[-1:].isspace():
                return None  # other white space before a line break: mistune's own rules decide
            if kept:
                tokens.append({"type": "text", "raw": kept})
            tokens.append({"type": "linebreak" if len(text) - len(kept) >= 2 else "softbreak"})
            text = ""
            while pos < end and src[pos] == " ":
                pos += 1
            if pos == end or src[pos].isspace() or len(tokens) == 1:
                return None  # blank lines, edge line breaks, other white space after one: left to mistune
            continue
        if text:
            tokens.append({"type": "text", "raw": text})
            text = ""
        if kind == "url":
            label = m.group("label")
            if "://" in label or (label[0] == "[" and not nested_labels):
                return None
            tokens.append({"type": "link", "children": [{"type": "text", "raw": label}], "attrs": {"url": escape_url(m.group("url"))}})
        elif kind == "strong_url":
            label = m.group("strong_label")
            if "://" in label:
                return None
            strong = {"type": "strong", "children": [{"type": "text", "raw": label}]}
            tokens.append({"type": "link", "children": [strong], "attrs": {"url": escape_url(m.group("strong_url"))}})
        elif kind == "image_url":
            alt = m.group("alt")
            if "://" in alt:
                return None
            tokens.append({"type": "image", "children": [{"type": "text", "raw": alt}] if alt else [], "attrs": {"url": escape_url(m.group("image_url"))}})
        elif kind == "code":
            tokens.append({"type": "codespan", "raw": m.group("code")})
        elif kind == "html":
            tokens.append({"type": "inline_html", "raw": m.group("html")})
        else:
            inner = m.group(kind)
            if "://" in inner:
                return None
            tokens.append({"type": "emphasis" if kind == "em" else "strong", "children": [{"type": "text", "raw": inner}]})
    if text:
        tokens.append({"type": "text", "raw": text})
    return tokens


def _plain(tokens: list[dict]) -> str:
    out: list[str] = []
    for tok in tokens:
        kind = tok["type"]
        if kind in ("text", "codespan"):
            out.append(tok.get("raw", ""))
        elif kind in ("softbreak", "linebreak"):
            out.append(" ")
        elif kind == "image":
            continue
        elif "children" in tok:
            out.append(_plain(tok["children"]))
    return html.unescape("".join(out))


@dataclass(slots=True)
class InlineRun:
    """Inline tokens of a block, with the offsets of its lines to place links."""

    lines: list[Line]
    tokens: list[dict]
    links: list[Link] = field(default_factory=list)
    link_tokens: list[int] = field(default_factory=list)  # index of the top-level token of each link
    comments: list[Comment] = field(default_factory=list)  # HTML comments outside code spans


# Inline tokens that hold no link, image or comment, at any depth.
_LEAF_KINDS = frozenset({"text", "codespan", "softbreak", "linebreak"})


class _Places:
    """(line, column) in the file of an offset in the text of ``lines`` joined by newlines."""

    __slots__ = ("lines", "starts")

    def __init__(self, lines: list[Line]):
        self.lines = lines
        self.starts = []
        pos = 0
        for line in lines:
            self.starts.append(pos)
            pos += len(line.text) + 1

    def __call__(self, offset: int) -> tuple[int, int]:
        index = bisect_right(self.starts, offset) - 1 if len(self.starts) > 1 else 0
        line = self.lines[index]
        return line.no, line.col + offset - self.starts[index] + 1


class InlineReader:
    def __init__(self, refdefs: dict):
        self.env = {"ref_links": refdefs}
        # The tree builder reads some runs twice (a contents candidate, a paper's
        # detail line while classifying its parent); mistune's inline parse is
        # most of our time, so each run is parsed once.
        self.seen: dict[tuple[str, tuple], InlineRun] = {}

    def read(self, lines: list[Line]) -> InlineRun:
        src = "\n".join(line.text for line in lines)
        key = (src, tuple((line.no, line.col) for line in lines))
        run = self.seen.get(key)
        if run is None:
            run = self.seen[key] = self._read(lines, src)
        return run

    def _read(self, lines: list[Line], src: str) -> InlineRun:
        tokens = _inline_tokens(src, self.env)
        run = InlineRun(lines, tokens)
        if any(tok["type"] not in _LEAF_KINDS for tok in tokens):
            self._visit(tokens, None, run, src, _Places(lines), [0])
        return run

    def _visit(self, toks: list[dict], top: int | None, run: InlineRun, src: str, place: _Places, cursor: list[int]) -> None:
        """Links, images and comments of ``toks`` (of ``top``, the top-level token, when nested)."""
        for index, tok in enumerate(toks):
            kind = tok["type"]
            if kind in _LEAF_KINDS:
                continue
            where = index if top is None else top
            if kind in ("link", "image"):
                url = tok["attrs"]["url"]
                written, start, raw, cursor[0] = self._locate(src, url, cursor[0], kind == "image")
                line_no, column = place(start)
                run.links.append(Link(label=_plain(tok.get("children", [])), url=written, line=line_no, column=column, image=kind == "image", raw=raw))
                run.link_tokens.append(where)
            elif kind == "inline_html":
                raw = tok.get("raw", "")
                if raw.startswith("<!--"):
                    at = src.find(raw, cursor[0])
                    if at >= 0:
                        first, last = place(at)[0], place(at + len(raw) - 1)[0]
                        run.comments.append(Comment(line=first, end_line=last, text=raw[4:-3].strip()))
                        cursor[0] = at + len(raw)
                else:
                    self._html_links(raw, src, cursor, place, run, where)
            children = tok.get("children")
            if not children or all(child["type"] in _LEAF_KINDS for child in children):
                continue
            if kind == "link":
                # An image inside the link (a badge) is written before the link's own URL.
                after = cursor[0]
                cursor[0] = start
                self._visit(children, where, run, src, place, cursor)
                cursor[0] = max(cursor[0], after)
            else:
                self._visit(children, where, run, src, place, cursor)

    @staticmethod
    def _locate(src: str, url: str, cursor: int, image: bool) -> tuple[str, int, str | None, int]:
        """The URL as written, where its link starts, its raw text, and the new cursor."""
        written = url
        if not url:  # ``[label]()``: placed by its empty destination
            q = src.find("]()", cursor)
            p = q + 2 if q >= 0 else -1
        else:
            p = _whole_url(src, url, cursor)
        if p < 0 and url:
            plain = unquote(url)
            p = _whole_url(src, plain, cursor)
            if p >= 0:
                written = plain
        if p < 0:
            return html.unescape(unquote(url)), cursor, None, cursor
        start = p
        if p >= 2 and src[p - 2:p] == "](":
            depth = 0
            k = p - 3
            while k >= cursor:
                ch = src[k]
                if ch == "]" and src[k - 1:k] != "\\":
                    depth += 1
                elif ch == "[" and src[k - 1:k] != "\\":
                    if depth == 0:
                        break
                    depth -= 1
                k -= 1
            if k >= cursor:
                start = k - 1 if image and k > 0 and src[k - 1] == "!" else k
        elif p >= 1 and src[p - 1] == "<":
            start = p - 1
        end = src.find(")", p + len(written))
        raw = src[start:end + 1] if end >= 0 and start < p else None
        return written, start, raw, p + len(written)

    def _html_links(self, raw: str, src: str, cursor: list[int], place, run: InlineRun, where: int) -> None:
        p = src.find(raw, cursor[0])
        base = p if p >= 0 else cursor[0]
        for m in _HTML_ATTR_URL.finditer(raw):
            url = html.unescape(next(g for g in m.groups()[1:] if g is not None))
            line_no, column = place(base + m.start())
            run.links.append(Link(label="", url=url, line=line_no, column=column, image=m.group(1).lower() == "src", raw=None))
            run.link_tokens.append(where)


def _whole_url(src: str, url: str, cursor: int) -> int:
    """Where ``url`` is written whole from ``cursor`` on (not as the start of a longer URL, as
    'https://awesome.re' is of a badge's 'https://awesome.re/badge.svg'); else its first occurrence."""
    first = p = src.find(url, cursor)
    while p >= 0:
        end = p + len(url)
        if end >= len(src) or src[end] in ")> \t\n\"'":
            return p
        p = src.find(url, p + 1)
    return first


# --------------------------------------------------------------------------- headings


def github_slug(text: str) -> str:
    """GitHub's anchor for a heading's text (before de-duplication)."""
    text = text.strip().lower()
    kept = []
    for ch in text:
        if ch == " " or ch == "-" or ch == "_":
            kept.append("-" if ch == " " else ch)
            continue
        cat = unicodedata.category(ch)
        if cat[0] in "LMN" or cat == "Pc":
            kept.append(ch)
    return "".join(kept)


# --------------------------------------------------------------------------- tree


class TreeBuilder:
    def __init__(self, path: str, raw_lines: list[str]):
        self.path = path
        self.raw_lines = raw_lines
        self.refdefs: dict[str, dict[str, str]] = {}
        self.inline = InlineReader(self.refdefs)
        self.links: list[Link] = []
        self.comments: list[Comment] = []
        self.code_lines: list[int] = []
        self.anchor_counts: dict[str, int] = {}
        self.root = Section(title="", level=0, line=1, anchor="", style="root")
        self.stack = [self.root]
        self.toc: Toc | None = None
        self.toc_section: Section | None = None
        self.last_heading_line: int | None = None

    def indent_of(self, item: Item) -> int:
        """Columns before the bullet in the file's line (not relative to the parent item)."""
        prefix = self.raw_lines[item.line.no - 1][: item.line.col]
        return _indent(prefix)[0] if not prefix.strip() else item.indent

    # -- inline helpers
    def read_inline(self, lines: list[Line], again: bool = True) -> InlineRun:
        """The inline run of ``lines``; ``again=False`` for one line that nothing reads twice (a table row)."""
        run = self.inline.read(lines) if again else self.inline._read(lines, lines[0].text)
        self.links.extend(run.links)
        self.comments.extend(run.comments)
        return run

    # -- blocks
    def build(self, blocks: list) -> None:
        for block in blocks:
            self.block(block, top=True)
            self.inline.seen.clear()  # runs are only read again within one top-level block

    def block(self, block, top: bool = False) -> None:
        section = self.stack[-1]
        if isinstance(block, Heading):
            self.heading(block)
        elif isinstance(block, Paragraph):
            run = self.read_inline(block.lines)
            if top:
                entry = self.paragraph_entry(block, run)
                if entry:
                    section.entries.append(entry)
        elif isinstance(block, ListBlock):
            self.list_block(block, section, top)
        elif isinstance(block, TableBlock):
            section.tables.append(self.table(block))
        elif isinstance(block, Code):
            self.code_lines.extend(range(block.first, block.last + 1))
        elif isinstance(block, Html):
            self.html_block(block)
        elif isinstance(block, Quote):
            for child in block.children:
                self.block(child)

    def heading(self, block: Heading) -> None:
        run = self.read_inline(block.lines)
        title = _plain(run.tokens).strip()
        base = github_slug(title)
        count = self.anchor_counts.get(base, 0)
        self.anchor_counts[base] = count + 1
        anchor = base if count == 0 else f"{base}-{count}"
        while anchor in self.anchor_counts and count:
            count += 1
            anchor = f"{base}-{count}"
        if count:
            self.anchor_counts[anchor] = 1
        section = Section(title=title, level=block.level, line=block.line.no, anchor=anchor, raw_title=block.text, style=block.style)
        while self.stack[-1].level >= block.level:
            self.stack.pop()
        self.stack[-1].sections.append(section)
        self.stack.append(section)
        self.last_heading_line = block.line.no

    def html_block(self, block: Html) -> None:
        joined = "\n".join(line.text for line in block.lines)
        last, counted = block.lines[0].no, 0
        for start, end in _comment_spans(joined):
            first = last + joined.count("\n", counted, start)
            last = first + joined.count("\n", start, end)
            counted = end
            self.comments.append(Comment(line=first, end_line=last, text=joined[start + 4:end - 3].strip()))
        for line in block.lines:
            for m in _HTML_ATTR_URL.finditer(line.text):
                url = html.unescape(next(g for g in m.groups()[1:] if g is not None))
                self.links.append(Link(label="", url=url, line=line.no, column=line.col + m.start() + 1, image=m.group(1).lower() == "src"))

    def table(self, block: TableBlock) -> Table:
        header = split_row(block.header.text)
        width = len(header)
        rows = []
        for line in block.rows:
            cells = split_row(line.text)
            texts = [c for c, _ in cells]
            run = self.read_inline([line], again=False)
            rows.append(
                TableRow(
                    line=line.no,
                    cells=(texts + [""] * width)[:width],
                    extra_cells=texts[width:],
                    written_cells=len(texts),
                    cell_columns=[line.col + off + 1 for _, off in cells],
                    links=run.links,
                )
            )
        self.read_inline([block.header])
        return Table(
            line=block.header.no,
            end_line=block.rows[-1].no if block.rows else block.delimiter.no,
            header=[c for c, _ in header],
            header_columns=[block.header.col + off + 1 for _, off in header],
            delimiter_line=block.delimiter.no,
            align=block.aligns,
            rows=rows,
        )

    # -- lists and entries
    def list_block(self, block: ListBlock, section: Section, top: bool) -> None:
        if self.toc is None or self.toc_section is section:
            items = self.toc_items(block, 0)
            total = sum(1 for _ in _all_items(block))
            if items and len(items) >= 2 and len(items) >= 0.8 * total:
                self.read_contents(block)
                if self.toc is None:
                    self.toc = Toc(line=block.items[0].line.no, end_line=block.items[-1].last_no, heading_line=self.last_heading_line, items=items)
                    self.toc_section = section
                else:
                    self.toc.items.extend(items)
                    self.toc.end_line = block.items[-1].last_no
                return
        for item in block.items:
            self.item(item, section)

    def read_contents(self, block: ListBlock) -> None:
        """The links and comments of a contents list, read once (its items are not entries)."""
        for item in _all_items(block):
            for child in item.children:
                if isinstance(child, Paragraph):
                    self.read_inline(child.lines)
                elif not isinstance(child, ListBlock):
                    self.block(child)

    def toc_items(self, block: ListBlock, depth: int) -> list[TocItem]:
        """Items whose first link goes to an in-page ``#anchor``; reading them has no side effect."""
        found: list[TocItem] = []
        for item in block.items:
            own = item.children[0] if item.children and isinstance(item.children[0], Paragraph) else None
            if own is not None:
                run = self.inline.read(own.lines)
                link = run.links[0] if run.links else None
                if link is not None and link.url.startswith("#") and not link.image:
                    found.append(TocItem(label=link.label, target=unquote(link.url[1:]), line=link.line, column=link.column, depth=depth))
            for child in item.children:
                if isinstance(child, ListBlock):
                    found.extend(self.toc_items(child, depth + 1))
        return found

    def item(self, item: Item, section: Section) -> None:
        children = item.children
        own = children[0] if children and isinstance(children[0], Paragraph) else None
        nested = [c for c in children if isinstance(c, ListBlock)]
        run = self.read_inline(own.lines) if own else None
        entry = self.entry_from_item(item, own, run, nested) if run is not None else None
        if entry is not None:
            section.entries.append(entry)
        for child in children[1:] if own else children:
            if isinstance(child, ListBlock):
                if entry is not None and entry.style == "paper":
                    self.detail_list(child, entry)
                else:
                    self.list_block(child, section, False)
            else:
                self.block(child)

    def detail_list(self, block: ListBlock, entry: Entry) -> None:
        """Sub-bullets of a paper entry: venue line, authors, links."""
        for item in block.items:
            for child in item.children:
                if isinstance(child, Paragraph):
                    run = self.read_inline(child.lines)
                    entry.links.extend(run.links)
                    entry.detail_lines.extend(line.no for line in child.lines)
                    if entry.venue_year is None:
                        self.find_venue_year(run, entry, leading=True)
                elif isinstance(child, ListBlock):
                    self.detail_list(child, entry)
                else:
                    self.block(child)

    def entry_from_item(self, item: Item, own: Paragraph, run: InlineRun, nested: list[ListBlock]) -> Entry | None:
        tokens = run.tokens
        first = _first_meaningful(tokens)
        if first is None:
            return None
        index, tok = first
        head_line = own.lines[0]
        if tok["type"] == "link":
            kind = "link"
            title = _plain(tok.get("children", [])).strip()
            title_url = tok["attrs"]["url"]
            link0 = run.links[run.link_tokens.index(index)] if index in run.link_tokens else None
            title_url = link0.url if link0 else title_url
            title_column = link0.column if link0 else head_line.col + 1
        elif tok["type"] == "strong":
            kind, title_url = "bold", None
            title = _plain(tok.get("children", [])).strip()
            title_column = head_line.col + 1 + max(head_line.text.find("**"), head_line.text.find("__"), 0)
            # a bold link: **[Title](url)**
            inner = _first_meaningful(tok.get("children", []))
            if inner and inner[1]["type"] == "link" and len(tok["children"]) == 1:
                title_url = inner[1]["attrs"]["url"]
        elif tok["type"] in ("text", "emphasis", "codespan"):
            kind, title_url = "plain", None
            title = _first_line_text(tokens[index:])
            title_column = head_line.col + 1 + (len(head_line.text) - len(head_line.text.lstrip()))
        else:
            return None
        if not title:
            return None
        entry = Entry(
            line=item.line.no,
            end_line=item.last_no,
            column=item.line.col + 1,
            bullet=item.bullet,
            indent=self.indent_of(item),
            content_indent=self.indent_of(item) + item.content_indent - item.indent,
            title=title,
            title_line=head_line.no,
            title_column=title_column,
            title_kind=kind,
            title_url=title_url,
            links=list(run.links),
            head=head_line.text,
        )
        self.find_venue_year(run, entry)
        if kind == "link":
            rest = tokens[index + 1:]
            self.classic_description(rest, entry, own)
            if entry.venue_year is None:
                self.venue_after_link(rest, entry, head_line)
            entry.style = "paper" if entry.venue_year else "classic"
            return entry
        # A plain or bold line: a paper title when something paper-like follows; a group label otherwise.
        details = bool(entry.venue_year) or len(run.links) > 0 or len(own.lines) > 1
        for block in nested:
            for sub in block.items:
                sub_own = sub.children[0] if sub.children and isinstance(sub.children[0], Paragraph) else None
                if sub_own is None:
                    continue
                sub_tokens = self.inline.read(sub_own.lines).tokens
                sub_first = _first_meaningful(sub_tokens)
                if sub_first is None:
                    continue
                if sub_first[1]["type"] in ("emphasis", "strong") or _is_label_link(sub_first[1]) or _has_year_emphasis(sub_tokens) or _PLAIN_VENUE.search(_first_line_text(sub_tokens)):
                    details = True
                elif sub_first[1]["type"] == "link" and not entry.venue_year:
                    return None  # a group label whose sub-items are the entries
        if not details:
            return None
        entry.style = "paper"
        return entry

    def find_venue_year(self, run: InlineRun, entry: Entry, leading: bool = False) -> None:
        """The first emphasised span with a year; on a detail line, a leading one without."""
        for tok in run.tokens:
            if tok["type"] in ("emphasis", "strong"):
                text = _plain(tok.get("children", [])).strip()
                if len(text) <= 150 and _YEAR.search(text) and not any(c["type"] == "link" for c in tok.get("children", [])):
                    self._set_venue_year(entry, text, "italic" if tok["type"] == "emphasis" else "bold", run)
                    return
        first = _first_meaningful(run.tokens) if leading else None
        if first and first[1]["type"] in ("emphasis", "strong"):
            text = _plain(first[1].get("children", [])).strip()
            if 0 < len(text) <= 80:
                self._set_venue_year(entry, text, "italic" if first[1]["type"] == "emphasis" else "bold", run)
        if leading and entry.venue_year is None:
            m = _PLAIN_VENUE.search(_first_line_text(run.tokens))
            if m:
                self._set_venue_year(entry, m.group("v").strip(), "plain", run)

    def venue_after_link(self, rest: list[dict], entry: Entry, head: Line) -> None:
        if not rest or rest[0]["type"] != "text":
            return
        m = _AFTER_LINK_VENUE.match(rest[0]["raw"])
        if m:
            text = html.unescape(m.group("v")).strip()
            column = head.text.find(m.group("v"))
            self._set_venue_year(entry, text, "plain", None, head.no, head.col + max(column, 0) + 1)
            entry.description = None
            entry.separator = None

    def _set_venue_year(self, entry: Entry, text: str, style: str, run: InlineRun | None, line: int | None = None, column: int | None = None) -> None:
        text_column = column
        if run is not None:
            line, column, text_column = self._find_venue_text(run, text, style)
        years = [_year_value(y) for y in _YEAR.findall(text)]
        venue = _YEAR.sub("", text).strip(" ,.;:'’-").strip()
        if venue.count("(") != venue.count(")"):
            venue = venue.strip("()[] ")
        venue = re.sub(r"\s{2,}", " ", venue)
        entry.venue_year = VenueYear(
            text=text, venue=venue, years=years, line=line or entry.line, column=column or 1, text_column=text_column, style=style
        )
        entry.venue = venue or None
        entry.year = years[-1] if years else None

    _MARKERS = {"italic": ("*", "_"), "bold": ("**", "__"), "plain": ("",)}

    @classmethod
    def _find_venue_text(cls, run: InlineRun, text: str, style: str) -> tuple[int, int, int | None]:
        """(line, column of the span with its emphasis, column of the text itself): the span as
        written with its markers, so that a title that mentions 'ECCV 2019' is not taken for it."""
        for marker in cls._MARKERS[style]:
            written = f"{marker}{text}{marker}"
            for line in reversed(run.lines):
                p = line.text.rfind(written)
                if p >= 0:
                    return line.no, line.col + p + 1, line.col + p + len(marker) + 1
        return run.lines[0].no, run.lines[0].col + 1, None

    def classic_description(self, rest: list[dict], entry: Entry, own: Paragraph) -> None:
        text = _plain(rest)
        if not text.strip():
            return
        m = _SEPARATOR.match(text)
        raw_sep = m.group(0) if m else ""
        description = text[len(raw_sep):].strip()
        if not description:
            return
        entry.separator = raw_sep if m else text[: len(text) - len(text.lstrip())]
        entry.description = " ".join(description.split())
        head = own.lines[0]
        p = head.text.find(description[:20])
        if p >= 0:
            entry.description_line, entry.description_column = head.no, head.col + p + 1
        else:
            entry.description_line, entry.description_column = head.no, head.col + 1

    def paragraph_entry(self, block: Paragraph, run: InlineRun) -> Entry | None:
        first = _first_meaningful(run.tokens)
        if first is None or first[0] != 0 or first[1]["type"] != "link" or not run.links:
            return None
        rest = run.tokens[1:]
        head = block.lines[0]
        entry = Entry(
            line=head.no,
            end_line=block.lines[-1].no,
            column=head.col + 1,
            style="paragraph",
            title=_plain(first[1].get("children", [])).strip(),
            title_line=head.no,
            title_column=run.links[0].column,
            title_kind="link",
            title_url=run.links[0].url,
            links=list(run.links),
            head=head.text,
        )
        self.venue_after_link(rest, entry, head)
        return entry if entry.venue_year and entry.title else None


def _all_items(block: ListBlock) -> Iterator[Item]:
    for item in block.items:
        yield item
        for child in item.children:
            if isinstance(child, ListBlock):
                yield from _all_items(child)


def _is_label_link(tok: dict) -> bool:
    """``[[paper]](url)`` or ``[pdf](url)``: a link labelled by what it points to, not a title."""
    if tok["type"] != "link":
        return False
    label = _plain(tok.get("children", [])).strip()
    return label.startswith("[") or label.lower() in LINK_LABELS


def _has_year_emphasis(tokens: list[dict]) -> bool:
    return any(t["type"] in ("emphasis", "strong") and _YEAR.search(_plain(t.get("children", []))) for t in tokens)


def _first_meaningful(tokens: list[dict]) -> tuple[int, dict] | None:
    """The first token that is not whitespace, an emoji or a badge image."""
    for index, tok in enumerate(tokens):
        kind = tok["type"]
        if kind == "text":
            raw = tok.get("raw", "")
            if not any(ch.isalnum() for ch in raw):
                continue
        if kind in ("image", "softbreak", "linebreak", "inline_html"):
            continue
        return index, tok
    return None


def _first_line_text(tokens: list[dict]) -> str:
    out: list[str] = []
    for tok in tokens:
        kind = tok["type"]
        if kind in ("softbreak", "linebreak", "link"):
            break
        if kind == "text" and "\n" in tok.get("raw", ""):
            out.append(tok["raw"].split("\n", 1)[0])
            break
        out.append(_plain([tok]))
    return html.unescape(" ".join("".join(out).split()))


# --------------------------------------------------------------------------- entry point


class InputError(ValueError):
    """A file that cannot be read as a Markdown list; the message says why and where."""


def decode(data: bytes, path: str) -> tuple[str, bool]:
    """Text and whether it had a BOM; a clear error for binary or non-UTF-8 input."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{path}: UTF-16 text; save it as UTF-8 (GitHub renders UTF-8 READMEs)")
    if b"\x00" in data[:8192]:
        offset = data.index(b"\x00")
        raise InputError(f"{path}: binary file (NUL byte at offset {offset}), not Markdown")
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom:
        data = data[3:]
    try:
        return data.decode("utf-8"), bom
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(f"{path}:{line}:{col}: not valid UTF-8 (byte 0x{data[exc.start]:02x})") from None


def parse(text: str, path: str = "<stdin>", bom: bool = False) -> Document:
    """Parse Markdown text into a :class:`Document`."""
    was_collecting = gc.isenabled()
    gc.disable()  # an acyclic tree of many objects: collections cost time and free nothing
    try:
        return _parse(text, path, bom)
    finally:
        if was_collecting:
            gc.enable()


_LINE_END = re.compile(r"\r\n?|\n")


def _split_lines(text: str) -> tuple[list[str], list[int]]:
    """The lines of ``text`` without their ends, and where each starts. A line ends at LF, CRLF
    or, as CommonMark and GitHub have it, a lone CR (old Mac files)."""
    if "\r" not in text or not re.search(r"\r(?!\n)", text):
        raw_lines = text.split("\n")
        line_starts = []
        pos = 0
        for raw in raw_lines:
            line_starts.append(pos)
            pos += len(raw) + 1
        return [raw[:-1] if raw.endswith("\r") else raw for raw in raw_lines], line_starts
    raw_lines, line_starts = [], []
    pos = 0
    for m in _LINE_END.finditer(text):
        raw_lines.append(text[pos:m.start()])
        line_starts.append(pos)
        pos = m.end()
    raw_lines.append(text[pos:])
    line_starts.append(pos)
    return raw_lines, line_starts


def _parse(text: str, path: str, bom: bool) -> Document:
    raw_lines, line_starts = _split_lines(text)
    newline = "\r\n" if "\r\n" in text[:10000] else "\n" if "\n" in text or "\r" not in text else "\r"
    lines = [Line(i + 1, 0, raw) for i, raw in enumerate(raw_lines)]
    for line in lines:
        if "\x00" in line.text:
            line.text = line.text.replace("\x00", "\ufffd")
    builder = TreeBuilder(path, [line.text for line in lines])
    blocks = BlockReader(builder.refdefs).read(lines)
    builder.build(blocks)
    line_count = len(raw_lines) - (1 if text.endswith(("\n", "\r")) else 0)
    return Document(
        path=path,
        root=builder.root,
        toc=builder.toc,
        links=builder.links,
        comments=builder.comments,
        code_lines=builder.code_lines,
        line_count=max(line_count, 0),
        text=text,
        lines=[line.text for line in lines],
        line_starts=line_starts,
        newline=newline,
        bom=bom,
        blocks=leaf_blocks(blocks, []),
    )
