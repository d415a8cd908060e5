from __future__ import annotations

from typing import Iterator

from awesome_lint.tree.nodes import Document, Link
from awesome_lint.markdown.edits import Edit, Fix
from awesome_lint.lint.environment import Environment
from awesome_lint.lint.findings import Report
from awesome_lint.lint.rule import rule


@rule("redirect", "info", online=True, fixable=True, needs={"links"})
def check(doc: Document, options, env: Environment) -> Iterator[Report]:
    """A link redirects permanently, or names a renamed GitHub repository: link the final address."""
    for link, status in env.link_results(doc, {"redirect"}):
        target = status.moved_to
        why = f"repository was renamed to {status.renamed_to}" if status.renamed_to else "redirects permanently"
        if not target or target == link.url:
            continue
        yield Report(line=link.line, column=link.column, message=f"{link.url} {why}; link {target}", fix=_replace_url(doc, link, target))


def _replace_url(doc: Document, link: Link, target: str) -> Fix | None:
    line = doc.lines[link.line - 1]
    at = line.find(link.url, link.column - 1)
    if at < 0:
        return None
    start = doc.offset(link.line, at + 1)
    return Fix(edits=[Edit(start=start, end=start + len(link.url), text=target)], description="link the final address")
