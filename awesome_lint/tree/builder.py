"""Markdown blocks and inlines -> the typed tree of an awesome list."""

from __future__ import annotations

import gc
import html
import re

from awesome_lint.markdown.blocks import BlockReader, Code, Heading, Html, Item, ListBlock, Paragraph, Quote, TableBlock, _HTML_ATTR_URL, _comment_spans, leaf_blocks, split_row
from awesome_lint.tree.nodes import Comment, Document, Entry, Link, Section, Table, TableRow, Toc, TocItem, VenueYear
from awesome_lint.markdown.inline import InlineReader, InlineRun, _plain, github_slug
from awesome_lint.knowledge.labels import LINK_LABELS
from awesome_lint.tree.anchors import heading_text
from awesome_lint.tree.contents import all_items, html_contents, list_contents
from awesome_lint.markdown.source import Line, _indent, _split_lines
from awesome_lint.knowledge.venue_labels import venue_mentions
from awesome_lint.tree.reader import LeadLabel, _cut_title, read_lead, read_nickname, title_sure, title_text, trimmed

_YEAR = re.compile(r"(?<![\d])(?:19[5-9]\d|20\d\d)(?![\d])|['’‘]\d\d(?!\w)")


def _year_value(written: str) -> int:
    if written[0].isdigit():
        return int(written)
    short = int(written[1:])
    return 2000 + short if short < 50 else 1900 + short
_SEPARATOR = re.compile(r"^\s*(?:(\s[-–—]\s)|([-–—:])\s)\s*")
_AFTER_LINK_VENUE = re.compile(r"^\s*,\s*(?P<v>[^\[\]()]{1,100}?(?:19[5-9]\d|20\d\d))(?![\d])")
# A venue-year written without emphasis on a detail line: "ICCV 2019 [[paper]](...)" or
# at the end of the authors line, "Jan Kautz. CVPR 2018".
_PLAIN_VENUE = re.compile(r"(?:^|[.;]\s+)(?P<v>[A-Z0-9][\w&/'’+ -]{0,60}?\s(?:19[5-9]\d|20\d\d))[.,]?\s*$")



# --------------------------------------------------------------------------- tree


