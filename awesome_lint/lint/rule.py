"""The rule contract.

A rule is a small unit: an id, a one-line summary (its docstring's first line),
a default severity, a pydantic options model, and a pure ``check(document,
options)`` generator that yields :class:`~awesome_lint.lint.findings.Report`.
The engine, not the rule, stamps the path, rule id and severity.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from pydantic import BaseModel, ConfigDict

from awesome_lint.lint.environment import Need
from awesome_lint.lint.findings import Report, Severity


# defer_build: a model's validator is built when a config file first sets its options, not at import:
# most runs use the defaults of every rule (see default_options).


class NoOptions(BaseModel):
    """This rule has no options."""

    model_config = ConfigDict(extra="forbid", strict=True, defer_build=True)


class Options(BaseModel):
    """Base for rule options: unknown keys and values of the wrong type ("yes" for a boolean) are errors."""

    model_config = ConfigDict(extra="forbid", strict=True, defer_build=True)


def default_options(options: type[BaseModel]) -> BaseModel:
    """The options with every default: without validation when nothing would run on defaults (pydantic does
    not validate them), which leaves a deferred model unbuilt; a model with validators is built and run."""
    found = options.__pydantic_decorators__
    validated = (
        found.validators or found.field_validators or found.root_validators or found.model_validators
        or options.__pydantic_post_init__ is not None
        or options.model_config.get("validate_default")
        or any(f.validate_default for f in options.model_fields.values())
    )
    return options() if validated else options.model_construct()


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    options: type[BaseModel]
    check: Callable[..., Iterable[Report]]  # (document, options) or, with ``needs``, (document, options, environment)
    online: bool = False  # needs --links (network); skipped otherwise
    enabled: bool = True  # on by default
    preset: str | None = None  # only on when this preset is chosen
    fixable: bool = False
    # What the rule reads beyond the text; when not empty, check() takes the Environment as a third argument.
    needs: frozenset[Need] = frozenset()
    # Its unsafe fixes may delete an exact copy of an entry; the fixer refuses entry removals by any other rule.
    removes_entries: bool = False
    # Where its documentation page is (SARIF viewers link to it); the registry fills it in for built-in rules.
    docs_url: str | None = None

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
    needs: Iterable[Need] = (),
    removes_entries: bool = False,
    docs_url: str | None = None,
) -> Callable[[Callable], Rule]:
    """Declare a rule: ``@rule("table-shape", "error")`` over its check function."""

    def wrap(check: Callable) -> Rule:
        return Rule(
            rule_id, severity, options, check, online, enabled, preset, fixable, frozenset(needs),
            removes_entries, docs_url,
        )

    return wrap


