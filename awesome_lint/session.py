"""One ``awesome-lint check`` run: read each file, load its config, check links, lint or fix,
keep what a diff base changed, render, and write the GitHub Actions files.

The command line (:mod:`awesome_lint.cli`) turns flags into a :class:`CheckRequest` and the
:class:`CheckOutcome` into output and an exit code; everything in between happens here.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from awesome_lint.lint.findings import Finding

EMPTY_SELECT = "--select is empty: name at least one rule (see 'awesome-lint rules')"


@dataclass
class CheckRequest:
    """What ``check`` was asked to do, as the command line said it."""

    paths: list[str]
    output_format: str = "text"
    select: list[str] | None = None
    ignore: list[str] | None = None
    config_path: str | None = None
    fix: bool = False
    unsafe_fixes: bool = False
    show_diff: bool = False
    diff_base: str | None = None
    counts_file: str | None = None
    online: bool | None = None
    allow_private: bool = False


@dataclass
class CheckOutcome:
    """What a run found and made: the findings, the rendered report, and what --fix/--diff produced."""

    findings: list[Finding] = field(default_factory=list)
    output: str = ""
    fixed: int = 0
    diffs: list[str] = field(default_factory=list)
    refusals: list[Finding] = field(default_factory=list)  # --diff: fixes the guard refused
    fixed_stdin: bytes | None = None  # --fix on '-': the fixed text for stdout


def run_check(request: CheckRequest) -> CheckOutcome:
    """Check every file of the request; UserError for input or configuration mistakes."""
    from awesome_lint.lint.engine import lint
    from awesome_lint.lint.registry import PluginError
    from awesome_lint.report import RenderContext, renderer
    from awesome_lint.tree.builder import parse

    outcome = CheckOutcome()
    paths = unique_paths(request.paths)
    fix, show_diff, diff_base = request.fix, request.show_diff, request.diff_base
    findings = outcome.findings
    cache: dict[str, Any] = {}
    try:
        for path in paths:
            text, bom, shown = read_input(path)
            config = load_settings(path, request.config_path, request.select, request.ignore, cache)
            # Text from stdin has no folder: the rules that read files beside the list skip it.
            folder = None if path == "-" else Path(path).resolve().parent
            context = folder_context(folder)
            changed = _changed_lines(path, diff_base, text) if diff_base else None
            doc = None
            if _links_enabled(config, request.online):  # with --fix too: redirect fixes need the results
                doc = parse(text, shown, bom)
                context.links = check_document(doc, config, request.allow_private, changed)
                context.repository = list_repository(folder or Path.cwd(), config)
            if not (fix or show_diff):
                file_findings = lint(doc if doc is not None else parse(text, shown, bom), config, context)
                if diff_base is not None:
                    from awesome_lint.git import keep_changed

                    file_findings = keep_changed(file_findings, changed)
                findings.extend(file_findings)
                continue
            from awesome_lint.lint.fix import fix_text, unified_diff

            fixed = fix_text(text, shown, config, context, unsafe=request.unsafe_fixes, bom=bom, doc=doc)
            findings.extend(fixed.findings)
            outcome.fixed += fixed.fixed
            if show_diff:
                outcome.diffs.append(unified_diff(text, fixed.text, shown))
            elif path == "-":
                outcome.fixed_stdin = (b"\xef\xbb\xbf" if bom else b"") + fixed.text.encode("utf-8")
            elif fixed.text != text:
                write_atomically(Path(path), fixed.text, bom)
    except PluginError as exc:
        raise UserError(str(exc)) from None
    if show_diff:
        from awesome_lint.lint.fix import GUARD_RULE

        outcome.refusals = [f for f in findings if f.rule == GUARD_RULE]
    # With the fixed text on stdout, the findings go to stderr.
    to_stderr = outcome.fixed_stdin is not None
    color = request.output_format == "text" and (sys.stderr if to_stderr else sys.stdout).isatty() and "NO_COLOR" not in os.environ
    step_summary = request.output_format == "github" and bool(os.environ.get("GITHUB_STEP_SUMMARY"))
    render_context = RenderContext(
        files=paths, color=color, fixed=outcome.fixed, diff_base=diff_base, step_summary=step_summary
    )
    outcome.output = renderer(request.output_format)(findings, render_context)
    _write_actions_files(findings, render_context, request.counts_file)
    return outcome


class UserError(Exception):
    """A mistake of input or configuration: one line on stderr, exit 2."""

def read_input(path: str) -> tuple[str, bool, str]:
    """(text, had BOM, path to show) of a file or '-' for stdin; UserError when it cannot be linted."""
    from awesome_lint.markdown.source import InputError, decode

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
    from awesome_lint.lint.config import ConfigError, check_rule_ids, find_config, load_config

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
    from awesome_lint.lint.engine import LintContext

    if base is None:
        return LintContext()
    return LintContext(base_dir=str(base), exists=lambda rel: (base / rel).exists(), read=lambda rel: _read_beside(base, rel))

def _read_beside(base: Path, relative: str) -> bytes | None:
    """The bytes of a file next to the linted list (contributing guide, code of conduct), or None."""
    try:
        return (base / relative).read_bytes()
    except OSError:
        return None

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
    """--links with GITHUB_TOKEN: GitHub's data on the list's own repository, when an enabled rule needs it."""
    from awesome_lint.lint.engine import active_rules

    needing = [rule for rule in active_rules(config, links=True) if "repository" in rule.needs]
    if not needing:
        return None
    from awesome_lint.links.github import find_token

    token = find_token()
    if not token:
        return None
    from awesome_lint.links.github_rest import RepositoryError, fetch_repository, repository_name

    # A rule may name the repository in its options (``repository = "OWNER/NAME"``); else git's remote 'origin'.
    naming = [rule for rule in needing if "repository" in type(config.setting(rule).options).model_fields]
    configured = next((name for rule in naming if (name := config.setting(rule).options.repository)), "")
    try:
        name = repository_name(folder, configured)
        if name is None:
            hint = f"; set [rules.{naming[0].id}] repository = \"OWNER/NAME\"" if naming else ""
            raise RepositoryError(f"no GitHub remote 'origin'{hint}")
        from awesome_lint.online import cache_path

        links_cache = cache_path(config.links.cache if config.links else None, config.path)
        return fetch_repository(name, token, cache=links_cache.with_name("github-repository.json"))
    except RepositoryError as exc:
        click.echo(f"awesome-lint: {', '.join(rule.id for rule in needing)} not checked: {exc}", err=True)
        return None

def check_document(doc, config, allow_private: bool, lines: set[int] | None) -> dict:
    """--links: check the document's URLs (only those on ``lines`` when given), with a progress bar on a terminal."""
    from awesome_lint.links import LinksConfig
    from awesome_lint.online import cache_path, check_document_links, links_to_check

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
    from awesome_lint.git import DiffError, changed_lines

    if path == "-":
        raise UserError("--diff-base compares files with git; it cannot read stdin ('-')")
    try:
        return changed_lines(path, ref, text)
    except DiffError as exc:
        raise UserError(str(exc)) from None

def _write_actions_files(findings: list, context, counts_file: str | None) -> None:
    """The job summary (the github format, when $GITHUB_STEP_SUMMARY is set) and --counts-file, appended."""
    from awesome_lint.report import counts

    env = os.environ
    outputs = []
    if context.step_summary:
        from awesome_lint.report.github import SUMMARY_LIMIT, step_summary

        # Paths are relative to the current folder: they are repository paths when it is the workspace.
        if env.get("GITHUB_REPOSITORY") and env.get("GITHUB_SHA") and Path(env.get("GITHUB_WORKSPACE", "/nonexistent")).resolve() == Path.cwd().resolve():
            server = env.get("GITHUB_SERVER_URL", "https://github.com")
            context.blob_url = f"{server}/{env['GITHUB_REPOSITORY']}/blob/{env['GITHUB_SHA']}"
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
            raise UserError(f"{path}: cannot write ({exc.strerror})") from None

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
