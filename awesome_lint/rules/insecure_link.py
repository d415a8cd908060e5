from __future__ import annotations

from typing import Iterator

from pydantic import Field

from awesome_lint.tree.nodes import Document
from awesome_lint.markdown.edits import Edit, Fix
from awesome_lint.lint.findings import Report
from awesome_lint.knowledge.urls import split_url
from awesome_lint.lint.rule import Options, rule


class InsecureLinkOptions(Options):
    hosts: list[str] = Field(
        default=["arxiv.org", "github.com", "githubusercontent.com", "doi.org", "openreview.net"],
        description="Sites that serve every page over https; their subdomains count too.",
    )


@rule("insecure-link", "info", InsecureLinkOptions, fixable=True)
def check(doc: Document, options: InsecureLinkOptions) -> Iterator[Report]:
    """A link uses http:// to a site that serves it over https."""
    hosts = tuple(h.lower().strip(".") for h in options.hosts)
    code = set(doc.code_lines)
    seen: set[int] = set()
    for link in doc.links:
        if link.url[:7].lower() != "http://" or link.line in code:
            continue
        host = split_url(link.url).hostname
        if not any(host == h or host.endswith("." + h) for h in hosts):
            continue
        secure = "https://" + link.url[7:]
        where = doc.lines[link.line - 1].find(link.url, link.column - 1)
        if where < 0:  # a reference link: the URL is written in its definition
            yield Report(line=link.line, column=link.column, message=f"{host} serves https; write {secure} in the link's definition")
            continue
        start = doc.offset(link.line, where + 1)
        if start in seen:
            continue
        seen.add(start)
        yield Report(
            line=link.line,
            column=where + 1,
            message=f"{host} serves https; write {secure}",
            fix=Fix(edits=[Edit(start=start, end=start + 7, text="https://")], description="use https"),
        )
