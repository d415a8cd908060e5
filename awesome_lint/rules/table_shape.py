from __future__ import annotations

from typing import Iterator

from awesome_lint.tree.nodes import Document
from awesome_lint.markdown.edits import Edit, Fix
from awesome_lint.lint.findings import Report
from awesome_lint.lint.rule import rule


@rule("table-shape", "error", fixable=True)
def check(doc: Document, options) -> Iterator[Report]:
    """A table row has more or fewer cells than its header."""
    for table in doc.tables:
        width = len(table.header)
        for row in table.rows:
            if row.extra_cells:
                dropped = ", ".join(repr(c) if c else "an empty cell" for c in row.extra_cells)
                column = row.cell_columns[width] if len(row.cell_columns) > width else 1
                lost = any(cell.strip() for cell in row.extra_cells)
                yield Report(
                    line=row.line,
                    column=column,
                    # An empty extra cell loses nothing; text that GitHub drops is an error.
                    severity=None if lost else "warning",
                    message=(
                        f"row has {_cells(row.written_cells)} but the header has {width}; "
                        f"GitHub drops the extra {'cell' if len(row.extra_cells) == 1 else 'cells'}: {dropped}"
                    ),
                    fix=_drop_empty_tail(doc, row, width),
                )
            elif row.written_cells < width:
                yield Report(
                    line=row.line,
                    column=1,
                    severity="warning",
                    message=(
                        f"row has {_cells(row.written_cells)} but the header has {width}; "
                        f"GitHub shows {_cells(width - row.written_cells)} empty at its end"
                    ),
                )


def _cells(count: int) -> str:
    return f"{count} cell" if count == 1 else f"{count} cells"


def _drop_empty_tail(doc: Document, row, width: int) -> Fix | None:
    """Only empty extra cells at the end of the row are removed: nothing is lost."""
    if any(cell.strip() for cell in row.extra_cells):
        return None
    text = doc.lines[row.line - 1]
    body = text.rstrip()
    keep = body
    for _ in row.extra_cells:
        keep = keep[:-1].rstrip() if keep.endswith("|") else keep
    if not keep.endswith("|"):
        keep += "|"
    start = doc.offset(row.line, len(keep) + 1)
    end = doc.offset(row.line, len(body) + 1)
    if start >= end:
        return None
    return Fix(edits=[Edit(start=start, end=end, text="")], description="remove the empty extra cells")
