"""--diff-base: findings only on the lines a change added or modified, in real git repositories."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from gitrepo import GIT_ENV, git

from awesome_lint.git import DiffError, added_lines, changed_lines, keep_changed
from awesome_lint.lint.findings import Finding

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "corpus" / "ys-zong+awesome-self-supervised-multimodal-learning.md"

ENV = GIT_ENV | {"PYTHONPATH": str(ROOT)}

TABLE = "# List\n\n| Name | Link |\n| --- | --- |\n"
ROW = "| {0} | [site](https://{0}.example) |\n"
BROKEN = "| {0} | [site](https://{0}.example) | lost |\n"


def repo_with(tmp_path: Path, text: str, name: str = "README.md") -> Path:
    """A new repository whose first commit holds ``text`` as ``name``."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "--quiet")
    (repo / name).write_text(text, encoding="utf-8")
    git(repo, "add", name)
    git(repo, "commit", "--quiet", "-m", "the list")
    return repo


def check(repo: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "awesome_lint", "check", "--select", "table-shape", *args],
        cwd=repo, env=ENV, capture_output=True, text=True, input=stdin,
    )


def reported_lines(result: subprocess.CompletedProcess) -> list[int]:
    """Line numbers of the text-format findings (``README.md:LINE:COL: ...``)."""
    return [int(line.split(":")[1]) for line in result.stdout.splitlines() if line.startswith("README.md:")]


def test_only_the_added_rows_are_reported(tmp_path):
    repo = repo_with(tmp_path, TABLE + BROKEN.format("old") + ROW.format("fine"))
    assert reported_lines(check(repo, "README.md")) == [5]  # the list's old problem
    with open(repo / "README.md", "a", encoding="utf-8") as out:
        out.write(BROKEN.format("new") + ROW.format("good") + BROKEN.format("newer"))
    result = check(repo, "README.md", "--diff-base", "HEAD")
    assert result.returncode == 1
    assert reported_lines(result) == [7, 9]
    assert "Found 2 errors on the lines changed since HEAD in 1 file." in result.stdout


def test_a_modified_row_is_reported_and_a_clean_change_passes(tmp_path):
    repo = repo_with(tmp_path, TABLE + BROKEN.format("old") + ROW.format("a") + ROW.format("b"))
    text = (repo / "README.md").read_text()
    (repo / "README.md").write_text(text.replace(ROW.format("b"), BROKEN.format("b")))
    assert reported_lines(check(repo, "README.md", "--diff-base", "HEAD")) == [7]
    (repo / "README.md").write_text(text.replace(ROW.format("b"), ROW.format("c")))
    result = check(repo, "README.md", "--diff-base", "HEAD")
    assert result.returncode == 0 and reported_lines(result) == []


def test_a_removed_line_is_not_reported_and_old_rows_that_moved_are_not_either(tmp_path):
    repo = repo_with(tmp_path, TABLE + ROW.format("a") + BROKEN.format("old") + ROW.format("b") + BROKEN.format("older"))
    text = (repo / "README.md").read_text()
    (repo / "README.md").write_text(text.replace(ROW.format("a"), ""))  # every row below moves up
    result = check(repo, "README.md", "--diff-base", "HEAD")
    assert result.returncode == 0 and reported_lines(result) == [], result.stdout


def test_staged_uncommitted_and_older_base_changes_all_count(tmp_path):
    repo = repo_with(tmp_path, TABLE + ROW.format("a"))
    with open(repo / "README.md", "a", encoding="utf-8") as out:
        out.write(BROKEN.format("committed"))
    git(repo, "commit", "--quiet", "-am", "second")
    with open(repo / "README.md", "a", encoding="utf-8") as out:
        out.write(BROKEN.format("staged"))
    git(repo, "add", "README.md")
    with open(repo / "README.md", "a", encoding="utf-8") as out:
        out.write(BROKEN.format("unstaged"))
    assert reported_lines(check(repo, "README.md", "--diff-base", "HEAD")) == [7, 8]
    assert reported_lines(check(repo, "README.md", "--diff-base", "HEAD~1")) == [6, 7, 8]


def test_an_untracked_new_file_counts_whole(tmp_path):
    repo = repo_with(tmp_path, TABLE)
    (repo / "docs").mkdir()
    (repo / "docs" / "more.md").write_text(TABLE + BROKEN.format("x") + BROKEN.format("y"))
    result = check(repo, "docs/more.md", "--diff-base", "HEAD")
    assert result.returncode == 1
    assert [line.split(":")[:2] for line in result.stdout.splitlines()[:2]] == [["docs/more.md", "5"], ["docs/more.md", "6"]]
    assert changed_lines(repo / "docs" / "more.md", "HEAD") is None


def test_a_file_removed_from_the_index_is_still_compared_with_its_old_text(tmp_path):
    repo = repo_with(tmp_path, TABLE + BROKEN.format("old"))
    git(repo, "rm", "--quiet", "--cached", "README.md")
    with open(repo / "README.md", "a", encoding="utf-8") as out:
        out.write(BROKEN.format("new"))
    assert reported_lines(check(repo, "README.md", "--diff-base", "HEAD")) == [6]


def test_crlf_line_ends_in_the_working_copy_are_not_changes(tmp_path):
    repo = repo_with(tmp_path, TABLE + BROKEN.format("old"))
    crlf = (TABLE + BROKEN.format("old") + BROKEN.format("new")).replace("\n", "\r\n")
    (repo / "README.md").write_bytes(crlf.encode())
    assert reported_lines(check(repo, "README.md", "--diff-base", "HEAD")) == [6]
    assert changed_lines(repo / "README.md", "HEAD") == {6}


