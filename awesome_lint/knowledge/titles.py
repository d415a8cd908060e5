"""Comparing titles: one key per title, and near-duplicates found without comparing all pairs.

``title_key`` makes titles equal when they differ only in case, punctuation,
whitespace, Unicode quotes and dashes: "Self-Supervised Learning." and
"self supervised learning" share a key; ``title_matches`` says whether a heading
is one of a list of names (or starts with one), ``squash`` keeps letters and digits
only (for names: 'AV-HuBERT', 'av_hubert'), and ``alphabetical_key`` is what a
list sorted by title is sorted by. ``near_duplicates`` finds pairs of
titles that are almost the same (a typo, a dropped word) by blocking: each title
is filed under its rarest words, and only titles that share a bucket are
compared, with :class:`difflib.SequenceMatcher`. On a list of N titles this does
about N small comparisons, not N*(N-1)/2.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import chain
from typing import Iterable

_WORD = re.compile(r"[^\W_]+")
_NUMBER = re.compile(r"\d+")
_NOT_ALNUM = re.compile(r"[\W_]+")
_LEADING_PUNCTUATION = re.compile(r"^[\W_]+")
# Dashes, hyphens, quotes and apostrophes that look alike but are different characters.
_LOOKALIKES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"} | {c: "'" for c in "\u2018\u2019\u201a\u201b\u2032`"} | {c: '"' for c in "\u201c\u201d\u201e\u201f\u00ab\u00bb"})

BLOCK_WORDS = 3  # each title is filed under this many of its rarest words
MAX_BUCKET = 64  # a word shared by more titles than this is too common to block on


def title_words(title: str) -> list[str]:
    """The words of a title, case-folded, without punctuation: 'Self-Supervised' -> ['self', 'supervised']."""
    text = unicodedata.normalize("NFKC", title).translate(_LOOKALIKES).casefold()
    return _WORD.findall(text)


@lru_cache(maxsize=8192)
def title_key(title: str) -> str:
    """Equal for titles that differ only in case, punctuation, whitespace, quotes and dashes."""
    return " ".join(title_words(title))


def title_matches(title: str, names: Iterable[str]) -> bool:
    """``title`` is one of ``names``, or starts with one, by :func:`title_key`: 'Contributing Guidelines 🤝' matches 'Contributing'."""
    key = title_key(title)
    return any(key == name or key.startswith(name + " ") for name in map(title_key, names))


def alphabetical_key(title: str) -> str:
    """What a list sorted by title sorts on: the title case-folded, without leading punctuation ('"Quoted"', '@scope/pkg').

    Punctuation inside is kept (unlike :func:`title_key`), so that 'C#' and 'C++' keep one order."""
    return _LEADING_PUNCTUATION.sub("", title.casefold())


def squash(text: str) -> str:
    """Letters and digits only, case-folded: 'av_hubert' and 'AV-HuBERT' -> 'avhubert'."""
    return _NOT_ALNUM.sub("", text).casefold()


def name_part(title: str) -> str:
    """'PointCLIP' for 'PointCLIP: Point Cloud Understanding by CLIP'; the whole title when it has no name."""
    head, colon, _ = title.partition(":")
    return head if colon and len(head.split()) <= 4 else title


@lru_cache(maxsize=8192)
def same_work(a: str, b: str) -> bool:
    """Two titles of one work: equal keys, one name before the colon, or nearly the same text."""
    ka, kb = title_key(a), title_key(b)
    return ka == kb or title_key(name_part(a)) == title_key(name_part(b)) or similarity(ka, kb, at_least=0.9) >= 0.9


def similarity(a: str, b: str, at_least: float = 0.8) -> float:
    """How alike two title keys are, 0..1 (difflib's ratio); 0.0 when it is surely below ``at_least`` (or 0.8).

    The ratio is 2*M/T for M matching characters out of T; M is at most the shorter
    key's length, and at most the characters both keys have (difflib's real_quick_ratio
    and quick_ratio). Those cheap bounds rule out most pairs before the slow matcher is built."""
    bar = max(at_least, 0.8)
    total = len(a) + len(b)
    if total and (2.0 * min(len(a), len(b)) / total < bar or 2.0 * (Counter(a) & Counter(b)).total() / total < bar):
        return 0.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def near_duplicates(keys: list[str], threshold: float = 0.9, min_length: int = 24) -> list[tuple[int, int, float]]:
    """Pairs (i, j), i < j, of different keys that are at least ``threshold`` alike.

    Keys shorter than ``min_length`` characters are skipped: short names
    ('gorm', 'gorp') are alike without being the same thing. Keys whose numbers
    differ ('Qwen2-VL', 'Qwen2.5-VL') or whose first words differ ('MiMo-VL
    Technical Report', 'Kimi-VL Technical Report') are never near-duplicates:
    a number is usually a version, a first word usually a name.
    """
    words = [set(key.split()) for key in keys]
    frequency = Counter(chain.from_iterable(words))
    # Rarest first, ties in alphabetical order: sorted by word, then (a stable sort) by frequency.
    rarity = {w: rank for rank, w in enumerate(sorted(sorted(frequency), key=frequency.__getitem__))}
    buckets: dict[str, list[int]] = defaultdict(list)
    for index, ws in enumerate(words):
        if len(keys[index]) < min_length:
            continue
        for word in sorted(ws, key=rarity.__getitem__)[:BLOCK_WORDS]:
            buckets[word].append(index)
    names: dict[str, tuple[str, list[str]]] = {}  # a key's first word and numbers, read once
    found: dict[tuple[int, int], float] = {}
    scores: dict[tuple[str, str], float] = {}
    for members in buckets.values():
        if len(members) < 2 or len(members) > MAX_BUCKET:
            continue  # alone in its bucket, or a bucket too common to compare all of
        copies: dict[str, list[int]] = {}  # a list pasted twice files a title's copies together: compare their key once
        for i in members:
            copies.setdefault(keys[i], []).append(i)
        distinct = list(copies)
        for key in distinct:
            if key not in names:
                names[key] = (key.split()[0], _NUMBER.findall(key))
        for x, a in enumerate(distinct):
            for b in distinct[x + 1:]:
                if names[a] != names[b]:
                    continue
                for m in copies[a]:
                    for n in copies[b]:
                        i, j = min(m, n), max(m, n)
                        if (i, j) in found:
                            continue
                        pair = (keys[i], keys[j])
                        score = scores[pair] if pair in scores else scores.setdefault(pair, similarity(*pair, at_least=threshold))
                        if score >= threshold:
                            found[i, j] = score
    return sorted((i, j, score) for (i, j), score in found.items())
