from __future__ import annotations

import re
from typing import Iterator

from ..model import Document, Edit, Fix, Report
from ..prose import ProseLine, prose_blocks
from . import rule

# Opening -> closing. Curly quotes, CJK brackets and quotes, and parentheses.
PAIRS = {"“": "”", "‘": "’", "『": "』", "「": "」", "（": "）", "《": "》", "【": "】", "〈": "〉", "(": ")"}
CLOSERS = {close: open_ for open_, close in PAIRS.items()}
_ENUMERATION = re.compile(r"(?:^|[\s(])(?:\d{1,2}|[a-zA-Z]|[ivx]{1,4})$")  # '1)', 'a)', 'iv)' list markers
_SMILEY = re.compile(r"[:;=]-?$")


@rule("balanced-punctuation", "error", preset="awesome", fixable=True)
def check(doc: Document, options) -> Iterator[Report]:
    """A quote or bracket is opened and never closed, or closed and never opened (code and URLs aside)."""
    for block in prose_blocks(doc):
        yield from _block(doc, block)


def _block(doc: Document, block: list[ProseLine]) -> Iterator[Report]:
    stack: list[tuple[str, int, int]] = []  # (opening character, line, column)
    straight: tuple[int, int] | None = None  # an open '"'
    for line in block:
        text = line.text
        for index, char in enumerate(text):
            before, after = text[index - 1:index], text[index + 1:index + 2]
            if char == '"':
                if before.isdigit():
                    continue  # 27" is inches
                straight = None if straight else (line.line, index + 1)
            elif char == "’" and _apostrophe(before, after, stack):
                continue
            elif char == "‘" and before.isalnum() and after.isalnum():
                word = re.search(r"\w*$", text[:index]).group() + "’" + re.match(r"\w*", text[index + 1:]).group()
                start = doc.offset(line.line, index + 1)
                fix = Fix(edits=[Edit(start=start, end=start + 1, text="’")], description="use an apostrophe")
                yield Report(line=line.line, column=index + 1, message=f"'‘' inside a word opens a quote; an apostrophe is '’' ({word})", fix=fix)
            elif char in PAIRS and not (char == "(" and _SMILEY.search(text[:index])):
                stack.append((char, line.line, index + 1))
            elif char in CLOSERS:
                opener = CLOSERS[char]
                if char == ")" and (_SMILEY.search(text[:index]) or _ENUMERATION.search(text[:index])) and not any(o == "(" for o, _, _ in stack):
                    continue
                at = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] == opener), None)
                if at is None:
                    yield Report(line=line.line, column=index + 1, message=f"'{char}' closes nothing: no '{opener}' before it in this paragraph; add one or remove this")
                else:
                    del stack[at]
    for opener, number, column in stack:
        yield Report(line=number, column=column, message=f"'{opener}' is never closed in this paragraph; add the closing '{PAIRS[opener]}'")
    if straight:
        yield Report(line=straight[0], column=straight[1], message="'\"' is never closed in this paragraph; add the closing '\"'")


def _apostrophe(before: str, after: str, stack: list[tuple[str, int, int]]) -> bool:
    """’ inside a word (don’t), at the start of one (’90s) or at its end with no ‘ open (students’)."""
    word_before, word_after = before.isalnum(), after.isalnum()
    if word_before and word_after or (not word_before and word_after):
        return True
    return word_before and not any(o == "‘" for o, _, _ in stack)
