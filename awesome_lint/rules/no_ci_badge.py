from __future__ import annotations

import re
from typing import Iterator

from awesome_lint.tree.nodes import Document
from awesome_lint.lint.findings import Report
from awesome_lint.lint.rule import rule

# Images that show a build's status: hosted CI services and shields.io's CI badges.
_CI_IMAGE = re.compile(
    r"travis-ci\.(?:org|com)/|circleci\.com/|ci\.appveyor\.com/api/projects/status|/_apis/build/status"
    r"|github\.com/[^/]+/[^/]+/(?:actions/)?workflows/[^?#]*badge\.svg|/badges/[^?#]*pipeline\.svg"
    r"|img\.shields\.io/(?:github/(?:actions/)?workflow|github/checks-status|travis|circleci|appveyor|azure-devops/build|gitlab/pipeline|drone|jenkins)"
    r"|app\.codeship\.com/projects/[^?#]*/status|semaphoreci\.com/api/v1/[^?#]*badge\.svg|builds\.sr\.ht/",
    re.I,
)
_CI_ALT = re.compile(r"\b(?:build status|build|travis(?:[- ]ci)?|circle ?ci|ci|ci status|pipeline status|github actions)\b", re.I)


@rule("no-ci-badge", "error", preset="awesome")
def check(doc: Document, options) -> Iterator[Report]:
    """The README shows a build-status (CI) badge; it tells a reader nothing about the list."""
    code = set(doc.code_lines)
    for link in doc.links:
        if not link.image or link.line in code:
            continue
        if _CI_IMAGE.search(link.url) or _CI_ALT.fullmatch(link.label.strip()):
            yield Report(
                line=link.line,
                column=link.column,
                message=f"build-status badge '{link.label or link.url}': it says whether the list's CI passed, which tells a reader nothing; remove it (the CI can still run)",
            )
