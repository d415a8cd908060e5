from __future__ import annotations

import re
from typing import Iterator

from awesome_lint.tree.list_title import html_title_lines
from awesome_lint.tree.nodes import Document, Section
from awesome_lint.lint.findings import Report
from awesome_lint.tree.prose import code_spans
from awesome_lint.lint.rule import rule

# Chicago style: these stay lower case inside a title.
SMALL_WORDS = frozenset("a an and as at but by en for from if in into nor of on onto or per so the to up via vs vs. with yet".split())


@rule("main-heading", "error", preset="awesome")
def check(doc: Document, options) -> Iterator[Report]:
    """The list has no top-level heading, more than one, or one not in title case."""
    tops = [s for s in doc.sections if s.level == 1]
    html_title = html_title_lines(doc)
    if not tops and html_title is None:
        first = doc.sections[0] if doc.sections else None
        if first is not None:
            yield Report(line=first.line, message=f"the list's first heading '{first.title}' is level {first.level}; its title must be a top-level heading: '# {first.title}'")
        else:
            yield Report(line=1, message="the list has no title: start it with a top-level heading, e.g. '# Awesome Topic'")
        return
    if tops and html_title is None:
        suggestion = title_case(tops[0])
        if suggestion is not None:
            yield Report(line=tops[0].line, message=f"the main heading '{tops[0].title}' is not in title case; write '{suggestion}'")
    title_line = html_title[0] if html_title else tops[0].line
    for extra in tops[1 if html_title is None else 0:]:
        yield Report(
            line=extra.line,
            message=f"second top-level heading '{extra.title}': a list has one title (line {title_line}); make this one '## {extra.title}'",
            related_lines=[title_line],
        )


def title_case(section: Section) -> str | None:
    """The heading in title case when it is not already; None when it is (names keep their case)."""
    raw = section.raw_title
    code = {w for start, end in code_spans(raw) for w in raw[start:end].strip("`").split()}
    out = []
    changed = False
    for position, word in enumerate(section.title.split()):
        if word not in code and "." not in word.rstrip(".") and "/" not in word:
            # Each part of a hyphenated word is capitalized: 'Self-Supervised'.
            parts = word.split("-")
            for index, part in enumerate(parts):
                m = re.search(r"[^\W\d_]", part)
                if m is None or not part[m.start()].islower() or any(c.isupper() for c in part):
                    continue  # 'iOS', 'Awesome', '3D', emoji: left as written
                if part.strip("()[]\"'“”‘’,:;!?").lower() in SMALL_WORDS and (position or index):
                    continue
                parts[index] = part[:m.start()] + part[m.start()].upper() + part[m.start() + 1:]
                changed = True
            word = "-".join(parts)
        out.append(word)
    return " ".join(out) if changed else None