class TreeBuilder:
    def __init__(self, path: str, raw_lines: list[str]):
        self.path = path
        self.raw_lines = raw_lines
        self.refdefs: dict[str, dict[str, str]] = {}
        self.inline = InlineReader(self.refdefs)
        self.links: list[Link] = []
        self.comments: list[Comment] = []
        self.code_lines: list[int] = []
        self.anchor_counts: dict[str, int] = {}
        self.root = Section(title="", level=0, line=1, anchor="", style="root")
        self.stack = [self.root]
        self.toc: Toc | None = None
        self.toc_section: Section | None = None
        self.last_heading_line: int | None = None
        self.group_lines: list[int] = []

    def indent_of(self, item: Item) -> int:
        """Columns before the bullet in the file's line (not relative to the parent item)."""
        prefix = self.raw_lines[item.line.no - 1][: item.line.col]
        return _indent(prefix)[0] if not prefix.strip() else item.indent

    # -- inline helpers
    def read_inline(self, lines: list[Line], again: bool = True) -> InlineRun:
        """The inline run of ``lines``; ``again=False`` for one line that nothing reads twice (a table row)."""
        run = self.inline.read(lines) if again else self.inline._read(lines, lines[0].text)
        self.links.extend(run.links)
        self.comments.extend(run.comments)
        return run

    # -- blocks
    def build(self, blocks: list) -> None:
        for block in blocks:
            self.block(block, top=True)
            self.inline.seen.clear()  # runs are only read again within one top-level block

    def block(self, block, top: bool = False) -> None:
        section = self.stack[-1]
        if isinstance(block, Heading):
            self.heading(block)
        elif isinstance(block, Paragraph):
            run = self.read_inline(block.lines)
            if top:
                entry = self.paragraph_entry(block, run)
                if entry:
                    section.entries.append(entry)
        elif isinstance(block, ListBlock):
            self.list_block(block, section, top)
        elif isinstance(block, TableBlock):
            section.tables.append(self.table(block))
        elif isinstance(block, Code):
            self.code_lines.extend(range(block.first, block.last + 1))
        elif isinstance(block, Html):
            self.html_block(block)
            if self.toc is None or self.toc_section is section:
                items = html_contents(block)
                if items:
                    self.add_contents(items, block.lines[0].no, block.lines[-1].no, section)
        elif isinstance(block, Quote):
            for child in block.children:
                self.block(child)

    def heading(self, block: Heading) -> None:
        run = self.read_inline(block.lines)
        title = _plain(run.tokens).strip()
        base = github_slug(heading_text(run.tokens))
        count = self.anchor_counts.get(base, 0)
        self.anchor_counts[base] = count + 1
        anchor = base if count == 0 else f"{base}-{count}"
        while anchor in self.anchor_counts and count:
            count += 1
            anchor = f"{base}-{count}"
        if count:
            self.anchor_counts[anchor] = 1
        section = Section(title=title, level=block.level, line=block.line.no, anchor=anchor, raw_title=block.text, style=block.style)
        while self.stack[-1].level >= block.level:
            self.stack.pop()
        self.stack[-1].sections.append(section)
        self.stack.append(section)
        self.last_heading_line = block.line.no

    def html_block(self, block: Html) -> None:
        joined = "\n".join(line.text for line in block.lines)
        last, counted = block.lines[0].no, 0
        for start, end in _comment_spans(joined):
            first = last + joined.count("\n", counted, start)
            last = first + joined.count("\n", start, end)
            counted = end
            self.comments.append(Comment(line=first, end_line=last, text=joined[start + 4:end - 3].strip()))
        for line in block.lines:
            for m in _HTML_ATTR_URL.finditer(line.text):
                url = html.unescape(next(g for g in m.groups()[1:] if g is not None))
                self.links.append(Link(label="", url=url, line=line.no, column=line.col + m.start() + 1, image=m.group(1).lower() == "src"))

    def table(self, block: TableBlock) -> Table:
        header = split_row(block.header.text)
        width = len(header)
        rows = []
        for line in block.rows:
            cells = split_row(line.text)
            texts = [c for c, _ in cells]
            run = self.read_inline([line], again=False)
            rows.append(
                TableRow(
                    line=line.no,
                    cells=(texts + [""] * width)[:width],
                    extra_cells=texts[width:],
                    written_cells=len(texts),
                    cell_columns=[line.col + off + 1 for _, off in cells],
                    links=run.links,
                )
            )
        self.read_inline([block.header])
        return Table(
            line=block.header.no,
            end_line=block.rows[-1].no if block.rows else block.delimiter.no,
            header=[c for c, _ in header],
            header_columns=[block.header.col + off + 1 for _, off in header],
            delimiter_line=block.delimiter.no,
            align=block.aligns,
            rows=rows,
        )

    # -- lists and entries
    def list_block(self, block: ListBlock, section: Section, top: bool) -> None:
        if self.toc is None or self.toc_section is section:
            items = list_contents(self.inline, block)
            if items:
                self.read_contents(block)
                self.add_contents(items, block.items[0].line.no, block.items[-1].last_no, section)
                return
        for item in block.items:
            self.item(item, section)

    def add_contents(self, items: list[TocItem], line: int, end_line: int, section: Section) -> None:
        """The contents, or their continuation in the same section (a list split by a blank line or a comment)."""
        if self.toc is None:
            self.toc = Toc(line=line, end_line=end_line, heading_line=self.last_heading_line, items=items)
            self.toc_section = section
        else:
            self.toc.items.extend(items)
            self.toc.end_line = end_line

    def read_contents(self, block: ListBlock) -> None:
        """The links and comments of a contents list, read once (its items are not entries)."""
        for item in all_items(block):
            for child in item.children:
                if isinstance(child, Paragraph):
                    self.read_inline(child.lines)
                elif not isinstance(child, ListBlock):
                    self.block(child)

    def item(self, item: Item, section: Section) -> None:
        children = item.children
        own = children[0] if children and isinstance(children[0], Paragraph) else None
        nested = [c for c in children if isinstance(c, ListBlock)]
        run = self.read_inline(own.lines) if own else None
        entry = self.entry_from_item(item, own, run, nested) if run is not None else None
        if entry is not None:
            section.entries.append(entry)
        elif nested and own is not None:
            self.group_lines.append(item.line.no)  # an item over sub-items that are not its details: a group label
        for child in children[1:] if own else children:
            if isinstance(child, ListBlock):
                if entry is not None and entry.style == "paper":
                    self.detail_list(child, entry)
                else:
                    self.list_block(child, section, False)
            else:
                self.block(child)

    def detail_list(self, block: ListBlock, entry: Entry) -> None:
        """Sub-bullets of a paper entry: venue line, authors, links."""
        for item in block.items:
            for child in item.children:
                if isinstance(child, Paragraph):
                    run = self.read_inline(child.lines)
                    entry.links.extend(run.links)
                    entry.detail_lines.extend(line.no for line in child.lines)
                    if entry.venue_year is None:
                        self.find_venue_year(run, entry, leading=True)
                elif isinstance(child, ListBlock):
                    self.detail_list(child, entry)
                else:
                    self.block(child)

    def entry_from_item(self, item: Item, own: Paragraph, run: InlineRun, nested: list[ListBlock]) -> Entry | None:
        tokens = run.tokens
        lead = read_lead(tokens)
        if lead.checkbox:
            return None  # a task-list item: a note, not an entry
        read_nickname(tokens, lead)
        rest_tokens = trimmed(tokens, lead)
        first = _first_meaningful(rest_tokens)
        if first is None:
            return None
        index, tok = first
        at = lead.start + index  # the title token's index in ``tokens``
        head_line = own.lines[0]
        trailing: LeadLabel | None = None
        title_url: str | None = None
        if lead.quoted_title:
            kind, title = "plain", lead.quoted_title
            title_column = _column_of(head_line, title, head_line.col + 1)
        elif tok["type"] == "link":
            kind = "link"
            title = _plain(tok.get("children", [])).strip()
            title_url = tok["attrs"]["url"]
            link0 = run.links[run.link_tokens.index(at)] if at in run.link_tokens else None
            title_url = link0.url if link0 else title_url
            title_column = link0.column if link0 else head_line.col + 1
        elif tok["type"] == "strong":
            kind = "bold"
            title = _plain(tok.get("children", [])).strip()
            title_column = _column_of(head_line, title, head_line.col + 1 + max(head_line.text.find("**"), head_line.text.find("__"), 0))
            # a bold link: **[Title](url)**
            inner = _first_meaningful(tok.get("children", []))
            if inner and inner[1]["type"] == "link" and len(tok["children"]) == 1:
                title_url = inner[1]["attrs"]["url"]
            title, trailing = _cut_title(title)
        elif tok["type"] in ("text", "emphasis", "codespan"):
            kind = "plain"
            title, trailing = title_text(rest_tokens[index:])
            fallback = head_line.col + 1 + (len(head_line.text) - len(head_line.text.lstrip()))
            title_column = _column_of(head_line, title, fallback) if lead.read_anything else fallback
        else:
            return None
        if not title:
            return None
        if kind == "link" and title_url is not None and title_url.startswith("#") and not lead.read_anything:
            return None  # a link to a place in the page: navigation, not an entry
        if lead.date and not lead.labels:
            return None  # a news item: a date, then what happened
        if kind != "link" and nested and not run.links and own.lines[-1].text.rstrip().endswith((":", "：")):
            return None  # 'Relation Detection:' over sub-items: a group label, its sub-items are the entries
        if kind == "plain" and _inline_sentence(rest_tokens[index:]):
            return None  # a sentence with a link in it: prose, not an entry
        if kind == "plain" and not lead.read_anything and _label_then_link(rest_tokens[index:]):
            return None  # 'Evaluation of large language models: [LLM-eval](url)': a note pointing somewhere
        entry = Entry(
            line=item.line.no,
            end_line=item.last_no,
            column=item.line.col + 1,
            bullet=item.bullet,
            indent=self.indent_of(item),
            content_indent=self.indent_of(item) + item.content_indent - item.indent,
            title=title,
            title_line=head_line.no,
            title_column=title_column,
            title_kind=kind,
            title_url=title_url,
            links=list(run.links),
            head=head_line.text,
            nickname=lead.nickname,
            tags=list(lead.tags),
        )
        labelled = next((label for label in lead.labels if label.label.year is not None), None)
        if labelled is not None:
            self._set_label(entry, labelled, run)
        else:
            self.find_venue_year(run, entry)
        if entry.venue_year is None and trailing is not None:
            self._set_label(entry, trailing, run)
        if kind == "link":
            rest = tokens[at + 1:]
            self.classic_description(rest, entry, own)
            if entry.venue_year is None:
                self.venue_after_link(rest, entry, head_line)
        if entry.venue_year is None:
            self.venue_in_text(run, entry)
        if entry.venue_year is None and lead.labels:
            self._set_label(entry, lead.labels[0], run)
        entry.title_sure = title_sure(title, kind, "paper" if entry.venue_year or lead.labels else "classic")
        if kind == "link":
            entry.style = "paper" if entry.venue_year else "classic"
            return entry
        # A plain or bold line: a paper title when something paper-like follows; a group label otherwise.
        details = bool(entry.venue_year) or len(run.links) > 0 or len(own.lines) > 1
        complete = 0  # sub-items that are whole entries (a title of several words and a link of their own)
        for block in nested:
            for sub in block.items:
                sub_own = sub.children[0] if sub.children and isinstance(sub.children[0], Paragraph) else None
                if sub_own is None:
                    continue
                sub_run = self.inline.read(sub_own.lines)
                sub_tokens = sub_run.tokens
                sub_first = _first_meaningful(sub_tokens)
                if sub_first is None:
                    continue
                if sub_run.links and len(_WORDS.findall(_first_line_text(sub_tokens))) >= 5:
                    complete += 1
                    if complete >= 2 and not run.links and not entry.venue_year:
                        return None  # 'RGB mainly' over whole entries: a group label
                if sub_first[1]["type"] in ("emphasis", "strong") or _is_label_link(sub_first[1]) or _has_year_emphasis(sub_tokens) or _PLAIN_VENUE.search(_first_line_text(sub_tokens)):
                    details = True
                elif sub_first[1]["type"] == "link" and not entry.venue_year:
                    return None  # a group label whose sub-items are the entries
        if not details:
            return None
        entry.style = "paper"
        return entry

    def _set_label(self, entry: Entry, found: LeadLabel, run: InlineRun) -> None:
        """A venue label the reader found (before or after the title), as the entry's venue-year."""
        label = found.label
        years = [label.year] if label.year is not None else []
        self._set_venue_year(entry, found.text, found.style, run, years=years)

    def venue_in_text(self, run: InlineRun, entry: Entry) -> None:
        """A venue with its year written in the text after the title: '..., ICCV, 2020.', '(ICCV 2020)',
        'In ECCV 2018.'; the first one outside the title."""
        title = entry.title
        for line in run.lines:
            text = _URL_TEXT.sub(lambda m: " " * len(m.group()), line.text)  # addresses are not text
            skip = text.find(title) + len(title) if title and line.no == entry.title_line and title in text else 0
            for mention in venue_mentions(text[skip:]):
                written = text[skip + mention.start: skip + mention.end]
                self._set_venue_year(entry, written.strip(" ,"), "plain", None, line.no, line.col + skip + mention.start + 1, years=[mention.year])
                return

    def find_venue_year(self, run: InlineRun, entry: Entry, leading: bool = False) -> None:
        """The first emphasised span with a year; on a detail line, a leading one without."""
        for tok in run.tokens:
            if tok["type"] in ("emphasis", "strong"):
                text = _plain(tok.get("children", [])).strip()
                if len(text) <= 150 and _YEAR.search(text) and not any(c["type"] == "link" for c in tok.get("children", [])):
                    self._set_venue_year(entry, text, "italic" if tok["type"] == "emphasis" else "bold", run)
                    return
        first = _first_meaningful(run.tokens) if leading else None
        if first and first[1]["type"] in ("emphasis", "strong"):
            text = _plain(first[1].get("children", [])).strip()
            if 0 < len(text) <= 80:
                self._set_venue_year(entry, text, "italic" if first[1]["type"] == "emphasis" else "bold", run)
        if leading and entry.venue_year is None:
            m = _PLAIN_VENUE.search(_first_line_text(run.tokens))
            if m:
                self._set_venue_year(entry, m.group("v").strip(), "plain", run)

    def venue_after_link(self, rest: list[dict], entry: Entry, head: Line) -> None:
        if not rest or rest[0]["type"] != "text":
            return
        m = _AFTER_LINK_VENUE.match(rest[0]["raw"])
        if m:
            text = html.unescape(m.group("v")).strip()
            column = head.text.find(m.group("v"))
            self._set_venue_year(entry, text, "plain", None, head.no, head.col + max(column, 0) + 1)
            entry.description = None
            entry.separator = None

    def _set_venue_year(
        self, entry: Entry, text: str, style: str, run: InlineRun | None, line: int | None = None,
        column: int | None = None, years: list[int] | None = None,
    ) -> None:
        text_column = column
        if run is not None:
            line, column, text_column = self._find_venue_text(run, text, style)
        if years is None:
            years = [_year_value(y) for y in _YEAR.findall(text)]
        venue = _YEAR.sub("", text).strip(" ,.;:'’-").strip()
        if venue.count("(") != venue.count(")"):
            venue = venue.strip("()[] ")
        venue = re.sub(r"\s{2,}", " ", venue)
        entry.venue_year = VenueYear(
            text=text, venue=venue, years=years, line=line or entry.line, column=column or 1, text_column=text_column, style=style
        )
        entry.venue = venue or None
        entry.year = years[-1] if years else None

    _MARKERS = {"italic": ("*", "_"), "bold": ("**", "__")}

    @classmethod
    def _find_venue_text(cls, run: InlineRun, text: str, style: str) -> tuple[int, int, int | None]:
        """(line, column of the span with its emphasis, column of the text itself): the span as
        written with its markers, so that a title that mentions 'ECCV 2019' is not taken for it."""
        for marker in cls._MARKERS.get(style, ("",)):
            written = f"{marker}{text}{marker}"
            for line in reversed(run.lines):
                p = line.text.rfind(written)
                if p >= 0:
                    return line.no, line.col + p + 1, line.col + p + len(marker) + 1
        return run.lines[0].no, run.lines[0].col + 1, None

    def classic_description(self, rest: list[dict], entry: Entry, own: Paragraph) -> None:
        # Markers between the name and the separator ('[Name](url) `⚠` - ...', a badge) are tags, not the separator.
        skip = 0
        while skip < len(rest):
            tok = rest[skip]
            kind = tok["type"]
            if kind == "text" and not tok.get("raw", "").strip():
                skip += 1
            elif kind in ("image", "inline_html") or (kind == "codespan" and len(tok.get("raw", "").split()) <= 3):
                if kind == "codespan":
                    entry.tags.append(tok.get("raw", "").strip())
                skip += 1
            else:
                break
        if skip and any(tok["type"] != "text" for tok in rest[:skip]):
            rest = rest[skip:]
        text = _plain(rest)
        if not text.strip():
            return
        m = _SEPARATOR.match(text)
        raw_sep = m.group(0) if m else ""
        description = text[len(raw_sep):].strip()
        if not description:
            return
        entry.separator = raw_sep if m else text[: len(text) - len(text.lstrip())]
        entry.description = " ".join(description.split())
        head = own.lines[0]
        p = head.text.find(description[:20])
        if p >= 0:
            entry.description_line, entry.description_column = head.no, head.col + p + 1
        else:
            entry.description_line, entry.description_column = head.no, head.col + 1

    def paragraph_entry(self, block: Paragraph, run: InlineRun) -> Entry | None:
        first = _first_meaningful(run.tokens)
        if first is None or first[0] != 0 or first[1]["type"] != "link" or not run.links:
            return None
        rest = run.tokens[1:]
        head = block.lines[0]
        entry = Entry(
            line=head.no,
            end_line=block.lines[-1].no,
            column=head.col + 1,
            style="paragraph",
            title=_plain(first[1].get("children", [])).strip(),
            title_line=head.no,
            title_column=run.links[0].column,
            title_kind="link",
            title_url=run.links[0].url,
            links=list(run.links),
            head=head.text,
        )
        self.venue_after_link(rest, entry, head)
        return entry if entry.venue_year and entry.title else None


