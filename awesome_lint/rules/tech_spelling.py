from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Iterator

from ..listed import Listed, listed_items
from ..model import Document, Edit, Fix, Link, Report
from ..prose import mask_emphasis, prose_blocks
from ..titles import squash
from ..urls import split_url
from . import rule

# A word as the data file's forms are written: letters, digits, '-', '/', '@', and '.' inside
# ('Node.js') or in front ('.Net'); it never starts right after one of these or '#'
# ('@Github', 'go-github', '#github'), and a final '.' ends the sentence, not the word ('Github.').
_WORD = re.compile(r"(?<![\w.\-/@#])\.?[\w\-/@]+(?:\.\w[\w\-/@]*)*")
_WORD_END = re.compile(r"(?![\w\-/@]|\.\w)")


@dataclass(frozen=True)
class Spellings:
    """The data file as lookups: a word -> its product, the forms of several words by their first word,
    and the lower-case forms ('python') reported only before certain words ('python scripts')."""

    words: dict[str, str]
    phrases: dict[str, list[tuple[str, str]]]  # first word -> (form, product), longest first
    in_context: dict[str, tuple[str, re.Pattern]]  # form -> (product, what must follow it)
    starts: frozenset[str]  # every word a misspelling starts with: most lines have none



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
def spellings() -> Spellings:
    data = _data()
    words: dict[str, str] = {}
    phrases: dict[str, list[tuple[str, str]]] = {}
    for name, forms in data["products"].items():
        for form in forms:
            if " " in form:
                phrases.setdefault(form.split(" ", 1)[0], []).append((form, name))
            else:
                words[form] = name
    for found in phrases.values():
        found.sort(key=lambda pair: len(pair[0]), reverse=True)
    in_context = {}
    for name, spec in data.get("in_context", {}).items():
        after = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in spec["before"])
        for form in spec["forms"]:
            in_context[form] = (name, re.compile(rf"\s+(?:{after})\b"))
    return Spellings(words, phrases, in_context, frozenset(words) | frozenset(phrases) | frozenset(in_context))


@rule("tech-spelling", "warning", preset="awesome", fixable=True)
def check(doc: Document, options) -> Iterator[Report]:
    """A product name is misspelled (Github, Javascript, NodeJS); write it as its owners do."""
    for block in prose_blocks(doc):
        for line in block:
            for start, wrong, name in misspellings(mask_emphasis(line.text)):
                if _written_so(doc, line.line, start, start + len(wrong)):
                    continue
                begin = doc.offset(line.line, start + 1)
                yield Report(
                    line=line.line,
                    column=start + 1,
                    message=f"'{wrong}' is written '{name}' by its owners (if it means the product)",
                    fix=Fix(edits=[Edit(start=begin, end=begin + len(wrong), text=name)], safe=False, description=f"write {name}"),
                )


def misspellings(text: str) -> Iterator[tuple[str, str, str]]:
    """(0-based column, misspelling, product name) of each misspelled name in ``text``, left to right."""
    known = spellings()
    if known.starts.isdisjoint(_WORD.findall(text)):
        return
    done = 0  # end of the last match: the words inside a matched phrase are not looked up again
    for m in _WORD.finditer(text):
        start, word = m.start(), m.group()
        if start < done or word not in known.starts:
            continue
        found = next(((form, name) for form, name in known.phrases.get(word, ()) if text.startswith(form, start) and _WORD_END.match(text, start + len(form))), None)
        if found is None and word in known.words:
            found = word, known.words[word]
        if found is None and word in known.in_context:
            name, following = known.in_context[word]
            found = (word, name) if following.match(text, m.end()) else None
        if found is not None:
            done = start + len(found[0])
            yield start, found[0], found[1]


def _written_so(doc: Document, line: int, start: int, end: int) -> bool:
    """Is columns [start, end) of ``line`` inside a name spelled as its author chose: a cited paper's
    title, or a link label that is an identifier ('[pytorch](.../pytorch)', '[github](.../go-github)')?"""
    links, papers = doc.derived("tech_spelling.by_line", _by_line)
    for link in links.get(line, ()):
        if link.column < end and start < link.column + len(link.label) and _identifier_label(link):
            return True
    text = doc.lines[line - 1]
    for item in papers.get(line, ()):
        tail = text.find(item.title[-12:], item.column - 1)
        last = min(tail + 12 + 3 if tail >= 0 else len(text), len(text))
        if item.column - 1 < end and start < last:
            return True
    return False


def _by_line(doc: Document) -> tuple[dict[int, list[Link]], dict[int, list[Listed]]]:
    """Written links (not images) and paper items, by line: the places a name may be spelled as its author chose."""
    links: dict[int, list[Link]] = {}
    for link in doc.links:
        if not link.image and link.raw and link.raw.startswith("["):
            links.setdefault(link.line, []).append(link)
    papers: dict[int, list[Listed]] = {}
    for item in listed_items(doc):
        if item.paper:
            papers.setdefault(item.line, []).append(item)
    return links, papers


def _identifier_label(link: Link) -> bool:
    if re.fullmatch(r"[a-z0-9._-]+", link.label):
        return True
    parts = split_url(link.url)
    segment = (parts.path.rstrip("/").rsplit("/", 1)[-1] or parts.host.split(".")[0]).removesuffix(".git")
    return squash(link.label) == squash(segment)
