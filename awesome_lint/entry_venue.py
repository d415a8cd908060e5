"""What a paper entry says about its venue: the venue it names, the edition year,
the month its arXiv preprint was first posted, and an edit of its year.

Shared by the venue rules (venue-year, venue-calendar, year-mismatch) so that
they read an entry the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Document, Edit, Entry, Fix
from .venues import ArxivId, ParsedVenueYear, Venue, arxiv_id_from_url, parse_venue_year


@dataclass(frozen=True)
class EntryVenue:
    entry: Entry
    parsed: ParsedVenueYear
    venue: Venue
    year: int

    @property
    def written(self) -> str:
        """The venue as the entry spells it: 'ICCV' in 'ICCV Oral 2019'."""
        return self.parsed.match.written


def entry_venue(entry: Entry) -> EntryVenue | None:
    """The known venue and the single year an entry gives, or None."""
    if entry.venue_year is None:
        return None
    parsed = parse_venue_year(entry.venue_year.text)
    if parsed.match is None or len(parsed.years) != 1:
        return None
    return EntryVenue(entry, parsed, parsed.match.venue, parsed.years[0])


def first_posting(entry: Entry) -> ArxivId | None:
    """The first valid arXiv id among the entry's links: when the paper was first posted."""
    for link in entry.links:
        found = arxiv_id_from_url(link.url)
        if found is not None and found.valid:
            return found
    return None


def year_fix(doc: Document, entry: Entry, year: int, new: int) -> Fix | None:
    """Replace the year in the entry's venue-year; unsafe, because it is a guess."""
    written = entry.venue_year
    start = doc.lines[written.line - 1].find(str(year), written.column - 1)
    if start < 0 or written.text in entry.title:
        return None  # not found, or the venue is the entry's title: editing it would rename the entry
    offset = doc.offset(written.line, start + 1)
    return Fix(edits=[Edit(start=offset, end=offset + len(str(year)), text=str(new))], safe=False, description=f"change the year to {new}")