def _is_label_link(tok: dict) -> bool:
    """``[[paper]](url)`` or ``[pdf](url)``: a link labelled by what it points to, not a title."""
    if tok["type"] != "link":
        return False
    label = _plain(tok.get("children", [])).strip()
    return label.startswith("[") or label.lower() in LINK_LABELS


def _has_year_emphasis(tokens: list[dict]) -> bool:
    return any(t["type"] in ("emphasis", "strong") and _YEAR.search(_plain(t.get("children", []))) for t in tokens)


def _first_meaningful(tokens: list[dict]) -> tuple[int, dict] | None:
    """The first token that is not whitespace, an emoji or a badge image."""
    for index, tok in enumerate(tokens):
        kind = tok["type"]
        if kind == "text":
            raw = tok.get("raw", "")
            if not any(ch.isalnum() for ch in raw):
                continue
        if kind in ("image", "softbreak", "linebreak", "inline_html"):
            continue
        return index, tok
    return None


def _first_line_text(tokens: list[dict]) -> str:
    out: list[str] = []
    for tok in tokens:
        kind = tok["type"]
        if kind in ("softbreak", "linebreak", "link"):
            break
        if kind == "text" and "\n" in tok.get("raw", ""):
            out.append(tok["raw"].split("\n", 1)[0])
            break
        out.append(_plain([tok]))
    return html.unescape(" ".join("".join(out).split()))


