from __future__ import annotations

import re
from typing import Iterator

from pydantic import Field

from awesome_lint.tree.entry_venue import EntryVenue, arxiv_links, entry_venue, first_posting, year_fix
from awesome_lint.tree.nodes import Document, Entry
from awesome_lint.lint.findings import Report
from awesome_lint.knowledge.titles import same_work
from awesome_lint.knowledge.urls import ArxivId
from awesome_lint.knowledge.venue_labels import venue_mentions
from awesome_lint.knowledge.venues import calendar, proceedings_venue_year
from awesome_lint.lint.rule import Options, rule

# Before about this year, few papers of computer science were posted on arXiv when they appeared.
ARXIV_IN_COMMON_USE = 2007
MONTHS = "January February March April May June July August September October November December".split()


class YearMismatchOptions(Options):
    grace_months: int = Field(4, ge=0, le=12, description="Months after a venue during which a first arXiv posting is still normal.")


@rule("year-mismatch", "error", YearMismatchOptions, fixable=True)
def check(doc: Document, options: YearMismatchOptions) -> Iterator[Report]:
    """A link contradicts the entry's venue or year (a proceedings URL of another edition, an arXiv id posted after the venue)."""
    for entry in doc.entries:
        found = entry_venue(entry)
        if found is None or found.no_such_edition:
            continue  # an edition that never was is venue-calendar's
        stated = next(filter(None, (proceedings_venue_year(link.url) for link in entry.links)), None)
        report = _proceedings(doc, found, stated) if stated else None
        if report is None and stated is None and (posted := first_posting(entry)) is not None:
            report = _posted_after(doc, found, posted, options.grace_months)
        if report is not None:
            yield report


def _proceedings(doc: Document, found: EntryVenue, stated: tuple[str, int]) -> Report | None:
    key, year = stated
    venue, written = found.venue, found.entry.venue_year
    here = {"line": written.line, "column": written.column}
    other = calendar().venue(key)
    write = f"write '{other.name} {year}'"
    # Workshop proceedings belong to their conference (venues.toml: parent): "CVPR 2021 Workshop" is CVPR2021W.
    if year == found.year and (key == venue.key or (other.parent == venue.key and found.parsed.workshop)):
        return None
    if year == found.year and other.parent == venue.key:
        return Report(**here, severity="warning", message=f"the paper link is in the {other.name} {year} proceedings, not the main conference: {write}")
    if venue.kind == "journal":
        return None  # a journal version that links its conference paper: no contradiction
    # An arXiv entry whose paper has since appeared is out of date rather than wrong.
    severity = "warning" if venue.kind == "preprint" else None
    fix = year_fix(doc, found.entry, found.year, year) if key == venue.key else None
    return Report(**here, severity=severity, message=f"'{written.text}' but the paper link is in the {other.name} {year} proceedings: {write}", fix=fix)


def _posted_after(doc: Document, found: EntryVenue, posted: ArxivId, grace: int) -> Report | None:
    venue, year, name, entry = found.venue, found.year, found.written, found.entry
    here = {"line": entry.venue_year.line, "column": entry.venue_year.column, "severity": "warning"}
    when = f"{MONTHS[posted.month - 1]} {posted.year}"
    if venue.kind == "preprint":
        # "arXiv 2022" may give the year of a later version; only a year before the first posting is impossible.
        if year >= posted.year:
            return None
        if shared := _shared_link(doc, entry, posted.id):
            return Report(**here, message=f"arXiv {posted.id} was first posted in {when}, so it is not '{name} {year}'; {shared}")
        return Report(**here, message=f"arXiv {posted.id} was first posted in {when}, so it is not '{name} {year}': write '{name} {posted.year}'", fix=year_fix(doc, entry, year, posted.year))
    if venue.kind not in ("conference", "workshop"):
        return None  # journals publish long after the preprint, or before it
    month = venue.month
    posted_at = posted.year * 12 + posted.month
    if posted_at <= (year * 12 + month + grace if month else year * 12 + 12):
        return None
    if year < ARXIV_IN_COMMON_USE:
        return None  # older proceedings were put on arXiv years later (UAI 1995 in 2013): nothing to say
    if _later_venue(doc, entry, posted.year, year):
        return None  # 'ICCVW 2019 (& TPAMI 2020)': the link is the later version's
    if posted_at - (year * 12 + (month or 12)) >= 24:
        here["severity"] = "error"  # two years or more: not a late upload, another paper or another year
    after = venue.next_edition(year)
    while after is not None and month is not None and after * 12 + month + grace < posted_at:
        after = venue.next_edition(after)
    held = f"arXiv {posted.id} was first posted in {when}, after {name} {year}" + (f" ({MONTHS[month - 1]})" if month else "")
    if shared := _shared_link(doc, entry, posted.id):
        return Report(**here, message=f"{held}; {shared}")
    if _section_year(doc, entry) == year:
        return Report(**here, message=f"{held}; this entry's section is '{year}' too, so the year looks right: is the link to another paper?")
    if after is None:
        return Report(**here, message=f"{held}; is the link to another paper?")
    # Only the next edition is a likely slip of the year; a later one more likely means a wrong link.
    fix = year_fix(doc, entry, year, after) if after == venue.next_edition(year) else None
    return Report(**here, message=f"{held}; {name} {after}? (or the link is to another paper)", fix=fix)


def _shared_link(doc: Document, entry: Entry, arxiv: str) -> str | None:
    """What to say when another item, under another title, links the same arXiv paper: then the link is suspect, not the year."""
    for item, link in arxiv_links(doc).get(arxiv, ()):
        if item.line not in range(entry.line, entry.end_line + 1) and not same_work(item.title, entry.title):
            return f"the arXiv link is also used by line {link.line} ('{item.title}'); check the link before the year"
    return None


def _section_year(doc: Document, entry: Entry) -> int | None:
    """The year the entry's section is named after ('### 2017'), if it is."""
    title = doc.derived("entry_sections", _entry_sections).get(id(entry), "").strip()
    return int(title) if len(title) == 4 and title.isdigit() else None


def _entry_sections(doc: Document) -> dict[int, str]:
    return {id(entry): section.title for section in doc.walk_sections() for entry in section.entries}


def _later_venue(doc: Document, entry: Entry, posted: int, stated: int) -> bool:
    """The entry names a second venue-year, later than the one it states and as late as the posting (a journal version)."""
    lines = range(entry.line, entry.end_line + 1)
    texts = (_ADDRESS.sub(" ", doc.lines[number - 1]) for number in lines)  # 'content/CVPR2021/' is no mention
    return any(m.year >= posted and m.year > stated for text in texts for m in venue_mentions(text))


_ADDRESS = re.compile(r"\]\([^)]*\)|<?https?://[^\s)>]+>?")
