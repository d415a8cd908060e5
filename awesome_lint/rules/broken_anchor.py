from __future__ import annotations

from typing import Iterator

from awesome_lint.tree.anchors import BUILT_IN, certain_anchors, fragment, missed, page_anchors
from awesome_lint.tree.nodes import Document
from awesome_lint.lint.findings import Report
from awesome_lint.lint.rule import rule


@rule("broken-anchor", "error", fixable=True)
def check(doc: Document, options) -> Iterator[Report]:
    """An in-page link '#fragment' points at a heading or anchor that does not exist."""
    in_toc = {(item.line, item.column) for item in doc.toc.items} if doc.toc else set()
    anchors: set[str] | None = None
    for link in doc.links:
        if not link.url.startswith("#") or (link.line, link.column) in in_toc:
            continue  # the table of contents is the toc rule's
        anchors = page_anchors(doc) if anchors is None else anchors
        target = fragment(link.url)
        if target.lower() in BUILT_IN:
            continue
        miss = missed(doc, link.line, link.column, target, anchors, certain_anchors(doc))
        if miss is None:
            continue
        if miss.case_only:
            text = f"link to '#{target}' works on GitHub only, which ignores the case; the anchor is '#{miss.meant}'"
        else:
            text = f"link to '#{target}' goes nowhere: no heading or anchor has that name" + (f"; did you mean '#{miss.meant}'?" if miss.meant else "")
        yield Report(line=link.line, column=link.column, severity="info" if miss.case_only else None, fix=miss.fix, message=text)
