from __future__ import annotations

import json
from typing import Iterator, Literal

from pydantic import Field

from awesome_lint.tree.nodes import Document
from awesome_lint.markdown.edits import Edit, Fix
from awesome_lint.lint.findings import Report
from awesome_lint.tree.style import prose_end, PROPERTIES, Sample, majority, samples
from awesome_lint.lint.rule import Options, rule

_EMPHASIS = {"italic": "*", "bold": "**", "plain": ""}


class EntryFormatOptions(Options):
    majority: float = Field(0.75, ge=0.5, le=1.0, description="Share of entries that makes a format the list's own.")
    min_entries: int = Field(5, ge=1, description="Fewest entries (or links) a majority is read from.")
    title_period: Literal["auto", "always", "never", "off"] = Field("auto", description="Final '.' of paper titles.")
    venue_style: Literal["auto", "italic", "bold", "plain", "off"] = Field("auto", description="Emphasis of the venue-year part.")
    link_labels: Literal["auto", "double-brackets", "brackets", "off"] = Field("auto", description="[[paper]] or [paper] labels.")
    bullet: Literal["auto", "-", "*", "+", "off"] = Field("auto", description="Bullet character.")
    bullet_spacing: Literal["auto", "off"] | int = Field("auto", description="Spaces after the bullet.")
    separator: str = Field("auto", description="Text between name and description, e.g. ' - ' ('auto', 'off').")
    description: Literal["auto", "required", "off"] = Field("auto", description="Classic entries have a description.")
    description_capital: Literal["auto", "always", "off"] = Field("auto", description="Descriptions start in uppercase.")
    description_period: Literal["auto", "always", "never", "off"] = Field("auto", description="Final '.' of descriptions.")


@rule("entry-format", "warning", EntryFormatOptions, fixable=True)
def check(doc: Document, options: EntryFormatOptions) -> Iterator[Report]:
    """An entry departs from the format the rest of the list uses (punctuation, emphasis, labels, bullets)."""
    for prop in PROPERTIES:
        setting = getattr(options, prop.name)
        if setting == "off":
            continue
        for group in samples(doc, prop).values():
            if setting == "auto":
                top = majority((s.value for s in group), max(options.majority, prop.min_share), options.min_entries)
                if top is None:
                    continue
                expected, why = top.value, f", unlike {top.count} of {top.total} {prop.noun}"
            else:
                expected, why = setting, f" ({prop.name} = {json.dumps(setting)})"
            for sample in group:
                if sample.value != expected:
                    yield DEPARTURES[prop.name](doc, sample, expected, why)
    if options.title_period != "off":
        yield from _doubled_punctuation(doc)


def _title_end(doc: Document, entry) -> int | None:
    """The 1-based column just after the title as written on its line, if it is written plainly."""
    title = entry.title.rstrip()
    start = doc.lines[entry.title_line - 1].find(title, entry.title_column - 1)
    return start + len(title) + 1 if start >= 0 else None


def _title(doc: Document, sample: Sample, expected, why: str) -> Report:
    entry = sample.entry
    end = _title_end(doc, entry)
    at = doc.offset(entry.title_line, end) if end else None
    if expected == "always":
        fix = Fix(edits=[Edit(start=at, end=at, text=".")], description="add the final '.'") if end else None
        return Report(line=entry.title_line, column=end or entry.title_column, message=f"title has no final '.'{why}", fix=fix)
    fix = Fix(edits=[Edit(start=at - 1, end=at, text="")], safe=False, description="remove the final '.'") if end else None
    return Report(line=entry.title_line, column=end - 1 if end else entry.title_column, message=f"title ends with '.'{why}", fix=fix)


def _doubled_punctuation(doc: Document) -> Iterator[Report]:
    for entry in doc.entries:
        if entry.style != "classic" and entry.title.rstrip().endswith(("?.", "!.")):
            mark = entry.title.rstrip()[-2]
            end = _title_end(doc, entry)
            at = doc.offset(entry.title_line, end) if end else None
            fix = Fix(edits=[Edit(start=at - 1, end=at, text="")], description=f"write '{mark}'") if end else None
            yield Report(line=entry.title_line, column=end - 1 if end else entry.title_column, message=f"title ends with '{mark}.'; write '{mark}' alone", fix=fix)


def _venue(doc: Document, sample: Sample, expected, why: str) -> Report:
    venue = sample.entry.venue_year
    line = doc.lines[venue.line - 1]
    want = f"{_EMPHASIS[expected]}{venue.text}{_EMPHASIS[expected]}"
    fix = None
    for mark in {"italic": ("*", "_"), "bold": ("**", "__"), "plain": ("",)}[venue.style]:
        written = f"{mark}{venue.text}{mark}"
        if line.startswith(written, venue.column - 1):
            start = doc.offset(venue.line, venue.column)
            fix = Fix(edits=[Edit(start=start, end=start + len(written), text=want)], description=f"write {want}")
    shown = "not in italics" if expected == "italic" and venue.style == "plain" else f"in {venue.style}" if venue.style != "plain" else "emphasised"
    return Report(line=venue.line, column=venue.column, message=f"venue '{venue.text}' is {shown}{why}: write {want}", fix=fix)


