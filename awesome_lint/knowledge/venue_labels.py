"""Venue labels as lists write them: ``CVPR 2020``, ``CVPR'20``, ``[ICCV' 19]``, ``2019-CVPR``,
``SIGIR21``, ``ICCV, 2020``, ``Conference-NeurIPS'21`` (a badge), ``In ECCV 2018``.

A label is text that names a known venue and, usually, a year, and nothing else a reader
would call a title. Two-digit years are read only where they touch a known venue
(``KDD22``, ``CoRL 24``, ``'19``), never alone: "Top 20 papers" names no year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from awesome_lint.knowledge.venues import Venue, calendar, parse_venue_year

# Words that may stand beside a venue in a label without making it a title.
_FILLER = re.compile(
    r"(?i)\b(?:in|at|on|of|the|proc(?:eedings)?|conf(?:erence)?|journal|trans(?:actions)?|workshops?|"
    r"track|findings|main|long|short|full|papers?|oral|spotlight|poster|highlights?|accepted|submitted|"
    r"under review|preprint|accept|camera[- ]ready|version|extended|special issue|volume|vol|issue|no|pp)\b\.?"
)
_YEAR4 = re.compile(r"(?<![\d])(?:19[5-9]\d|20\d\d)(?![\d])")
# A two-digit year written right after a venue: "'19", "’19", "' 19", " 19", "19" (glued), "-19".
_YY_AFTER = re.compile(r"^(?:\s*['’‘`]\s?|\s|-|_)?(\d\d)(?![\d\w])")
# ... or right before it: "19-CVPR", "19 CVPR".
_YY_BEFORE = re.compile(r"(?<![\d\w])(\d\d)(?:\s?-\s?|\s)$")
_GLUED = re.compile(r"^(?P<name>[A-Za-z][A-Za-z&.+]*?)['’‘\s-]?(?P<year>(?:19|20)\d\d|\d\d)$")
_MONTH = re.compile(
    r"(?i)\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
_LEFTOVER = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class VenueLabel:
    """A venue named in a text, the year written with it (if any), and whether the text is only that."""

    text: str  # the text read, as given
    venue: Venue
    written: str  # the venue as spelled in the text
    year: int | None  # the edition year written with it; None when the text gives none
    only: bool  # nothing but the venue, its year and label words: a label, not a title or sentence
    short_year: bool = False  # the year was written with two digits ('19, 19)
    workshop: bool = False


def _expand(yy: str) -> int:
    value = int(yy)
    return 2000 + value if value < 50 else 1900 + value


@lru_cache(maxsize=8192)
def read_label(text: str) -> VenueLabel | None:
    """The venue label that ``text`` is or holds, or None when it names no known venue."""
    cleaned = " ".join(text.replace("’", "'").replace("‘", "'").split())
    if not cleaned or len(cleaned) > 160:
        return None
    parsed = parse_venue_year(cleaned)
    match = parsed.match
    year: int | None = parsed.years[0] if len(parsed.years) == 1 else None
    short = False
    if match is None:
        glued = _GLUED.match(cleaned.strip(" []()*_`:.,;"))
        if glued is None:
            return None
        found = calendar().find(glued.group("name"))
        if found is None or found.end - found.start != len(glued.group("name")):
            return None
        digits = glued.group("year")
        year, short = (int(digits), False) if len(digits) == 4 else (_expand(digits), True)
        rest = ""
        written = found.written
        venue = found.venue
    else:
        venue, written = match.venue, match.written
        if not parsed.years:
            after = _YY_AFTER.match(cleaned[match.end:])
            before = _YY_BEFORE.search(cleaned[: match.start])
            if after:
                year, short = _expand(after.group(1)), True
                cleaned = cleaned[: match.end] + cleaned[match.end + after.end():]
            elif before:
                year, short = _expand(before.group(1)), True
                cleaned = cleaned[: before.start()] + cleaned[match.start:]
        rest = parsed.venue
    if match is not None:
        leftover = _YEAR4.sub(" ", cleaned.replace(written, " ", 1))
        leftover = re.sub(r"'\s?\d\d\b|\b\d\d\b", " ", leftover)
    else:
        leftover = rest
    leftover = _FILLER.sub(" ", _MONTH.sub(" ", leftover))
    if parsed.note:
        leftover = leftover.replace(parsed.note, " ")
    only = not _LEFTOVER.sub("", leftover)
    return VenueLabel(text, venue, written, year, only, short, parsed.workshop)


# A venue-year inside running text: a known venue with a year next to it ("ICCV 2020", "ICCV, 2020",
# "CVPR'20", "2019-CVPR"); the text around it may be anything.
_NEAR_YEAR = re.compile(r"^[\s,]{0,3}(?:(?P<y4>(?:19|20)\d\d)|['’‘]\s?(?P<yy>\d\d))(?![\d\w])")
_YEAR_BEFORE = re.compile(r"(?P<y4>(?:19|20)\d\d)\s?-\s?$")


@dataclass(frozen=True)
class VenueMention:
    """A venue with its year inside a longer text, and where (offsets in that text)."""

    start: int
    end: int
    venue: Venue
    written: str
    year: int
    short_year: bool


def venue_mentions(text: str) -> list[VenueMention]:
    """Every known venue in ``text`` that has a year written right beside it, in order."""
    out: list[VenueMention] = []
    for match in calendar().find_all(text):
        after = _NEAR_YEAR.match(text[match.end:])
        if after:
            yy = after.group("yy")
            year = _expand(yy) if yy else int(after.group("y4"))
            out.append(VenueMention(match.start, match.end + after.end(), match.venue, match.written, year, bool(yy)))
            continue
        before = _YEAR_BEFORE.search(text[: match.start])
        if before:
            out.append(VenueMention(before.start(), match.end, match.venue, match.written, int(before.group("y4")), False))
    return out
