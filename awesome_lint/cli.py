"""The ``awesome-lint`` command: check, parse, rules, rule.

Exit codes: 0 no finding at the --fail-on level (default: error) or above, 1 such findings,
2 usage, config or input error.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NoReturn

import click

from awesome_lint import __version__
from awesome_lint.report import FORMATS

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2




def _fail(message: str) -> NoReturn:
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










def _default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=True, allow_dash=True))
@click.option("--format", "output_format", type=click.Choice(list(FORMATS)), default=None, help="Output format (default: text; github when GITHUB_ACTIONS=true).")
@click.option("--select", metavar="RULE,...", help="Check only these rules.")
@click.option("--ignore", metavar="RULE,...", help="Do not check these rules.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file (default: nearest .awesome-lint.toml or pyproject.toml).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error", show_default=True, help="Exit 1 when a finding has this severity or a higher one.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--fix", is_flag=True, help="Apply safe fixes and write the files ('-': print the fixed text); report what remains.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff: also apply unsafe fixes (suggested years, product-name spelling, capitals).")
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff of what --fix would change and write nothing; exit 1 when there is something to fix.")
@click.option("--diff-base", metavar="REF", help="Report only lines added or changed since git revision REF (uncommitted changes count).")
@click.option("--counts-file", type=click.Path(dir_okay=False), help="Append errors=N, warnings=N, notices=N to this file (e.g. $GITHUB_OUTPUT).")
@click.option("--links/--no-links", "online", default=None, help="Check links online (dead, redirected, blocked, archived); default from [links] enabled.")
@click.option("--allow-private", is_flag=True, envvar="AWESOME_LINT_ALLOW_PRIVATE", help="With --links: also request loopback and private addresses (not settable in a config file). [env: AWESOME_LINT_ALLOW_PRIVATE]")
def check(paths, output_format, select, ignore, config_path, fail_on, exit_zero, fix, unsafe_fixes, show_diff, diff_base, counts_file, online, allow_private):
    """Check lists for problems (default: README.md; '-' reads stdin).

    \b
    Examples:
      awesome-lint check                      # ./README.md
      awesome-lint check docs/papers.md --ignore toc
      cat README.md | awesome-lint check -
      awesome-lint check --diff README.md     # what --fix would change
      awesome-lint check --diff-base origin/main --format github
      awesome-lint check --fail-on warning    # warnings fail the run too
    """
    from awesome_lint.session import CheckRequest, UserError, run_check

    if diff_base is not None and (fix or show_diff):
        _fail("--diff-base cannot be combined with --fix or --diff: fixes apply to the whole file")
    if unsafe_fixes and not (fix or show_diff):
        _fail("--unsafe-fixes only works with --fix or --diff")
    request = CheckRequest(
        paths=list(paths or ("README.md",)),
        output_format=output_format or _default_format(),
        select=_split_ids(select),
        ignore=_split_ids(ignore),
        config_path=config_path,
        fix=fix,
        unsafe_fixes=unsafe_fixes,
        show_diff=show_diff,
        diff_base=diff_base,
        counts_file=counts_file,
        online=online,
        allow_private=allow_private,
    )
    try:
        outcome = run_check(request)
    except UserError as exc:
        _fail(str(exc))
    if show_diff:
        _report_diff(outcome.diffs, outcome.fixed, outcome.refusals, exit_zero)
    if outcome.fixed_stdin is not None:
        sys.stdout.buffer.write(outcome.fixed_stdin)
        sys.stdout.flush()
    click.echo(outcome.output, nl=False, err=outcome.fixed_stdin is not None)
    if exit_zero:
        sys.exit(EXIT_OK)
    from awesome_lint.lint.findings import SEVERITY_RANK

    failing = SEVERITY_RANK[fail_on]
    sys.exit(EXIT_FINDINGS if any(SEVERITY_RANK[f.severity] <= failing for f in outcome.findings) else EXIT_OK)
















def _report_diff(diffs: list[str], fixed: int, refusals: list, exit_zero: bool) -> None:
    """--diff: the diff on stdout, a count on stderr; exit 1 when something would change."""
    from awesome_lint.report.text import finding_line

    changed = sum(1 for d in diffs if d)
    click.echo("".join(diffs), nl=False)
    for finding in refusals:
        click.echo(finding_line(finding), err=True)
    if changed:
        click.echo(f"Would fix {fixed} {'finding' if fixed == 1 else 'findings'} in {changed} {'file' if changed == 1 else 'files'}.", err=True)
    else:
        click.echo("Nothing to fix.", err=True)
    sys.exit(EXIT_FINDINGS if (changed or refusals) and not exit_zero else EXIT_OK)


# --------------------------------------------------------------------------- init


@main.command("init")
@click.argument("path", required=False, default="README.md", type=click.Path())
@click.option("--force", is_flag=True, help="Write the config even if one exists (it is replaced).")
def init_command(path, force):
    """Write a config for a list, inferred from the list itself, and print the
    pre-commit hook and GitHub workflow to copy (PATH: the list or its folder).

    \b
    Writes .awesome-lint.toml next to the list, or appends [tool.awesome-lint] to
    an existing pyproject.toml (the rest of it is kept as it is). Under the new
    config, check reports no more than it does today. An existing config is kept.
    """
    from awesome_lint.tree.builder import parse
    from awesome_lint.init import InitError, propose, snippets, write_config
    from awesome_lint.session import UserError, folder_context, read_input

    target = Path(path)
    if target.is_dir():
        target = target / "README.md"
    try:
        text, bom, shown = read_input(str(target))
        doc = parse(text, shown, bom)
        folder = target.resolve().parent
        proposal = propose(doc, folder_context(folder))
        written = write_config(folder, proposal, target.name, force)
    except (UserError, InitError) as exc:
        _fail(str(exc))
    shown_config = os.path.relpath(written.path)
    if written.wrote:
        click.echo(f"wrote {shown_config}: a {proposal.kind} list; see the comments in it")
    else:
        click.echo(f"{shown_config} already configures awesome-lint; nothing written (--force writes it again)")
    click.echo("")
    click.echo(snippets(target.name), nl=False)


# --------------------------------------------------------------------------- parse


@main.command("parse")
@click.argument("path", type=click.Path(allow_dash=True))
@click.option("--format", "output_format", type=click.Choice(["json", "text"]), default="json", show_default=True)
def parse_command(path, output_format):
    """Print the tree awesome-lint reads from a list: sections, entries, tables, links."""
    from awesome_lint.session import UserError, read_input
    from awesome_lint.tree.builder import parse

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
    from awesome_lint.lint.registry import PluginError, registry

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
    from awesome_lint.lint.config import ConfigError, check_rule_ids
    from awesome_lint.lint.registry import registry

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
