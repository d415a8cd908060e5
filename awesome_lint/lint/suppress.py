"""Suppression comments: ``<!-- awesome-lint-disable-next-line RULE ... -->`` and friends.

- ``awesome-lint-disable-next-line [RULE ...]``: the line after the comment.
- ``awesome-lint-disable-line [RULE ...]``: the comment's own line.
- ``awesome-lint-disable [RULE ...]`` ... ``awesome-lint-enable [RULE ...]``: a range.
No rule named means every rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from awesome_lint.tree.nodes import Document
from awesome_lint.lint.findings import Finding

_DIRECTIVE = re.compile(r"^(awesome-lint-[a-z-]+)\b\s*(.*)$", re.S)
ACTIONS = {
    "awesome-lint-disable-next-line": "next-line",
    "awesome-lint-disable-line": "line",
    "awesome-lint-disable": "disable",
    "awesome-lint-enable": "enable",
}
ALL = "*"


@dataclass(frozen=True)
class Directive:
    line: int
    end_line: int
    word: str
    action: str | None  # None for an unknown awesome-lint-* word
    rules: tuple[str, ...]  # empty: all rules


def directives(doc: Document) -> Iterator[Directive]:
    for comment in doc.comments:
        m = _DIRECTIVE.match(comment.text)
        if not m:
            continue
        word = m.group(1)
        rules = tuple(r for r in re.split(r"[\s,]+", m.group(2).strip()) if r)
        yield Directive(comment.line, comment.end_line, word, ACTIONS.get(word), rules)


class Suppressions:
    """Which (line, rule) pairs are silenced in a document."""

    def __init__(self, doc: Document):
        self.lines: dict[int, set[str]] = {}
        self.ranges: list[tuple[int, int, str]] = []  # (first line, last line, rule or ALL)
        open_at: dict[str, int] = {}
        last = max(doc.line_count, 1)
        for d in directives(doc):
            targets = d.rules or (ALL,)
            if d.action == "line":
                for line in range(d.line, d.end_line + 1):
                    self.lines.setdefault(line, set()).update(targets)
            elif d.action == "next-line":
                self.lines.setdefault(d.end_line + 1, set()).update(targets)
            elif d.action == "disable":
                for rule in targets:
                    open_at.setdefault(rule, d.line)
            elif d.action == "enable":
                closing = list(open_at) if not d.rules else targets
                for rule in closing:
                    if rule in open_at:
                        self.ranges.append((open_at.pop(rule), d.line, rule))
        for rule, start in open_at.items():
            self.ranges.append((start, last, rule))

    def silenced(self, finding: Finding) -> bool:
        if finding.rule == "invalid-directive":
            return False
        on_line = self.lines.get(finding.line)
        if on_line and (ALL in on_line or finding.rule in on_line):
            return True
        return any(a <= finding.line <= b and (r == ALL or r == finding.rule) for a, b, r in self.ranges)
