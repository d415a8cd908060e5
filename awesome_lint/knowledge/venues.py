"""Venue knowledge: which venue a text names, when it meets, what a URL states.

The facts live in ``data/venues.toml`` (read once, lazily); this module only
interprets them. Everything here is a pure function of text.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, fields, replace
from functools import cache, lru_cache
from importlib.resources import files

from awesome_lint.knowledge.urls import ArxivId, arxiv_id_from_url, split_url  # noqa: F401  (arXiv ids: imported from here by entry_venue)

KINDS = ("conference", "journal", "workshop", "preprint")
CADENCES = ("annual", "odd", "even", "irregular", "continuous")
_SEARCH_SPAN = 12  # years looked at on each side when looking for an edition


def _on_cadence(cadence: str, year: int) -> bool | None:
    if cadence in ("annual", "continuous"):
        return True
    if cadence in ("odd", "even"):
        return year % 2 == (cadence == "odd")
    return None


@dataclass(frozen=True)
class Venue:
    """A conference, journal, workshop or preprint server, and its calendar."""

    key: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    cadence: str
    first_year: int | None = None
    month: int | None = None
    held: frozenset[int] | None = None
    not_held: frozenset[int] = frozenset()
    cadence_from: int | None = None
    cadence_until: int | None = None
    earlier_cadence: str | None = None
    parent: str | None = None  # key of the venue a workshop series belongs to

    def held_in(self, year: int) -> bool | None:
        """True if an edition took place in ``year``, False if none did, None if unknown."""
        if self.first_year is not None and year < self.first_year:
            return False
        if year in self.not_held:
            return False
        if self.held is not None and year in self.held:
            return True
        if self.cadence_until is not None and year > self.cadence_until:
            return None
        start = self.cadence_from if self.cadence_from is not None else self.first_year
        if start is None:
            return None if self.cadence == "continuous" else _on_cadence(self.cadence, year)
        if year >= start:
            return _on_cadence(self.cadence, year)
        if self.earlier_cadence and self.first_year is not None:
            return _on_cadence(self.earlier_cadence, year)
        return None

    def _step(self, year: int, step: int) -> int | None:
        for candidate in range(year + step, year + step * (_SEARCH_SPAN + 1), step):
            held = self.held_in(candidate)
            if held:
                return candidate
            if held is None or (self.first_year is not None and candidate < self.first_year):
                return None
        return None

    def next_edition(self, after_year: int) -> int | None:
        """The first year after ``after_year`` known to have an edition."""
        return self._step(after_year, 1)

    def previous_edition(self, before_year: int) -> int | None:
        """The last year before ``before_year`` known to have an edition."""
        return self._step(before_year, -1)

    def nearest_editions(self, year: int) -> list[int]:
        """Editions to suggest for ``year``: the next one, and the previous one if as close."""
        if self.held_in(year):
            return [year]
        after, before = self.next_edition(year), self.previous_edition(year)
        if after is None:
            return [before] if before is not None else []
        if before is None or year - before > after - year:
            return [after]
        return [after, before]


@dataclass(frozen=True)
class VenueMatch:
    """Where a venue is named in a text, and whether it is written canonically."""

    venue: Venue
    written: str
    start: int
    end: int
    canonical: bool


_VENUE_FIELDS = tuple(f.name for f in fields(Venue))


class VenueCalendar:
    """All known venues, with lookups by name, alias and proceedings URL."""

    def __init__(self, data: dict) -> None:
        self.venues: dict[str, Venue] = {}
        self._exact: dict[str, Venue] = {}  # case-sensitive spellings
        self._folded: dict[str, Venue] = {}  # casefolded spellings
        self._codes: dict[str, dict[str, str]] = {"cvf": {}, "anthology": {}, "anthology_letter": {}}
        self._pmlr: dict[int, tuple[str, int]] = {}
        claimed: dict[str, str] = {}
        branches: list[tuple[str, bool]] = []
        for raw in data["venue"]:
            venue = _venue_from_toml(raw)
            if venue.key in self.venues:
                raise ValueError(f"venue key {venue.key!r} is defined twice")
            self.venues[venue.key] = venue
            exact = set(raw.get("case_sensitive", ()))
            for spelling in (venue.name, *venue.aliases):
                folded = " ".join(spelling.split()).casefold()
                if folded in claimed:
                    raise ValueError(f"{spelling!r} is claimed by both {claimed[folded]!r} and {venue.key!r}")
                claimed[folded] = venue.key
                if spelling in exact:
                    self._exact[spelling] = venue
                else:
                    self._folded[folded] = venue
                branches.append((spelling, spelling in exact))
            for scheme in ("cvf", "anthology_letter"):
                if scheme in raw:
                    self._codes[scheme][raw[scheme].upper()] = venue.key
            for slug in raw.get("anthology", ()):
                self._codes["anthology"][slug.upper()] = venue.key
            for volume, year in raw.get("pmlr", {}).items():
                self._pmlr[int(volume)] = (venue.key, year)
        self._pattern = _AliasPattern(branches)
        self._branches = branches
        self._not_typos = frozenset(name.casefold() for name in data.get("near_misses", {}).get("real", ()))
        self._proceedings = [
            (frozenset(rule["hosts"]), re.compile(rule["path"]), rule.get("key"), rule.get("codes"))
            for rule in data.get("proceedings", ())
        ]

    def __len__(self) -> int:
        return len(self.venues)

    def __iter__(self):
        return iter(self.venues.values())

    def venue(self, key: str) -> Venue:
        return self.venues[key]

    def _match(self, text: str, span: tuple[int, int]) -> VenueMatch:
        written = text[span[0]:span[1]]
        spaced = " ".join(written.split())
        venue = self._exact.get(spaced) or self._folded[spaced.casefold()]
        return VenueMatch(venue, written, span[0], span[1], written == venue.name)

    def find(self, text: str) -> VenueMatch | None:
        """The first venue named in ``text`` (the longest spelling where several start together)."""
        span = self._pattern.search(text)
        return self._match(text, span) if span else None

    def find_all(self, text: str) -> list[VenueMatch]:
        """Every venue named in ``text``, in order."""
        return [self._match(text, span) for span in self._pattern.finditer(text)]

    def near_miss(self, text: str) -> tuple[str, Venue] | None:
        """The known spelling that ``text``, a venue the data does not know, is a typo of ('CVPR' for 'CVRP'), and its venue.

        Conservative: two letters swapped, of a spelling of 4 or more characters
        ('CVRP'), or any one-letter edit of one of 6 or more ('NeurlPS'); short
        acronyms one letter apart are often both real (ICCP and ICCV, TAC and
        TACL). None when several venues are that close, or when ``text`` is a
        real venue listed under ``near_misses`` in the data.
        """
        written = " ".join(text.split())
        if len(written) < 4 or written.casefold() in self._not_typos:
            return None
        found: dict[str, tuple[str, Venue]] = {}
        for spelling, exact in self._branches:
            if len(spelling) < 4 or spelling.casefold() == written.casefold():
                continue  # too short to tell, or a case-sensitive spelling in another case: a word, not a typo
            edit = _one_edit(written, spelling) if exact else _one_edit(written.casefold(), spelling.casefold())
            if edit == "transposition" or (edit is not None and len(spelling) >= 6):
                venue = self._exact.get(spelling) or self._folded[" ".join(spelling.split()).casefold()]
                found.setdefault(venue.key, (spelling, venue))
        return next(iter(found.values())) if len(found) == 1 else None

    def proceedings_venue_year(self, url: str) -> tuple[str, int] | None:
        """(venue key, year) stated by a proceedings URL, or None if it states none we know."""
        parts = split_url(url if "://" in url else "https://" + url.strip())
        host = parts.host
        for hosts, path, key, codes in self._proceedings:
            if host not in hosts or not (m := path.search(parts.path)):
                continue
            found = m.groupdict()
            if found.get("volume"):
                return self._pmlr.get(int(found["volume"]))
            year = int(found["year"]) if found.get("year") else _expand_yy(found["yy"])
            if codes:
                code = found["code"].upper()
                if found.get("workshop") and not code.endswith("W"):
                    code += "W"
                key = self._codes[codes].get(code)
            return (key, year) if key else None
        return None


def _venue_from_toml(raw: dict) -> Venue:
    values = {name: raw[name] for name in _VENUE_FIELDS if name in raw}
    values["aliases"] = tuple(raw.get("aliases", ()))
    values["held"] = frozenset(raw["held"]) if "held" in raw else None
    values["not_held"] = frozenset(raw.get("not_held", ()))
    return Venue(**values)


def _alias_bodies(branches: list[tuple[str, bool]]) -> list[str]:
    # Longest first, so that "ICLR" never wins over a longer spelling that
    # starts at the same place.
    parts = []
    for spelling, exact in sorted(branches, key=lambda b: len(b[0]), reverse=True):
        body = r"\s+".join(re.escape(word) for word in spelling.split())
        parts.append(body if exact else f"(?i:{body})")
    return parts


def _alternation(bodies: list[str]) -> re.Pattern:
    # A name may run straight into a year ("CoRL2017") but never into other letters or digits ("ORACLE", "MMLU").
    return re.compile(rf"(?<!\w)(?:{'|'.join(bodies)})(?=(?:19|20)\d\d(?!\d)|\W|$)" if bodies else r"(?!)")


def _alias_pattern(branches: list[tuple[str, bool]]) -> re.Pattern:
    """One regular expression of every spelling: what :class:`_AliasPattern` matches, compiled at once."""
    return _alternation(_alias_bodies(branches))


def _pair(two: str) -> str | None:
    """Two characters as spellings are filed by them: lower case, any space as ' '; None unless two ASCII ones."""
    if len(two) != 2 or not two.isascii():
        return None
    return "".join(" " if c.isspace() else c for c in two.lower())


def _ends_name(text: str, end: int) -> bool:
    r"""Whether a name may end at ``end``: the lookahead of :func:`_alternation`, ``(?=(?:19|20)\d\d(?!\d)|\W|$)``."""
    size = len(text)
    if end == size or (end == size - 1 and text[end] == "\n"):
        return True
    char = text[end]
    if not (char.isalnum() or char == "_"):
        return True
    return (
        text[end:end + 2] in ("19", "20")
        and end + 3 < size
        and text[end + 2].isdecimal()
        and text[end + 3].isdecimal()
        and (end + 4 == size or not text[end + 4].isdecimal())
    )


class _AliasPattern:
    """Finds spellings as :func:`_alias_pattern` does (leftmost, then the longest spelling), without compiling it.

    Compiling one expression of 400 spellings took longer than checking a whole list. Here each
    place where a spelling may start is compared, in Python, with the spellings that start with
    its two characters, in the same order; case-insensitive comparison outside ASCII, where
    Unicode has special cases (the Kelvin sign is a 'k'), goes to that spelling's own expression.
    """

    def __init__(self, branches: list[tuple[str, bool]]) -> None:
        ordered = sorted(branches, key=lambda b: len(b[0]), reverse=True)
        self._spellings = [(tuple(spelling.split()), exact) for spelling, exact in ordered]
        self._bodies = _alias_bodies(branches)
        self._by_pair: dict[str, list[int]] = {}
        self._anywhere: list[int] = []  # spellings not filed by two ASCII characters: tried at every start
        for i, (spelling, _) in enumerate(ordered):
            pair = _pair(" ".join(spelling.split())[:2])
            if pair is None:
                self._anywhere.append(i)
            else:
                self._by_pair.setdefault(pair, []).append(i)
        exact = "".join(sorted({re.escape(s[0]) for s, e in ordered if e}))
        folded = "".join(sorted({re.escape(s[0]) for s, e in ordered if not e}))
        starts = ([f"[{exact}]"] if exact else []) + ([f"(?i:[{folded}])"] if folded else [])
        self._start = re.compile(rf"(?<!\w)(?:{'|'.join(starts)})" if starts else r"(?!)")
        self._candidates: dict[str, list[int]] = {}
        self._own: dict[int, re.Pattern] = {}

    def _tried_at(self, two: str) -> list[int]:
        """The spellings that may start with the two characters ``two``, in order."""
        found = self._candidates.get(two)
        if found is None:
            if len(two) < 2:  # the text ends here: only one-character spellings fit
                found = self._anywhere
            elif (pair := _pair(two)) is not None:
                found = sorted(self._by_pair.get(pair, []) + self._anywhere)
            else:
                found = list(range(len(self._spellings)))
            self._candidates[two] = found
        return found

    def _end(self, text: str, start: int, i: int) -> int | None:
        """Where spelling ``i`` ends when it matches at ``start`` (words apart by any space), else None."""
        words, exact = self._spellings[i]
        at = start
        for k, word in enumerate(words):
            if k:
                gap = at
                while gap < len(text) and text[gap].isspace():
                    gap += 1
                if gap == at:
                    return None
                at = gap
            written = text[at:at + len(word)]
            if written != word:
                if exact or len(written) != len(word):
                    return None
                if not (written.isascii() and word.isascii()):
                    own = self._own.get(i)
                    if own is None:
                        own = self._own[i] = _alternation([self._bodies[i]])
                    m = own.match(text, start)
                    return m.end() if m else None
                if written.lower() != word.lower():
                    return None
            at += len(word)
        return at if _ends_name(text, at) else None

    def search(self, text: str, pos: int = 0) -> tuple[int, int] | None:
        """(start, end) of the first spelling in ``text`` from ``pos``, or None."""
        while (found := self._start.search(text, pos)) is not None:
            start = found.start()
            for i in self._tried_at(text[start:start + 2]):
                end = self._end(text, start, i)
                if end is not None:
                    return start, end
            pos = start + 1
        return None

    def finditer(self, text: str) -> Iterator[tuple[int, int]]:
        pos = 0
        while (span := self.search(text, pos)) is not None:
            yield span
            pos = span[1]


def _one_edit(written: str, known: str) -> str | None:
    """How ``written`` differs from ``known`` by one edit ('transposition', 'substitution', 'insertion', 'deletion'), or None."""
    if written == known or abs(len(written) - len(known)) > 1:
        return None
    start = next((i for i, (a, b) in enumerate(zip(written, known)) if a != b), min(len(written), len(known)))
    if len(written) == len(known):
        if written[start + 1:] == known[start + 1:]:
            return "substitution"
        swapped = start + 1 < len(known) and written[start] == known[start + 1] and written[start + 1] == known[start]
        return "transposition" if swapped and written[start + 2:] == known[start + 2:] else None
    if len(written) > len(known):
        return "insertion" if written[start + 1:] == known[start:] else None
    return "deletion" if written[start:] == known[start + 1:] else None


def _expand_yy(yy: str) -> int:
    return (1900 if int(yy) >= 50 else 2000) + int(yy)


@cache
def calendar() -> VenueCalendar:
    """The packaged venue calendar, loaded on first use."""
    text = files("awesome_lint.knowledge").joinpath("data", "venues.toml").read_text(encoding="utf-8")
    return VenueCalendar(tomllib.loads(text))


@lru_cache(maxsize=8192)  # the packaged calendar never changes: one answer per URL
def proceedings_venue_year(url: str) -> tuple[str, int] | None:
    """(venue key, year) stated by a proceedings URL such as openaccess.thecvf.com/content/ICCV2021/..."""
    return calendar().proceedings_venue_year(url)


# --------------------------------------------------------------------------- venue-year text

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)|['’‘](\d\d)(?!\w)")
_NOTE = re.compile(
    r"(?i)[\s,;:]*[(\[]?\s*\b(?P<note>oral(?: presentation)?|spotlight|poster|highlights?"
    r"|(?:best|outstanding)(?:\s+[\w-]+){0,3}?\s+paper(?:\s+award)?(?:\s+(?:honou?rable mention|runner-up|finalist))?"
    r"|honou?rable mention|award candidate)\b\s*[)\]]?"
)
_WORKSHOP = re.compile(r"(?i)\bworkshops?\b")
_EDGE = " \t,.;:-–—/|"


@dataclass(frozen=True)
class ParsedVenueYear:
    """A venue-year text taken apart: ``ECCV 2020`` -> venue ``ECCV``, years ``(2020,)``."""

    text: str
    venue: str  # the text without years and presentation notes, punctuation trimmed
    years: tuple[int, ...]  # distinct years in order of appearance
    # Positions are in `text`; where a year splits the name, the span covers it
    # and `match.written` is the name without the year.
    match: VenueMatch | None
    workshop: bool = False
    note: str | None = None  # "Oral", "Spotlight", "Best Paper Award", ...


@lru_cache(maxsize=8192)  # venue-year, venue-calendar and year-mismatch each ask about every entry
def parse_venue_year(text: str) -> ParsedVenueYear:
    """Split a venue-year text into venue, years, notes, and the venue it names (frozen: shared by every caller)."""
    years: list[int] = []
    pieces: list[str] = []
    kept: list[int] = []  # kept[i]: where the i-th character of the year-free text is in `text`
    pos = 0
    for m in _YEAR.finditer(text):
        year = int(m.group(1)) if m.group(1) else _expand_yy(m.group(2))
        if year not in years:
            years.append(year)
        cut = m.start()
        while cut > pos and text[cut - 1].isspace():
            cut -= 1
        pieces.append(text[pos:cut])
        kept.extend(range(pos, cut))
        pos = m.end()
    pieces.append(text[pos:])
    kept.extend(range(pos, len(text)))
    yearless = "".join(pieces)
    # Matching the year-free text finds names split by a year, as in
    # "NeurIPS 2021 Datasets & Benchmarks Track" or "CVPR 2021 Workshop".
    match = calendar().find(yearless)
    if match is not None:
        match = replace(match, start=kept[match.start], end=kept[match.end - 1] + 1)
    notes = [m.group("note") for m in _NOTE.finditer(yearless)]
    rest = _NOTE.sub(" ", yearless)
    rest = re.sub(r"\(\s*\)|\[\s*\]", " ", rest)
    rest = re.sub(r"\s+([,;:)\]])", r"\1", " ".join(rest.split()))
    rest = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", rest).strip(_EDGE)
    workshop = bool(_WORKSHOP.search(text)) or (match is not None and match.venue.kind == "workshop")
    return ParsedVenueYear(text, rest, tuple(years), match, workshop, ", ".join(notes) or None)
