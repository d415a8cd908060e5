"""The ``awesome-lint`` command: check, parse, rules, rule.

Exit codes: 0 no finding at the --fail-on level (default: error) or above, 1 such findings,
2 usage, config or input error.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import __version__
from .report import FORMATS

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
EMPTY_SELECT = "--select is empty: name at least one rule (see 'awesome-lint rules')"


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
            if not select:  # '--select ""' from an unset CI variable must not pass by checking nothing
                raise UserError(EMPTY_SELECT)
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


def folder_context(base: Path | None):
    """What rules may see beside a list in ``base``: which files exist, and their bytes; nothing when None (stdin)."""
    from .engine import LintContext

    if base is None:
        return LintContext()
    return LintContext(base_dir=str(base), exists=lambda rel: (base / rel).exists(), read=lambda rel: _read_beside(base, rel))


def _read_beside(base: Path, relative: str) -> bytes | None:
    """The bytes of a file next to the linted list (contributing guide, code of conduct), or None."""
    try:
        return (base / relative).read_bytes()
    except OSError:
        return None


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
    from .document import parse
    from .engine import lint
    from .report import RenderContext, renderer
    from .rules import PluginError

    paths = unique_paths(paths or ("README.md",))
    output_format = output_format or _default_format()
    if diff_base is not None and (fix or show_diff):
        _fail("--diff-base cannot be combined with --fix or --diff: fixes apply to the whole file")
    if unsafe_fixes and not (fix or show_diff):
        _fail("--unsafe-fixes only works with --fix or --diff")
    findings = []
    cache: dict = {}
    fixed, diffs, fixed_stdin = 0, [], None
    try:
        for path in paths:
            text, bom, shown = read_input(path)
            config = load_settings(path, config_path, _split_ids(select), _split_ids(ignore), cache)
            # Text from stdin has no folder: the rules that read files beside the list skip it.
            folder = None if path == "-" else Path(path).resolve().parent
            context = folder_context(folder)
            changed = _changed_lines(path, diff_base, text) if diff_base else None
            doc = None
            if _links_enabled(config, online):  # with --fix too: redirect fixes need the results
                doc = parse(text, shown, bom)
                context.links = check_document(doc, config, allow_private, changed)
                context.repository = list_repository(folder or Path.cwd(), config)
            if not (fix or show_diff):
                file_findings = lint(doc if doc is not None else parse(text, shown, bom), config, context)
                if diff_base is not None:
                    from .diff import keep_changed

                    file_findings = keep_changed(file_findings, changed)
                findings.extend(file_findings)
                continue
            from .fix import fix_text, unified_diff

            outcome = fix_text(text, shown, config, context, unsafe=unsafe_fixes, bom=bom, doc=doc)
            findings.extend(outcome.findings)
            fixed += outcome.fixed
            if show_diff:
                diffs.append(unified_diff(text, outcome.text, shown))
            elif path == "-":
                fixed_stdin = (b"\xef\xbb\xbf" if bom else b"") + outcome.text.encode("utf-8")
            elif outcome.text != text:
                write_atomically(Path(path), outcome.text, bom)
    except UserError as exc:
        _fail(str(exc))
    except PluginError as exc:
        _fail(str(exc))
    if show_diff:
        from .fix import GUARD_RULE

        _report_diff(diffs, fixed, [f for f in findings if f.rule == GUARD_RULE], exit_zero)
    if fixed_stdin is not None:
        sys.stdout.buffer.write(fixed_stdin)
        sys.stdout.flush()
    # With the fixed text on stdout, the findings go to stderr.
    to_stderr = fixed_stdin is not None
    color = output_format == "text" and (sys.stderr if to_stderr else sys.stdout).isatty() and "NO_COLOR" not in os.environ
    extra = {"diff_base": diff_base, "step_summary": output_format == "github" and bool(os.environ.get("GITHUB_STEP_SUMMARY"))}
    render_context = RenderContext(files=paths, color=color, fixed=fixed, extra=extra)
    out = renderer(output_format)(findings, render_context)
    click.echo(out, nl=False, err=to_stderr)
    _write_actions_files(findings, render_context, counts_file)
    if exit_zero:
        sys.exit(EXIT_OK)
    from .model import SEVERITY_RANK

    failing = SEVERITY_RANK[fail_on]
    sys.exit(EXIT_FINDINGS if any(SEVERITY_RANK[f.severity] <= failing for f in findings) else EXIT_OK)


def unique_paths(paths: tuple[str, ...]) -> list[str]:
    """The paths in order, each file once: ``check a.md ./a.md`` lints (and counts) one file."""
    seen: set[str] = set()
    out = []
    for path in paths:
        key = path if path == "-" else str(Path(path).resolve())
        if key not in seen:
            seen.add(key)
            out.append(path)
    return out


def _links_enabled(config, online: bool | None) -> bool:
    return online if online is not None else bool(config.links and config.links.enabled)


def list_repository(folder: Path, config) -> dict | None:
    """--links with GITHUB_TOKEN: GitHub's data on the list's own repository, for github-repo-metadata."""
    from .rules import registry

    rule = registry().get("github-repo-metadata")
    if rule is None or not config.enabled(rule):
        return None
    from .links.github import find_token

    token = find_token()
    if not token:
        return None
    from .links.github_rest import RepositoryError, fetch_repository, repository_name

    try:
        name = repository_name(folder, config.setting(rule).options.repository)
        if name is None:
            raise RepositoryError("no GitHub remote 'origin'; set [rules.github-repo-metadata] repository = \"OWNER/NAME\"")
        from .online import cache_path

        links_cache = cache_path(config.links.cache if config.links else None, config.path)
        return fetch_repository(name, token, cache=links_cache.with_name("github-repository.json"))
    except RepositoryError as exc:
        click.echo(f"awesome-lint: github-repo-metadata not checked: {exc}", err=True)
        return None


def check_document(doc, config, allow_private: bool, lines: set[int] | None) -> dict:
    """--links: check the document's URLs (only those on ``lines`` when given), with a progress bar on a terminal."""
    from .links import LinksConfig
    from .online import cache_path, check_document_links, links_to_check

    settings = (config.links or LinksConfig()).trusted(allow_private=allow_private)
    urls = links_to_check(doc, lines)
    cache = cache_path(settings.cache, config.path)
    if not sys.stderr.isatty() or not urls:
        return check_document_links(urls, settings, cache)
    with click.progressbar(length=len(urls), label=f"Checking {len(urls)} links", file=sys.stderr) as bar:
        def progress(done: int, total: int) -> None:
            bar.update(done - bar.pos)

        return check_document_links(urls, settings, cache, progress)


