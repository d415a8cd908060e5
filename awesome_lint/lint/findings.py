"""Findings: what a rule reports, and what the engine makes of it."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from awesome_lint.markdown.edits import Fix
from awesome_lint.markdown.nodes import Node

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK: dict[str, int] = {"error": 0, "warning": 1, "info": 2}


class Report(Node):
    """What a rule yields: where and what. The engine adds path, rule and severity."""

    line: int
    column: int = 1
    message: str
    end_line: int | None = None
    end_column: int | None = None
    fix: Fix | None = None
    # Other lines involved (the other duplicate, ...), so diff mode can keep the finding.
    related_lines: list[int] = Field(default_factory=list)
    severity: Severity | None = None  # a rule may lower/raise per finding; None = rule's


class Finding(Node):
    path: str
    line: int
    column: int
    end_line: int | None = None
    end_column: int | None = None
    rule: str
    severity: Severity
    message: str
    fix: Fix | None = None
    related_lines: list[int] = Field(default_factory=list)

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.rule, self.message)
