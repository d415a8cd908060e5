from __future__ import annotations

from typing import Iterator

from awesome_lint.tree.nodes import Document
from awesome_lint.lint.environment import Environment
from awesome_lint.lint.findings import Report
from awesome_lint.lint.rule import rule


@rule("dead-link", "error", online=True, needs={"links"})
def check(doc: Document, options, env: Environment) -> Iterator[Report]:
    """A link is surely dead: 404, 410, no such host, connection refused or a TLS failure."""
    for link, status in env.link_results(doc, {"dead"}):
        yield Report(line=link.line, column=link.column, message=f"dead link {link.url}: {status.reason or status.status}")
