from __future__ import annotations

from collections.abc import Iterator

from ..model import Document, Report
from ..online import occurrences
from . import rule

NOT_CHECKED = {"skipped", "excluded", "unchecked"}  # awesome_lint.links.status.NOT_CHECKED_STATES


@rule("link-not-checked", "info", online=True)
def check(doc: Document, options) -> Iterator[Report]:
    """A link was not checked: a private or metadata address, a refused redirect, excluded, or no answer in time."""
    for link, status in occurrences(doc, NOT_CHECKED):
        yield Report(line=link.line, column=link.column, message=f"not checked {link.url}: {status.reason}")
