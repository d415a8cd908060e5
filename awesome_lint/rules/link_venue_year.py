"""A link whose text is a venue-year (``[ICCV 2021](...)``) and whose address names another.

The entry's own venue-year against its links is year-mismatch's; this rule reads the link alone:
its text says which edition the reader is taken to, its address says which one they get. Two
kinds of address state an edition:

- a proceedings address (``openaccess.thecvf.com/content/CVPR2022/...``, the ACL Anthology,
  PMLR volumes; ``venues.toml`` ``[[proceedings]]``): certain, an ``error``;
- a venue and a year written together in the address (``.../blob/main/ICCV2019-papers.md``,
  ``cvpr2022.thecvf.com``): a file or site named after an edition, a ``warning``. A code
  repository's own name does not count (``CVPR2024-Papers-with-Code`` is renamed every year).
"""

from __future__ import annotations

import re
from typing import Iterator
from urllib.parse import unquote

from awesome_lint.knowledge.urls import repository_of, split_url
from awesome_lint.knowledge.venues import Venue, calendar, parse_venue_year, proceedings_venue_year
from awesome_lint.lint.findings import Report
from awesome_lint.lint.rule import rule
from awesome_lint.tree.nodes import Document, Entry

_LABEL_MAX = 40  # a longer text is a title that mentions a venue, not a venue-year
# A venue and a year in one piece of a path: ICCV2019, cvpr_2020, ECCV-2018, NeurIPS'21 is not written in paths.
_PATH_EDITION = re.compile(r"(?<![A-Za-z])([A-Za-z][A-Za-z&]{1,15})[-_]?((?:19|20)\d\d)(?!\d)")
_LABEL_EDGE = " \t[](){}*_`'\".,;:-|"


@rule("link-venue-year", "error")
def check(doc: Document, options) -> Iterator[Report]:
    """A link's text names a venue-year its address contradicts ('[ICCV 2021](.../ICCV2019-papers.md)')."""
    compared = _compared_by_year_mismatch(doc)
    for link in doc.links:
        if link.image or not link.url.lower().startswith(("http://", "https://")):
            continue
        named = _label_edition(link.label)
        if named is None:
            continue
        venue, year = named
        stated = proceedings_venue_year(link.url)
        certain = stated is not None
        if stated is None:
            stated = _path_edition(link.url)
        if stated is None:
            continue
        key, stated_year = stated
        other = calendar().venue(key)
        if venue.key == other.key and stated_year == year:
            continue
        if other.parent == venue.key or venue.parent == other.key:
            continue  # the main conference named for one of its workshops, or the reverse: loose, not wrong
        if certain and (link.line, link.column) in compared:
            continue  # the entry's venue-year is compared with this link by year-mismatch
        where = "proceedings address" if certain else "address"
        yield Report(
            line=link.line, column=link.column, severity=None if certain else "warning",
            message=(
                f"the link says '{link.label.strip()}' but its {where} is {other.name} {stated_year}'s: "
                f"link the {venue.name} {year} page, or write '{other.name} {stated_year}'"
            ),
        )


def _label_edition(label: str) -> tuple[Venue, int] | None:
    """The venue and year a link text consists of (``ICCV 2021``, ``[CVPR'20]``), else None."""
    text = label.strip(_LABEL_EDGE)
    if not text or len(text) > _LABEL_MAX:
        return None
    parsed = parse_venue_year(text)
    if parsed.match is None or len(parsed.years) != 1:
        return None
    rest = parsed.venue.replace(parsed.match.written, "", 1).strip(_LABEL_EDGE)
    if rest and not re.fullmatch(r"(?i)(?:papers?|proceedings|accepted(?: papers)?|open ?access|workshops?|main|track)"
                                 r"(?:[ ,&]+(?:papers?|proceedings|accepted|workshops?|code))*", rest):
        return None  # more than a venue-year: 'Oral at CVPR 2021 by ...'
    return parsed.match.venue, parsed.years[0]


def _path_edition(url: str) -> tuple[str, int] | None:
    """The one venue-year written in the address (``ICCV2019-papers.md``, ``cvpr2022.thecvf.com``),
    else None. On a code host only the path inside the repository counts: a repository named after
    one edition is often renamed for the next and keeps listing all of them."""
    repository = repository_of(url)
    if repository is not None:
        path = repository.folder
    else:
        parts = split_url(url)
        path = parts.host.split(".")[0] + "/" + unquote(parts.path)
    found: set[tuple[str, int]] = set()
    for m in _PATH_EDITION.finditer(path):
        match = calendar().find(m.group(1))
        if match is not None and match.start == 0 and match.end == len(m.group(1)):
            found.add((match.venue.key, int(m.group(2))))
    return found.pop() if len(found) == 1 else None


def _compared_by_year_mismatch(doc: Document) -> set[tuple[int, int]]:
    """Links of entries that have a venue-year: year-mismatch compares their proceedings links."""
    return {
        (link.line, link.column)
        for entry in doc.entries
        if _has_venue_year(entry)
        for link in entry.links
        if entry.venue_year is not None and entry.venue_year.text.strip() not in link.label  # a label is read alone
    }


def _has_venue_year(entry: Entry) -> bool:
    return entry.venue_year is not None and bool(entry.venue_year.years)

