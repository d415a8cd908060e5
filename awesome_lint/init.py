"""``awesome-lint init``: read a list, infer its style, write a commented config.

What is inferred, from the list as it is today:

- paper list or classic list (the majority of entries); a classic list gets
  ``preset = "awesome"``, the rules of sindresorhus/awesome's guidelines;
- the entry format (``style.list_format``): title and description punctuation,
  link labels, venue emphasis, bullet, separator;
- the contents heading, added to ``toc``'s ignore list when it is not there yet;
- a sort order (alphabetical, or by year either way), when every section keeps it.

Every setting is verified before it is written: linted with it, the list must
not get more findings from that rule than with the defaults. A preset rule that
reports problems today is written as ``"off"``, with the count, so that CI
passes from the first run and the to-do list is in the file. The result: under
the written config ``check`` reports no more than it did without one.

``propose`` is pure (a document in, the config text out); ``write_config`` is
the edge that touches files.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from awesome_lint import __version__
from awesome_lint.lint.config import Config, RuleSetting, parse_config
from awesome_lint.lint.engine import LintContext, lint
from awesome_lint.tree.nodes import Document
from awesome_lint.lint.rule import Rule
from awesome_lint.lint.registry import registry
from awesome_lint.tree.ordering import in_order, sibling_runs, sort_key
from awesome_lint.tree.style import list_format
from awesome_lint.knowledge.titles import title_matches

# entry-format options init may write: option -> the values a config can hold.
FORMAT_OPTIONS = {
    "title_period": ("always", "never"),
    "venue_style": ("italic", "bold", "plain"),
    "link_labels": ("double-brackets", "brackets"),
    "bullet": ("-", "*", "+"),
    "separator": None,  # any text
    "description_period": ("always", "never"),
}
SORT_ORDERS = (("alphabetical", "ascending"), ("year", "descending"), ("year", "ascending"))
MIN_SORTED = 10  # fewest entries compared before a list is said to be sorted


@dataclass
class Proposal:
    """What init would write: the config as TOML lines (without a table header) and why."""

    kind: str  # "paper" or "classic"
    entries: int
    classic: int
    preset: bool
    rules: dict[str, Any] = field(default_factory=dict)  # rule id -> severity or options table
    notes: dict[str, str] = field(default_factory=dict)  # rule id -> the comment above its line
    off: dict[str, int] = field(default_factory=dict)  # preset rules off today -> their findings
    hints: list[str] = field(default_factory=list)  # commented suggestions


def propose(doc: Document, context: LintContext | None = None) -> Proposal:
    """Infer the list's style and choose settings that add no finding to today's check."""
    context = context or LintContext()
    entries = doc.entries
    classic = sum(1 for e in entries if e.style == "classic")
    kind = "classic" if entries and classic * 2 > len(entries) else "paper"
    proposal = Proposal(kind, len(entries), classic, preset=kind == "classic")
    known = registry()
    _entry_format(doc, context, proposal, known)
    _contents(doc, context, proposal, known)
    _sort_order(doc, context, proposal, known)
    if proposal.preset:
        base = Config(preset="awesome")
        for rule in known.values():
            if rule.preset == "awesome" and not rule.online:
                count = _count(doc, context, rule, base)
                if count:
                    proposal.off[rule.id] = count
    return proposal


def _count(doc: Document, context: LintContext, rule: Rule, config: Config) -> int:
    return len(lint(doc, config, context, rules=[rule]))


def _keeps_quiet(doc: Document, context: LintContext, rule: Rule, options: dict) -> bool:
    """With these options the rule reports no more than with its defaults."""
    config = Config(rules={rule.id: RuleSetting(rule.severity, rule.options(**options))})
    return _count(doc, context, rule, config) <= _count(doc, context, rule, Config())


def _entry_format(doc: Document, context: LintContext, proposal: Proposal, known: dict[str, Rule]) -> None:
    rule = known.get("entry-format")
    if rule is None:
        return
    chosen: dict[str, Any] = {}
    for name, groups in list_format(doc).items():
        allowed = FORMAT_OPTIONS.get(name, ())
        values = {majority.value for majority in groups.values()}
        if len(values) != 1 or allowed == ():
            continue  # no option, or the list does one thing here and another there
        value = values.pop()
        if (allowed is None and isinstance(value, str)) or (allowed and value in allowed):
            if _keeps_quiet(doc, context, rule, {name: value}):
                chosen[name] = value
    if chosen and _keeps_quiet(doc, context, rule, chosen):
        proposal.rules[rule.id] = chosen
        proposal.notes[rule.id] = "The list's own entry format, read from the majority of its entries;\n# entry-format reports the entries that depart from it."


def _contents(doc: Document, context: LintContext, proposal: Proposal, known: dict[str, Rule]) -> None:
    rule = known.get("toc")
    if rule is None or doc.toc is None or doc.toc.heading_line is None:
        return
    heading = next((s for s in doc.sections if s.line == doc.toc.heading_line), None)
    between = [n for n in range(doc.toc.heading_line + 1, doc.toc.line) if doc.lines[n - 1].strip()]
    if heading is None or len(between) > 2:
        return  # the contents list is not right under that heading: it is not its heading
    ignore = list(rule.options().model_dump().get("ignore", []))
    if title_matches(heading.title, ignore):
        return  # the toc rule already leaves this heading out (it compares the same way)
    options = {"ignore": [*ignore, heading.title]}
    if _keeps_quiet(doc, context, rule, options):
        proposal.rules[rule.id] = options
        proposal.notes[rule.id] = f"The table of contents is under '{heading.title}' (line {heading.line}); it needs no item of its own."


def _sort_order(doc: Document, context: LintContext, proposal: Proposal, known: dict[str, Rule]) -> None:
    rule = known.get("sort-order")
    if rule is None:
        return
    best: tuple[int, int, str, str] | None = None
    for order, direction in SORT_ORDERS:
        compared = moved = 0
        for run in sibling_runs(doc):
            keys = [key for e in run if (key := sort_key(e, order)) is not None]
            if len(keys) > 1:
                compared += len(keys)
                moved += len(keys) - len(in_order(keys, direction))
        if compared >= MIN_SORTED and moved * 20 <= compared and (best is None or (moved, -compared) < (best[0], -best[1])):
            best = (moved, compared, order, direction)
    if best is None:
        return
    moved, compared, order, direction = best
    table = {"order": order, "direction": direction}
    what = "alphabetical order" if order == "alphabetical" else f"year order, {'newest' if direction == 'descending' else 'oldest'} first"
    if moved == 0:
        proposal.rules[rule.id] = table
        proposal.notes[rule.id] = f"Entries are in {what} in every section ({compared} compared); keep it so."
    else:
        proposal.hints.append(
            f"Entries are in {what}, but for {moved} of {compared}. To keep it so, uncomment the line below\n"
            f"# and run `awesome-lint check --select sort-order --fix` (or move the {moved} entries by hand).\n# sort-order = {_toml(table)}"
        )


# --------------------------------------------------------------------------- rendering


def render(proposal: Proposal, source: str, table: str = "") -> str:
    """The config as commented TOML; ``table`` is the prefix for pyproject.toml ('tool.awesome-lint')."""
    head = f"[{table}]\n" if table else ""
    rules_header = f"[{table}.rules]" if table else "[rules]"
    lines = [
        f"# awesome-lint configuration, written by `awesome-lint init` from {source}.",
        "# Each setting was read from the list as it is today; change any of them.",
        "# Every rule: `awesome-lint rules`. One rule, its options and examples: `awesome-lint rule ID`.",
        "",
    ]
    if head:
        lines.append(head.rstrip())
    shares = f"{proposal.classic} of {proposal.entries} entries"
    if proposal.preset:
        lines += [
            f"# A classic list ({shares} are `- [Name](url) - Description.`): the awesome preset",
            "# adds the rules of sindresorhus/awesome's guidelines (badge, title, contributing file, ...).",
            'preset = "awesome"',
        ]
    else:
        lines += [
            f"# A paper list ({proposal.entries - proposal.classic} of {proposal.entries} entries are papers). The awesome preset holds",
            "# classic lists to sindresorhus/awesome's guidelines; turn it on if this list follows them:",
            '# preset = "awesome"',
        ]
    lines += ["", rules_header]
    for rule_id, value in proposal.rules.items():
        lines += [f"# {proposal.notes[rule_id]}", f"{rule_id} = {_toml(value)}", ""]
    for hint in proposal.hints:
        lines += [f"# {hint}", ""]
    if proposal.off:
        lines += [
            "# Preset rules that report problems in the list today: off, so that CI passes from the",
            "# first run. Delete a line to see its findings (awesome-lint check), fix them, keep it on.",
        ]
        width = max(len(r) for r in proposal.off)
        for rule_id, count in proposal.off.items():
            lines.append(f'{rule_id:<{width}} = "off"  # {count} finding{"s" if count != 1 else ""} today')
        lines.append("")
    if lines[-1] == rules_header:
        lines += ["# Nothing to set: the defaults fit this list.", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {value!r} as TOML")


# --------------------------------------------------------------------------- the edge: files


class InitError(Exception):
    """init cannot go on; the message says why, for one line on stderr."""


@dataclass
class Written:
    path: Path
    wrote: bool  # False: a config was already there and nothing changed
    text: str


OWN_TABLE = re.compile(r"^[ \t]*\[[ \t]*tool[ \t]*\.[ \t]*(?:awesome-lint|\"awesome-lint\")[ \t]*[\].]", re.M)


def write_config(folder: Path, proposal: Proposal, source: str, force: bool = False) -> Written:
    """Write .awesome-lint.toml, or append [tool.awesome-lint] to an existing pyproject.toml.

    An existing config is kept unless ``force``; the rest of pyproject.toml is kept byte for byte."""
    own = folder / ".awesome-lint.toml"
    pyproject = folder / "pyproject.toml"
    if own.is_file() or not pyproject.is_file():
        text = render(proposal, source)
        if own.is_file() and not force:
            return Written(own, False, _read(own))
        return _replace(own, _read(own) if own.is_file() else None, text)
    old = _read(pyproject)
    table = "\n" + render(proposal, source, "tool.awesome-lint")
    found = OWN_TABLE.search(old)
    if found and not force:
        return Written(pyproject, False, old)
    if found:
        start, end = _own_span(old, found.start())
        return _replace(pyproject, old, old[:start] + table.lstrip("\n") + old[end:])
    glue = "" if old.endswith("\n") or not old else "\n"
    return _replace(pyproject, old, old + glue + table)


def _read(path: Path) -> str:
    """The file's text as it is: no newline translation, so CRLF stays CRLF."""
    try:
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InitError(f"{path}: cannot read ({exc})") from None


