from __future__ import annotations

from datetime import date
from typing import Iterator

from pydantic import Field

from ..model import Document, Edit, Entry, Fix, Report
from ..entry_venue import first_posting
from ..style import majority
from ..venues import Venue, VenueMatch, parse_venue_year
from . import Options, rule


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
        if written is None:
            continue
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
            report = _name(doc, entry, parsed.match, options)
            if report is not None:
                yield report
        elif options.report_unknown and parsed.venue:
            yield Report(**here, severity="info", message=f"unknown venue '{parsed.venue}'; it cannot be checked (add it to the venue data if it is real)")


def _before_first(venue: Venue, year: int) -> bool:
    # Conferences and workshops before their first edition are venue-calendar's.
    return venue.kind in ("journal", "preprint") and venue.first_year is not None and year < venue.first_year


def _missing(doc: Document, options: VenueYearOptions) -> Iterator[Report]:
    papers = [e for e in doc.entries if e.style == "paper"]
    top = majority((e.venue_year is not None for e in papers), options.missing_share, 5)
    if top is None or top.value is not True:
        return
    for entry in papers:
        if entry.venue_year is None:
            yield Report(line=entry.title_line, column=entry.title_column, severity="warning", message=f"'{_short(entry.title)}' has no venue-year, unlike {top.count} of {top.total} paper entries; add one, e.g. *arXiv YEAR*")


def _name(doc: Document, entry: Entry, match: VenueMatch, options: VenueYearOptions) -> Report | None:
    """A renamed venue (NIPS) or a known name in the wrong case (Neurips, Arxiv)."""
    written = " ".join(match.written.split())
    spellings = [" ".join(s.split()) for s in (match.venue.name, *match.venue.aliases)]
    listed = written if written in spellings or written.isupper() else next((s for s in spellings if s.casefold() == written.casefold()), written)
    renamed = options.renamed.get(listed)
    want = renamed or listed
    if want == written:
        return None  # a listed spelling, or an all-caps acronym style
    vy = entry.venue_year
    fixed = vy.text[:match.start] + want + vy.text[match.end:]
    why = f"{listed} is now called {want}: write '{fixed}'" if renamed else f"write '{fixed}', not '{vy.text}'"
    line = doc.lines[vy.line - 1]
    start = line.find(vy.text, vy.column - 1)
    fix = None
    if start >= 0 and vy.text not in entry.title:
        offset = doc.offset(vy.line, start + 1 + match.start)
        fix = Fix(edits=[Edit(start=offset, end=offset + len(match.written), text=want)], description=f"write {want}")
    return Report(line=vy.line, column=(start + 1 + match.start) if start >= 0 else vy.column, severity="warning", message=why, fix=fix)


def _no_year(doc: Document, entry: Entry, venue: Venue) -> Report:
    vy = entry.venue_year
    posted = first_posting(entry)
    if venue.kind != "preprint" or posted is None:
        return Report(line=vy.line, column=vy.column, message=f"'{vy.text}' has no year; write the year of the edition, e.g. '{vy.text} YEAR'")
    # A preprint's year is the year it was posted, which the arXiv id states.
    line = doc.lines[vy.line - 1]
    start = line.find(vy.text, vy.column - 1)
    fix = None
    if start >= 0 and vy.text not in entry.title:
        end = doc.offset(vy.line, start + 1 + len(vy.text))
        fix = Fix(edits=[Edit(start=end, end=end, text=f" {posted.year}")], description=f"write {vy.text} {posted.year}")
    return Report(line=vy.line, column=vy.column, message=f"'{vy.text}' has no year; write '{vy.text} {posted.year}' (arXiv {posted.id} was posted in {posted.year})", fix=fix)


def _short(title: str) -> str:
    return title if len(title) <= 60 else title[:57] + "..."
