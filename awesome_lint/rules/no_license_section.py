from __future__ import annotations

import re
from typing import Iterator

from awesome_lint.tree.nodes import Document
from awesome_lint.lint.environment import Environment
from awesome_lint.lint.findings import Report
from awesome_lint.knowledge.titles import title_words
from awesome_lint.lint.rule import rule

_LICENSE = re.compile(r"(?:licen[cs]e|licen[cs]ing)", re.I)


@rule("no-license-section", "error", preset="awesome", needs={"files"})
def check(doc: Document, options, env: Environment) -> Iterator[Report]:
    """The README has a License section; the list's licence belongs in a LICENSE file."""
    for section in doc.sections:
        words = title_words(section.title)
        if len(words) == 1 and _LICENSE.fullmatch(words[0]):
            has_file = env.exists is not None and any(env.exists(name) for name in ("LICENSE", "LICENSE.md", "LICENSE.txt", "license", "license.md", "COPYING"))
            where = "it is already in the LICENSE file" if has_file else "put it in a LICENSE file, where GitHub detects it"
            yield Report(line=section.line, message=f"'{section.title}' section in the README: GitHub shows the licence beside the list; {where} and remove this section")
