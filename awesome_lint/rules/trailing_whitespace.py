from __future__ import annotations

from typing import Iterator

from awesome_lint.tree.nodes import Document
from awesome_lint.markdown.edits import Edit, Fix
from awesome_lint.lint.findings import Report
from awesome_lint.lint.rule import rule

@rule("trailing-whitespace", "info", fixable=True)
def check(doc: Document, options) -> Iterator[Report]:
    """A line ends with spaces or tabs that show nothing."""
    skip = set(doc.code_lines)
    for number, line in enumerate(doc.lines, start=1):
        text_end = len(line.rstrip(" \t"))  # rstrip, not a regex: linear on long runs of spaces
        if text_end == len(line) or number in skip:
            continue
        run = line[text_end:]
        keep = "  " if _hard_break(doc, number, text_end) else ""
        if run == keep or (keep and "\t" not in run):
            continue  # a Markdown hard line break: two or more spaces before more text
        what = _describe(run)
        message = f"{what} at the end of the line; delete {'them' if len(run) > 1 else 'it'}"
        if keep:
            message = f"{what} at the end of the line; a line break needs only two spaces"
        yield Report(
            line=number,
            column=text_end + 1,
            message=message,
            fix=Fix(edits=[Edit(start=doc.offset(number, text_end + 1), end=doc.offset(number, len(line) + 1), text=keep)], description="remove trailing whitespace"),
        )


def _hard_break(doc: Document, number: int, text_end: int) -> bool:
    """Two spaces after text, with the same paragraph going on below: GitHub shows a line break."""
    line = doc.lines[number - 1]
    if not line[:text_end].strip() or not line.endswith("  "):
        return False
    block = doc.block_at(number)
    return block is not None and block.kind == "paragraph" and block.end_line > number


def _describe(run: str) -> str:
    spaces, tabs = run.count(" "), run.count("\t")
    parts = [f"{n} {word}{'s' if n > 1 else ''}" for n, word in ((spaces, "space"), (tabs, "tab")) if n]
    return " and ".join(parts)