def _label(doc: Document, sample: Sample, expected, why: str) -> Report:
    link = sample.link
    label = link.label.strip()
    inner = label[1:-1] if sample.value == "double-brackets" else label
    want = f"[{inner}]" if expected == "double-brackets" else inner
    start = doc.offset(link.line, link.column)
    end = start + len(link.raw)
    fix = None
    if doc.text[start - 1:start] == "[" and doc.text[end:end + 1] == "]":
        # [[code](url)]: the brackets are outside the link
        fixed = f"[[{inner}]]{link.raw[len(label) + 2:]}"
        fix = Fix(edits=[Edit(start=start - 1, end=end + 1, text=fixed)], description=f"write {fixed}")
        return Report(line=link.line, column=link.column - 1, message=f"link [{label}] is inside brackets{why}: write {fixed}", fix=fix)
    if doc.text.startswith(f"[{label}](", start):
        fix = Fix(edits=[Edit(start=start, end=start + len(label) + 2, text=f"[{want}]")], description=f"write [{want}]")
    return Report(line=link.line, column=link.column, message=f"link label [{label}]{why}: write [{want}]", fix=fix)


def _bullet(doc: Document, sample: Sample, expected, why: str) -> Report:
    entry = sample.entry
    start = doc.offset(entry.line, entry.column)
    fix = Fix(edits=[Edit(start=start, end=start + 1, text=expected)], description=f"use '{expected}'")
    return Report(line=entry.line, column=entry.column, message=f"bullet '{entry.bullet}'{why}: write '{expected}'", fix=fix)


def _spacing(doc: Document, sample: Sample, expected, why: str) -> Report:
    entry = sample.entry
    start = doc.offset(entry.line, entry.column + len(entry.bullet))
    # Changing the gap moves the item's content column: only safe on a one-line item.
    fix = Fix(edits=[Edit(start=start, end=start + sample.value, text=" " * expected)], description="respace") if entry.end_line == entry.line else None
    spaces = f"{sample.value} spaces" if sample.value != 1 else "1 space"
    return Report(line=entry.line, column=entry.column, severity="info", message=f"{spaces} after the bullet{why}, which use {expected}", fix=fix)


def _separator(doc: Document, sample: Sample, expected, why: str) -> Report:
    entry = sample.entry
    link = entry.links[0] if entry.links and entry.title_kind == "link" else None
    fix = None
    column = entry.description_column or entry.column
    if link is not None and link.raw and link.line == entry.line:
        end = doc.offset(link.line, link.column) + len(link.raw)
        column = link.column + len(link.raw)
        if doc.text.startswith(entry.separator, end):
            fix = Fix(edits=[Edit(start=end, end=end + len(entry.separator), text=expected)], description=f"write {expected!r}")
    return Report(line=entry.line, column=column, message=f"separator {entry.separator!r} before the description{why}: write {expected!r}", fix=fix)


def _description(doc: Document, sample: Sample, expected, why: str) -> Report:
    entry = sample.entry
    return Report(line=entry.line, column=entry.title_column, severity="info", message=f"'{entry.title}' has no description{why}")


def _capital(doc: Document, sample: Sample, expected, why: str) -> Report:
    entry = sample.entry
    start = doc.offset(entry.description_line, entry.description_column)
    first = entry.description[0]
    fix = Fix(edits=[Edit(start=start, end=start + 1, text=first.upper())], safe=False, description="capitalise") if doc.text[start] == first else None
    word = entry.description.split()[0]
    return Report(line=entry.description_line, column=entry.description_column, severity="info", message=f"description starts in lowercase ('{word}'){why}", fix=fix)


def _period(doc: Document, sample: Sample, expected, why: str) -> Report:
    entry = sample.entry
    line = doc.lines[entry.line - 1].rstrip()
    tagged = prose_end(line)  # tags after the description: its end is before them
    column = tagged[1] + 1 if tagged else len(line) + 1
    last = tagged[0] if tagged else line[-1]
    if expected == "always":
        at = doc.offset(entry.line, column)
        fix = Fix(edits=[Edit(start=at, end=at, text=".")], description="add the final '.'")
        return Report(line=entry.line, column=column, message=f"description has no final '.'{why}", fix=fix)
    return Report(line=entry.line, column=column - 1, message=f"description ends with '{last}'{why}")


DEPARTURES = {
    "title_period": _title,
    "venue_style": _venue,
    "link_labels": _label,
    "bullet": _bullet,
    "bullet_spacing": _spacing,
    "separator": _separator,
    "description": _description,
    "description_capital": _capital,
    "description_period": _period,
}
