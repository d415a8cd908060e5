"""What a paper entry says about its venue: the venue it names, the edition year,
the month its arXiv preprint was first posted, and an edit of its year.

Shared by the venue rules (venue-year, venue-calendar, year-mismatch) so that
they read an entry the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from awesome_lint.tree.listed import Listed, listed_items
from awesome_lint.tree.nodes import Document, Entry, Link
from awesome_lint.markdown.edits import Edit, Fix
from awesome_lint.knowledge.venues import ArxivId, ParsedVenueYear, Venue, arxiv_id_from_url, parse_venue_year


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

    @property
    def no_such_edition(self) -> bool:
        """The calendar says this event had no edition that year (venue-calendar reports it)."""
        return self.venue.kind in ("conference", "workshop") and self.venue.held_in(self.year) is False


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


def arxiv_links(doc: Document) -> dict[str, list[tuple[Listed, Link]]]:
    """arXiv id -> the items (entries, table rows) that link it and the link, in document order; built once."""
    return doc.derived("arxiv_links", _arxiv_links)


def _arxiv_links(doc: Document) -> dict[str, list[tuple[Listed, Link]]]:
    found: dict[str, list[tuple[Listed, Link]]] = {}
    for item in listed_items(doc):
        for link in item.links:
            arxiv = arxiv_id_from_url(link.url)
            if arxiv is not None and not any(other is item for other, _ in found.get(arxiv.id, ())):
                found.setdefault(arxiv.id, []).append((item, link))
    return found


def venue_text_offset(doc: Document, entry: Entry) -> int | None:
    """Where the venue-year text starts in ``doc.text``, when it is written as is and can be edited.

    None when its place is unknown, or when it is part of the title (editing it would rename the entry)."""
    written = entry.venue_year
    if written is None or written.text_column is None or written.text in entry.title:
        return None
    start = written.text_column - 1
    if doc.lines[written.line - 1][start:start + len(written.text)] != written.text:
        return None
    return doc.offset(written.line, written.text_column)


def year_fix(doc: Document, entry: Entry, year: int, new: int) -> Fix | None:
    """Replace the year in the entry's venue-year; unsafe, because it is a guess."""
    offset = venue_text_offset(doc, entry)
    at = entry.venue_year.text.find(str(year))
    if offset is None or at < 0:
        return None
    return Fix(edits=[Edit(start=offset + at, end=offset + at + len(str(year)), text=str(new))], safe=False, description=f"change the year to {new}")
