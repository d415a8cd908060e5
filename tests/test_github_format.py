"""--format github: workflow commands as GitHub parses them, the annotation cap, the job summary, and the action."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

from awesome_lint.lint.findings import Finding
from awesome_lint.report import RenderContext
from awesome_lint.report.github import annotation, escape_data, escape_property, render, step_summary

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
FIXTURE = "tests/data/action-list.md"
SELECT = ("--select", "table-shape,invalid-directive")
BASE_ENV = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "RUNNER_"))} | {"PYTHONPATH": str(ROOT)}


def run(*args: str, env: dict | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "awesome_lint", *args], cwd=cwd, env=BASE_ENV | (env or {}), capture_output=True, text=True)


def finding(line: int, severity: str = "error", message: str = "bad", path: str = "README.md", rule: str = "some-rule", **more) -> Finding:
    return Finding(path=path, line=line, column=2, rule=rule, severity=severity, message=message, **more)


# --------------------------------------------------------------------------- golden outputs


def test_github_output_of_the_fixture_list():
    result = run("check", FIXTURE, *SELECT, "--format", "github")
    assert result.returncode == 1
    assert result.stdout == (DATA / "action-list.github.txt").read_text(encoding="utf-8")


def test_github_is_the_default_format_in_actions_and_the_summary_is_appended(tmp_path):
    summary = tmp_path / "summary.md"
    summary.write_text("## Earlier step\n", encoding="utf-8")
    env = {
        "GITHUB_ACTIONS": "true",
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_WORKSPACE": str(ROOT),
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_REPOSITORY": "owner/list",
        "GITHUB_SHA": "0123abc",
    }
    result = run("check", FIXTURE, *SELECT, env=env)
    assert result.returncode == 1
    assert result.stdout == (DATA / "action-list.github.txt").read_text(encoding="utf-8")
    expected = "## Earlier step\n" + (DATA / "action-list.summary.md").read_text(encoding="utf-8")
    assert summary.read_text(encoding="utf-8") == expected


def test_counts_file_in_the_github_output_format(tmp_path):
    outputs = tmp_path / "outputs"
    outputs.write_text("earlier=1\n")
    result = run("check", FIXTURE, *SELECT, "--format", "text", "--counts-file", str(outputs))
    assert result.returncode == 1
    assert outputs.read_text() == "earlier=1\nerrors=1\nwarnings=2\nnotices=0\n"


# --------------------------------------------------------------------------- escaping


def test_escaping_follows_the_actions_toolkit():
    assert escape_data("100% sure\r\nnext: a, b") == "100%25 sure%0D%0Anext: a, b"
    assert escape_property("dir,with:odd%/README.md\n") == "dir%2Cwith%3Aodd%25/README.md%0A"


def test_an_annotation_cannot_be_broken_by_its_message_or_path():
    line = annotation(finding(3, path="a,b:c.md", message="two\nlines ::error::injected"))
    assert line == "::error file=a%2Cb%3Ac.md,line=3,col=2,endLine=3,title=some-rule::two%0Alines ::error::injected"
    assert "\n" not in line


def test_columns_are_left_out_of_an_annotation_that_spans_lines():
    assert annotation(finding(3, end_line=5, end_column=9)) == "::error file=README.md,line=3,endLine=5,title=some-rule::bad"
    assert annotation(finding(3, end_line=3, end_column=9, severity="info")) == "::notice file=README.md,line=3,col=2,endLine=3,endColumn=9,title=some-rule::bad"


# --------------------------------------------------------------------------- GitHub's cap of 10 per kind


def kinds(output: str) -> dict[str, int]:
    found: dict[str, int] = {}
    for line in output.splitlines():
        m = re.match(r"::(error|warning|notice) ", line)
        if m:
            found[m.group(1)] = found.get(m.group(1), 0) + 1
    return found


def test_errors_come_first_and_each_kind_is_capped_at_ten():
    findings = sorted(
        [finding(n, "info") for n in range(1, 4)] + [finding(n, "warning") for n in range(10, 21)] + [finding(n, "error") for n in range(30, 42)],
        key=Finding.sort_key,
    )
    out = render(findings, RenderContext(files=["README.md"], step_summary=True))
    lines = out.splitlines()
    assert kinds(out) == {"error": 10, "warning": 10, "notice": 4}  # 3 findings + the note about the rest
    assert [int(l.split("line=")[1].split(",")[0]) for l in lines[:10]] == list(range(30, 40))  # errors, in file order
    assert lines[10].startswith("::warning file=README.md,line=10,")
    assert lines[23] == (
        "::notice title=awesome-lint::3 more findings (2 errors, 1 warning) are not annotated: GitHub shows at most "
        "10 annotations of each kind per step. All findings are in the job summary; these are listed below."
    )
    assert lines[24:27] == ["README.md:40:2: error some-rule bad", "README.md:41:2: error some-rule bad", "README.md:20:2: warning some-rule bad"]
    assert lines[27] == "Found 12 errors, 11 warnings, 3 info in 1 file."


def test_the_note_about_the_rest_keeps_a_place_among_ten_notices():
    out = render([finding(n, "info") for n in range(1, 12)], RenderContext(files=["README.md"]))
    assert kinds(out) == {"notice": 10}
    assert "2 more findings (2 notices) are not annotated" in out and "They are listed below." in out


def test_ten_of_a_kind_need_no_note():
    out = render([finding(n, "warning") for n in range(1, 11)], RenderContext(files=["README.md"]))
    assert kinds(out) == {"warning": 10} and "more finding" not in out


# --------------------------------------------------------------------------- the job summary


def test_the_summary_escapes_markdown_and_html_in_messages():
    text = step_summary([finding(1, message="a | b <!-- hidden --> `x` \\ y")], RenderContext(files=["README.md"]))
    assert "| README.md:1 | error | a \\| b &lt;!-- hidden --&gt; \\`x\\` \\\\ y |" in text


def test_the_summary_stays_under_its_budget_and_says_how_much_is_missing():
    findings = [finding(n, message="x" * 200) for n in range(1, 2001)]
    full = step_summary(findings, RenderContext(files=["README.md"]))
    assert full.count("| README.md:") == 2000 and "Truncated" not in full
    budget = 20_000
    cut = step_summary(findings, RenderContext(files=["README.md"]), budget=budget)
    assert len(cut.encode("utf-8")) <= budget
    shown = cut.count("| README.md:")
    assert 0 < shown < 2000
    assert f"**Truncated:** {2000 - shown} more findings are not shown" in cut
    assert step_summary(findings, RenderContext(files=["README.md"]), budget=100) == ""


def test_the_summary_of_a_clean_diff_names_the_base():
    text = step_summary([], RenderContext(files=["README.md"], diff_base="abc123"))
    assert text == "## awesome-lint\n\nNo problems found on the lines changed since `abc123` in 1 file.\n"


# --------------------------------------------------------------------------- the action


def action() -> dict:
    return yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


def test_the_action_never_expands_an_expression_inside_a_script():
    """Inputs can hold text from a pull request: they reach scripts only through env."""
    steps = action()["runs"]["steps"]
    scripts = [step["run"] for step in steps if "run" in step]
    assert scripts and all("${{" not in script for script in scripts)
    assert action()["inputs"]["diff-base"]["default"] == "${{ github.event.pull_request.base.sha }}"
    assert set(action()["outputs"]) == {"errors", "warnings", "notices"}


def run_action_step(tmp_path: Path, inputs: dict[str, str], repo: Path) -> tuple[subprocess.CompletedProcess, Path, Path]:
    """Run the action's lint step by hand, as the runner would, with awesome-lint from this checkout."""
    step = next(step for step in action()["runs"]["steps"] if step.get("id") == "lint")
    defaults = {name: str(spec.get("default", "")) for name, spec in action()["inputs"].items()}
    values = {**defaults, "diff-base": "", **inputs}
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    wrapper = bin_dir / "awesome-lint"
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m awesome_lint "$@"\n')
    wrapper.chmod(0o755)
    env = dict(BASE_ENV)
    for name, expression in step["env"].items():
        env[name] = re.sub(
            r"\$\{\{ *(inputs\.([\w-]+)|steps\.install\.outputs\.bin) *\}\}",
            lambda m: values[m.group(2)] if m.group(2) else str(bin_dir),
            expression,
        )
    summary, outputs = tmp_path / "summary.md", tmp_path / "outputs"
    summary.touch()
    outputs.touch()
    env |= {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_OUTPUT": str(outputs)}
    result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]], cwd=repo, env=env, capture_output=True, text=True)
    return result, summary, outputs


