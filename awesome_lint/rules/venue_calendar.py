from __future__ import annotations

from typing import Iterator

from awesome_lint.tree.entry_venue import entry_venue, first_posting, year_fix
from awesome_lint.tree.nodes import Document
from awesome_lint.lint.findings import Report
from awesome_lint.knowledge.venues import Venue
from awesome_lint.lint.rule import rule


@rule("venue-calendar", "error", fixable=True)
def check(doc: Document, options) -> Iterator[Report]:
    """The venue did not take place in the year the entry gives (ECCV 2019, ICCV 2020)."""
    for entry in doc.entries:
        found = entry_venue(entry)
        # Journals and preprint servers publish all year; only events have editions.
        if found is None or not found.no_such_edition:
            continue
        name, year = found.written, found.year
        editions = found.venue.nearest_editions(year)
        posted = first_posting(entry)
        if posted is not None:
            # A paper is rarely published at an edition held before it was first posted.
            editions = [y for y in editions if y >= posted.year] or editions
        hint = f" (did you mean {' or '.join(f'{name} {y}' for y in editions)}?)" if editions else ""
        fix = year_fix(doc, entry, year, editions[0]) if len(editions) == 1 else None
        written = entry.venue_year
        yield Report(line=written.line, column=written.column, message=f"{_calendar(found.venue, year)}; {name} {year} does not exist{hint}", fix=fix)


def _calendar(venue: Venue, year: int) -> str:
    """Why there was no edition that year, in the venue's own terms."""
    if venue.first_year is not None and year < venue.first_year:
        return f"{venue.name} was first held in {venue.first_year}"
    if venue.cadence in ("odd", "even") and year not in venue.not_held:
        return f"{venue.name} is held in {venue.cadence} years"
    return f"{venue.name} was not held in {year}"
