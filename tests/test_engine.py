"""Engine, config, suppression comments, plugins and exit codes, through the real command."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from awesome_lint.lint.config import ConfigError, parse_config
from lintkit import lint_text

ROOT = Path(__file__).resolve().parent.parent

BROKEN_TABLE = "# X\n\n| a | b |\n|---|---|\n| 1 | 2 | lost |\n"


def run(*args, cwd=None, env=None):
    full_env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + (env or {}).pop("EXTRA_PATH", ""), **(env or {})}
    full_env.pop("GITHUB_ACTIONS", None)
    return subprocess.run([sys.executable, "-m", "awesome_lint", *args], cwd=cwd, env=full_env, capture_output=True, text=True)


def test_exit_codes_and_text_format(tmp_path):
    (tmp_path / "README.md").write_text(BROKEN_TABLE)
    result = run("check", cwd=tmp_path)
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith("README.md:5:") and " error table-shape " in first and "'lost'" in first
    (tmp_path / "README.md").write_text("# X\n\n- [A](https://a.dev) - A.\n")
    assert run("check", cwd=tmp_path).returncode == 0


def test_stdin(tmp_path):
    result = subprocess.run([sys.executable, "-m", "awesome_lint", "check", "-"], input=BROKEN_TABLE, text=True, capture_output=True, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 1 and result.stdout.startswith("<stdin>:5:")


def test_a_check_without_links_or_fixes_loads_only_what_it_uses(tmp_path):
    """Start-up: with a config file (which may have a [links] table), a plain check does not load
    the link checker, the fixer, git diffing or the GitHub report."""
    (tmp_path / ".awesome-lint.toml").write_text('preset = "awesome"\n[links]\ntimeout = 5\n')
    (tmp_path / "README.md").write_text(BROKEN_TABLE)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("GITHUB_ACTIONS", None)
    # The modules loaded, written at exit (-X importtime misses those loaded by importlib.import_module).
    code = "import atexit, sys; atexit.register(lambda: sys.stderr.write(' '.join(sys.modules))); from awesome_lint.cli import main; main()"
    result = subprocess.run([sys.executable, "-c", code, "check"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 1 and "table-shape" in result.stdout
    loaded = set(result.stderr.split())
    assert "awesome_lint.links.config" in loaded and "awesome_lint.rules.table_shape" in loaded
    unused = {"awesome_lint.links.checker", "awesome_lint.lint.fix", "awesome_lint.git", "awesome_lint.report.github"}
    assert not loaded & {*unused, "requests", "urllib3", "http.client", "queue"}


def test_findings_in_total_order():
    text = "# X\n\n| a | b |\n|---|---|\n| 1 | 2 | x |\n| 1 |\n| 1 | 2 | y |\n"
    findings = lint_text(text, ["table-shape"])
    assert [f.line for f in findings] == [5, 6, 7]
    assert [f.severity for f in findings] == ["error", "warning", "error"]


def test_a_report_outside_the_file_is_moved_inside_and_recorded():
    from awesome_lint.tree.builder import parse
    from awesome_lint.lint.engine import LintContext, lint
    from awesome_lint.lint.findings import Report
    from awesome_lint.lint.rule import rule

    @rule("off-by-one", "warning")
    def off_by_one(doc, options):
        """Reports where it should not."""
        yield Report(line=0, column=0, message="before the file")
        yield Report(line=2, column=40, message="past the end of line 2", severity="info")
        yield Report(line=9, column=1, message="after the file")
        yield Report(line=2, column=4, message="just past the end of line 2")

    doc = parse("# X\nabc\n", "x.md")
    context = LintContext()
    findings = lint(doc, context=context, rules=[off_by_one])
    assert [(f.line, f.column, f.severity) for f in findings] == [(1, 1, "warning"), (2, 1, "warning"), (2, 4, "warning"), (2, 4, "info")]
    assert [(r.line, r.column) for _, r in context.misplaced] == [(0, 0), (2, 40), (9, 1)]


def test_one_text_line_per_finding_in_every_text_output():
    """The text format, the github format's overflow lines and --diff's refusals write a finding the same way."""
    from awesome_lint.lint.findings import Finding
    from awesome_lint.report import RenderContext, github, text

    finding = Finding(path="README.md", line=3, column=7, rule="table-shape", severity="warning", message="a row has 3 cells")
    line = "README.md:3:7: warning table-shape a row has 3 cells"
    assert text.render([finding], RenderContext(files=["README.md"])).splitlines()[0] == line
    overflow = github.render([finding] * (github.ANNOTATIONS_PER_KIND + 1), RenderContext(files=["README.md"]))
    assert overflow.splitlines()[-2] == line
    colored = text.finding_line(finding, color=True)
    assert colored != line and "\x1b[" in colored and colored.endswith(" a row has 3 cells")


@pytest.mark.parametrize(
    "comment, rule, silenced",
    [
        ("<!-- awesome-lint-disable-next-line table-shape -->", "table-shape", True),
        ("<!-- awesome-lint-disable-next-line -->", "table-shape", True),
        ("<!-- awesome-lint-disable-next-line toc table-shape -->", "table-shape", True),
        ("<!-- awesome-lint-disable-next-line toc -->", "table-shape", False),
        ("<!-- just a comment -->", "table-shape", False),
    ],
)
def test_disable_next_line(comment, rule, silenced):
    from awesome_lint.tree.builder import parse
    from awesome_lint.lint.findings import Finding
    from awesome_lint.lint.suppress import Suppressions

    doc = parse(f"# X\n\n{comment}\n- [A](https://a.dev) - A.\n- [B](https://b.dev) - B.\n")
    suppressions = Suppressions(doc)
    on_next = Finding(path="-", line=4, column=1, rule=rule, severity="error", message="m")
    after = Finding(path="-", line=5, column=1, rule=rule, severity="error", message="m")
    assert suppressions.silenced(on_next) == silenced
    assert not suppressions.silenced(after)


def test_disable_line_and_ranges():
    text = (
        "# X\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 | x | <!-- awesome-lint-disable-line table-shape -->\n| 3 | 4 | y |\n\n"
        "<!-- awesome-lint-disable table-shape -->\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 | z |\n\n"
        "<!-- awesome-lint-enable table-shape -->\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 | w |\n"
    )
    findings = lint_text(text, ["table-shape"])
    assert [f.line for f in findings] == [6, 18]


def test_config_file_found_upward_and_applied(tmp_path):
    (tmp_path / ".awesome-lint.toml").write_text('[rules]\ntable-shape = "off"\n')
    sub = tmp_path / "docs"
    sub.mkdir()
    (sub / "list.md").write_text(BROKEN_TABLE)
    assert run("check", "docs/list.md", cwd=tmp_path).returncode == 0
    (tmp_path / ".awesome-lint.toml").write_text('[rules]\ntable-shape = "warning"\n')
    result = run("check", "docs/list.md", cwd=tmp_path)
    assert result.returncode == 0 and " warning table-shape " in result.stdout


def test_pyproject_table(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.awesome-lint]\nignore = ["table-shape"]\n')
    (tmp_path / "README.md").write_text(BROKEN_TABLE)
    assert run("check", cwd=tmp_path).returncode == 0


def test_select_and_ignore_on_the_command_line(tmp_path):
    (tmp_path / "README.md").write_text(BROKEN_TABLE)
    assert run("check", "--ignore", "table-shape", cwd=tmp_path).returncode == 0
    assert run("check", "--select", "table-shape", cwd=tmp_path).returncode == 1


@pytest.mark.parametrize(
    "raw, message",
    [
        ({"rules": {"tabel-shape": "off"}}, "unknown rule 'tabel-shape' (did you mean 'table-shape'?)"),
        ({"rules": {"table-shape": "fatal"}}, "rules.table-shape = 'fatal' is not one of error, warning, info, off"),
        ({"rules": {"table-shape": {"colour": 1}}}, "rules.table-shape: unknown option 'colour' (allowed: severity)"),
        ({"colour": 1}, "unknown key 'colour'"),
        ({"preset": "nope"}, "preset = 'nope' is not a known preset"),
    ],
)
def test_config_errors_name_the_key(raw, message):
    with pytest.raises(ConfigError) as info:
        parse_config(raw, "cfg.toml")
    assert message in str(info.value)


def test_broken_toml_names_the_line(tmp_path):
    (tmp_path / ".awesome-lint.toml").write_text('[rules]\ntable-shape = \n')
    (tmp_path / "README.md").write_text(BROKEN_TABLE)
    result = run("check", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "line 2" in result.stderr and "Traceback" not in result.stderr


def _fake_plugin(tmp_path: Path, body: str) -> Path:
    site = tmp_path / "site"
    (site / "fake_rules-1.0.dist-info").mkdir(parents=True)
    (site / "fake_rules-1.0.dist-info" / "METADATA").write_text("Metadata-Version: 2.1\nName: fake-rules\nVersion: 1.0\n")
    (site / "fake_rules-1.0.dist-info" / "entry_points.txt").write_text("[awesome_lint.rules]\nno-todo = fake_rules:no_todo\n")
    (site / "fake_rules.py").write_text(textwrap.dedent(body))
    return site


def test_plugin_rule_from_entry_point(tmp_path):
    site = _fake_plugin(
        tmp_path,
        """
        from awesome_lint.lint.findings import Report
        from awesome_lint.lint.rule import rule

        @rule("no-todo", "warning")
        def no_todo(doc, options):
            '''The list still says TODO.'''
            for number, line in enumerate(doc.lines, start=1):
                if "TODO" in line:
                    yield Report(line=number, column=line.index("TODO") + 1, message="remove the TODO")
        """,
    )
    (tmp_path / "README.md").write_text("# X\n\nTODO: more\n")
    result = run("check", cwd=tmp_path, env={"EXTRA_PATH": str(site)})
    assert "README.md:3:1: warning no-todo remove the TODO" in result.stdout
    listing = run("rules", cwd=tmp_path, env={"EXTRA_PATH": str(site)})
    assert "no-todo" in listing.stdout and "The list still says TODO." in listing.stdout


def test_a_plugin_rule_links_to_the_page_it_declares_in_sarif(tmp_path):
    site = _fake_plugin(
        tmp_path,
        """
        from awesome_lint.lint.findings import Report
        from awesome_lint.lint.rule import rule

        @rule("no-todo", "warning", docs_url="https://rules.example/no-todo")
        def no_todo(doc, options):
            '''The list still says TODO.'''
            yield Report(line=1, message="remove the TODO")
        """,
    )
    (tmp_path / "README.md").write_text("# X\n\n| a |\n|---|\n| 1 | 2 |\n")
    result = run("check", "--format", "sarif", cwd=tmp_path, env={"EXTRA_PATH": str(site)})
    rules = {r["id"]: r for r in json.loads(result.stdout)["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["no-todo"]["helpUri"] == "https://rules.example/no-todo"
    assert rules["table-shape"]["helpUri"].endswith("/rules/table-shape.md")  # built-in rules link to their page


def test_broken_plugin_is_an_error_that_names_it(tmp_path):
    site = _fake_plugin(tmp_path, "raise ImportError('boom')\n")
    (tmp_path / "README.md").write_text("# X\n")
    result = run("check", cwd=tmp_path, env={"EXTRA_PATH": str(site)})
    assert result.returncode == 2
    assert "rule plugin 'no-todo'" in result.stderr and "boom" in result.stderr and "Traceback" not in result.stderr


def test_rule_command_shows_the_page():
    result = run("rule", "table-shape")
    assert result.returncode == 0 and result.stdout.startswith("# table-shape") and "## Bad" in result.stdout
    bad = run("rule", "tabel-shape")
    assert bad.returncode == 2 and "did you mean 'table-shape'?" in bad.stderr


def test_a_rule_gets_its_default_options_with_their_validators_run():
    from pydantic import model_validator

    from awesome_lint.lint.config import Config
    from awesome_lint.lint.rule import Options, rule

    class Plain(Options):
        words: list[str] = ["a"]

    class Checked(Options):
        words: list[str] = ["B"]

        @model_validator(mode="after")
        def lower(self):
            self.words = [w.lower() for w in self.words]
            return self

    plain = rule("plain-fake", "warning", Plain)(lambda doc, options: iter(()))
    checked = rule("checked-fake", "warning", Checked)(lambda doc, options: iter(()))
    assert Config().setting(plain).options == Plain(words=["a"])
    assert Config().setting(checked).options.words == ["b"]
    first, second = Config().setting(plain).options, Config().setting(plain).options
    first.words.append("x")
    assert second.words == ["a"], "each run gets its own copy of a mutable default"
