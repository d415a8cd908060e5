"""Reading an entry by the role of its parts, not by where one known layout puts them.

A list item's first line is a run of inline spans (text, links, emphasis, code, badges). Before
its title, lists put many things: a venue label (``[[CVPR](url)]``, ``` `[CVPR2023]` ```,
``[**MICCAI 2022**]``, ``2019-CVPR -``, ``(ICCV 2019)``), a tag (``[Survey]``, ``⚠``), a news
date (``[2025-05]``), a nickname (``**ViT**: "Title"``, ``Name: [Title](url)``), a task-list box.
:func:`read_lead` finds where the title starts by what those spans *are* (a known venue with
its year, a date, a short tag), so a venue label is never taken for a title; :func:`title_text`
ends a plain title where the venue, the authors or the links begin.

What is read is kept with how sure the reading is: a title that is itself a venue, a generic
link label or a lone short name is *unsure*, and rules that compare titles leave it alone.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Literal

from awesome_lint.knowledge.labels import LINK_LABELS
from awesome_lint.knowledge.venue_labels import VenueLabel, read_label
from awesome_lint.markdown.inline import _plain

Token = dict  # a mistune inline token: {"type": ..., "raw"/"children"/"attrs": ...}

LabelStyle = Literal["italic", "bold", "plain", "bracket", "code", "link", "badge", "text"]

_BRACKETED = re.compile(r"\s*(?:\[(?P<sq>[^\[\]]{0,80})\]|\((?P<par>[^()]{1,80})\)|【(?P<cjk>[^】]{1,80})】)")
# "2019-CVPR - ", "CVPR'19: ", "ICCV 2019 | ": a label, then a separator, then the title.
_LABEL_SEP = re.compile(r"\s*(?P<label>[^\s\[\]()]+(?:\s[^\s\[\]()]+){0,3}?)\s*(?:[-–—:|]\s+|\s[-–—|]\s*)")
_SYMBOLS = re.compile(r"\s*[^\w\s\[\]()`*_<>\"'“‘«]+(?=\s|$)")
_PUNCT = re.compile(r"\s*[:\-–—|,]+\s+|\s+")
_DATE = re.compile(
    r"^\s*(?:(?:19|20)\d\d(?:\s?[-./]\s?\d{1,2}){1,2}|(?:\d{1,2}[-./]){1,2}(?:19|20)\d\d|\d\d[-./]\d{1,2}[-./]\d{1,2}"
    r"|(?:19|20)\d\d)\s*$"
)
# A label with a year that names no venue we know ('(IJACSA 2023)', '(FG 2021)'): a venue-year all the same.
_DATED_LABEL = re.compile(r"(?<![\d])(?:19[5-9]\d|20\d\d)(?![\d])")
_YEAR_ONLY = re.compile(r"^(?:19|20)\d\d$")
_CLOSING = re.compile(r"\s*[\])】]+")
_NICKNAME_END = re.compile(r"^\s*:\s*")
_QUOTED = re.compile(r"^\s*[\"“](?P<title>[^\"”]{6,300})[\"”]")
_AUTHORS = re.compile(r"\bet\s+al\b|^[A-Z][\w'’-]*(?:\s[A-Z][\w.'’-]*)*,\s[A-Z]")
_WORD = re.compile(r"[^\W_]+")


@dataclass
class LeadLabel:
    """A venue label read before the title."""

    text: str  # the label's visible text, brackets trimmed
    label: VenueLabel
    style: LabelStyle


@dataclass
class Lead:
    """What comes before the title, and where the title starts."""

    start: int  # index of the token the title starts in
    offset: int = 0  # characters of that token (a text token) that belong to the lead
    labels: list[LeadLabel] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    date: str | None = None  # a news date: 2025-05, 2024.03.01
    year: int | None = None  # a bare year: (2020), [2021]
    dated: list[str] = field(default_factory=list)  # labels with a year and a venue we do not know
    checkbox: bool = False
    nickname: str | None = None  # "ViT" in '**ViT**: "An Image is Worth..."'
    quoted_title: str | None = None  # the title when it is written in quotes after a nickname

    @property
    def read_anything(self) -> bool:
        return bool(self.labels or self.tags or self.date or self.year or self.dated or self.nickname)


def _meaningless(tok: Token) -> bool:
    kind = tok["type"]
    if kind in ("image", "softbreak", "inline_html"):
        return True
    return kind == "text" and not any(ch.isalnum() for ch in tok.get("raw", "")) and "[" not in tok.get("raw", "")


def _inner(text: str) -> str:
    return text.strip().strip("[]()【】").strip()


def classify(text: str) -> tuple[str, VenueLabel | None]:
    """What a short span is: ('venue', label), ('date', None), ('box', None), ('tag', None) or ('other', None)."""
    inner = _inner(text)
    if inner in ("", "x", "X", " "):
        return "box", None
    if _YEAR_ONLY.match(inner):
        return "year", None
    if _DATE.match(inner):
        return "date", None
    label = read_label(inner)
    if label is not None and label.only:
        return "venue", label
    words = inner.split()
    if _DATED_LABEL.search(inner) and len(words) <= 8 and not inner.endswith("."):
        return "dated", None
    if len(words) <= 3 and len(inner) <= 30 and not inner.endswith(".") and inner.lower() not in LINK_LABELS:
        return "tag", None
    return "other", None


def _style(tok: Token) -> LabelStyle:
    return {"strong": "bold", "emphasis": "italic", "codespan": "code", "link": "link", "image": "badge"}.get(tok["type"], "bracket")


def read_lead(tokens: list[Token]) -> Lead:
    """Where the title of an entry whose first line is ``tokens`` starts, and what comes before it."""
    lead = Lead(start=0)
    i, pos, n = 0, 0, len(tokens)
    while i < n:
        tok = tokens[i]
        kind = tok["type"]
        if kind == "text":
            raw = tok.get("raw", "")
            after = _read_text_lead(raw, pos, lead, tokens, i)
            if after is None:  # an opening bracket whose content is the next token
                following = _bracketed_token(tokens, i, lead)
                if following is None:
                    lead.start, lead.offset = i, _skip_space(raw, pos)
                    return lead
                i, pos = following
                continue
            if after >= len(raw):
                i, pos = i + 1, 0
                continue
            lead.start, lead.offset = i, after
            return lead
        if _meaningless(tok):
            i, pos = i + 1, 0
            continue
        if kind in ("link", "strong", "emphasis", "codespan"):
            text = _plain([tok]) if kind != "codespan" else tok.get("raw", "")
            what, label = classify(text)
            # A link labelled 'paper' or 'GitHub' at the start is the entry's name in a classic list
            # ('[GitHub](url) - Hosting service'): only a bracketed one ('[[pdf](url)] Title') is a label.
            # A year with a name we do not know is a label only in code ('`[FG 2021]`'): a link or bold text
            # with a year is more often a title ('[COCO 2017](url)').
            known = what in ("venue", "date", "year") or (what in ("tag", "dated") and kind == "codespan")
            if known and _title_follows(tokens, i + 1):
                _record(lead, what, label, text, _style(tok))
                i, pos = i + 1, 0
                continue
        lead.start, lead.offset = i, 0
        return lead
    lead.start, lead.offset = n, 0
    return lead


def _skip_space(raw: str, pos: int) -> int:
    while pos < len(raw) and raw[pos].isspace():
        pos += 1
    return pos


def _record(lead: Lead, what: str, label: VenueLabel | None, text: str, style: LabelStyle) -> None:
    if what == "venue" and label is not None:
        lead.labels.append(LeadLabel(_inner(text), label, style))
    elif what == "date":
        lead.date = _inner(text)
    elif what == "year":
        lead.year = int(_inner(text))
    elif what == "dated":
        lead.dated.append(_inner(text))
    elif what == "box":
        lead.checkbox = True
    else:
        lead.tags.append(_inner(text))


def _read_text_lead(raw: str, pos: int, lead: Lead, tokens: list[Token], index: int) -> int | None:
    """Read labels, tags, dates and symbols at the start of a text token; the position where the rest
    starts, or None when the text ends in an opening bracket whose content is the next token."""
    while pos < len(raw):
        rest = raw[pos:]
        if not rest.strip():
            return len(raw)
        m = _CLOSING.match(rest)
        if m and lead.read_anything:
            pos = _after_punct(raw, pos + m.end())
            continue
        m = _BRACKETED.match(rest)
        if m:
            inner = m.group("sq") if m.group("sq") is not None else m.group("par") or m.group("cjk") or ""
            what, label = classify(inner)
            if what == "box" and m.group("sq") is None:
                what = "other"
            if what == "other" and m.group("sq") is not None and len(inner.split()) <= 8 and not raw[pos + m.end():].strip():
                following = tokens[index + 1] if index + 1 < len(tokens) else None
                if following is not None and following["type"] in ("strong", "link"):
                    what = "tag"  # '[💬 Against Malicious Adaptation] **Title**': the title is marked, the bracket is a tag
            if what == "box" and not lead.read_anything and pos == _skip_space(raw, 0):
                lead.checkbox = True  # '[x] ...': a task-list item, whatever follows
                return len(raw)
            after = pos + m.end()
            if what != "other" and _title_follows_text(raw, after, tokens, index):
                _record(lead, what, label, inner, "bracket")
                pos = _after_punct(raw, after)
                continue
            return pos
        if rest.lstrip().startswith("[") and rest.strip() == "[":
            return None
        m = _LABEL_SEP.match(rest)
        if m:
            what, label = classify(m.group("label"))
            if what in ("venue", "date", "year", "dated") and _title_follows_text(raw, pos + m.end(), tokens, index):
                _record(lead, what, label, m.group("label"), "text")
                pos += m.end()
                continue
        m = _SYMBOLS.match(rest)
        if m and m.end() > 0 and _title_follows_text(raw, pos + m.end(), tokens, index):
            pos = _after_punct(raw, pos + m.end())
            continue
        return _skip_space(raw, pos)
    return pos


def _after_punct(raw: str, pos: int) -> int:
    m = _PUNCT.match(raw, pos)
    return m.end() if m else pos


def _bracketed_token(tokens: list[Token], index: int, lead: Lead) -> tuple[int, int] | None:
    """``[`` + a link, emphasis or code + ``]``: a bracketed label written with markup (``[[CVPR](url)]``,
    ``[**MICCAI 2022**]``); (index of the text token holding ``]``, offset after it), or None."""
    if index + 2 >= len(tokens):
        return None
    inner, closing = tokens[index + 1], tokens[index + 2]
    if inner["type"] not in ("link", "strong", "emphasis", "codespan") or closing["type"] != "text":
        return None
    close_raw = closing.get("raw", "")
    if not close_raw.lstrip().startswith("]"):
        return None
    text = _plain([inner]) if inner["type"] != "codespan" else inner.get("raw", "")
    what, label = classify(text)
    generic = inner["type"] == "link" and _inner(text).lower() in LINK_LABELS
    after = close_raw.index("]") + 1
    if what in ("venue", "date", "year", "dated", "tag") or generic:
        if not _title_follows_text(close_raw, after, tokens, index + 2):
            return None
        _record(lead, what if not generic else "tag", label, text, _style(inner))
        after = _after_punct(close_raw, after)
        if after >= len(close_raw):
            return index + 3, 0
        return index + 2, after
    return None


def _title_follows_text(raw: str, pos: int, tokens: list[Token], index: int) -> bool:
    rest = raw[pos:]
    if len(_WORD.findall(rest)) >= 2:
        return True
    return _title_follows(tokens, index + 1, _WORD.findall(rest))


def _title_follows(tokens: list[Token], start: int, words: list[str] | None = None) -> bool:
    """Something with two words or more comes after: the label is not the whole entry."""
    seen = list(words or [])
    for tok in tokens[start:start + 6]:
        if tok["type"] in ("softbreak", "linebreak"):
            break
        if tok["type"] == "link" and _inner(_plain(tok.get("children", []))).lower() in LINK_LABELS:
            continue
        seen.extend(_WORD.findall(_plain([tok]) if tok["type"] != "codespan" else tok.get("raw", "")))
        if len(seen) >= 2:
            return True
    return len(seen) >= 2


def trimmed(tokens: list[Token], lead: Lead) -> list[Token]:
    """The tokens from the title on, the first one cut where the lead ends."""
    out = tokens[lead.start:]
    if out and lead.offset:
        first = dict(out[0])
        first["raw"] = first.get("raw", "")[lead.offset:]
        out = [first, *out[1:]]
    return out


def read_nickname(tokens: list[Token], lead: Lead) -> None:
    """``**ViT**: "Title"`` or ``ViT: [Title](url)``: a short name, a colon, then the title; moves the
    lead past the name and records it."""
    rest = trimmed(tokens, lead)
    if not rest:
        return
    first = rest[0]
    if first["type"] == "strong" and len(rest) > 1 and rest[1]["type"] == "text":
        name = _plain([first]).strip()
        after = rest[1].get("raw", "")
        colon = _NICKNAME_END.match(after)
        if not colon or not name or len(name.split()) > 4:
            return
        quoted = _QUOTED.match(after[colon.end():])
        if quoted:
            lead.nickname, lead.quoted_title = name, quoted.group("title").strip().rstrip(",.")
            return
        if colon.end() >= len(after.rstrip()) and len(rest) > 2 and _titled_link(rest[2]):
            lead.nickname = name
            lead.start += 2
            lead.offset = 0
        return
    if first["type"] == "text" and len(rest) > 1 and _titled_link(rest[1]):
        raw = first.get("raw", "")
        m = re.match(r"^\s*(?P<name>[^:\[\]]{1,40}?)\s*:\s*$", raw)
        if m and len(m.group("name").split()) <= 4:
            lead.nickname = m.group("name").strip().strip("()")
            lead.start += 1
            lead.offset = 0


def _titled_link(tok: Token) -> bool:
    if tok["type"] != "link":
        return False
    label = _plain(tok.get("children", [])).strip()
    return len(label.split()) >= 2 and label.lower() not in LINK_LABELS


# Where a plain title ends: a parenthesised or bracketed venue-year, a link's opening bracket.
_BRACKET_OPEN = re.compile(r"\s*[\[(]")


def title_text(tokens: list[Token]) -> tuple[str, LeadLabel | None]:
    """A plain title read from ``tokens`` (text first): up to the links, the authors or the venue;
    and a venue label written in brackets right after it, if any."""
    out: list[str] = []
    for index, tok in enumerate(tokens):
        kind = tok["type"]
        if kind in ("softbreak", "linebreak", "link"):
            break
        if kind == "text" and "\n" in tok.get("raw", ""):
            out.append(tok["raw"].split("\n", 1)[0])
            break
        text = _plain([tok])
        if index and kind in ("emphasis", "strong"):
            so_far = "".join(out).rstrip()
            label = read_label(text.strip().strip("()[]"))
            if label is not None and label.only:
                break  # "Title (*CVPR 2020*)": the venue
            if so_far.endswith((".", ",")) and _AUTHORS.search(text):
                break  # "Title. _A. Author et al._": the authors
        out.append(text)
    title = html.unescape(" ".join("".join(out).split()))
    quoted = _QUOTED.match(title)
    if quoted:  # '"A Quoted Title", Venue, Year': the title is what the quotes hold
        return quoted.group("title").strip().rstrip(","), None
    return _cut_title(title)


def _cut_title(title: str) -> tuple[str, LeadLabel | None]:
    found: LeadLabel | None = None
    for m in re.finditer(r"\s*(?:\((?P<par>[^()]{1,80})\)|\[(?P<sq>[^\[\]]{1,80})\])", title):
        inner = (m.group("par") or m.group("sq") or "").strip().strip("*_`")
        label = read_label(inner)
        if label is not None and label.only and m.start() > 0:
            found = LeadLabel(inner, label, "bracket")
            title = title[: m.start()]
            break
    bracket = title.find(" [")
    if bracket > 0 and len(_WORD.findall(title[:bracket])) >= 2:
        title = title[:bracket]  # 'Title [qnn]', 'Title [[code](url)]': tags and links after the title
    title = re.sub(r"\s*\[\s*$|\s*\(\s*$", "", title).strip()
    return title.rstrip(" ,;:–—-").strip(), found


def title_sure(title: str, kind: str, style: str) -> bool:
    """Whether a title reads as a title: not a venue label, a date, a generic link label or a bare box."""
    text = title.strip().strip("[]()*_` ")
    if not text or text.lower() in LINK_LABELS:
        return False
    what, label = classify(text)
    if what in ("venue", "date", "box"):
        return False
    if style == "paper" and len(_WORD.findall(text)) < 2 and not _long_word(text):
        return False  # a paper's nickname ('ViT'), not its title
    return True


def _long_word(text: str) -> bool:
    return len(text) >= 12
