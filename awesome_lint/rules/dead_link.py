from __future__ import annotations

from typing import Iterator

from ..model import Document, Report
from ..online import occurrences
from . import rule


@rule("dead-link", "error", online=True)
def check(doc: Document, options) -> Iterator[Report]:
    """A link is surely dead: 404, 410, no such host, connection refused or a TLS failure."""
    for link, status in occurrences(doc, {"dead"}):
        yield Report(line=link.line, column=link.column, message=f"dead link {link.url}: {status.reason or status.status}")
