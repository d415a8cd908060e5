from __future__ import annotations

import re
from typing import Iterator

from awesome_lint.tree.nodes import Document, Link
from awesome_lint.markdown.edits import Edit, Fix
from awesome_lint.lint.environment import Environment
from awesome_lint.lint.findings import Report
from awesome_lint.knowledge.urls import (
    URLParts,
    arxiv_id_from_url,
    is_absolute,
    missing_scheme,
    mistyped_scheme,
    split_url,
)
from awesome_lint.lint.rule import rule

_TICKS = re.compile(r"`+")
_NEXT = re.compile(r"[`<]")
_SPACE = re.compile(r"\s")
_DESTINATION = re.compile(r"\]\(([^()\n]*\s[^()\n]*)\)")
_PLACEHOLDER = re.compile(r"\b(?:soon|tbd|tba|todo|wip|n/?a|later|upcoming|to be released)\b", re.I)
_TITLED = re.compile(r"""\s*(?:<[^>]*>|\S+)(?:\s+(?:"[^"]*"|'[^']*'))?\s*$""")
# A target gets a space only if, after a '](', a space, or a code span or comment (blanked to
# spaces), comes before any parenthesis: a line without that has no _DESTINATION, blanked or not.
_SPACE_AFTER_TARGET_START = re.compile(r"\]\([^()\s`<]*[\s`<]")


@rule("malformed-url", "error", fixable=True, needs={"files"})
def check(doc: Document, options, env: Environment) -> Iterator[Report]:
    """A link target that cannot work: empty, without its scheme, with spaces, or an arXiv id that cannot exist."""
    for link in doc.links:
        if not link.url.strip() and _PLACEHOLDER.search(link.label):
            yield Report(
                line=link.line, column=link.column, severity="warning",
                message=f"'{link.label}' is a link to nowhere; write it as plain text until there is an address",
            )
            continue
        problem = _problem(doc, link, env)
        if problem:
            fix = _add_scheme(doc, link) if _scheme_missing(env, link.url.strip()) else None
            yield Report(line=link.line, column=link.column, message=problem, fix=fix)
    yield from _unparsed(doc)


def _problem(doc: Document, link: Link, env: Environment) -> str | None:
    url = link.url.strip()
    what = "image" if link.image else "link"
    if not url:
        named = f" '{link.label}'" if link.label else ""
        return f"{what}{named} has an empty target; put the address between the parentheses"
    if "](" in url:
        inner = re.findall(r"\]\(([^()\s]+)", url + ")")
        hint = f"; did you mean '{inner[-1]}'?" if inner else ""
        return f"{what} target '{url}' is itself Markdown, not an address{hint}"
    if mistyped_scheme(url):
        return f"{what} target '{url}' has a mistyped scheme; write 'https://' (or 'http://')"
    if not is_absolute(url):
        if _scheme_missing(env, url):
            return f"{what} target '{url}' has no scheme, so GitHub reads it as a file next to the list; write 'https://{url}'"
        return None
    parts = split_url(url)
    web = parts.scheme in ("http", "https")
    if web and parts.problem:
        return f"{what} target '{url}' has an {parts.problem}; {_instead(url, parts)}"
    if web and not parts.netloc:
        return f"{what} target '{url}' has no host after '{parts.scheme}://'"
    if web and _SPACE.search(url):
        return f"{what} target '{url}' contains a space; write it as %20 or remove it"
    arxiv = arxiv_id_from_url(url)
    if arxiv and not arxiv.valid:
        return f"{arxiv.problem}; check the arXiv link '{url}'"
    return None


def _scheme_missing(env: Environment, url: str) -> bool:
    """A web address written without its scheme (not a file next to the list): what _problem reports so."""
    return bool(url) and "](" not in url and not mistyped_scheme(url) and missing_scheme(url) and not _exists(env, url)


