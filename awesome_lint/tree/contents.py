"""The table of contents: the list (or HTML block) whose links go to the page's own headings.

A contents list is recognised by its items, not by its heading: at least two items, and at
least four in five of the items that say something link to an in-page ``#anchor``. An item may
hold several such links (``[Papers](#papers) | [Code](#code)``); each is a :class:`TocItem`.
An item whose only content is a nested list (``- - [Data](#data)``, a way of indenting some
lists use) is a level of nesting, not an item. Contents written as an HTML block (a ``<table>``
or ``<ul>`` of ``<a href="#...">``) are read the same way, every item at depth 0.
"""

from __future__ import annotations

import html
import re
from typing import Iterator
from urllib.parse import unquote

from awesome_lint.markdown.blocks import Html, Item, ListBlock, Paragraph
from awesome_lint.markdown.inline import InlineReader
from awesome_lint.tree.nodes import TocItem

# ``<a href="#x">label</a>`` in an HTML block; the label's tags are dropped.
_HTML_LINK = re.compile(r"""<a\s[^>]*?\bhref\s*=\s*(?:"#([^"]*)"|'#([^']*)')[^>]*>(.*?)</a\s*>""", re.I | re.S)
_TAG = re.compile(r"<[^>]*>")
_ANY_HREF = re.compile(r"""\bhref\s*=""", re.I)
SHARE = 0.8  # the share of items that must link in-page


def list_contents(inline: InlineReader, block: ListBlock) -> list[TocItem] | None:
    """The contents items of ``block`` when it is a table of contents, else None."""
    items: list[TocItem] = []
    linking = counted = 0
    for item, depth in _items(block, 0):
        own = _own_paragraph(item)
        if own is None:
            if not any(isinstance(child, ListBlock) for child in item.children):
                counted += 1  # an empty item, or one holding some other block
            continue
        counted += 1
        links = [link for link in inline.read(own.lines).links if not link.image]
        if not links or not links[0].url.startswith("#"):
            continue  # an entry, or a line of text: its in-page links are not the contents'
        linking += 1
        links = [link for link in links if link.url.startswith("#")]
        items.extend(
            TocItem(label=link.label, target=unquote(link.url[1:]), line=link.line, column=link.column, depth=depth)
            for link in links
        )
    return items if linking >= 2 and linking >= SHARE * counted else None


def html_contents(block: Html) -> list[TocItem] | None:
    """The contents items of an HTML block whose links go, four in five at least, to ``#anchors``."""
    items: list[TocItem] = []
    hrefs = 0
    for line in block.lines:
        hrefs += len(_ANY_HREF.findall(line.text))
        for m in _HTML_LINK.finditer(line.text):
            target = m.group(1) if m.group(1) is not None else m.group(2)
            label = " ".join(html.unescape(_TAG.sub("", m.group(3))).split())
            column = line.col + m.start() + m.group(0).lower().index("href") + 1  # where the link's address is read
            items.append(TocItem(label=label, target=unquote(target), line=line.no, column=column, depth=0))
    return items if len(items) >= 2 and len(items) >= SHARE * hrefs else None


def all_items(block: ListBlock) -> Iterator[Item]:
    for item, _ in _items(block, 0):
        yield item


def _items(block: ListBlock, depth: int) -> Iterator[tuple[Item, int]]:
    for item in block.items:
        yield item, depth
        for child in item.children:
            if isinstance(child, ListBlock):
                yield from _items(child, depth + 1)


def _own_paragraph(item: Item) -> Paragraph | None:
    return item.children[0] if item.children and isinstance(item.children[0], Paragraph) else None
