"""The ``awesome-lint`` command: check, parse, rules, rule.

Exit codes: 0 no error-level finding, 1 error-level findings, 2 usage, config or input error.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class UserError(Exception):
    """A mistake of input or configuration: one line on stderr, exit 2."""


def _fail(message: str) -> None:
    click.echo(f"awesome-lint: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


def _split_ids(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [v.strip() for v in value.split(",") if v.strip()]


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="awesome-lint")
def main() -> None:
    """Lint curated awesome lists: entry format, venues and years, duplicates,
    tables, contents, anchors, files and (with --links) dead links.

    \b
    Examples:
      awesome-lint check README.md
      awesome-lint check --select venue-calendar,duplicate-link README.md
      awesome-lint check --format json README.md > findings.json
      awesome-lint rules
      awesome-lint rule table-shape
    """


# --------------------------------------------------------------------------- check


def read_input(path: str) -> tuple[str, bool, str]:
    """(text, had BOM, path to show) of a file or '-' for stdin; UserError when it cannot be linted."""
    from .document import InputError, decode

    if path == "-":
        data = sys.stdin.buffer.read()
        shown = "<stdin>"
    else:
        p = Path(path)
        if p.is_dir():
            hint = p / "README.md"
            raise UserError(f"{path}: is a folder, not a Markdown file" + (f" (did you mean {hint}?)" if hint.is_file() else ""))
        try:
            data = p.read_bytes()
        except FileNotFoundError:
            raise UserError(f"{path}: no such file") from None
        except PermissionError:
            raise UserError(f"{path}: permission denied") from None
        except OSError as exc:
            raise UserError(f"{path}: cannot read ({exc.strerror})") from None
        shown = path
    if not data.strip():
        raise UserError(f"{shown}: the file is empty")
    try:
        text, bom = decode(data, shown)
    except InputError as exc:
        raise UserError(str(exc)) from None
    return text, bom, shown


def load_settings(path: str, config_path: str | None, select: list[str] | None, ignore: list[str] | None, cache: dict):
    """The config for one file: --config, else the nearest config file; CLI lists override it."""
    from .config import ConfigError, check_rule_ids, find_config, load_config

    try:
        found = Path(config_path) if config_path else find_config(Path.cwd() if path == "-" else Path(path).resolve())
        key = str(found)
        if key not in cache:
            cache[key] = load_config(found)
        config = cache[key]
        if select is not None:
            check_rule_ids(select, "--select")
        if ignore:
            check_rule_ids(ignore, "--ignore")
    except ConfigError as exc:
        raise UserError(str(exc)) from None
    if select is None and not ignore:
        return config
    import copy

    config = copy.copy(config)
    if select is not None:
        config.select = select
    if ignore:
        config.ignore = [*config.ignore, *ignore]
    return config


def _default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=True, allow_dash=True))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default=None, help="Output format (default: text).")
@click.option("--select", metavar="RULE,...", help="Check only these rules.")
@click.option("--ignore", metavar="RULE,...", help="Do not check these rules.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file (default: nearest .awesome-lint.toml or pyproject.toml).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are errors.")
def check(paths, output_format, select, ignore, config_path, exit_zero):
    """Check lists for problems (default: README.md; '-' reads stdin).

    \b
    Examples:
      awesome-lint check                      # ./README.md
      awesome-lint check docs/papers.md --ignore toc
      cat README.md | awesome-lint check -
    """
    from .document import parse
    from .engine import LintContext, lint
    from .report import RenderContext, renderer
    from .rules import PluginError

    paths = paths or ("README.md",)
    output_format = output_format or _default_format()
    if output_format not in ("text", "json"):
        output_format = "text"
    findings = []
    cache: dict = {}
    try:
        for path in paths:
            text, bom, shown = read_input(path)
            config = load_settings(path, config_path, _split_ids(select), _split_ids(ignore), cache)
            doc = parse(text, shown, bom)
            base = Path.cwd() if path == "-" else Path(path).resolve().parent
            context = LintContext(base_dir=str(base), exists=lambda rel, base=base: (base / rel).exists())
            findings.extend(lint(doc, config, context))
    except UserError as exc:
        _fail(str(exc))
    except PluginError as exc:
        _fail(str(exc))
    color = output_format == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    out = renderer(output_format)(findings, RenderContext(files=list(paths), color=color))
    click.echo(out, nl=False)
    if exit_zero:
        sys.exit(EXIT_OK)
    sys.exit(EXIT_FINDINGS if any(f.severity == "error" for f in findings) else EXIT_OK)


# --------------------------------------------------------------------------- parse


@main.command("parse")
@click.argument("path", type=click.Path(allow_dash=True))
@click.option("--format", "output_format", type=click.Choice(["json", "text"]), default="json", show_default=True)
def parse_command(path, output_format):
    """Print the tree awesome-lint reads from a list: sections, entries, tables, links."""
    from .document import parse

    try:
        text, bom, shown = read_input(path)
    except UserError as exc:
        _fail(str(exc))
    doc = parse(text, shown, bom)
    if output_format == "json":
        click.echo(doc.model_dump_json(indent=2))
        return
    for section in doc.walk_sections()[1:]:
        click.echo(f"{section.line:>5} {'#' * section.level} {section.title}  (#{section.anchor})")
        for entry in section.entries:
            venue = f" [{entry.venue_year.text}]" if entry.venue_year else ""
            click.echo(f"{entry.line:>5}   - {entry.title}{venue} ({len(entry.links)} links)")
        for table in section.tables:
            click.echo(f"{table.line:>5}   table: {len(table.header)} columns, {len(table.rows)} rows")


# --------------------------------------------------------------------------- rules


@main.command("rules")
def rules_command():
    """List every rule: id, default severity, and what it reports."""
    from .rules import PluginError, registry

    try:
        rules = registry()
    except PluginError as exc:
        _fail(str(exc))
    width = max(len(r) for r in rules)
    for rule in rules.values():
        notes = []
        if rule.online:
            notes.append("--links")
        if rule.preset:
            notes.append(f"preset {rule.preset}")
        elif not rule.enabled:
            notes.append("off by default")
        if rule.fixable:
            notes.append("fixable")
        note = f" ({', '.join(notes)})" if notes else ""
        click.echo(f"{rule.id:<{width}}  {rule.severity:<7}  {rule.summary}{note}")


def rule_doc(rule_id: str) -> str | None:
    """The rule's documentation page, from the package or the source checkout."""
    from importlib.resources import files

    packaged = files("awesome_lint") / "docs" / f"{rule_id}.md"
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    source = Path(__file__).resolve().parent.parent / "rules" / f"{rule_id}.md"
    return source.read_text(encoding="utf-8") if source.is_file() else None


@main.command("rule")
@click.argument("rule_id")
def rule_command(rule_id):
    """Show a rule's documentation: what it reports, why, examples and options."""
    from .config import ConfigError, check_rule_ids
    from .rules import registry

    try:
        check_rule_ids([rule_id], "rule")
    except ConfigError as exc:
        _fail(str(exc).replace("command line: rule: ", ""))
    rule = registry()[rule_id]
    page = rule_doc(rule_id)
    if page is None:
        page = f"# {rule.id}\n\n{rule.summary}\n"
    click.echo(page.rstrip("\n"))
    click.echo(f"\nDefault severity: {rule.severity}")


if __name__ == "__main__":  # pragma: no cover
    main()
