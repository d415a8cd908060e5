"""Apply the fixes rules attach to findings, pass after pass, never losing content.

Pure: text in, text out. The CLI reads and writes the file.

- A fix is applied whole (all its edits) or not at all. Fixes are taken in
  finding order; a fix whose edits overlap or touch an edit already taken in
  this pass waits for the next pass, when the rule reports it again on the new
  text. Passes repeat until nothing changes (at most ``MAX_PASSES``).
- Unsafe fixes are applied only when asked (``--unsafe-fixes``).
- Guard: after every pass the new text is parsed and compared with the
  original. No link URL may disappear or appear (a permanent redirect found by
  the link checker may replace its URL; ``http`` may become ``https``; a web
  address written without its scheme may get ``https://``), and no
  entry may disappear. Only an unsafe fix of a rule that declares ``removes_entries`` may remove
  an entry, and then only a copy: every distinct URL and title stays. When the
  guard fails, the original text is kept and a ``fix`` finding says why.
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_left, insort
from collections import Counter
from dataclasses import dataclass

from awesome_lint.lint.config import Config
from awesome_lint.tree.builder import parse
from awesome_lint.lint.engine import LintContext, lint
from awesome_lint.tree.nodes import Document
from awesome_lint.markdown.edits import Edit, Fix
from awesome_lint.lint.findings import Finding
from awesome_lint.lint.registry import registry
from awesome_lint.lint.rule import Rule
from awesome_lint.knowledge.urls import missing_scheme

MAX_PASSES = 10
GUARD_RULE = "fix"  # the rule id of the finding that reports a refused fix


@dataclass
class FixOutcome:
    text: str  # the fixed text; the original when the guard refused
    fixed: int  # fixes applied
    findings: list[Finding]  # what remains, linted on ``text`` (plus a guard finding, if any)
    passes: int = 0


def fix_text(
    text: str,
    path: str = "<stdin>",
    config: Config | None = None,
    context: LintContext | None = None,
    *,
    unsafe: bool = False,
    bom: bool = False,
    max_passes: int = MAX_PASSES,
    rules: list[Rule] | None = None,
    doc: Document | None = None,
) -> FixOutcome:
    """Apply the findings' fixes to ``text`` until nothing changes; never lose a URL or an entry.

    ``doc``, when given, is ``text`` already parsed (the CLI parses it first for --links).
    """
    context = context or LintContext()
    doc = doc if doc is not None else parse(text, path, bom)
    findings = lint(doc, config, context, rules)
    original, original_findings = _content(doc, context), findings
    current, fixed, passes, removals = text, 0, 0, 0
    while passes < max_passes:
        chosen = choose_fixes(findings, current, unsafe)
        new = apply_fixes(current, [fix for _, fix in chosen])
        if new == current:
            break
        passes += 1
        removals += sum(1 for finding, fix in chosen if _removes(finding, fix, rules))
        new_doc = parse(new, path, bom)
        problem = _lost(original, _content(new_doc, context), removals)
        if problem:
            culprits = sorted({finding.rule for finding, _ in chosen})
            return FixOutcome(text, 0, [*original_findings, _refusal(path, problem, culprits)], passes)
        current, doc, fixed = new, new_doc, fixed + len(chosen)
        findings = lint(doc, config, context, rules)
    return FixOutcome(current, fixed, findings, passes)


def wanted(finding: Finding, unsafe: bool) -> bool:
    """Does ``finding`` carry a fix this run applies?"""
    return finding.fix is not None and bool(finding.fix.edits) and (finding.fix.safe or unsafe)


def choose_fixes(findings: list[Finding], text: str, unsafe: bool = False) -> list[tuple[Finding, Fix]]:
    """The fixes to apply together: in finding order, skipping any that conflicts with one taken."""
    taken: list[tuple[int, int]] = []  # edits taken, sorted; they never conflict with each other
    chosen: list[tuple[Finding, Fix]] = []
    for finding in findings:
        if not wanted(finding, unsafe):
            continue
        spans = sorted((edit.start, edit.end) for edit in finding.fix.edits)
        if not _valid(spans, len(text)) or _noop(finding.fix.edits, text):
            continue
        if any(_conflicts_with_taken(span, taken) for span in spans):
            continue
        for span in spans:
            insort(taken, span)
        chosen.append((finding, finding.fix))
    return chosen


def apply_fixes(text: str, fixes: list[Fix]) -> str:
    """``text`` with the edits of ``fixes`` (which must not conflict) applied."""
    crlf_only = "\n" in text and text.count("\n") == text.count("\r\n")
    cr_only = "\r" in text and "\n" not in text  # old Mac line ends
    edits = sorted((edit for fix in fixes for edit in fix.edits), key=lambda e: (e.start, e.end))
    out: list[str] = []
    cursor = 0
    for edit in edits:
        out.append(text[cursor:edit.start])
        # A rule that inserts "\n" into a CRLF (or CR) file must not mix line endings.
        out.append(re.sub(r"(?<!\r)\n", "\r\n", edit.text) if crlf_only else edit.text.replace("\n", "\r") if cr_only else edit.text)
        cursor = edit.end
    out.append(text[cursor:])
    return "".join(out)


def unified_diff(before: str, after: str, path: str) -> str:
    """A unified diff of ``before`` -> ``after``, like ``git diff`` (empty when equal)."""
    if before == after:
        return ""
    # git's a/ b/ prefixes for relative paths, so that ``git apply`` takes the diff as it is.
    relative = not path.startswith(("/", "<")) and ":" not in path[:3]
    old, new = (f"a/{path}", f"b/{path}") if relative else (path, path)
    # Lines end at "\n" only, as for git (str.splitlines would also split at \f, \u2028 and others).
    lines = difflib.unified_diff(_git_lines(before), _git_lines(after), old, new)
    out = []
    for line in lines:
        out.append(line)
        if not line.endswith("\n"):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)


def _git_lines(text: str) -> list[str]:
    lines = text.split("\n")
    last = lines.pop()
    return [line + "\n" for line in lines] + ([last] if last else [])


# --------------------------------------------------------------------------- edits


def _valid(spans: list[tuple[int, int]], size: int) -> bool:
    """Inside the text, and no two edits of one fix conflict."""
    if any(not 0 <= start <= end <= size for start, end in spans):
        return False
    return not any(_conflict(a, b) for a, b in zip(spans, spans[1:]))


def _noop(edits: list[Edit], text: str) -> bool:
    return all(text[edit.start:edit.end] == edit.text for edit in edits)


def _conflict(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Overlapping edits, or an insertion at the edge of another edit (the order would be a guess)."""
    if a[0] < b[1] and b[0] < a[1]:
        return True
    return (a[0] == a[1] and b[0] <= a[0] <= b[1]) or (b[0] == b[1] and a[0] <= b[0] <= a[1])


