"""Link labels that say what a link points to, not which paper or project it is.

``[[paper]](url)``, ``[code](url)``, ``[slides](url)``: the words and their kind
(``paper``, ``code`` or ``other``) live in ``data/link_labels.toml``, the one
table the parser, :func:`awesome_lint.knowledge.urls.link_kind` and the duplicate rules share.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from importlib.resources import files
from types import MappingProxyType

KINDS = ("paper", "code", "other", "related")


def label_kinds(data: dict) -> dict[str, str]:
    """Label -> kind, from the data file's tables; a label listed twice is a mistake in the data."""
    kinds: dict[str, str] = {}
    for kind in KINDS:
        for label in data[kind]:
            if label in kinds:
                raise ValueError(f"link label {label!r} is both {kinds[label]!r} and {kind!r} in link_labels.toml")
            kinds[label] = kind
    return kinds


_DATA = tomllib.loads(files("awesome_lint.knowledge").joinpath("data", "link_labels.toml").read_text(encoding="utf-8"))
LABEL_KINDS: Mapping[str, str] = MappingProxyType(label_kinds(_DATA))  # "pdf" -> "paper", "repo" -> "code", "slides" -> "other"
LINK_LABELS = frozenset(LABEL_KINDS)  # every label, whatever its kind


_NOT_WORD = re.compile(r"[^\w ]+")


def label_kind(label: str) -> str | None:
    """``"paper"``, ``"code"``, ``"other"`` or ``"related"`` (another work) for a label naming what a link is (``[PDF]``, ``Source-Code``); None for a title."""
    return LABEL_KINDS.get(" ".join(_NOT_WORD.sub(" ", label).lower().split()))
