from __future__ import annotations

from typing import Iterator

from pydantic import Field

from ..anchors import missed, page_anchors
from ..model import Document, Report, Section
from ..titles import title_key
from . import Options, rule

IGNORED = ["Contents", "Table of Contents", "TOC", "Contributing", "Contribute", "Contributors", "Contribution", "License", "Licence", "Acknowledgements", "Acknowledgments", "Citation", "Star History"]


class TocOptions(Options):
    ignore: list[str] = Field(
        default_factory=lambda: list(IGNORED),
        description="Headings that need no item in the table of contents; compared without case, emoji or punctuation, and a heading that starts with one of them counts ('Contributing Guidelines').",
    )


@rule("toc", "warning", TocOptions, fixable=True)
def check(doc: Document, options: TocOptions) -> Iterator[Report]:
    """The table of contents links to a heading that does not exist, or leaves a heading out."""
    toc = doc.toc
    if toc is None:
        return
    anchors = page_anchors(doc)
    linked = {item.target.lower() for item in toc.items}
    for item in toc.items:
        miss = missed(doc, item.line, item.column, item.target, anchors)
        if miss is None:
            continue
        linked.add(miss.meant or "")  # the heading it meant is not missing too
        if miss.case_only:
            text = f"links to '#{item.target}'; the heading's anchor is '#{miss.meant}' (GitHub ignores the case, other renderers do not)"
        else:
            text = f"links to '#{item.target}', but no heading has that anchor" + (f"; did you mean '#{miss.meant}'?" if miss.meant else "")
        yield Report(line=item.line, column=item.column, severity="info" if miss.case_only else None, fix=miss.fix, message=f"contents item '{item.label}' {text}")
    ignored = [title_key(title) for title in options.ignore]
    for parent in doc.walk_sections():
        if not any(child.anchor in linked for child in parent.sections):
            continue  # the contents do not go down to this level here
        for section in parent.sections:
            flattened = any(child.anchor in linked for child in section.sections)  # a group heading whose parts are listed
            if section.anchor not in linked and section.line > toc.end_line and not flattened and not _ignored(section, ignored):
                yield Report(
                    line=section.line, related_lines=[toc.line],
                    message=f"heading '{section.title}' is missing from the table of contents (line {toc.line}); add '[{section.title}](#{section.anchor})'",
                )


def _ignored(section: Section, ignored: list[str]) -> bool:
    key = title_key(section.title)
    return any(key == name or key.startswith(name + " ") for name in ignored)
