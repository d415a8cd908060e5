"""A JSON array of findings (fixes included), stable keys, for scripts."""

from __future__ import annotations

import json

from awesome_lint.lint.findings import Finding
from awesome_lint.report import RenderContext


def render(findings: list[Finding], context: RenderContext) -> str:
    return json.dumps([f.model_dump(mode="json") for f in findings], indent=2, ensure_ascii=False) + "\n"
