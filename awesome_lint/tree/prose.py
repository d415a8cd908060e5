"""The prose of a list: the text a reader sees, with code, URLs and markup masked.

Rules that read words and punctuation (``balanced-punctuation``,
``tech-spelling``) must never look inside code, link targets, URLs or HTML
tags. :func:`mask_line` blanks those parts of a line with spaces, so that
columns still match the file; :func:`prose_blocks` groups the masked lines of a
document into blocks (a paragraph, a list item's own lines, a heading, a table
row), the units inside which quotes and brackets must pair up; it is built once
per document and shared by the rules.

The other views of inline text live here too, so that each is written once:
:func:`code_spans` (where inline code is), :func:`mask_emphasis` and
:func:`strip_emphasis` (``*``, ``_``, ``~~`` and backtick markers blanked or
removed), and :func:`plain_text` (what a reader sees of a Markdown fragment).
"""

from __future__ import annotations

import html
import re
from typing import NamedTuple

from awesome_lint.tree.nodes import Document

_MASKED = re.compile(
    r"<!--.*?(?:-->|$)"  # comments
    r"|<(?:[a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>"  # autolinks
    r"|</?[A-Za-z][^<>]*>"  # HTML tags
    r"|(?:(?:https?|ftp)://|\bwww\.)(?:[^\s<>()\[\]]|\([^\s<>()]*\))+"  # bare URLs
    r"|\\."  # escaped characters: written on purpose
    r"|&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]\w*);"  # entities
)
_TICKS = re.compile(r"`+")
# Emphasis, strikethrough and code markers; '_' only at a word's edge ('snake_case' keeps its '_').
# The lookahead only says what every match starts with: it lets the scan skip other characters fast.
_EMPHASIS = re.compile(r"(?=[_*~`])(?:(?<!\w)_+|_+(?!\w)|\*+|~~|`+)")
_TAG = re.compile(r"<[^>]+>")
# One link whose label has no markup (brackets, tags, emphasis, entities) and whose target is a plain address.
_PLAIN_LINK = re.compile(r"\[([^\[\]<>*_~`&]*)\]\([^()\s]*\)")


def mask_line(text: str) -> str:
    """``text`` with code spans, images, link targets and brackets, URLs and HTML blanked out."""
    if "`" in text:
        for start, end in code_spans(text):
            text = _blank(text, start, end)
    if "]" in text:
        for start, close, end, image in _links(text):
            text = _blank(text, close, end)  # '](target)' or '][ref]'
            # An image's alt text is not shown; of a link, only the '[' goes.
            text = _blank(text, start, close if image else start + 1)
    if "<" in text or "://" in text or "www." in text or "\\" in text or "&" in text:
        text = _MASKED.sub(_spaces, text)
    return text


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _spaces(m: re.Match) -> str:
    return " " * (m.end() - m.start())


