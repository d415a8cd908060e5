from __future__ import annotations

from typing import Iterator

from awesome_lint.knowledge.community import find_community_file, searchable
from awesome_lint.tree.nodes import Document
from awesome_lint.lint.environment import Environment
from awesome_lint.lint.findings import Report
from awesome_lint.lint.rule import rule


@rule("contributing-file", "error", preset="awesome", needs={"files"})
def check(doc: Document, options, env: Environment) -> Iterator[Report]:
    """There is no contributing guide next to the list (or in .github/), or it is empty."""
    if not searchable(env):
        return  # read from stdin: there is no folder to look in
    found = find_community_file(env, "contributing")
    if found is None:
        yield Report(line=1, message="no contributing guide: add CONTRIBUTING.md next to the list (or in .github/) saying how to propose an entry")
    elif found.content is not None and not found.text.strip():
        yield Report(line=1, message=f"{found.path} is empty: say in it how to propose an entry")