def _own_span(text: str, start: int) -> tuple[int, int]:
    """From our first table header to the next header that is not ours (or the end)."""
    for m in re.finditer(r"^[ \t]*\[\[?[ \t]*([^\]]+?)[ \t]*\]", text[start:], re.M):
        name = m.group(1).replace('"', "")
        if not (name == "tool.awesome-lint" or name.startswith("tool.awesome-lint.")):
            return start, start + m.start()
    return start, len(text)


def _replace(path: Path, old: str | None, new: str) -> Written:
    if old == new:
        return Written(path, False, new)
    try:
        validate(new, path)  # never write a config that check would refuse
    except (ValueError, KeyError) as exc:  # TOMLDecodeError and ConfigError are ValueErrors
        raise InitError(f"{path}: the config would not load, nothing written: {exc}") from None
    try:
        path.write_text(new, encoding="utf-8", newline="")
    except OSError as exc:
        raise InitError(f"{path}: cannot write ({exc.strerror})") from None
    return Written(path, True, new)


def validate(text: str, path: Path) -> None:
    """The written config must load: parse it as check would."""
    import tomllib

    raw = tomllib.loads(text)
    if path.name == "pyproject.toml":
        raw = raw["tool"]["awesome-lint"]
    parse_config(raw, str(path))


def snippets(list_name: str) -> str:
    """The pre-commit hook and the GitHub workflow to copy."""
    files = re.escape(list_name)
    return f"""\
pre-commit: add to .pre-commit-config.yaml

  repos:
    - repo: https://github.com/awesome-lint/awesome-lint
      rev: v{__version__}
      hooks:
        - id: awesome-lint
          files: ^{files}$

GitHub Actions: save as .github/workflows/awesome-lint.yml

  name: awesome-lint
  on: [pull_request, push]
  permissions:
    contents: read
  jobs:
    lint:
      runs-on: ubuntu-latest
      steps:
        - uses: actions/checkout@v4
        - uses: awesome-lint/awesome-lint@v{__version__}
          with:
            files: {list_name}
"""
