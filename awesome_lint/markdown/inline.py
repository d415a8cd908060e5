"""Inline Markdown with positions: links, emphasis, code spans, read by mistune or a fast path."""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from urllib.parse import unquote

from awesome_lint.markdown.nodes import Comment, Link
from awesome_lint.markdown.source import Line
from awesome_lint.markdown.blocks import _HTML_ATTR_URL

@cache
def _markdown() -> Any:
    import mistune

    return mistune.create_markdown(renderer=None, plugins=["strikethrough", "url"])


# What mistune's escape_url leaves as it is: characters quote() keeps, and no ';' that could
# end an HTML entity. Most URLs are such; the rest go through mistune's own function.
_URL_AS_IS = re.compile(r"[A-Za-z0-9\-._~:/?#@!$&()*+,=%]*")


@cache
def _url_escaper() -> Any:
    from mistune.util import escape_url

    return lambda url: url if _URL_AS_IS.fullmatch(url) else escape_url(url)


# Where one of mistune's inline rules can start with the plugins above ("h" is the url
# plugin's "http"); a run without any of them is one text token, without asking mistune.
# Most paper titles are such runs. tests/test_fuzz.py checks this against mistune.
_INLINE_START = re.compile(r"[\n!*<\[\]\\_`~]")


def _inline_tokens(src: str, env: dict) -> list[dict]:
    if not src.strip():
        return []
    if "http" not in src and not _INLINE_START.search(src):
        return [{"type": "text", "raw": src}]
    tokens = _simple_tokens(src, nested_labels=not env.get("ref_links"))
    if tokens is None:
        tokens = _markdown().inline(src, env)
    return tokens


# Most list lines are plain text, [label](url), [[label]](url), *emphasis*, `code` and line
# breaks. Where every piece of a run is one of these, in a form whose reading by mistune is
# certain, the tokens are built here as mistune would build them; anything else (HTML,
# underscores that may emphasise, brackets that may be references, bare URLs for the url
# plugin, escapes, tabs) goes to mistune. tests/test_fuzz.py checks the two agree.
_SPECIAL = r"\n\t!*<\[\]\\_`~"
_URL = r"\((?P<{}>[^\s()<>\\\x00-\x1f\x7f]+)\)"
_SIMPLE_PIECE = re.compile(
    rf"(?P<text>[^{_SPECIAL}]+)"
    rf"|\[(?P<label>[^{_SPECIAL}]+|\[[^{_SPECIAL}]+\])\]{_URL.format('url')}"
    rf"|\[\*\*(?P<strong_label>[^\s{_SPECIAL}](?:[^{_SPECIAL}]*[^\s{_SPECIAL}])?)\*\*\]{_URL.format('strong_url')}"
    rf"|!\[(?P<alt>[^{_SPECIAL}]*)\]{_URL.format('image_url')}"
    r"|(?<!`)`(?P<code>[^`\s](?:[^`\n]*[^`\s])?)`(?!`)"
    rf"|(?:(?<=\s)|^)\*(?P<em>[A-Za-z0-9](?:[^{_SPECIAL}]*[A-Za-z0-9])?)\*"
    rf"|(?:(?<=\s)|^)\*\*(?P<strong>[A-Za-z0-9](?:[^{_SPECIAL}]*[A-Za-z0-9])?)\*\*"
    r"|(?P<html><br(?: ?/)?>|<br >)"
    r"|(?P<newline>\n)"
    r"|(?P<bang>!)(?!\[)"
    r"|(?<=[A-Za-z0-9])(?P<under>_+)(?=[A-Za-z0-9])"
)


