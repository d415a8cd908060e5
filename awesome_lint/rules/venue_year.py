from __future__ import annotations

import re
from datetime import date
from typing import Iterator

from pydantic import Field

from awesome_lint.tree.nodes import Document, Entry
from awesome_lint.markdown.edits import Edit, Fix
from awesome_lint.lint.findings import Report
from awesome_lint.tree.entry_venue import first_posting, venue_text_offset
from awesome_lint.tree.style import majority
from awesome_lint.knowledge.venues import ParsedVenueYear, Venue, calendar, parse_venue_year
from awesome_lint.lint.rule import Options, rule


# The venue-year forms this rule holds to a format: in emphasis, or plain text after a link or on a detail line.
WRITTEN_STYLES = frozenset({"italic", "bold", "plain"})


class VenueYearOptions(Options):
    report_unknown: bool = Field(False, description="Report venues that are not in the venue data (as info).")
    renamed: dict[str, str] = Field(
        default_factory=lambda: {"NIPS": "NeurIPS"},
        description="Old venue names and the names to write instead.",
    )
    missing_share: float = Field(0.9, ge=0.5, le=1.0, description="Share of paper entries with a venue-year above which one without is reported.")


@rule("venue-year", "error", VenueYearOptions, fixable=True)
def check(doc: Document, options: VenueYearOptions) -> Iterator[Report]:
    """The venue-year part of an entry is missing, malformed, out of range, or misspells its venue."""
    yield from _missing(doc, options)
    latest = date.today().year + 1
    for entry in doc.entries:
        written = entry.venue_year
        if written is None or written.style not in WRITTEN_STYLES:
            continue  # a label the reader found (bracketed, code, link, badge): the list's own form
        parsed = parse_venue_year(written.text)
        venue = parsed.match.venue if parsed.match else None
        here = {"line": written.line, "column": written.column}
        distinct = sorted(parsed.years)  # also reads "ICCV'19"
        if not distinct and venue is not None:
            yield _no_year(doc, entry, venue)
        elif len(distinct) > 1:
            yield Report(**here, message=f"'{written.text}' has {len(distinct)} years ({', '.join(map(str, distinct))}); a paper belongs to one edition: keep one")
        elif len(written.years) > 1:
            yield Report(**here, severity="info", message=f"'{written.text}' gives the year {distinct[0]} twice; once is enough")
        if distinct and distinct[-1] > latest:
            yield Report(**here, message=f"year {distinct[-1]} in '{written.text}' is in the future")
        elif distinct and venue is not None and _before_first(venue, distinct[0]):
            yield Report(**here, message=f"{venue.name} started in {venue.first_year}; there is no {venue.name} {distinct[0]}")
        if parsed.match is not None:
            report = _name(doc, entry, parsed, options) or _glued(doc, entry, parsed)
            if report is not None:
                yield report
        elif parsed.venue and (typo := _typo(doc, entry, parsed)) is not None:
            yield typo
        elif options.report_unknown and parsed.venue:
            yield Report(**here, severity="info", message=f"unknown venue '{parsed.venue}'; it cannot be checked (add it to the venue data if it is real)")


def _before_first(venue: Venue, year: int) -> bool:
    # Conferences and workshops before their first edition are venue-calendar's.
    return venue.kind in ("journal", "preprint") and venue.first_year is not None and year < venue.first_year


def _missing(doc: Document, options: VenueYearOptions) -> Iterator[Report]:
    papers = [e for e in doc.entries if e.style == "paper"]
    # Held to the list's own form: only where most entries write a venue-year this rule reads.
    top = majority((e.venue_year is not None and e.venue_year.style in WRITTEN_STYLES for e in papers), options.missing_share, 5)
    if top is None or top.value is not True:
        return
    for entry in papers:
        if entry.venue_year is None and not _dated(doc, entry):
            yield Report(line=entry.title_line, column=entry.title_column, severity="warning", message=f"'{_short(entry.title)}' has no venue-year, unlike {top.count} of {top.total} paper entries; add one, e.g. *arXiv YEAR*")


