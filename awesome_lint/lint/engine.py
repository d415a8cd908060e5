"""Runs the active rules over a document, applies suppressions, sorts findings."""

from __future__ import annotations

import gc
from typing import Iterable

from awesome_lint.lint.config import Config
from awesome_lint.lint.environment import Environment
from awesome_lint.lint.findings import SEVERITY_RANK, Finding, Report
from awesome_lint.tree.nodes import Document
from awesome_lint.lint.rule import Rule
from awesome_lint.lint.registry import registry
from awesome_lint.lint.suppress import Suppressions


def active_rules(config: Config, links: bool = False) -> list[Rule]:
    return [r for r in registry().values() if config.enabled(r) and (links or not r.online)]


def lint(doc: Document, config: Config | None = None, context: Environment | None = None, rules: Iterable[Rule] | None = None) -> list[Finding]:
    """All findings for ``doc``, in one total order."""
    config = config or Config()
    env = context or Environment()
    chosen = list(rules) if rules is not None else active_rules(config, links=env.links is not None)
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
            reports = rule.check(doc, setting.options, env) if rule.needs else rule.check(doc, setting.options)
            for report in reports:
                finding = _stamp(doc, rule, setting.severity, report, last_line)
                if (finding.line, finding.column) != (report.line, report.column):
                    env.misplaced.append((rule.id, report))
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


# The name the rest of the code and plugins knew it by.
LintContext = Environment