def _add_scheme(doc: Document, link: Link) -> Fix | None:
    """'https://' written before a target that has none, when the link is found as written,
    ``[label](target)`` or ``![alt](target)``: never in a copy of the address elsewhere on the line."""
    if not link.raw:
        return None
    written = re.fullmatch(r"!?\[.*\]\([ \t]*(" + re.escape(link.url.strip()) + r")[ \t]*\)", link.raw, re.S)
    start = doc.offset(link.line, link.column)
    if written is None or doc.text[start:start + len(link.raw)] != link.raw:
        return None
    return Fix(edits=[Edit(start=start + written.start(1), end=start + written.start(1), text="https://")], description="add https://")


def _instead(url: str, parts: URLParts) -> str:
    """What to write for a host or port that cannot be read: the address without its stray brackets, if that works."""
    if parts.hostname:  # the host is fine, the port is not
        return f"a port is a number, as in '{parts.scheme}://{parts.hostname}:8080', or write none"
    unbracketed = url.replace(parts.netloc, parts.netloc.replace("[", "").replace("]", ""), 1)
    if unbracketed != url and not split_url(unbracketed).problem:
        return f"did you mean '{unbracketed}'?"
    return f"write the site's name alone after '{parts.scheme}://'"


def _unparsed(doc: Document) -> Iterator[Report]:
    """'[[pdf]](Some Paper Title)' is no link at all: a target with spaces is shown as plain text."""
    skip = set(doc.code_lines) | {n for c in doc.comments if c.end_line > c.line for n in range(c.line, c.end_line + 1)}
    # One scan of the whole text finds the few lines worth a closer look.
    candidates = sorted({doc.position(m.start())[0] for m in _SPACE_AFTER_TARGET_START.finditer(doc.text)} - skip)
    for number in candidates:
        plain = _blank_hidden(doc.lines[number - 1])
        for m in _DESTINATION.finditer(plain):
            target = m.group(1)
            if _TITLED.match(target):
                continue  # '(url "title")' and '(<a b.md>)' are links
            yield Report(
                line=number, column=m.start() + 2,
                message=f"'({target.strip()})' is not a link target: it has spaces, so GitHub shows the text as written; put the address there",
            )


def _blank_hidden(text: str) -> str:
    """``text`` with one-line code spans and HTML comments blanked, read as the regex
    r"(`+)(?:(?!\\1).)+?\\1|<!--.*?-->" reads them, in one linear pass."""
    if "`" not in text and "<!--" not in text:
        return text
    chars = list(text)
    start = 0
    for segment in text.split("\n"):  # neither form crosses a line break
        _blank_segment(segment, start, chars)
        start += len(segment) + 1
    return "".join(chars)


def _blank_segment(text: str, offset: int, chars: list[str]) -> None:
    runs = [(m.start(), m.end()) for m in _TICKS.finditer(text)]
    longest_after = [0] * (len(runs) + 1)  # longest_after[i]: the longest run from run i on
    for i in range(len(runs) - 1, -1, -1):
        longest_after[i] = max(longest_after[i + 1], runs[i][1] - runs[i][0])
    p, r, n = 0, 0, len(text)
    while p < n:
        if text[p] == "`":
            while runs[r][1] <= p:
                r += 1
            end = runs[r][1]
            longest = longest_after[r + 1]  # a closer is a later run at least as long as the opener
            if not longest:
                p = end
                continue
            p = max(p, end - (2 * longest - 1))  # an opener longer than twice the closer finds itself first
            width = min(end - p, longest)
            closer = r + 1
            while runs[closer][1] - runs[closer][0] < width:
                closer += 1
            stop = runs[closer][0] + width
            chars[offset + p:offset + stop] = " " * (stop - p)
            p = stop
        elif text.startswith("<!--", p):
            close = text.find("-->", p + 4)
            if close < 0:
                p = text.find("`", p + 1)
                if p < 0:
                    return
                continue
            chars[offset + p:offset + close + 3] = " " * (close + 3 - p)
            p = close + 3
        else:
            m = _NEXT.search(text, p + 1)
            if not m:
                return
            p = m.start()


def _exists(env: Environment, url: str) -> bool:
    return bool(env.exists and env.exists(url.split("#")[0].split("?")[0]))