def _simple_tokens(src: str, nested_labels: bool) -> list[dict] | None:
    """mistune's tokens for a run made only of the simple pieces above, else None."""
    escape_url = _url_escaper()
    tokens: list[dict] = []
    text = ""
    pos, end = 0, len(src)
    while pos < end:
        m = _SIMPLE_PIECE.match(src, pos)
        if m is None:
            return None
        pos = m.end()
        kind = m.lastgroup
        if kind in ("text", "bang", "under"):
            piece = m.group()
            if "://" in piece:
                return None
            text += piece
            continue
        if kind == "newline":
            kept = text.rstrip(" ")
            if kept[-1:].isspace():
                return None  # other white space before a line break: mistune's own rules decide
            if kept:
                tokens.append({"type": "text", "raw": kept})
            tokens.append({"type": "linebreak" if len(text) - len(kept) >= 2 else "softbreak"})
            text = ""
            while pos < end and src[pos] == " ":
                pos += 1
            if pos == end or src[pos].isspace() or len(tokens) == 1:
                return None  # blank lines, edge line breaks, other white space after one: left to mistune
            continue
        if text:
            tokens.append({"type": "text", "raw": text})
            text = ""
        if kind == "url":
            label = m.group("label")
            if "://" in label or (label[0] == "[" and not nested_labels):
                return None
            tokens.append({"type": "link", "children": [{"type": "text", "raw": label}], "attrs": {"url": escape_url(m.group("url"))}})
        elif kind == "strong_url":
            label = m.group("strong_label")
            if "://" in label:
                return None
            strong = {"type": "strong", "children": [{"type": "text", "raw": label}]}
            tokens.append({"type": "link", "children": [strong], "attrs": {"url": escape_url(m.group("strong_url"))}})
        elif kind == "image_url":
            alt = m.group("alt")
            if "://" in alt:
                return None
            tokens.append({"type": "image", "children": [{"type": "text", "raw": alt}] if alt else [], "attrs": {"url": escape_url(m.group("image_url"))}})
        elif kind == "code":
            tokens.append({"type": "codespan", "raw": m.group("code")})
        elif kind == "html":
            tokens.append({"type": "inline_html", "raw": m.group("html")})
        else:
            inner = m.group(kind)
            if "://" in inner:
                return None
            tokens.append({"type": "emphasis" if kind == "em" else "strong", "children": [{"type": "text", "raw": inner}]})
    if text:
        tokens.append({"type": "text", "raw": text})
    return tokens


def _plain(tokens: list[dict]) -> str:
    out: list[str] = []
    for tok in tokens:
        kind = tok["type"]
        if kind in ("text", "codespan"):
            out.append(tok.get("raw", ""))
        elif kind in ("softbreak", "linebreak"):
            out.append(" ")
        elif kind == "image":
            continue
        elif "children" in tok:
            out.append(_plain(tok["children"]))
    return html.unescape("".join(out))


@dataclass(slots=True)
class InlineRun:
    """Inline tokens of a block, with the offsets of its lines to place links."""

    lines: list[Line]
    tokens: list[dict]
    links: list[Link] = field(default_factory=list)
    link_tokens: list[int] = field(default_factory=list)  # index of the top-level token of each link
    comments: list[Comment] = field(default_factory=list)  # HTML comments outside code spans


# Inline tokens that hold no link, image or comment, at any depth.
_LEAF_KINDS = frozenset({"text", "codespan", "softbreak", "linebreak"})


class _Places:
    """(line, column) in the file of an offset in the text of ``lines`` joined by newlines."""

    __slots__ = ("lines", "starts")

    def __init__(self, lines: list[Line]):
        self.lines = lines
        self.starts = []
        pos = 0
        for line in lines:
            self.starts.append(pos)
            pos += len(line.text) + 1

    def __call__(self, offset: int) -> tuple[int, int]:
        index = bisect_right(self.starts, offset) - 1 if len(self.starts) > 1 else 0
        line = self.lines[index]
        return line.no, line.col + offset - self.starts[index] + 1