def _conflicts_with_taken(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    i = bisect_left(taken, (span[0], -1))
    # Taken edits are disjoint, so only a few neighbours on each side can touch ``span``.
    j = i - 1
    while j >= 0 and taken[j][1] >= span[0]:
        if _conflict(span, taken[j]):
            return True
        j -= 1
    while i < len(taken) and taken[i][0] <= span[1]:
        if _conflict(span, taken[i]):
            return True
        i += 1
    return False


# --------------------------------------------------------------------------- the guard


@dataclass(frozen=True)
class _Content:
    urls: Counter  # link URLs (fragment-only links excluded: contents fixes rewrite them)
    titles: Counter  # entry titles, letters and digits only (punctuation fixes may change the rest)


def _content(doc: Document, context: LintContext) -> _Content:
    redirects = {url: target for url, status in (context.links or {}).items() if (target := _moved_to(status))}
    urls = Counter(_url_key(redirects.get(link.url, link.url)) for link in doc.links if not link.url.startswith("#"))
    titles = Counter("".join(ch for ch in entry.title.casefold() if ch.isalnum()) for entry in doc.entries)
    return _Content(urls, titles)


def _moved_to(status) -> str | None:
    """Where the link checker says a URL now lives: a permanent redirect, or a renamed repository."""
    return status.moved_to


def _url_key(url: str) -> str:
    """A URL as the guard compares it: fixes may turn ``http://`` into ``https://`` and add
    ``https://`` to a web address written without a scheme."""
    if url[:7].lower() == "http://":
        return "https://" + url[7:]
    return "https://" + url.strip() if missing_scheme(url) else url


def _removes(finding: Finding, fix: Fix, rules: list[Rule] | None) -> bool:
    """An unsafe fix of a rule whose fixes may remove a copy of an entry (``removes_entries``)."""
    by_id = {r.id: r for r in rules} if rules is not None else registry()
    return not fix.safe and finding.rule in by_id and by_id[finding.rule].removes_entries


def _lost(before: _Content, after: _Content, removals: int) -> str | None:
    """Why ``after`` loses or invents content, or None when it keeps it all."""
    if removals:
        # Duplicate removal drops copies: every distinct URL and title must stay.
        gone_urls = set(before.urls) - set(after.urls)
        gone_titles = set(before.titles) - set(after.titles)
        removed = before.titles.total() - after.titles.total()
        if removed > removals:
            return f"{removed} entries would be removed but only {removals} duplicate removals were applied"
    else:
        gone_urls = before.urls - after.urls
        gone_titles = before.titles - after.titles
    new_urls = after.urls - before.urls
    if gone_titles:
        return f"an entry ({sorted(gone_titles)[0]!r}) would be lost"
    if gone_urls:
        return f"the link {sorted(gone_urls)[0]} would be lost"
    if new_urls:
        return f"the link {sorted(new_urls)[0]} would appear from nowhere"
    return None


def _refusal(path: str, problem: str, rules: list[str]) -> Finding:
    return Finding(
        path=path,
        line=1,
        column=1,
        rule=GUARD_RULE,
        severity="error",
        message=(
            f"--fix refused its own result: {problem} (fixes by {', '.join(rules)}); "
            "the file was left unchanged. This is a bug in awesome-lint: please report it"
        ),
    )
