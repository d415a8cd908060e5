from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from awesome_lint.lint.findings import Report
from awesome_lint.lint.rule import rule
from awesome_lint.tree.anchors import Anchor, anchor_places, fragment
from awesome_lint.tree.nodes import Document


@rule("duplicate-anchor", "warning")
def check(doc: Document, options) -> Iterator[Report]:
    """An HTML anchor (`<a name>`, `id`) is defined twice, or takes a heading's anchor: links to it reach only one."""
    by_name: dict[str, list[Anchor]] = defaultdict(list)
    for anchor in anchor_places(doc):
        if anchor.certain:
            by_name[anchor.name].append(anchor)
    linked: dict[str, list[int]] = defaultdict(list)
    for link in doc.links:
        if link.url.startswith("#"):
            linked[fragment(link.url)].append(link.line)
    for name, places in by_name.items():
        if len(places) < 2 or not name:
            continue
        first = places[0]
        seen = {_point(first)}
        for anchor in places[1:]:
            if _point(anchor) in seen:
                continue  # an anchor in or beside the heading that has the same one: the same place
            seen.add(_point(anchor))
            yield _report(name, first, anchor, linked.get(name, []))


def _point(anchor: Anchor) -> int:
    """Where a link to the anchor lands: its heading's line, or its own."""
    return anchor.section.line if anchor.section is not None else anchor.line


def _report(name: str, first: Anchor, again: Anchor, links: list[int]) -> Report:
    if links:
        shown = ", ".join(str(n) for n in links[:3]) + (", ..." if len(links) > 3 else "")
        plural = len(links) > 1
        reach = f"the link{'s' if plural else ''} to '#{name}' (line {shown}) reach{'' if plural else 'es'} only one of them"
    else:
        reach = f"a link to '#{name}' reaches only one of them"
    if first.html and again.html:
        what = f"anchor '{name}' is defined twice, here and on line {first.line}"
        rename = "rename one (and the links meant for it)"
    else:
        heading, html = (first, again) if not first.html else (again, first)
        title = heading.section.title if heading.section else name
        where = f"line {heading.line}" if heading is first else "here"
        what = (f"anchor '{name}' is also the anchor of heading '{title}' ({where})"
                + (f", which lands elsewhere than the anchor on line {html.line}" if html is first else ""))
        rename = f"rename the anchor on line {html.line} (and the links meant for it)"
    return Report(
        line=again.line, column=again.column, related_lines=[first.line],
        severity=None if (first.html and again.html) or links else "info",
        message=f"{what}: {reach}; {rename}",
    )
