from __future__ import annotations

from typing import Iterator

from ..model import Document, Report
from ..online import occurrences
from . import rule


@rule("link-blocked", "warning", online=True)
def check(doc: Document, options) -> Iterator[Report]:
    """A site would not say whether a link is alive (401, 403, 999, 429 or 5xx): check it by hand."""
    for link, status in occurrences(doc, {"blocked"}):
        yield Report(
            line=link.line,
            column=link.column,
            message=f"could not confirm {link.url}: {status.reason or status.status} (open it in a browser; add it to [links] accept or exclude if it is fine)",
        )
