"""Configuration: ``.awesome-lint.toml`` or ``[tool.awesome-lint]`` in ``pyproject.toml``.

Found by searching upward from the linted file. Layout::

    preset = "awesome"          # optional: turn on a preset's rules
    select = ["table-shape"]    # optional: only these rules
    ignore = ["toc"]            # optional: never these rules

    [rules]
    table-shape = "warning"                      # "off", "info", "warning" or "error"
    entry-format = { severity = "error", title_period = "always" }

    [links]
    enabled = true
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from awesome_lint.lint.rule import Rule, default_options
from awesome_lint.lint.registry import registry

if TYPE_CHECKING:  # loaded with a config file's [links] table, or for --links
    from awesome_lint.links.config import LinksConfig

SEVERITIES = ("error", "warning", "info")
TOP_KEYS = ("preset", "select", "ignore", "rules", "links")
PRESETS = ("awesome",)


class ConfigError(ValueError):
    """A configuration problem; the message names the file, key and allowed values."""


@dataclass
class RuleSetting:
    severity: str  # one of SEVERITIES or "off"
    options: BaseModel


@dataclass
class Config:
    path: str | None = None
    preset: str | None = None
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    rules: dict[str, RuleSetting] = field(default_factory=dict)
    links: LinksConfig | None = None  # None means the defaults

    def setting(self, rule: Rule) -> RuleSetting:
        if rule.id in self.rules:
            return self.rules[rule.id]
        return RuleSetting(rule.severity, default_options(rule.options))

    def enabled(self, rule: Rule) -> bool:
        if self.select is not None and rule.id not in self.select:
            return False
        if rule.id in self.ignore:
            return False
        explicit = rule.id in self.rules
        if explicit:
            return self.rules[rule.id].severity != "off"
        if self.select is not None:
            return True
        if rule.preset is not None:
            return self.preset == rule.preset
        return rule.enabled


def find_config(start: Path) -> Path | None:
    """The nearest ``.awesome-lint.toml``, or ``pyproject.toml`` with our table, upward from ``start``."""
    directory = start if start.is_dir() else start.parent
    for folder in [directory, *directory.parents]:
        candidate = folder / ".awesome-lint.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                if "awesome-lint" in tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}):
                    return pyproject
            except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError):
                return pyproject  # let load_config report the problem with its line
    return None


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except IsADirectoryError:
        raise ConfigError(f"{path}: is a folder, not a config file") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not valid UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        if message.endswith("(at end of document)"):  # an unclosed array or table: name the last line
            lines = path.read_text(encoding="utf-8").rstrip("\n").count("\n") + 1
            message = message.replace("(at end of document)", f"(at the end of the file, line {lines})")
        raise ConfigError(f"{path}: invalid TOML: {message}") from None
    if path.name == "pyproject.toml":
        raw = raw.get("tool", {}).get("awesome-lint", {})
        where = "[tool.awesome-lint]"
    else:
        where = ""
    return parse_config(raw, str(path), where)


def parse_config(raw: dict[str, Any], path: str, where: str = "") -> Config:
    def fail(message: str) -> ConfigError:
        return ConfigError(f"{path}: {where + ' ' if where else ''}{message}")

    known = registry()
    for key in raw:
        if key not in TOP_KEYS:
            raise fail(f"unknown key {key!r} (allowed: {', '.join(TOP_KEYS)})")
    config = Config(path=path)
    preset = raw.get("preset")
    if preset is not None and preset not in PRESETS:
        raise fail(f"preset = {preset!r} is not a known preset (allowed: {', '.join(PRESETS)})")
    config.preset = preset
    for key in ("select", "ignore"):
        if key in raw:
            value = raw[key]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise fail(f"{key} must be a list of rule ids")
            if key == "select" and not value:  # checking nothing would pass every list
                raise fail("select = [] is empty: name at least one rule (see 'awesome-lint rules'), or remove the key")
            check_rule_ids(value, f"{key}", path)
    config.select = raw.get("select")
    config.ignore = raw.get("ignore", [])
    rules = raw.get("rules", {})
    if not isinstance(rules, dict):
        raise fail("[rules] must be a table")
    for rule_id, value in rules.items():
        if rule_id not in known:
            raise fail(f"[rules] unknown rule {rule_id!r}{_suggest(rule_id, known)}")
        config.rules[rule_id] = _rule_setting(known[rule_id], value, fail)
    links = raw.get("links", {})
    if not isinstance(links, dict):
        raise fail("[links] must be a table")
    from awesome_lint.links.config import LinksConfig

    try:
        config.links = LinksConfig(**links)
    except ValidationError as exc:
        error = exc.errors()[0]
        key = ".".join(str(p) for p in error["loc"])
        if error["type"] == "extra_forbidden":
            raise fail(f"[links] unknown key {key!r} (allowed: {', '.join(LinksConfig.model_fields)})") from None
        raise fail(f"links.{key}: {error['msg']} (got {error.get('input')!r})") from None
    return config


def _rule_setting(rule: Rule, value: Any, fail) -> RuleSetting:
    allowed = (*SEVERITIES, "off")
    if isinstance(value, str):
        if value not in allowed:
            raise fail(f"rules.{rule.id} = {value!r} is not one of {', '.join(allowed)}")
        return RuleSetting(value, default_options(rule.options))
    if not isinstance(value, dict):
        raise fail(f"rules.{rule.id} must be a severity ({', '.join(allowed)}) or a table")
    value = dict(value)
    severity = value.pop("severity", rule.severity)
    if severity not in allowed:
        raise fail(f"rules.{rule.id}.severity = {severity!r} is not one of {', '.join(allowed)}")
    try:
        options = rule.options(**value)
    except ValidationError as exc:
        error = exc.errors()[0]
        key = ".".join(str(p) for p in error["loc"])
        if error["type"] == "extra_forbidden":
            fields = ", ".join(["severity", *rule.options.model_fields]) or "severity"
            raise fail(f"rules.{rule.id}: unknown option {key!r} (allowed: {fields})") from None
        raise fail(f"rules.{rule.id}.{key}: {error['msg']} (got {error.get('input')!r})") from None
    return RuleSetting(severity, options)


def check_rule_ids(ids: list[str], where: str, path: str = "command line") -> None:
    known = registry()
    for rule_id in ids:
        if rule_id not in known:
            raise ConfigError(f"{path}: {where}: unknown rule {rule_id!r}{_suggest(rule_id, known)}")


def _suggest(name: str, known: dict) -> str:
    import difflib

    close = difflib.get_close_matches(name, list(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else " (see 'awesome-lint rules')"
