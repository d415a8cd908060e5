"""Product names as their owners write them, and their misspellings found in text.

The names and misspellings are data (``data/tech_spelling.toml``). A text is
split into words once, with one simple pattern, and each word is looked up in a
dict: a misspelling of one word ('Github'), the first word of a misspelling of
several ('Git Hub'), or a lower-case form reported only before certain words
('python scripts'). Loaded and indexed once per process.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Iterator

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
    return tomllib.loads(files("awesome_lint.knowledge").joinpath("data", "tech_spelling.toml").read_text(encoding="utf-8"))


@cache
def product_names() -> dict[str, str]:
    """Misspelling -> the product's name as its owners write it (data/tech_spelling.toml)."""
    data = _data()
    names = {wrong: name for name, forms in data["products"].items() for wrong in forms}
    names.update({wrong: name for name, spec in data.get("in_context", {}).items() for wrong in spec["forms"]})
    return names


@cache
def spellings() -> Spellings:
    """The data file indexed for :func:`misspellings`."""
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


def misspellings(text: str) -> Iterator[tuple[int, str, str]]:
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