def code_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each inline code span: a backtick run closed by a run of the same length."""
    spans: list[tuple[int, int]] = []
    runs = [(m.start(), m.end()) for m in _TICKS.finditer(text)]
    # following[i]: the next run as long as run i, found in one pass from the end.
    following: list[int | None] = [None] * len(runs)
    last: dict[int, int] = {}
    for i in range(len(runs) - 1, -1, -1):
        length = runs[i][1] - runs[i][0]
        following[i] = last.get(length)
        last[length] = i
    i = 0
    while i < len(runs):
        closer = following[i]
        if closer is None:
            i += 1
            continue
        spans.append((runs[i][0], runs[closer][1]))
        i = closer + 1
    return spans


def mask_emphasis(text: str) -> str:
    """``text`` with emphasis, strikethrough and code markers blanked: '**Github**' -> '  Github  '."""
    return _EMPHASIS.sub(_spaces, text) if _has_marker(text) else text


def strip_emphasis(text: str) -> str:
    """``text`` without emphasis, strikethrough and code markers: '**Github**' -> 'Github'."""
    return _EMPHASIS.sub("", text) if _has_marker(text) else text


def _has_marker(text: str) -> bool:
    return "*" in text or "_" in text or "~" in text or "`" in text


def plain_text(markdown: str) -> str:
    """The text a reader sees of a Markdown fragment (a table cell): no images, link targets, markers or tags."""
    one_link = _PLAIN_LINK.fullmatch(markdown)
    if one_link:  # the usual cell, '[Name](https://...)': nothing else to take out
        return " ".join(one_link.group(1).split())
    text = _without_link_markup(markdown)
    if "<" in text:
        text = _TAG.sub(" ", text)
    text = strip_emphasis(text)
    return " ".join(html.unescape(text).split())


def _without_link_markup(markdown: str, depth: int = 0) -> str:
    """Links replaced by their labels, images dropped; one linear scan (no regex backtracking)."""
    if "](" not in markdown and "][" not in markdown:
        return markdown
    out: list[str] = []
    pos = 0
    for start, close, end, image in sorted(_links(markdown)):
        if start < pos:
            continue  # inside a link already replaced
        out.append(markdown[pos:start])
        if not image:
            label = markdown[start + 1:close]
            out.append(_without_link_markup(label, depth + 1) if depth < 2 else label)
        pos = end
    out.append(markdown[pos:])
    return "".join(out)


def _links(text: str) -> list[tuple[int, int, int, bool]]:
    """(start of '[' or '![', index of ']', end of the target, is image) of inline and reference links."""
    found = []
    openers: dict[int, int] | None = None
    i = 0
    n = len(text)
    while True:
        close = text.find("]", i)
        if close < 0 or close + 1 >= n:
            return found
        nxt = text[close + 1]
        end = _target_end(text, close + 1) if nxt in "([" else -1
        if end < 0:
            i = close + 1
            continue
        start = text.rfind("[", i, close)
        if start < 0 or text.find("]", start, close) >= 0:  # nested or stray brackets: pair them all, once
            if openers is None:
                openers = _openers(text)
            start = openers.get(close)
        if start is not None:
            image = start > 0 and text[start - 1] == "!"
            found.append((start - 1 if image else start, close, end, image))
        i = end


# Possessive runs: what follows a destination (a space, a title, ')') cannot start inside it, so
# giving characters back never finds another match, and matching whole runs is much faster.
_INLINE_TARGET = re.compile(r"\((?:<[^<>\n]*>|(?:[^()\s]++|\([^()\s]*+\))*+)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)")
_REFERENCE = re.compile(r"\[[^\[\]]*\]")
_BRACKET = re.compile(r"[\[\]]")


def _target_end(text: str, at: int) -> int:
    """End (exclusive) of a '(target "title")' or '[ref]' starting at ``at``; -1 when there is none."""
    m = (_INLINE_TARGET if text[at] == "(" else _REFERENCE).match(text, at)
    return m.end() if m else -1


def _openers(text: str) -> dict[int, int]:
    """Index of each ']' -> index of the '[' it closes, brackets paired as nested (one pass over the line)."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for m in _BRACKET.finditer(text):
        if m.group() == "[":
            stack.append(m.start())
        elif stack:
            pairs[m.start()] = stack.pop()
    return pairs


class ProseLine(NamedTuple):  # a tuple: one per line of prose
    line: int  # 1-based line number
    text: str  # the line, masked: same length and columns as in the file


def prose_blocks(doc: Document) -> list[list[ProseLine]]:
    """The document's prose, masked, in blocks: a paragraph, a list item's own lines, a heading, a table row.

    Built once per document (the rules that read prose share it); do not change the lists."""
    return doc.derived("prose_blocks", _prose_blocks)


def _prose_blocks(doc: Document) -> list[list[ProseLine]]:
    skip = set(doc.code_lines)
    for comment in doc.comments:
        if comment.end_line > comment.line:
            skip.update(range(comment.line, comment.end_line + 1))
    blocks: list[list[ProseLine]] = []
    current: list[ProseLine] = []

    def close() -> None:
        nonlocal current
        if current:
            blocks.append(current)
        current = []

    lines = doc.lines
    for block in doc.blocks:
        close()
        kind = block.kind
        if kind in ("code", "thematic_break", "refdef"):
            continue
        last = block.end_line - 1 if kind == "heading" and block.end_line > block.line else block.end_line  # not a setext underline
        for number in range(block.line, last + 1):
            raw = lines[number - 1]
            if number in skip or not raw.strip() or (kind == "table" and number == block.line + 1):  # the delimiter row
                close()
                continue
            body = _unquote(raw, block.quote_depth) if block.quote_depth else raw
            alone = kind == "table" or body.lstrip().startswith("<")  # a row; a line of HTML
            if alone:
                close()
            current.append(ProseLine(number, mask_line(body)))
            if alone:
                close()
    close()
    return blocks


def _unquote(raw: str, depth: int) -> str:
    """``raw`` with its ``depth`` '>' markers (and the space after each) blanked, so that columns still match."""
    i = len(raw) - len(raw.lstrip(" \t"))
    if i > 3:
        return raw
    while depth and raw[i:i + 1] == ">":
        i += 2 if raw[i + 1:i + 2] in (" ", "\t") and i + 1 < len(raw) else 1
        depth -= 1
    return " " * i + raw[i:]
