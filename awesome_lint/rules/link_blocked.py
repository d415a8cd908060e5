from __future__ import annotations

from typing import Iterator

from awesome_lint.tree.nodes import Document
from awesome_lint.lint.environment import Environment
from awesome_lint.lint.findings import Report
from awesome_lint.lint.rule import rule


@rule("link-blocked", "warning", online=True, needs={"links"})
def check(doc: Document, options, env: Environment) -> Iterator[Report]:
    """A site would not say whether a link is alive (401, 403, 999, 429 or 5xx): check it by hand."""
    for link, status in env.link_results(doc, {"blocked"}):
        yield Report(
            line=link.line,
            column=link.column,
            message=f"could not confirm {link.url}: {status.reason or status.status} (open it in a browser; add it to [links] accept or exclude if it is fine)",
        )
