from __future__ import annotations

import re
from typing import Iterator

from awesome_lint.knowledge.community import find_community_file, searchable
from awesome_lint.tree.nodes import Document
from awesome_lint.lint.environment import Environment
from awesome_lint.lint.findings import Report
from awesome_lint.lint.rule import rule

# Left over from the Contributor Covenant template: [INSERT EMAIL ADDRESS], [INSERT CONTACT METHOD].
_PLACEHOLDER = re.compile(r"\[\s*INSERT [A-Z ]+\]", re.I)


@rule("code-of-conduct", "error", preset="awesome", needs={"files"})
def check(doc: Document, options, env: Environment) -> Iterator[Report]:
    """The code of conduct next to the list is empty or still has a template placeholder."""
    if not searchable(env):
        return
    found = find_community_file(env, "code_of_conduct")
    if found is None or found.content is None:
        return  # no code of conduct is no problem; one we cannot read, we cannot judge
    text = found.text
    if not text.strip():
        yield Report(line=1, message=f"{found.path} is empty: adopt a code of conduct (e.g. the Contributor Covenant) or delete the file")
        return
    for m in _PLACEHOLDER.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        yield Report(line=1, message=f"{found.path}:{line} still has the template placeholder {m.group()}: replace it with how to reach the maintainers")
