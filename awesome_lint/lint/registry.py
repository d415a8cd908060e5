"""The rule registry: built-in rules, listed explicitly, and plugins from entry points.

Built-ins are loaded by module name from :mod:`awesome_lint.rules`, as plugins are by entry point,
so the engine below them never imports a rule statically.
"""

from __future__ import annotations

import dataclasses
import importlib
from functools import cache

from awesome_lint.lint.rule import Rule

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
    "link_venue_year",
    "duplicate_title",
    "duplicate_link",
    "toc",
    "broken_anchor",
    "duplicate_anchor",
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


HOME = "https://github.com/awesome-lint/awesome-lint"


def builtin_page(rule_id: str) -> str:
    """The documentation page of a built-in rule: rules/<rule-id>.md in the project's repository."""
    return f"{HOME}/blob/main/rules/{rule_id}.md"


class PluginError(RuntimeError):
    """A rule plugin could not be loaded; the message names it."""


@cache
def registry() -> dict[str, Rule]:
    """All rules by id: built-ins first, then plugins of the ``awesome_lint.rules`` group."""
    rules: dict[str, Rule] = {}
    for name in BUILTIN:
        module = importlib.import_module(f"awesome_lint.rules.{name}")
        for found in vars(module).values():
            if isinstance(found, Rule):
                if not found.docs_url:
                    found = dataclasses.replace(found, docs_url=builtin_page(found.id))
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
