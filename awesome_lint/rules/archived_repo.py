from __future__ import annotations

from typing import Iterator

from ..model import Document, Report
from ..online import occurrences
from . import rule


@rule("archived-repo", "warning", online=True)
def check(doc: Document, options) -> Iterator[Report]:
    """A linked GitHub repository is archived: its owner no longer maintains it (needs GITHUB_TOKEN)."""
    for link, status in occurrences(doc, {"alive", "redirect"}):
        if status.archived:
            yield Report(line=link.line, column=link.column, message=f"{link.url} is an archived repository: read-only and unmaintained; consider removing or marking it")