def _name(doc: Document, entry: Entry, parsed: ParsedVenueYear, options: VenueYearOptions) -> Report | None:
    """A renamed venue (NIPS) or a known name in the wrong case (Neurips, Arxiv)."""
    match = parsed.match
    written = " ".join(match.written.split())
    spellings = [" ".join(s.split()) for s in (match.venue.name, *match.venue.aliases)]
    listed = written if written in spellings or written.isupper() else next((s for s in spellings if s.casefold() == written.casefold()), written)
    renamed = options.renamed.get(listed)
    want = renamed or listed
    if want == written:
        return None  # a listed spelling, or an all-caps acronym style
    want += " " if _year_glued(parsed) else ""  # 'Neurips2021': one fix for both
    vy = entry.venue_year
    fixed = vy.text[:match.start] + want + vy.text[match.end:]
    why = f"{listed} is now called {want.strip()}: write '{fixed}'" if renamed else f"write '{fixed}', not '{vy.text}'"
    return _replacing(doc, entry, match.start, match.end, want, why, safe=True)


def _glued(doc: Document, entry: Entry, parsed: ParsedVenueYear) -> Report | None:
    """'ICCV2021': a known venue run into its year."""
    if not _year_glued(parsed):
        return None
    end, text = parsed.match.end, parsed.text
    return _replacing(doc, entry, end, end, " ", f"write '{text[:end]} {text[end:]}', with a space before the year", safe=True)


def _year_glued(parsed: ParsedVenueYear) -> bool:
    end, text = parsed.match.end, parsed.text
    return text[end:end + 4].isdigit() and text[end:end + 2] in ("19", "20")


def _typo(doc: Document, entry: Entry, parsed: ParsedVenueYear) -> Report | None:
    """An unknown venue one typo away from a known one: 'CVRP' for 'CVPR'."""
    near = calendar().near_miss(parsed.venue)
    if near is None:
        return None
    start = parsed.text.find(parsed.venue)
    return _replacing(doc, entry, start, start + len(parsed.venue), near[0], f"unknown venue '{parsed.venue}'; did you mean '{near[0]}'?", safe=False)


def _replacing(doc: Document, entry: Entry, start: int, end: int, text: str, message: str, safe: bool) -> Report:
    """A warning at ``text[start:end]`` of the venue-year, with a fix that writes ``text`` there when the place is known."""
    vy, offset = entry.venue_year, venue_text_offset(doc, entry)
    if offset is None or start < 0:
        return Report(line=vy.line, column=vy.column, severity="warning", message=message)
    fix = Fix(edits=[Edit(start=offset + start, end=offset + end, text=text)], safe=safe, description=f"write '{text.strip() or 'a space'}'")
    return Report(line=vy.line, column=vy.text_column + start, severity="warning", message=message, fix=fix)


def _no_year(doc: Document, entry: Entry, venue: Venue) -> Report:
    vy = entry.venue_year
    posted = first_posting(entry)
    if venue.kind != "preprint" or posted is None:
        return Report(line=vy.line, column=vy.column, message=f"'{vy.text}' has no year; write the year of the edition, e.g. '{vy.text} YEAR'")
    # A preprint's year is the year it was posted, which the arXiv id states.
    offset, fix = venue_text_offset(doc, entry), None
    if offset is not None:
        end = offset + len(vy.text)
        fix = Fix(edits=[Edit(start=end, end=end, text=f" {posted.year}")], description=f"write {vy.text} {posted.year}")
    return Report(line=vy.line, column=vy.column, message=f"'{vy.text}' has no year; write '{vy.text} {posted.year}' (arXiv {posted.id} was posted in {posted.year})", fix=fix)


def _short(title: str) -> str:
    return title if len(title) <= 60 else title[:57] + "..."


_YEAR_IN_TEXT = re.compile(r"(?<![\d/.#=-])(?:19[5-9]\d|20\d\d)(?![\d])")
_ADDRESS = re.compile(r"\]\([^)]*\)|https?://\S+")


def _dated(doc: Document, entry: Entry) -> bool:
    """The entry writes a year outside its title and addresses: a venue-year in a form (or of a venue)
    the reader does not know, which is not a missing one."""
    lines = [entry.title_line, *entry.detail_lines]
    lines.extend(range(entry.title_line + 1, entry.end_line + 1))
    for number in dict.fromkeys(lines):
        text = _ADDRESS.sub(" ", doc.lines[number - 1]).replace(entry.title, " ")
        if _YEAR_IN_TEXT.search(text):
            return True
    return False
