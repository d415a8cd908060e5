"""Source text: its lines, how they end, how the bytes decode."""

from __future__ import annotations

import re
from dataclasses import dataclass

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


