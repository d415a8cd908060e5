from __future__ import annotations

from collections.abc import Iterator

from awesome_lint.lint.environment import Environment
from awesome_lint.lint.findings import Report
from awesome_lint.lint.rule import rule
from awesome_lint.tree.nodes import Document

NOT_CHECKED = {"skipped", "excluded", "unchecked"}  # awesome_lint.links.status.NOT_CHECKED_STATES


@rule("link-not-checked", "info", online=True, needs={"links"})
def check(doc: Document, options, env: Environment) -> Iterator[Report]:
    """A link was not checked: a private or metadata address, a refused redirect, excluded, or no answer in time."""
    for link, status in env.link_results(doc, NOT_CHECKED):
        yield Report(line=link.line, column=link.column, message=f"not checked {link.url}: {status.reason}")
