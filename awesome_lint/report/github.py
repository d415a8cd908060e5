"""GitHub Actions workflow commands (``::error file=...::message``) and a job-summary report.

GitHub shows at most 10 error, 10 warning and 10 notice annotations per step
(and 50 per job), in the order they are printed, and drops the rest without a
word. So the most important findings are printed first (errors, then warnings,
then notices; file order within each), at most 10 of each kind; one notice
says how many more there are, and those are printed as plain lines below. The
full report, grouped by rule, goes to the Markdown job summary
(:func:`step_summary`), which GitHub caps at 1 MiB per step.
"""

from __future__ import annotations

from urllib.parse import quote

from awesome_lint.lint.findings import SEVERITY_RANK, Finding
from awesome_lint.report import RenderContext, counts
from awesome_lint.report.text import finding_line, summary

ANNOTATIONS_PER_KIND = 10  # GitHub shows no more than this many of each kind in one step
SUMMARY_LIMIT = 1024 * 1024  # bytes of step summary GitHub accepts per step
COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
_GITHUB_KINDS = {"error": ("error", "errors"), "warning": ("warning", "warnings"), "info": ("notice", "notices")}
_OUR_KINDS = {"error": ("error", "errors"), "warning": ("warning", "warnings"), "info": ("info", "info")}


def escape_data(text: str) -> str:
    """A workflow command's message: ``%``, CR and LF are percent-encoded."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: as data, and ``:`` and ``,`` too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    """One ``::error``/``::warning``/``::notice`` command for a finding."""
    end_line = finding.end_line or finding.line
    props = [("file", finding.path), ("line", str(finding.line))]
    if end_line == finding.line:  # GitHub ignores columns on an annotation that spans lines
        props.append(("col", str(finding.column)))
    props.append(("endLine", str(end_line)))
    if end_line == finding.line and finding.end_column:
        props.append(("endColumn", str(finding.end_column)))
    props.append(("title", finding.rule))
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{COMMANDS[finding.severity]} {joined}::{escape_data(finding.message)}"


def render(findings: list[Finding], context: RenderContext) -> str:
    ordered = sorted(findings, key=lambda f: SEVERITY_RANK[f.severity])  # stable: file order within a kind
    total = counts(findings)
    overflow = any(n > ANNOTATIONS_PER_KIND for n in total.values())
    # The notice about the rest is itself a notice: keep a place for it.
    caps = {"error": ANNOTATIONS_PER_KIND, "warning": ANNOTATIONS_PER_KIND, "info": ANNOTATIONS_PER_KIND - overflow}
    shown: list[Finding] = []
    rest: list[Finding] = []
    for finding in ordered:
        if caps[finding.severity] > 0:
            caps[finding.severity] -= 1
            shown.append(finding)
        else:
            rest.append(finding)
    lines = [annotation(f) for f in shown]
    if rest:
        where = "They are listed below."
        if context.step_summary:
            where = "All findings are in the job summary; these are listed below."
        lines.append(
            f"::notice title=awesome-lint::{len(rest)} more {_plural(len(rest), 'finding', 'findings')} "
            f"({_breakdown(rest, _GITHUB_KINDS)}) {'is' if len(rest) == 1 else 'are'} not annotated: GitHub shows at most "
            f"{ANNOTATIONS_PER_KIND} annotations of each kind per step. {where}"
        )
        lines.extend(finding_line(f) for f in rest)
    lines.append(summary(findings, context))
    return "\n".join(lines) + "\n"


def step_summary(findings: list[Finding], context: RenderContext, budget: int = SUMMARY_LIMIT) -> str:
    """The Markdown job summary: every finding, grouped by rule, in at most ``budget`` UTF-8 bytes.

    ``context.diff_base`` (the revision compared with) and ``context.blob_url``
    (``https://github.com/OWNER/REPO/blob/SHA``, to link each line) are used when set.
    When not everything fits, the report ends with a note saying how many
    findings were left out; when not even that fits, it is empty.
    """
    head = f"## awesome-lint\n\n{summary(findings, context, markdown=True)}\n"
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.rule, []).append(finding)
    order = sorted(groups, key=lambda rule: (min(SEVERITY_RANK[f.severity] for f in groups[rule]), rule))
    out = [head]
    size = _bytes(head)
    written = 0
    for rule in order:
        group = groups[rule]
        block = [f"\n### `{rule}`: {_breakdown(group, _OUR_KINDS)}\n\n| Where | Severity | Message |\n| --- | --- | --- |\n"]
        cost = _bytes(block[0])
        for finding in group:
            row = f"| {_where(finding, context)} | {finding.severity} | {_cell(finding.message)} |\n"
            if size + cost + _bytes(row) + _RESERVE > budget:
                if len(block) > 1:
                    out.extend(block)
                return _with_note(out, len(findings) - written, budget)
            block.append(row)
            cost += _bytes(row)
            written += 1
        out.extend(block)
        size += cost
    return "".join(out)


_RESERVE = 300  # bytes kept free for the truncation note


def _with_note(out: list[str], missing: int, budget: int) -> str:
    note = (
        f"\n**Truncated:** {missing} more {_plural(missing, 'finding is', 'findings are')} not shown: "
        "GitHub keeps at most 1 MiB of summary per step. Run `awesome-lint check` locally to see them all.\n"
    )
    text = "".join(out) + note
    return text if _bytes(text) <= budget else ""


def _bytes(text: str) -> int:
    return len(text.encode("utf-8"))


def _where(finding: Finding, context: RenderContext) -> str:
    label = f"{_cell(finding.path)}:{finding.line}"
    blob = context.blob_url
    if blob and not finding.path.startswith(("/", "..", "<")):
        return f"[{label}]({blob}/{quote(finding.path)}#L{finding.line})"
    return label


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell: no HTML, no cell breaks, one line."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("`", "\\`").replace("\r", " ").replace("\n", " ")


def _breakdown(findings: list[Finding], names: dict[str, tuple[str, str]]) -> str:
    by = counts(findings)
    return ", ".join(f"{n} {_plural(n, *names[kind])}" for kind, n in by.items() if n)


def _plural(n: int, one: str, many: str) -> str:
    return one if n == 1 else many
