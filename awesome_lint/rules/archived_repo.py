from __future__ import annotations

from typing import Iterator

from awesome_lint.tree.nodes import Document
from awesome_lint.lint.environment import Environment
from awesome_lint.lint.findings import Report
from awesome_lint.lint.rule import rule


@rule("archived-repo", "warning", online=True, needs={"links"})
def check(doc: Document, options, env: Environment) -> Iterator[Report]:
    """A linked GitHub repository is archived: its owner no longer maintains it (needs GITHUB_TOKEN)."""
    for link, status in env.link_results(doc, {"alive", "redirect"}):
        if status.archived:
            yield Report(line=link.line, column=link.column, message=f"{link.url} is an archived repository: read-only and unmaintained; consider removing or marking it")
