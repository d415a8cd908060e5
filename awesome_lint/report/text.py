"""``path:line:col: severity rule message``, one finding a line, then a summary."""

from __future__ import annotations

from awesome_lint.lint.findings import Finding
from awesome_lint.report import RenderContext, counts

_COLORS = {"error": "red", "warning": "yellow", "info": "blue"}


def render(findings: list[Finding], context: RenderContext) -> str:
    lines = [finding_line(f, context.color) for f in findings]
    lines.append(summary(findings, context))
    return "\n".join(lines) + "\n"


def finding_line(finding: Finding, color: bool = False) -> str:
    """``path:line:col: severity rule message``: how every output that prints a finding as text writes it."""
    severity, rule = finding.severity, finding.rule
    if color:
        import click

        severity = click.style(severity, fg=_COLORS[severity], bold=True)
        rule = click.style(rule, dim=True)
    return f"{finding.path}:{finding.line}:{finding.column}: {severity} {rule} {finding.message}"


_PLURALS = {"error": "errors", "warning": "warnings", "info": "info"}


def summary(findings: list[Finding], context: RenderContext, markdown: bool = False) -> str:
    """``Found 3 errors, 1 warning, 2 info in 1 file.``; with --diff-base it names the revision."""
    by = counts(findings)
    files = len(context.files)
    checked = f"{files} file" if files == 1 else f"{files} files"
    base = context.diff_base
    if base:
        shown = f"`{base.replace('`', '')}`" if markdown else base
        checked = f"on the lines changed since {shown} in {checked}"
    else:
        checked = f"in {checked}"
    if not findings:
        text = f"No problems found {checked}."
    else:
        parts = [f"{n} {name if n == 1 else _PLURALS[name]}" for name, n in by.items() if n]
        text = f"Found {', '.join(parts)} {checked}."
        fixable = sum(1 for f in findings if f.fix and f.fix.safe)
        if fixable:
            text += f" {fixable} fixable with --fix."
    if context.fixed:
        text += f" Fixed {context.fixed}."
    return text
