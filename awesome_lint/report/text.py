"""``path:line:col: severity rule message``, one finding a line, then a summary."""

from __future__ import annotations

from ..model import Finding
from . import RenderContext, counts

_COLORS = {"error": "red", "warning": "yellow", "info": "blue"}


def render(findings: list[Finding], context: RenderContext) -> str:
    import click

    lines = []
    for f in findings:
        where = f"{f.path}:{f.line}:{f.column}:"
        severity = click.style(f.severity, fg=_COLORS[f.severity], bold=True) if context.color else f.severity
        rule = click.style(f.rule, dim=True) if context.color else f.rule
        lines.append(f"{where} {severity} {rule} {f.message}")
    lines.append(summary(findings, context))
    return "\n".join(lines) + "\n"


def summary(findings: list[Finding], context: RenderContext) -> str:
    by = counts(findings)
    files = len(context.files)
    checked = f"{files} file" if files == 1 else f"{files} files"
    if not findings:
        text = f"No problems found in {checked}."
    else:
        parts = [f"{n} {name}{'s' if n != 1 else ''}" for name, n in (("error", by["error"]), ("warning", by["warning"]), ("info", by["info"])) if n]
        text = f"Found {', '.join(parts)} in {checked}."
        fixable = sum(1 for f in findings if f.fix and f.fix.safe)
        if fixable:
            text += f" {fixable} fixable with --fix."
    if context.fixed:
        text += f" Fixed {context.fixed}."
    return text
