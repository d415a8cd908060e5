"""What rules may see beyond the text of the list: files beside it, link results, its repository.

The edges (the session, the link checker) fill it in; a rule that needs it says so
(``@rule(..., needs={"files"})``) and receives it as its third argument, so every rule
stays a function of its arguments.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from awesome_lint.lint.findings import Report
    from awesome_lint.links.status import LinkStatus
    from awesome_lint.tree.nodes import Document, Link

# What a rule may declare it needs: files beside the list, link results (--links), the list's repository.
Need = Literal["files", "links", "repository"]


@dataclass
class Environment:
    """What some rules need beyond the text, supplied by the edges (session, link checker)."""

    base_dir: str | None = None  # folder of the linted file, for relative links
    exists: Callable[[str], bool] | None = None  # does a path relative to base_dir exist?
    read: Callable[[str], bytes | None] | None = None  # a file's bytes (path relative to base_dir), None if absent
    links: Mapping[str, LinkStatus] | None = None  # url -> result, when links were checked
    # The list's own GitHub repository as the API returns it (description, topics, license), when fetched.
    repository: Mapping[str, object] | None = None
    # (rule id, report as the rule yielded it) for every report placed outside the file: a bug
    # in that rule. The finding was moved to the nearest place inside; tests assert this stays empty.
    misplaced: list[tuple[str, Report]] = field(default_factory=list)

    def exists_beside(self, path: str) -> bool | None:
        """Whether a path relative to the list exists; None when the list has no folder (stdin)."""
        return None if self.exists is None else self.exists(path)

    def link_results(self, doc: Document, states: set[str]) -> Iterator[tuple[Link, LinkStatus]]:
        """(link, status) for every link in the document whose checked state is in ``states``."""
        if not self.links:
            return
        for link in doc.links:
            status = self.links.get(link.url)
            if status is not None and status.state in states:
                yield link, status