class InlineReader:
    def __init__(self, refdefs: dict):
        self.env = {"ref_links": refdefs}
        # The tree builder reads some runs twice (a contents candidate, a paper's
        # detail line while classifying its parent); mistune's inline parse is
        # most of our time, so each run is parsed once.
        self.seen: dict[tuple[str, tuple], InlineRun] = {}

    def read(self, lines: list[Line]) -> InlineRun:
        src = "\n".join(line.text for line in lines)
        key = (src, tuple((line.no, line.col) for line in lines))
        run = self.seen.get(key)
        if run is None:
            run = self.seen[key] = self._read(lines, src)
        return run

    def _read(self, lines: list[Line], src: str) -> InlineRun:
        tokens = _inline_tokens(src, self.env)
        run = InlineRun(lines, tokens)
        if any(tok["type"] not in _LEAF_KINDS for tok in tokens):
            self._visit(tokens, None, run, src, _Places(lines), [0])
        return run

    def _visit(self, toks: list[dict], top: int | None, run: InlineRun, src: str, place: _Places, cursor: list[int]) -> None:
        """Links, images and comments of ``toks`` (of ``top``, the top-level token, when nested)."""
        for index, tok in enumerate(toks):
            kind = tok["type"]
            if kind in _LEAF_KINDS:
                continue
            where = index if top is None else top
            if kind in ("link", "image"):
                url = tok["attrs"]["url"]
                written, start, raw, cursor[0] = self._locate(src, url, cursor[0], kind == "image")
                line_no, column = place(start)
                run.links.append(Link(label=_plain(tok.get("children", [])), url=written, line=line_no, column=column, image=kind == "image", raw=raw))
                run.link_tokens.append(where)
            elif kind == "inline_html":
                raw = tok.get("raw", "")
                if raw.startswith("<!--"):
                    at = src.find(raw, cursor[0])
                    if at >= 0:
                        first, last = place(at)[0], place(at + len(raw) - 1)[0]
                        run.comments.append(Comment(line=first, end_line=last, text=raw[4:-3].strip()))
                        cursor[0] = at + len(raw)
                else:
                    self._html_links(raw, src, cursor, place, run, where)
            children = tok.get("children")
            if not children or all(child["type"] in _LEAF_KINDS for child in children):
                continue
            if kind == "link":
                # An image inside the link (a badge) is written before the link's own URL.
                after = cursor[0]
                cursor[0] = start
                self._visit(children, where, run, src, place, cursor)
                cursor[0] = max(cursor[0], after)
            else:
                self._visit(children, where, run, src, place, cursor)

    @staticmethod
    def _locate(src: str, url: str, cursor: int, image: bool) -> tuple[str, int, str | None, int]:
        """The URL as written, where its link starts, its raw text, and the new cursor."""
        written = url
        if not url:  # ``[label]()``: placed by its empty destination
            q = src.find("]()", cursor)
            p = q + 2 if q >= 0 else -1
        else:
            p = _whole_url(src, url, cursor)
        if p < 0 and url:
            plain = unquote(url)
            p = _whole_url(src, plain, cursor)
            if p >= 0:
                written = plain
        if p < 0:
            return html.unescape(unquote(url)), cursor, None, cursor
        start = p
        if p >= 2 and src[p - 2:p] == "](":
            depth = 0
            k = p - 3
            while k >= cursor:
                ch = src[k]
                if ch == "]" and src[k - 1:k] != "\\":
                    depth += 1
                elif ch == "[" and src[k - 1:k] != "\\":
                    if depth == 0:
                        break
                    depth -= 1
                k -= 1
            if k >= cursor:
                start = k - 1 if image and k > 0 and src[k - 1] == "!" else k
        elif p >= 1 and src[p - 1] == "<":
            start = p - 1
        end = src.find(")", p + len(written))
        raw = src[start:end + 1] if end >= 0 and start < p else None
        return written, start, raw, p + len(written)

    def _html_links(self, raw: str, src: str, cursor: list[int], place, run: InlineRun, where: int) -> None:
        p = src.find(raw, cursor[0])
        base = p if p >= 0 else cursor[0]
        for m in _HTML_ATTR_URL.finditer(raw):
            url = html.unescape(next(g for g in m.groups()[1:] if g is not None))
            line_no, column = place(base + m.start())
            run.links.append(Link(label="", url=url, line=line_no, column=column, image=m.group(1).lower() == "src", raw=None))
            run.link_tokens.append(where)


def _whole_url(src: str, url: str, cursor: int) -> int:
    """Where ``url`` is written whole from ``cursor`` on (not as the start of a longer URL, as
    'https://awesome.re' is of a badge's 'https://awesome.re/badge.svg'); else its first occurrence."""
    first = p = src.find(url, cursor)
    while p >= 0:
        end = p + len(url)
        if end >= len(src) or src[end] in ")> \t\n\"'":
            return p
        p = src.find(url, p + 1)
    return first


# --------------------------------------------------------------------------- headings


def github_slug(text: str) -> str:
    """GitHub's anchor for a heading's text content (before de-duplication). The text is taken as
    is: a space before a badge that contributes no text stays (``# Name ![badge](x)`` is ``#name-``)."""
    text = text.lower()
    kept = []
    for ch in text:
        if ch == " " or ch == "-" or ch == "_":
            kept.append("-" if ch == " " else ch)
            continue
        cat = unicodedata.category(ch)
        if cat[0] in "LMN" or cat == "Pc":
            kept.append(ch)
    return "".join(kept)


