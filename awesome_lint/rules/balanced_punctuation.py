from __future__ import annotations

import re
from typing import Iterator

from awesome_lint.tree.nodes import Document
from awesome_lint.markdown.edits import Edit, Fix
from awesome_lint.lint.findings import Report
from awesome_lint.tree.prose import ProseLine, prose_blocks
from awesome_lint.lint.rule import rule

# Opening -> closing. Curly quotes, CJK brackets and quotes, and parentheses.
PAIRS = {"“": "”", "‘": "’", "『": "』", "「": "」", "（": "）", "《": "》", "【": "】", "〈": "〉", "(": ")"}
CLOSERS = {close: open_ for open_, close in PAIRS.items()}
_ENUMERATION = re.compile(r"(?:^|[\s(])(?:\d{1,2}|[a-zA-Z]|[ivx]{1,4})$")  # '1)', 'a)', 'iv)' list markers
_SMILEY = re.compile(r"[:;=]-?$")
_MARK = re.compile("[\"" + "".join(PAIRS) + "".join(CLOSERS) + "]")
_WORD_BEFORE = re.compile(r"\w*$")
_WORD_AFTER = re.compile(r"\w*")


@rule("balanced-punctuation", "error", preset="awesome", fixable=True)
def check(doc: Document, options) -> Iterator[Report]:
    """A quote or bracket is opened and never closed, or closed and never opened (code and URLs aside)."""
    for block in prose_blocks(doc):
        yield from _block(doc, block)


def _block(doc: Document, block: list[ProseLine]) -> Iterator[Report]:
    # One stack per opening character: a closer pairs with the latest opener of its kind.
    open_: dict[str, list[tuple[int, int]]] = {}  # opener -> [(line, column)]
    straight: tuple[int, int] | None = None  # an open '"'
    for line in block:
        text = line.text
        for m in _MARK.finditer(text):  # only the characters that matter: linear, however long the line
            index, char = m.start(), m.group()
            before, after = text[index - 1:index], text[index + 1:index + 2]
            if char == '"':
                if before.isdigit():
                    continue  # 27" is inches
                straight = None if straight else (line.line, index + 1)
            elif char == "’" and _apostrophe(before, after, bool(open_.get("‘"))):
                continue
            elif char == "‘" and before.isalnum() and after.isalnum():
                word = _WORD_BEFORE.search(text, max(0, index - 80), index).group() + "’" + _WORD_AFTER.match(text, index + 1).group()
                start = doc.offset(line.line, index + 1)
                fix = Fix(edits=[Edit(start=start, end=start + 1, text="’")], description="use an apostrophe")
                yield Report(line=line.line, column=index + 1, message=f"'‘' inside a word opens a quote; an apostrophe is '’' ({word})", fix=fix)
            elif char in PAIRS and not (char == "(" and _ends(_SMILEY, text, index)):
                open_.setdefault(char, []).append((line.line, index + 1))
            elif char in CLOSERS:
                opener = CLOSERS[char]
                if char == ")" and not open_.get("(") and (_ends(_SMILEY, text, index) or _ends(_ENUMERATION, text, index)):
                    continue
                if open_.get(opener):
                    open_[opener].pop()
                else:
                    yield Report(line=line.line, column=index + 1, message=f"'{char}' closes nothing: no '{opener}' before it in this paragraph; add one or remove this")
    for (number, column), opener in sorted((at, opener) for opener, found in open_.items() for at in found):
        yield Report(line=number, column=column, message=f"'{opener}' is never closed in this paragraph; add the closing '{PAIRS[opener]}'")
    if straight:
        yield Report(line=straight[0], column=straight[1], message="'\"' is never closed in this paragraph; add the closing '\"'")


def _ends(pattern: re.Pattern, text: str, index: int) -> bool:
    """Does ``pattern`` (anchored with '$', at most 6 characters long) match text[:index] at its end?"""
    return pattern.search(text, max(0, index - 6), index) is not None


def _apostrophe(before: str, after: str, single_open: bool) -> bool:
    """’ inside a word (don’t), at the start of one (’90s) or at its end with no ‘ open (students’)."""
    word_before, word_after = before.isalnum(), after.isalnum()
    if word_before and word_after or (not word_before and word_after):
        return True
    return word_before and not single_open