def test_the_action_step_reports_annotations_summary_and_counts(tmp_path):
    result, summary, outputs = run_action_step(tmp_path, {"files": FIXTURE, "args": " ".join(SELECT)}, ROOT)
    assert result.returncode == 1, result.stderr
    assert result.stdout == (DATA / "action-list.github.txt").read_text(encoding="utf-8")
    assert summary.read_text().startswith("## awesome-lint\n\nFound 1 error, 2 warnings in 1 file.\n")
    assert outputs.read_text() == "errors=1\nwarnings=2\nnotices=0\n"


def test_the_action_step_takes_file_names_and_globs_as_data(tmp_path):
    repo = tmp_path / "repo"
    (repo / "docs").mkdir(parents=True)
    for name in ("a.md", "b.md"):
        (repo / "docs" / name).write_text("# List\n\n| a | b |\n| --- | --- |\n| 1 | 2 | lost |\n")
    result, _, outputs = run_action_step(tmp_path, {"files": "docs/*.md\n$(touch pwned)", "args": "--select table-shape"}, repo)
    assert result.returncode == 2  # '$(touch pwned)' is a file name that does not exist, not a command
    assert "$(touch: no such file" in result.stderr
    assert not (repo / "pwned").exists()
    (tmp_path / "again").mkdir()
    result, _, outputs = run_action_step(tmp_path / "again", {"files": "docs/*.md", "args": "--select table-shape"}, repo)
    assert result.returncode == 1 and result.stdout.count("::error file=docs/") == 2
    assert outputs.read_text() == "errors=2\nwarnings=0\nnotices=0\n"
