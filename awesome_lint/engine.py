"""Runs the active rules over a document, applies suppressions, sorts findings."""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from .config import Config
from .model import SEVERITY_RANK, Document, Finding, Report
from .rules import Rule, registry
from .suppress import Suppressions


@dataclass
class LintContext:
    """What some rules need beyond the text, supplied by the edges (CLI, link checker)."""

    base_dir: str | None = None  # folder of the linted file, for relative links
    exists: Callable[[str], bool] | None = None  # does a path relative to base_dir exist?
    links: dict[str, Any] | None = None  # url -> LinkStatus, when links were checked
    read: Callable[[str], bytes | None] | None = None  # a file's bytes (path relative to base_dir), None if absent
    # The list's own GitHub repository as the API returns it (description, topics, license), when fetched.
    repository: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    # (rule id, report as the rule yielded it) for every report placed outside the file: a bug
    # in that rule. The finding was moved to the nearest place inside; tests assert this stays empty.
    misplaced: list[tuple[str, Report]] = field(default_factory=list)


def active_rules(config: Config, links: bool = False) -> list[Rule]:
    return [r for r in registry().values() if config.enabled(r) and (links or not r.online)]


def lint(doc: Document, config: Config | None = None, context: LintContext | None = None, rules: Iterable[Rule] | None = None) -> list[Finding]:
    """All findings for ``doc``, in one total order."""
    config = config or Config()
    doc.context = context or LintContext()
    chosen = list(rules) if rules is not None else active_rules(config, links=bool(doc.context.links is not None))
    last_line = max(doc.line_count, 1)
    suppressions = Suppressions(doc)
    findings: list[Finding] = []
    collecting = gc.isenabled()
    # Rules make many small acyclic objects (URL parts, keys, reports) that reference counting
    # frees; cyclic collections while they run would walk them (and a large tree) for nothing:
    # on a 100,000-entry list they made the rules grow faster than the list.
    gc.disable()
    try:
        for rule in chosen:
            setting = config.setting(rule)
            for report in rule.check(doc, setting.options):
                finding = _stamp(doc, rule, setting.severity, report, last_line)
                if (finding.line, finding.column) != (report.line, report.column):
                    doc.context.misplaced.append((rule.id, report))
                if not suppressions.silenced(finding):
                    findings.append(finding)
    finally:
        if collecting:
            gc.enable()
    findings.sort(key=Finding.sort_key)
    return findings


def _stamp(doc: Document, rule: Rule, severity: str, report: Report, last_line: int) -> Finding:
    # Positions are clamped into the file (line 1..last, column 1..just past the line's end): a rule's
    # off-by-one must never send an annotation to a place that does not exist. lint() records it.
    line = min(max(report.line, 1), last_line)
    width = len(doc.lines[line - 1]) if line <= len(doc.lines) else 0
    return Finding(
        path=doc.path,
        line=line,
        column=min(max(report.column, 1), width + 1),
        end_line=report.end_line,
        end_column=report.end_column,
        rule=rule.id,
        severity=report.severity if report.severity and severity != "off" and _lowered(report.severity, severity) else severity,
        message=report.message,
        fix=report.fix,
        related_lines=report.related_lines,
    )


def _lowered(reported: str, configured: str) -> bool:
    """A rule may lower a finding's severity below the configured one, never raise it."""
    return SEVERITY_RANK[reported] > SEVERITY_RANK[configured]