def _changed_lines(path: str, ref: str, text: str) -> set[int] | None:
    from .diff import DiffError, changed_lines

    if path == "-":
        raise UserError("--diff-base compares files with git; it cannot read stdin ('-')")
    try:
        return changed_lines(path, ref, text)
    except DiffError as exc:
        raise UserError(str(exc)) from None


def _write_actions_files(findings: list, context, counts_file: str | None) -> None:
    """The job summary (the github format, when $GITHUB_STEP_SUMMARY is set) and --counts-file, appended."""
    from .report import counts

    env = os.environ
    outputs = []
    if context.extra.get("step_summary"):
        from .report.github import SUMMARY_LIMIT, step_summary

        # Paths are relative to the current folder: they are repository paths when it is the workspace.
        if env.get("GITHUB_REPOSITORY") and env.get("GITHUB_SHA") and Path(env.get("GITHUB_WORKSPACE", "/nonexistent")).resolve() == Path.cwd().resolve():
            context.extra["blob_url"] = f"{env.get('GITHUB_SERVER_URL', 'https://github.com')}/{env['GITHUB_REPOSITORY']}/blob/{env['GITHUB_SHA']}"
        path = env["GITHUB_STEP_SUMMARY"]
        used = os.path.getsize(path) if os.path.isfile(path) else 0  # GitHub's cap is for the whole step
        outputs.append((path, step_summary(findings, context, SUMMARY_LIMIT - used)))
    if counts_file:
        by = counts(findings)
        outputs.append((counts_file, f"errors={by['error']}\nwarnings={by['warning']}\nnotices={by['info']}\n"))
    for path, text in outputs:
        try:
            with open(path, "a", encoding="utf-8") as out:
                out.write(text)
        except OSError as exc:
            _fail(f"{path}: cannot write ({exc.strerror})")


def write_atomically(path: Path, text: str, bom: bool) -> None:
    """Replace the file by ``text`` (UTF-8, its BOM re-added) via a temporary file beside it, keeping its mode."""
    import shutil
    import tempfile

    target = path.resolve()  # through a symlink: the link stays, the file it points at changes
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise UserError(f"{path}: cannot write the fixed file ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        shutil.copymode(target, temporary)
        os.replace(temporary, target)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise UserError(f"{path}: cannot write the fixed file ({exc.strerror})") from None


def _report_diff(diffs: list[str], fixed: int, refusals: list, exit_zero: bool) -> None:
    """--diff: the diff on stdout, a count on stderr; exit 1 when something would change."""
    from .report.text import finding_line

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
    from .document import parse
    from .init import InitError, propose, snippets, write_config

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
