"""The in-page targets of a document, and what to do with a ``#fragment`` that misses them.

GitHub gives every heading an anchor (:func:`awesome_lint.document.github_slug`,
with ``-1``, ``-2`` for repeats: ``Section.anchor``) and keeps the ``id`` and
``name`` of HTML elements (``<a name="x"></a>``). Its page script also finds an
anchor whatever the case of the fragment, so ``#3D-feature-learning`` reaches
``### 3D Feature Learning`` on github.com; other renderers (GitLab, static
site generators, editors' previews) compare fragments exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import get_close_matches
from urllib.parse import unquote

from awesome_lint.tree.nodes import Document
from awesome_lint.markdown.edits import Edit, Fix

_HTML_ANCHOR = re.compile(r"""<[A-Za-z][^>]*?\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.I)
# Fragments every page has: the top of the page, and GitHub's README container.
BUILT_IN = frozenset({"", "top", "readme"})


def page_anchors(doc: Document) -> set[str]:
    """Every anchor a ``#fragment`` in this document can reach: headings and HTML ids/names."""
    anchors = {section.anchor for section in doc.sections}
    code = set(doc.code_lines)
    for number, line in enumerate(doc.lines, start=1):
        if "<" in line and number not in code:
            for m in _HTML_ANCHOR.finditer(line):
                anchors.add(next(g for g in m.groups() if g is not None))
    return anchors


def fragment(url: str) -> str:
    """The target of an in-page link ``#x``, decoded, without GitHub's ``user-content-`` prefix."""
    target = unquote(url.removeprefix("#"))
    return target.removeprefix("user-content-")


def case_only(target: str, anchors: set[str]) -> str | None:
    """The anchor that ``target`` reaches only by ignoring case (GitHub does, others do not)."""
    lowered = target.lower()
    return lowered if lowered != target and lowered in anchors else None


def closest(target: str, anchors: set[str]) -> str | None:
    """The one anchor close to ``target`` (a typo, a changed word), or None when none or several are."""
    found = get_close_matches(target.lower(), sorted(anchors), n=2, cutoff=0.8)
    return found[0] if len(found) == 1 else None


def retarget(doc: Document, line: int, column: int, old: str, new: str) -> Fix | None:
    """Replace the ``#old`` fragment of the link starting at (line, column) by ``#new``."""
    text = doc.lines[line - 1]
    start = text.find("(#", column - 1)
    if start < 0:
        return None
    end = text.find(")", start)
    written = text[start + 2:end] if end > 0 else ""
    if fragment("#" + written) != old and written != old:
        return None
    offset = doc.offset(line, start + 3)
    return Fix(edits=[Edit(start=offset, end=offset + len(written), text=new)], description=f"link to #{new}")


@dataclass
class Miss:
    """A fragment that reaches no anchor: the anchor it probably meant, and the fix that writes it."""

    target: str
    meant: str | None  # the one close anchor, when there is one
    case_only: bool  # ``meant`` differs from the target only in case (works on GitHub only)
    fix: Fix | None


def missed(doc: Document, line: int, column: int, target: str, anchors: set[str]) -> Miss | None:
    """None when ``target`` reaches an anchor; else what it probably meant."""
    if target in anchors:
        return None
    lowered = case_only(target, anchors)
    meant = lowered or closest(target, anchors)
    return Miss(target, meant, bool(lowered), retarget(doc, line, column, target, meant) if meant else None)
