from __future__ import annotations

from typing import Iterator

from awesome_lint.tree.nodes import Document
from awesome_lint.lint.findings import Report
from awesome_lint.lint.rule import rule
from awesome_lint.lint.suppress import directives


@rule("invalid-directive", "warning")
def check(doc: Document, options) -> Iterator[Report]:
    """A suppression comment names a rule that does not exist, or is misspelled."""
    from awesome_lint.lint.registry import registry

    known = registry()
    for directive in directives(doc):
        if directive.action is None:
            yield Report(line=directive.line, message=f"unknown directive {directive.word!r}; use awesome-lint-disable, -enable, -disable-line or -disable-next-line")
            continue
        for rule_id in directive.rules:
            if rule_id not in known:
                yield Report(line=directive.line, message=f"{directive.word} names unknown rule {rule_id!r}; the comment has no effect for it")
