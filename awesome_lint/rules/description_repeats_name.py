from __future__ import annotations

import re
from typing import Iterator

from awesome_lint.tree.nodes import Document
from awesome_lint.lint.findings import Report
from awesome_lint.lint.rule import rule

# The name as the sentence's subject: 'Pillow is ...', 'Kivik provides ...', 'Harvester, a ...'.
_SUBJECT = re.compile(
    r"\s*(?:[,:–—]|\s-\s|\s+(?:is|are|was|has|can|will|lets|allows|provides|helps|makes|generates|enables|implements"
    r"|offers|supports|gives|creates|brings|aims|includes|contains|converts|parses|turns|takes|runs|builds|manages"
    r"|adds|wraps|exposes|handles|simplifies|uses|comes|works|tries)\b)\s*",
    re.I,  # 'geoserver Is a Go package'
)
_IDENTIFIER = re.compile(r"[\d._-]|\w[A-Z]")  # 'dogpile.cache', 'go-guardian', 'KubeVPN': a name, never a plain word


@rule("description-repeats-name", "error", preset="awesome")
def check(doc: Document, options) -> Iterator[Report]:
    """A description starts with the entry's own name instead of saying what it is."""
    for entry in doc.entries:
        if entry.style != "classic" or entry.title_kind != "link" or not entry.description:
            continue
        name, description = entry.title.strip(), entry.description
        if not name or not description.casefold().startswith(name.casefold()):
            continue
        rest = description[len(name):]
        subject = _SUBJECT.match(rest)
        if not rest.strip(" .!") or subject:
            better = rest[subject.end():] if subject else ""
            hint = f", e.g. '{better[:1].upper()}{better[1:60]}{'…' if len(better) > 60 else ''}'" if better else ""
            severity = None
        elif re.match(r"[\s.,!?;]", rest) and (description.startswith(name) or _IDENTIFIER.search(name)):
            hint, severity = "", "warning"  # 'FSM for Go.': the name again, as a word of the description
        else:
            continue  # 'bloom' -> 'Bloom filters in Go', 'copy' -> 'Copy a folder': the word, not the name
        yield Report(
            line=entry.description_line or entry.line,
            column=entry.description_column or entry.column,
            severity=severity,
            message=f"the description repeats the name '{name}'; start with what it is{hint}",
        )