def test_an_unknown_revision_is_one_clear_line_and_exit_2(tmp_path):
    repo = repo_with(tmp_path, TABLE + BROKEN.format("old"))
    result = check(repo, "README.md", "--diff-base", "no-such-branch")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "unknown git revision 'no-such-branch'" in result.stderr


def test_an_option_is_not_taken_for_a_revision(tmp_path):
    repo = repo_with(tmp_path, TABLE)
    result = check(repo, "README.md", "--diff-base=--output=stolen.txt")
    assert result.returncode == 2 and "is not a git revision" in result.stderr
    assert not (repo / "stolen.txt").exists()


def test_outside_a_repository_is_one_clear_line_and_exit_2(tmp_path):
    (tmp_path / "README.md").write_text(TABLE + BROKEN.format("x"))
    result = check(tmp_path, "README.md", "--diff-base", "HEAD")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "is not in a git repository" in result.stderr
    with pytest.raises(DiffError):
        changed_lines(tmp_path / "README.md", "HEAD")


def test_stdin_cannot_be_compared(tmp_path):
    repo = repo_with(tmp_path, TABLE)
    result = check(repo, "-", "--diff-base", "HEAD", stdin=TABLE)
    assert result.returncode == 2 and "cannot read stdin" in result.stderr


def test_added_lines_of_a_zero_context_diff():
    diff = "@@ -3,0 +4,2 @@ heading\n+a\n+b\n@@ -9 +11 @@\n-x\n+y\n@@ -20,3 +21,0 @@\n-gone\n"
    assert added_lines(diff) == {4, 5, 11}


def finding(line: int, related: list[int] | None = None, end_line: int | None = None, rule: str = "duplicate-title") -> Finding:
    return Finding(path="README.md", line=line, column=3, end_line=end_line, rule=rule, severity="error", message=f"same title as line {(related or [0])[0]}", related_lines=related or [])


def test_a_pair_finding_moves_to_the_changed_line_and_names_where_it_was_found():
    kept = keep_changed([finding(40, [12])], changed={12})
    assert [(f.line, f.column, f.related_lines, f.message) for f in kept] == [(12, 1, [40], "line 40: same title as line 12")]


def test_a_pair_reported_from_both_sides_is_kept_once():
    kept = keep_changed([finding(12, [40]), finding(40, [12])], changed={12})
    assert [(f.line, f.message) for f in kept] == [(12, "same title as line 40")]


def test_findings_on_unchanged_lines_are_dropped_unless_their_span_changed():
    findings = [finding(5), finding(8, end_line=10), finding(20)]
    assert [f.line for f in keep_changed(findings, {9})] == [8]
    assert keep_changed(findings, None) == findings


def duplicate_links(repo: Path) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-m", "awesome_lint", "check", "--select", "duplicate-link", "README.md", "--diff-base", "HEAD"],
        cwd=repo, env=ENV, capture_output=True, text=True,
    )
    return [line for line in result.stdout.splitlines() if line.startswith("README.md:")]


PAPERS = "# Papers\n\n" + "".join(
    f"- Paper {n}.\n  - *CVPR 2020* [[paper]](https://arxiv.org/abs/2001.0000{n}) [[code]](https://github.com/lab/{code})\n\n"
    for n, code in enumerate(["alpha", "beta", "gamma", "delta"], start=1)
)  # entry n: title on line 3n, links on line 3n + 1


def test_a_duplicate_reported_at_both_ends_is_reported_once_on_the_changed_end(tmp_path):
    repo = repo_with(tmp_path, PAPERS)
    (repo / "README.md").write_text(PAPERS.replace("abs/2001.00001", "abs/2001.00004"))
    found = duplicate_links(repo)
    assert len(found) == 1 and found[0].startswith("README.md:4:") and "as line 13" in found[0], found


def test_a_duplicate_reported_on_the_unchanged_end_moves_to_the_changed_end(tmp_path):
    """The old entry now shares the later entry's code repository; the rule reports the later one."""
    repo = repo_with(tmp_path, PAPERS)
    (repo / "README.md").write_text(PAPERS.replace("lab/alpha", "lab/delta"))
    found = duplicate_links(repo)
    assert len(found) == 1 and found[0].startswith("README.md:4:1: ") and "duplicate-link line 13: " in found[0], found


@pytest.mark.skipif(not SEED.is_file(), reason="the seed list is in ../shared/corpus")
def test_a_new_entry_in_the_seed_list_gets_annotations_only_for_itself(tmp_path):
    """The issue's acceptance check: one new entry under ### Hybrid, annotated for itself only."""
    repo = repo_with(tmp_path, SEED.read_text(encoding="utf-8"))
    text = (repo / "README.md").read_text(encoding="utf-8")
    entry = "- Listening to Learn From Pixels Without Labels.\n  - *ECCV 2019* [[paper]](https://arxiv.org/abs/1705.08168)\n"
    heading = text.index("### Hybrid\n") + len("### Hybrid\n")
    (repo / "README.md").write_text(text[:heading] + "\n" + entry + text[heading:], encoding="utf-8")
    first = text[:heading].count("\n") + 2  # the entry's title line
    result = subprocess.run(
        [sys.executable, "-m", "awesome_lint", "check", "README.md", "--diff-base", "HEAD", "--format", "github"],
        cwd=repo, env=ENV, capture_output=True, text=True,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    lines = {int(a.split("line=")[1].split(",")[0]) for a in annotations}
    rules = {a.split("title=")[1].split("::")[0] for a in annotations}
    assert lines <= {first, first + 1}, annotations
    assert rules == {"venue-calendar", "duplicate-link"}, annotations
    assert any("ECCV 2019" in a for a in annotations) and any("line 170" in a for a in annotations)