def parse(text: str, path: str = "<stdin>", bom: bool = False) -> Document:
    """Parse Markdown text into a :class:`Document`."""
    was_collecting = gc.isenabled()
    gc.disable()  # an acyclic tree of many objects: collections cost time and free nothing
    try:
        return _parse(text, path, bom)
    finally:
        if was_collecting:
            gc.enable()


def _parse(text: str, path: str, bom: bool) -> Document:
    raw_lines, line_starts = _split_lines(text)
    newline = "\r\n" if "\r\n" in text[:10000] else "\n" if "\n" in text or "\r" not in text else "\r"
    lines = [Line(i + 1, 0, raw) for i, raw in enumerate(raw_lines)]
    for line in lines:
        if "\x00" in line.text:
            line.text = line.text.replace("\x00", "\ufffd")
    builder = TreeBuilder(path, [line.text for line in lines])
    blocks = BlockReader(builder.refdefs).read(lines)
    builder.build(blocks)
    line_count = len(raw_lines) - (1 if text.endswith(("\n", "\r")) else 0)
    return Document(
        path=path,
        root=builder.root,
        toc=builder.toc,
        links=builder.links,
        comments=builder.comments,
        code_lines=builder.code_lines,
        line_count=max(line_count, 0),
        text=text,
        lines=[line.text for line in lines],
        line_starts=line_starts,
        newline=newline,
        bom=bom,
        blocks=leaf_blocks(blocks, []),
        group_lines=builder.group_lines,
    )


