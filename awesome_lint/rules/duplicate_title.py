from __future__ import annotations

from typing import Iterator, Literal

from pydantic import Field

from awesome_lint.tree.listed import Listed, listed_items, same_group
from awesome_lint.tree.nodes import Document, Entry
from awesome_lint.markdown.edits import Edit, Fix
from awesome_lint.lint.findings import Report
from awesome_lint.knowledge.titles import near_duplicates, title_key
from awesome_lint.knowledge.urls import paper_key
from awesome_lint.lint.rule import Options, rule


class DuplicateTitleOptions(Options):
    across_sections: Literal["error", "warning", "info", "off"] = Field(
        "info",
        description="Severity when the two entries sit in different sections or groups: lists often file one paper under two topics on purpose.",
    )
    near: bool = Field(True, description="Also report titles that are almost the same (a typo, one word changed), as warnings.")
    similarity: float = Field(0.9, ge=0.5, le=1.0, description="How alike two titles must be (difflib ratio of their normalised forms) to count as near-duplicates.")


@rule("duplicate-title", "error", DuplicateTitleOptions, fixable=True, removes_entries=True)
def check(doc: Document, options: DuplicateTitleOptions) -> Iterator[Report]:
    """Two entries have the same paper title, or nearly the same: one paper listed twice."""
    # Only titles that name papers: project and API names collide legitimately
    # ('go-jwt' twice in awesome-go, two 'Cat Facts' APIs); duplicate-link catches a project listed twice.
    # Titles the reader is unsure of (a venue label, a link label, a lone nickname) are left alone.
    items = [item for item in listed_items(doc) if item.paper and item.sure]
    keys = [title_key(item.title) for item in items]
    seen: dict[str, list[Listed]] = {}
    reported: set[int] = set()
    for index, (item, key) in enumerate(zip(items, keys)):
        earlier = seen.setdefault(key, []) if key else []
        if earlier:
            close = [other for other in earlier if same_group(other, item)]
            other = close[-1] if close else earlier[0]
            severity = None if close else options.across_sections
            if severity != "off":
                reported.add(index)
                where = "" if close else f" in section '{other.section.title}'" if other.section is not item.section else " in another group of this section"
                advice = "the same paper is listed twice; remove one entry" if close else "the paper is listed in two places"
                yield Report(
                    line=item.line, column=item.column, severity=severity, related_lines=[other.line],
                    message=f"same title as line {other.line}{where}: '{other.title}'; {advice}",
                    fix=_remove_copy(doc, other.line, item.line) if close else None,
                )
        if key:
            earlier.append(item)
    if not options.near:
        return
    for first, second, _ in near_duplicates(keys, options.similarity):
        if second in reported:
            continue
        other, item = items[first], items[second]
        if _different_papers(other, item):
            continue  # the links name two papers: an extended version, a sequel, a survey of the same topic
        close = same_group(other, item)
        severity = "warning" if close else options.across_sections
        if severity == "off":
            continue
        reported.add(second)
        where = "" if close else " (in another section or group)"
        yield Report(
            line=item.line, column=item.column, severity=severity if severity != "error" else "warning",
            related_lines=[other.line],
            message=f"title is nearly the same as line {other.line}{where}: '{other.title}'; the same paper listed twice?",
        )


def _different_papers(first: Listed, second: Listed) -> bool:
    """Both items link a paper (arXiv, DOI, proceedings) and no paper of one is a paper of the other."""
    mine, theirs = _papers(first), _papers(second)
    return bool(mine) and bool(theirs) and not (mine & theirs)


def _papers(item: Listed) -> set[str]:
    return {key for link in item.links if (key := paper_key(link.url)) is not None}


def _remove_copy(doc: Document, first_line: int, copy_line: int) -> Fix | None:
    """An unsafe fix deleting the later entry when it is a copy of the first, line for line."""
    entries = doc.derived("entries_by_title_line", lambda d: {e.title_line: e for e in d.entries})
    first, copy = entries.get(first_line), entries.get(copy_line)
    if not isinstance(first, Entry) or not isinstance(copy, Entry) or first.line == copy.line:
        return None
    lines = doc.lines
    if [l.rstrip() for l in lines[first.line - 1:first.end_line]] != [l.rstrip() for l in lines[copy.line - 1:copy.end_line]]:
        return None
    end_line = copy.end_line
    # Keep the spacing: with blank lines on both sides, one of them goes too.
    if end_line < len(lines) and not lines[end_line].strip() and copy.line > 1 and not lines[copy.line - 2].strip():
        end_line += 1
    end = doc.offset(end_line + 1) if end_line < len(doc.line_starts) else len(doc.text)
    return Fix(edits=[Edit(start=doc.offset(copy.line), end=end, text="")], safe=False, description="remove the exact copy of the entry")
