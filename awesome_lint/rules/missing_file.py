from __future__ import annotations

from typing import Iterator

from awesome_lint.tree.nodes import Document
from awesome_lint.lint.environment import Environment
from awesome_lint.lint.findings import Report
from awesome_lint.knowledge.urls import local_path, missing_scheme, mistyped_scheme
from awesome_lint.lint.rule import rule


@rule("missing-file", "error", needs={"files"})
def check(doc: Document, options, env: Environment) -> Iterator[Report]:
    """A relative link or image points at a file that does not exist next to the list."""
    exists = env.exists
    if exists is None:
        return  # text from nowhere (a test, an editor buffer): nothing to look up
    for link in doc.links:
        path = local_path(link.url)
        if path is None or exists(path):
            continue
        if missing_scheme(link.url) or mistyped_scheme(link.url) or "://" in path or "](" in path:
            continue  # a web address gone wrong, not a file: malformed-url reports it
        what = "image" if link.image else "link"
        yield Report(
            line=link.line, column=link.column,
            message=f"{what} target '{path}' does not exist next to this file; add the file or fix the path",
        )