def _column_of(line: Line, text: str, fallback: int) -> int:
    """The 1-based column where ``text`` (or its first words) is written on ``line``; ``fallback`` if not found."""
    for probe in (text, text[:20], text.split(" ", 1)[0]):
        if probe:
            p = line.text.find(probe)
            if p >= 0:
                return line.col + p + 1
    return fallback


_WORDS = re.compile(r"[^\W_]+")
_URL_TEXT = re.compile(r"\]\([^)\s]*\)|<?https?://[^\s)>]+>?|<[^>]*>")
_SENTENCE_LINK = re.compile(r"[a-z,]\s*$")


def _inline_sentence(tokens: list[dict]) -> bool:
    """A line of prose with a link inside a sentence ('results are in the [report](url) of ...'):
    the text runs into a link whose label is lower-case words, and goes on after it."""
    for index, tok in enumerate(tokens):
        if tok["type"] != "link":
            continue
        before = _plain(tokens[:index])
        label = _plain(tok.get("children", [])).strip()
        after = _plain(tokens[index + 1:index + 2]).strip()
        return (
            len(before.split()) >= 4 and bool(_SENTENCE_LINK.search(before)) and label[:1].islower()
            and label.lower() not in LINK_LABELS and bool(after) and after[0].isalpha()
        )
    return False


def _label_then_link(tokens: list[dict]) -> bool:
    """Text that ends with a colon right before the line's first link."""
    for index, tok in enumerate(tokens):
        if tok["type"] == "link":
            return _plain(tokens[:index]).rstrip(" [").endswith((":", "："))
    return False
