"""Which lines of a list changed since a git revision, and the findings that fall on them.

``awesome-lint check --diff-base REF`` reports only what a pull request (or
the working tree) changed: a list that gains one entry must not fail for its
old problems. The file's text at REF comes from ``git show``; the two texts
are compared by ``git diff --no-index`` (the same line matching as the diff
GitHub shows), so uncommitted and untracked changes count, and so do
line-ending differences that git's own filters would hide: both sides are
compared with ``\\n`` line ends.

Git is touched only here and only through subprocesses; :func:`keep_changed`
is pure.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

from awesome_lint.lint.findings import Finding

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)


class DiffError(Exception):
    """--diff-base cannot be honoured (no git, not a repository, unknown revision): one line for people."""


def changed_lines(path: str | Path, ref: str, text: str | None = None) -> set[int] | None:
    """1-based lines of the file at ``path`` that were added or changed since git revision ``ref``.

    ``text`` is the file's text as linted (read from ``path`` when None). Returns
    None when the file did not exist at ``ref``: every line of a new file counts
    as changed. Raises :class:`DiffError` outside a git repository or for an
    unknown revision.
    """
    path = Path(path)
    folder = path.resolve().parent
    commit = resolve_revision(folder, ref)
    old = _git(folder, "show", f"{commit}:./{path.name}")
    if old.returncode != 0:  # not in that revision's tree: a new file
        return None
    if text is None:
        text = path.read_bytes().decode("utf-8", errors="replace").removeprefix("\ufeff")
    before = old.stdout.decode("utf-8", errors="replace").removeprefix("\ufeff")
    return added_lines(_compare(folder, before, text))


def resolve_revision(folder: Path, ref: str) -> str:
    """The commit id ``ref`` names in the repository holding ``folder``; DiffError when there is none."""
    if _git(folder, "rev-parse", "--show-toplevel").returncode != 0:
        raise DiffError(f"--diff-base: {folder} is not in a git repository")
    if ref.startswith("-") or not ref.strip():
        raise DiffError(f"--diff-base: {ref!r} is not a git revision")
    found = _git(folder, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if found.returncode != 0:
        raise DiffError(
            f"--diff-base: unknown git revision {ref!r} in {folder}"
            " (in a shallow clone, fetch it first: git fetch --depth=1 origin REF)"
        )
    return found.stdout.decode().strip()


def added_lines(unified_diff: str) -> set[int]:
    """New-side line numbers of the added or changed lines in a ``-U0`` unified diff."""
    lines: set[int] = set()
    for hunk in _HUNK.finditer(unified_diff):
        start = int(hunk.group(1))
        count = int(hunk.group(2)) if hunk.group(2) is not None else 1
        lines.update(range(start, start + count))
    return lines


def keep_changed(findings: list[Finding], changed: set[int] | None) -> list[Finding]:
    """The findings that touch a changed line, in the engine's order.

    A finding is kept when a line it spans changed. A finding about two places
    (a duplicate names the other entry in ``related_lines``) is also kept when
    only the other place changed: it moves there, and its message starts with
    the line it was found on, so that the annotation lands on the diff.
    """
    if changed is None:
        return list(findings)
    kept: list[Finding] = []
    moved: list[Finding] = []
    for finding in findings:
        if any(line in changed for line in range(finding.line, (finding.end_line or finding.line) + 1)):
            kept.append(finding)
            continue
        target = next((line for line in finding.related_lines if line in changed), None)
        if target is not None:
            others = [line for line in finding.related_lines if line != target]
            moved.append(
                finding.model_copy(
                    update={
                        "line": target,
                        "column": 1,
                        "end_line": None,
                        "end_column": None,
                        "message": f"line {finding.line}: {finding.message}",
                        "related_lines": [finding.line, *others],
                    }
                )
            )
    for finding in moved:
        # The rule may already report the pair from the changed side as well.
        if not any(k.rule == finding.rule and k.line == finding.line and finding.related_lines[0] in k.related_lines for k in kept):
            kept.append(finding)
    kept.sort(key=Finding.sort_key)
    return kept


def _compare(folder: Path, before: str, after: str) -> str:
    with tempfile.TemporaryDirectory(prefix="awesome-lint-diff-") as scratch:
        old, new = Path(scratch, "old"), Path(scratch, "new")
        old.write_text(before.replace("\r\n", "\n"), encoding="utf-8", newline="")
        new.write_text(after.replace("\r\n", "\n"), encoding="utf-8", newline="")
        result = _git(folder, "diff", "--no-index", "--no-color", "--no-ext-diff", "--no-textconv", "--text", "-U0", "--", str(old), str(new))
    if result.returncode not in (0, 1):  # 1 means "they differ"
        raise DiffError(f"--diff-base: git diff failed: {result.stderr.decode(errors='replace').strip()}")
    return result.stdout.decode("utf-8", errors="replace")


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", "-C", str(folder), *args], capture_output=True)
    except FileNotFoundError:
        raise DiffError("--diff-base needs git, and no git command was found") from None
