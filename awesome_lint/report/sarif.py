"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

One run; ``tool.driver.rules`` describes each rule that has a result (id,
summary, default level and the link to its page, when it has one); each
result points at its rule by id and index. Columns count Unicode code points,
as our positions do (``run.columnKind``). Paths are relative URI references,
as the command line gave them.
"""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import TYPE_CHECKING
from urllib.parse import quote

from awesome_lint import __version__
from awesome_lint.lint.registry import HOME, builtin_page
from awesome_lint.report import RenderContext

if TYPE_CHECKING:
    from awesome_lint.lint.findings import Finding

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
rule_page = builtin_page  # the name this module gave it


def render(findings: list[Finding], context: RenderContext) -> str:
    from awesome_lint.lint.registry import registry

    known = registry()
    rule_ids = sorted({f.rule for f in findings})
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "awesome-lint",
                        "version": __version__,
                        "informationUri": HOME,
                        "rules": [_descriptor(rule_id, known.get(rule_id)) for rule_id in rule_ids],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [_result(f, index[f.rule]) for f in findings],
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _descriptor(rule_id: str, rule) -> dict:
    descriptor: dict = {"id": rule_id}
    if rule is None:
        return descriptor
    if rule.summary:
        descriptor["shortDescription"] = {"text": rule.summary}
    if rule.docs_url:  # built-in rules link to their page; a plugin to the one it declares, if any
        descriptor["helpUri"] = rule.docs_url
    descriptor["defaultConfiguration"] = {"level": LEVELS[rule.severity]}
    return descriptor


def _result(finding: Finding, rule_index: int) -> dict:
    result: dict = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [_location(finding.path, finding.line, finding.column, finding.end_line, finding.end_column)],
    }
    if finding.related_lines:
        result["relatedLocations"] = [
            {"id": i, **_location(finding.path, line), "message": {"text": f"line {line}"}}
            for i, line in enumerate(finding.related_lines, start=1)
        ]
    return result


def _location(path: str, line: int, column: int | None = None, end_line: int | None = None, end_column: int | None = None) -> dict:
    region: dict = {"startLine": line}
    if column:
        region["startColumn"] = column
    if end_line:
        region["endLine"] = end_line
    if end_column:
        region["endColumn"] = end_column
    return {"physicalLocation": {"artifactLocation": {"uri": _uri(path)}, "region": region}}


def _uri(path: str) -> str:
    """A URI reference for a path as given: relative stays relative, '/' separators, escaped."""
    pure = PurePath(path)
    if pure.is_absolute():
        return pure.as_uri()
    return quote(pure.as_posix())
