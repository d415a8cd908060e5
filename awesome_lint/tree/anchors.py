"""The in-page targets of a document, and what to do with a ``#fragment`` that misses them.

GitHub gives every heading an anchor (:func:`awesome_lint.markdown.inline.github_slug`
of the heading's text content, with ``-1``, ``-2`` for repeats: ``Section.anchor``) and keeps
the ``id`` and ``name`` of HTML elements (``<a name="x"></a>``). Its page script also finds an
anchor whatever the case of the fragment, so ``#3D-feature-learning`` reaches
``### 3D Feature Learning`` on github.com; other renderers (GitLab, static
site generators, editors' previews) compare fragments exactly.

An HTML anchor inside a heading (``## <a name="papers"></a> Papers``), or alone on a line just
above or below one (blank lines and other anchors between), lands on that heading: a link to it
is a link to the heading.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from difflib import get_close_matches
from urllib.parse import unquote

from awesome_lint.markdown.edits import Edit, Fix
from awesome_lint.markdown.inline import _plain, github_slug
from awesome_lint.tree.nodes import Document, Section

_HTML_ANCHOR = re.compile(r"""<[A-Za-z][^>]*?\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.I)
# Fragments every page has: the top of the page, and GitHub's README container.
BUILT_IN = frozenset({"", "top", "readme"})


_HTML_HEADING = re.compile(r"<h[1-6](?:\s[^>]*)?>(.*?)</h[1-6]\s*>", re.I)
_TAG = re.compile(r"<[^>]*>")
_ANCHORS_ONLY = re.compile(r"\s*(?:<[^>]*>\s*)+")  # a line of tags alone: ``<a name="x"></a>``


def heading_text(tokens: list[dict]) -> str:
    """A heading's text content as GitHub reads it for the anchor: images and HTML tags add
    nothing, and the spaces next to them stay (``## <a name="x"></a> Papers`` reads ' Papers')."""
    pieces = [_plain([token]) for token in tokens]
    if tokens and tokens[0]["type"] == "text":
        pieces[0] = pieces[0].lstrip()
    if tokens and tokens[-1]["type"] == "text":
        pieces[-1] = pieces[-1].rstrip()
    return "".join(pieces)


@dataclass(frozen=True)
class Anchor:
    """A place a ``#fragment`` can reach: a heading's anchor or an HTML ``id``/``name``."""

    name: str
    line: int
    column: int
    html: bool
    section: Section | None  # the heading it lands on: its own, or the one an HTML anchor sits in or next to
    certain: bool = True  # False for the slug of a raw HTML heading, which GitHub may or may not give an anchor


def anchor_places(doc: Document) -> list[Anchor]:
    """Every anchor of the document, in the order of the text (a heading before the HTML anchors in it)."""
    return doc.derived("anchor-places", _anchor_places)


def _anchor_places(doc: Document) -> list[Anchor]:
    headings = {section.line: section for section in doc.sections}
    code = set(doc.code_lines)
    places = [Anchor(s.anchor, s.line, 1, False, s) for s in headings.values()]
    for number, line in enumerate(doc.lines, start=1):
        if "<" in line and number not in code:
            for m in _HTML_ANCHOR.finditer(line):
                name = next(g for g in m.groups() if g is not None)
                places.append(Anchor(name, number, m.start() + 1, True, _landing(doc, number, headings)))
            for m in _HTML_HEADING.finditer(line):  # '<h2 id="x">Title</h2>': '#title' may work too; not reported
                text = html.unescape(_TAG.sub("", m.group(1)))
                places.append(Anchor(github_slug(text.strip()), number, m.start() + 1, True, None, certain=False))
    places.sort(key=lambda a: (a.line, a.html, a.column))
    return places


def _landing(doc: Document, number: int, headings: dict[int, Section]) -> Section | None:
    """The heading an HTML anchor on line ``number`` lands on, if any."""
    if number in headings:
        return headings[number]
    if not _ANCHORS_ONLY.fullmatch(doc.lines[number - 1]):
        return None
    for near in (number - 1, number + 1):  # a line of its own, not the start of a paragraph
        if 0 < near <= len(doc.lines) and near not in headings and not _alone(doc.lines[near - 1]):
            return None
    for step in (1, -1):
        at = number + step
        while 0 < at <= len(doc.lines) and at not in headings:
            if not _alone(doc.lines[at - 1]):
                break
            at += step
        if at in headings:
            return headings[at]
    return None


def _alone(text: str) -> bool:
    """A blank line, or one of HTML anchors alone."""
    return not text.strip() or bool(_ANCHORS_ONLY.fullmatch(text) and _HTML_ANCHOR.search(text))


def page_anchors(doc: Document) -> set[str]:
    """Every anchor a ``#fragment`` in this document can reach: headings and HTML ids/names."""
    return {anchor.name for anchor in anchor_places(doc)}


def certain_anchors(doc: Document) -> set[str]:
    """The anchors surely on the page: the ones a fix may point a link at."""
    return {anchor.name for anchor in anchor_places(doc) if anchor.certain}


def landing(doc: Document, target: str) -> Section | None:
    """The heading a ``#target`` reaches (found as GitHub does, whatever the case), if any."""
    table = doc.derived("anchor-landing", _landing_table)
    return table.get(target, table.get(target.lower()))


def _landing_table(doc: Document) -> dict[str, Section | None]:
    table: dict[str, Section | None] = {}
    for anchor in anchor_places(doc):
        table.setdefault(anchor.name, anchor.section)
        table.setdefault(anchor.name.lower(), anchor.section)
    return table


def fragment(url: str) -> str:
    """The target of an in-page link ``#x``, decoded, without GitHub's ``user-content-`` prefix."""
    target = unquote(url.removeprefix("#"))
    return target.removeprefix("user-content-")


def case_only(target: str, anchors: set[str]) -> str | None:
    """The anchor that ``target`` reaches only by ignoring case (GitHub does, others do not)."""
    lowered = target.lower()
    return lowered if lowered != target and lowered in anchors else None


def closest(target: str, anchors: set[str] | list[str]) -> str | None:
    """The one anchor close to ``target`` (a typo, a changed word), or None when none or several are."""
    found = get_close_matches(target.lower(), sorted(set(anchors)), n=2, cutoff=0.8)
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


def missed(
    doc: Document, line: int, column: int, target: str, anchors: set[str], candidates: set[str] | None = None
) -> Miss | None:
    """None when ``target`` reaches an anchor; else what it probably meant: the one anchor close to
    it among ``candidates`` (all anchors when None)."""
    if target in anchors:
        return None
    lowered = case_only(target, anchors)
    meant = lowered or closest(target, anchors if candidates is None else candidates)
    return Miss(target, meant, bool(lowered), retarget(doc, line, column, target, meant) if meant else None)
