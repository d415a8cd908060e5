"""Helpers the tests share: lint a text with chosen rules, read fixture expectations."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from awesome_lint.lint.config import Config, parse_config
from awesome_lint.tree.builder import parse
from awesome_lint.lint.engine import LintContext, lint
from awesome_lint.lint.findings import Finding

EXPECT = re.compile(r"[ \t]*<!-- expect: ([a-z0-9 -]+?) -->")


def lint_text(text: str, rules: list[str] | None = None, config: dict | None = None, base_dir: Path | None = None, path: str = "README.md", repository: dict | None = None, links: dict | None = None) -> list[Finding]:
    """Findings for ``text`` with only ``rules`` active (all default rules when None).

    ``repository``: the list's GitHub repository as the API returns it; online rules run when given.
    ``links``: url -> LinkStatus from the link checker; the link rules run when given."""
    raw = dict(config or {})
    if rules is not None:
        raw["select"] = rules
    cfg = parse_config(raw, "test-config") if raw else Config()
    doc = parse(text, path)
    context = LintContext(base_dir=str(base_dir) if base_dir else None, exists=(lambda rel: (base_dir / rel).exists()) if base_dir else (lambda rel: False))
    if base_dir:
        context.read = lambda rel: (base_dir / rel).read_bytes() if (base_dir / rel).is_file() else None
    if repository is not None:
        context.repository, context.links = repository, {}
    if links is not None:
        context.links = links
    return lint(doc, cfg, context)


def strip_expectations(text: str) -> tuple[str, set[tuple[int, str]]]:
    """Remove ``<!-- expect: rule -->`` markers; return the text and the expected (line, rule) pairs."""
    expected: set[tuple[int, str]] = set()
    out = []
    for number, line in enumerate(text.split("\n"), start=1):
        for m in EXPECT.finditer(line):
            expected.update((number, rule) for rule in m.group(1).split())
        out.append(EXPECT.sub("", line))
    return "\n".join(out), expected


def fixture_config(path: Path) -> dict:
    side = path.with_suffix(".toml")
    return tomllib.loads(side.read_text(encoding="utf-8")) if side.is_file() else {}
