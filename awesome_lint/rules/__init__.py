"""The rule registry: built-in rules, listed explicitly, and plugins from entry points.

A rule is a small unit: an id, a one-line summary (its docstring's first line),
a default severity, a pydantic options model, and a pure ``check(document,
options)`` generator that yields :class:`~awesome_lint.model.Report`.
The engine, not the rule, stamps the path, rule id and severity.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cache
from typing import Callable, Iterable

from pydantic import BaseModel, ConfigDict

from ..model import Document, Report, Severity


class NoOptions(BaseModel):
    """This rule has no options."""

    model_config = ConfigDict(extra="forbid", strict=True)


class Options(BaseModel):
    """Base for rule options: unknown keys and values of the wrong type ("yes" for a boolean) are errors."""

    model_config = ConfigDict(extra="forbid", strict=True)


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    options: type[BaseModel]
    check: Callable[[Document, BaseModel], Iterable[Report]]
    online: bool = False  # needs --links (network); skipped otherwise
    enabled: bool = True  # on by default
    preset: str | None = None  # only on when this preset is chosen
    fixable: bool = False

    @property
    def summary(self) -> str:
        doc = (self.check.__doc__ or "").strip()
        return doc.splitlines()[0] if doc else ""


def rule(
    rule_id: str,
    severity: Severity,
    options: type[BaseModel] = NoOptions,
    *,
    online: bool = False,
    enabled: bool = True,
    preset: str | None = None,
    fixable: bool = False,
) -> Callable[[Callable], Rule]:
    """Declare a rule: ``@rule("table-shape", "error")`` over its check function."""

    def wrap(check: Callable) -> Rule:
        return Rule(rule_id, severity, options, check, online, enabled, preset, fixable)

    return wrap


# Module names of the built-in rules; each declares one rule with ``@rule``.
BUILTIN: tuple[str, ...] = (
    "table_shape",
    "invalid_directive",
    "dead_link",
    "redirect",
    "link_blocked",
    "link_not_checked",
    "archived_repo",
    "trailing_whitespace",
    "insecure_link",
    "entry_format",
    "venue_year",
    "venue_calendar",
    "year_mismatch",
    "duplicate_title",
    "duplicate_link",
    "toc",
    "broken_anchor",
    "missing_file",
    "malformed_url",
    "main_heading",
    "awesome_badge",
    "contributing_file",
    "no_license_section",
    "no_ci_badge",
    "balanced_punctuation",
    "description_repeats_name",
    "tech_spelling",
    "code_of_conduct",
    "sort_order",
    "github_repo_metadata",
)


class PluginError(RuntimeError):
    """A rule plugin could not be loaded; the message names it."""


@cache
def registry() -> dict[str, Rule]:
    """All rules by id: built-ins first, then plugins of the ``awesome_lint.rules`` group."""
    rules: dict[str, Rule] = {}
    for name in BUILTIN:
        module = importlib.import_module(f"{__name__}.{name}")
        for found in vars(module).values():
            if isinstance(found, Rule):
                rules[found.id] = found
    for found in _plugins():
        if found.id in rules:
            raise PluginError(f"rule plugin {found.id!r} clashes with a rule of the same id")
        rules[found.id] = found
    return rules


def _plugins() -> list[Rule]:
    from importlib.metadata import entry_points

    found: list[Rule] = []
    for point in entry_points(group="awesome_lint.rules"):
        try:
            loaded = point.load()
        except Exception as exc:  # any failure in third-party code is reported, named
            raise PluginError(f"rule plugin {point.name!r} ({point.value}) failed to load: {exc}") from None
        if not isinstance(loaded, Rule):
            raise PluginError(f"rule plugin {point.name!r} ({point.value}) is not an awesome_lint Rule")
        found.append(loaded)
    return found
