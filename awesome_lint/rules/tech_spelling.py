from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib.resources import files
from typing import Iterator
from urllib.parse import urlsplit

from ..model import Document, Edit, Fix, Report
from ..listed import listed_items
from ..prose import prose_blocks
from . import rule

_EMPHASIS = re.compile(r"(?<!\w)_+|_+(?!\w)|[*~]")


@cache
def _data() -> dict:
    return tomllib.loads(files("awesome_lint").joinpath("data", "tech_spelling.toml").read_text(encoding="utf-8"))


@cache
def product_names() -> dict[str, str]:
    """Misspelling -> the product's name as its owners write it (data/tech_spelling.toml)."""
    data = _data()
    names = {wrong: name for name, forms in data["products"].items() for wrong in forms}
    names.update({wrong: name for name, spec in data.get("in_context", {}).items() for wrong in spec["forms"]})
    return names


@cache
def _misspelling() -> re.Pattern:
    data = _data()
    forms = sorted((w for ws in data["products"].values() for w in ws), key=len, reverse=True)
    words = "|".join(map(re.escape, forms))
    for spec in data.get("in_context", {}).values():  # 'python' only in 'python scripts'
        after = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in spec["before"])
        words += "|" + "|".join(rf"{re.escape(f)}(?=\s+(?:{after})\b)" for f in spec["forms"])
    return re.compile(r"(?<![\w.\-/@#])(?:" + words + r")(?![\w\-/@]|\.\w)")


@rule("tech-spelling", "warning", preset="awesome", fixable=True)
def check(doc: Document, options) -> Iterator[Report]:
    """A product name is misspelled (Github, Javascript, NodeJS); write it as its owners do."""
    names = product_names()
    as_written = _names_as_written(doc)
    for block in prose_blocks(doc):
        for line in block:
            text = _EMPHASIS.sub(lambda m: " " * len(m.group()), line.text)
            for start, end in as_written.get(line.line, ()):
                text = text[:start] + " " * (end - start) + text[end:]
            for m in _misspelling().finditer(text):
                name = names[m.group()]
                begin = doc.offset(line.line, m.start() + 1)
                yield Report(
                    line=line.line,
                    column=m.start() + 1,
                    message=f"'{m.group()}' is written '{name}' by its owners (if it means the product)",
                    fix=Fix(edits=[Edit(start=begin, end=begin + len(m.group()), text=name)], safe=False, description=f"write {name}"),
                )


def _names_as_written(doc: Document) -> dict[int, list[tuple[int, int]]]:
    """Spans (0-based columns) to leave alone: cited paper titles, and link labels that are identifiers
    ('[pytorch](.../pytorch)', '[github](.../go-github)'): a name is spelled as its author chose."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for link in doc.links:
        if link.image or not link.raw or not link.raw.startswith("["):
            continue
        parts = urlsplit(link.url)
        segment = (parts.path.rstrip("/").rsplit("/", 1)[-1] or (parts.hostname or "").removeprefix("www.").split(".")[0]).removesuffix(".git")
        if _identifier(link.label) == _identifier(segment) or re.fullmatch(r"[a-z0-9._-]+", link.label):
            spans.setdefault(link.line, []).append((link.column, link.column + len(link.label)))
    for item in listed_items(doc):
        if item.paper:
            line = doc.lines[item.line - 1]
            tail = line.find(item.title[-12:], item.column - 1)
            end = tail + 12 + 3 if tail >= 0 else len(line)
            spans.setdefault(item.line, []).append((item.column - 1, min(end, len(line))))
    return spans

def _identifier(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())
