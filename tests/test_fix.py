"""--fix, --unsafe-fixes and --diff: fixes change what they say and never lose content.

Fix fixtures: tests/fixtures-fix/<rule-id>/<name>.md is fixed with only that rule
selected and must then equal <name>.fixed.md byte for byte (written by hand).
A <name>.toml beside it is its config (``unsafe = true``: fix with --unsafe-fixes);
a <name>.links.json gives the link checker's results (url -> LinkStatus fields)
for online rules, so that no request is made.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from awesome_lint.lint.config import Config, parse_config
from awesome_lint.tree.builder import parse
from awesome_lint.lint.engine import LintContext
from awesome_lint.links.status import LinkStatus
from awesome_lint.lint.fix import GUARD_RULE, MAX_PASSES, fix_text, unified_diff
from awesome_lint.markdown.edits import Edit, Fix
from awesome_lint.lint.findings import Report
from awesome_lint.lint.registry import registry
from awesome_lint.lint.rule import rule
from conftest import CORPUS, ROOT, SEED
from lintkit import fixture_config

FIXTURES = Path(__file__).parent / "fixtures-fix"
CASES = sorted(p for p in FIXTURES.glob("*/*.md") if not p.name.endswith(".fixed.md"))
LISTS = sorted(p for p in CORPUS.glob("*+*.md"))


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")  # no newline translation: CRLF stays visible


def fix_with(text: str, rule_id: str, config: dict | None = None, **kwargs):
    raw = dict(config or {})
    raw.setdefault("select", [rule_id])
    return fix_text(text, "README.md", parse_config(raw, "test-config"), **kwargs)


# --------------------------------------------------------------------------- fixtures


@pytest.mark.parametrize("path", CASES, ids=[f"{p.parent.name}/{p.name}" for p in CASES])
def test_fix_fixture(path: Path):
    rule_id = path.parent.name
    expected_path = path.with_name(path.stem + ".fixed.md")
    assert expected_path.is_file(), f"{expected_path.name} is missing"
    config = fixture_config(path)
    unsafe = config.pop("unsafe", False)  # a fixture of an unsafe fix says so in its .toml
    checked = path.with_name(path.stem + ".links.json")
    links = {url: LinkStatus(url=url, **fields) for url, fields in json.loads(checked.read_text()).items()} if checked.is_file() else None
    context = LintContext(links=links)
    outcome = fix_with(read(path), rule_id, config, unsafe=unsafe, context=context)
    assert not [f for f in outcome.findings if f.rule == GUARD_RULE]
    assert outcome.text == read(expected_path)
    assert outcome.fixed > 0
    again = fix_with(outcome.text, rule_id, config, unsafe=unsafe, context=context)
    assert again.text == outcome.text and again.fixed == 0, "fixing the fixed text must change nothing"


def test_every_fixable_rule_has_fix_fixtures():
    missing = [r.id for r in registry().values() if r.fixable and not list((FIXTURES / r.id).glob("*.fixed.md"))]
    assert not missing, f"fixable rules without tests/fixtures-fix/<rule-id>/*.fixed.md: {missing}"


def test_fix_fixture_folders_name_fixable_rules():
    rules = registry()
    wrong = [p.name for p in FIXTURES.iterdir() if p.is_dir() and (p.name not in rules or not rules[p.name].fixable)]
    assert not wrong, f"tests/fixtures-fix/ folders that are not fixable rules: {wrong}"


# --------------------------------------------------------------------------- the engine, with rules made for the test


def _replacing(rule_id: str, old: str, new: str, safe: bool = True, severity: str = "warning"):
    """A rule that replaces every ``old`` in the text by ``new``."""

    def check(doc, options):
        """Replace a word."""
        for m in re.finditer(re.escape(old), doc.text):
            line, column = doc.position(m.start())
            yield Report(line=line, column=column, message=f"write {new!r}", fix=Fix(edits=[Edit(start=m.start(), end=m.end(), text=new)], safe=safe))

    return rule(rule_id, severity, fixable=True)(check)


def _fix(text: str, rules, **kwargs):
    return fix_text(text, "README.md", Config(), rules=rules, **kwargs)


def test_conflicting_fixes_wait_for_the_next_pass():
    # Both rules want to rewrite "colour"; the first in finding order wins, the other
    # finds nothing left to do on the new text.
    first = _replacing("a-rule", "colour", "color")
    second = _replacing("b-rule", "colour", "hue")
    outcome = _fix("- [Paint](https://paint.example) - The colour of it.\n", [second, first])
    assert outcome.text == "- [Paint](https://paint.example) - The color of it.\n"
    assert outcome.fixed == 1


def test_an_insertion_touching_another_edit_is_applied_in_a_later_pass():
    word = _replacing("a-rule", "NIPS", "NeurIPS")
    mark = rule("b-rule", "warning", fixable=True)(_insert_after_venue)
    outcome = _fix("- Paper.\n  - *NIPS 2017*\n", [word, mark])
    assert outcome.text == "- Paper.\n  - *NeurIPS 2017*\n"
    assert outcome.passes == 1
    outcome = _fix("- Paper.\n  - *NIPS*\n", [word, mark])
    assert outcome.text == "- Paper.\n  - *NeurIPS 2017*\n"
    assert outcome.fixed == 2 and outcome.passes == 2


def _insert_after_venue(doc, options):
    """Add a year after a venue without one."""
    m = re.search(r"\*(\w+)\*", doc.text)
    if m and not m.group(1).isdigit():
        line, column = doc.position(m.end(1))
        yield Report(line=line, column=column, message="add the year", fix=Fix(edits=[Edit(start=m.end(1), end=m.end(1), text=" 2017")]))


def test_unsafe_fixes_only_when_asked():
    year = _replacing("year-fake", "2019", "2020", safe=False)
    text = "- Paper.\n  - *ECCV 2019*\n"
    assert _fix(text, [year]).text == text
    assert _fix(text, [year], unsafe=True).text == "- Paper.\n  - *ECCV 2020*\n"


def test_fixing_stops_after_a_bounded_number_of_passes():
    grow = _replacing("grow", "z", "zz")
    outcome = _fix("- [Item](https://x.example) - z\n", [grow])
    assert outcome.passes == MAX_PASSES
    assert outcome.text == f"- [Item](https://x.example) - {'z' * 2 ** MAX_PASSES}\n"


def test_a_fix_that_loses_a_link_is_refused():
    drop = _replacing("shorten", " [[code]](https://github.com/a/b)", "")
    text = "- Paper.\n  - *CVPR 2020* [[paper]](https://arxiv.org/abs/1) [[code]](https://github.com/a/b)\n"
    outcome = _fix(text, [drop])
    assert outcome.text == text
    refused = [f for f in outcome.findings if f.rule == GUARD_RULE]
    assert len(refused) == 1 and refused[0].severity == "error"
    assert "https://github.com/a/b" in refused[0].message and "shorten" in refused[0].message


def test_a_fix_that_loses_an_entry_is_refused():
    drop = _replacing("merge", "- [Two](https://two.example) - Two.\n", "")
    text = "- [One](https://one.example) - One. See [Two](https://two.example).\n- [Two](https://two.example) - Two.\n"
    outcome = _fix(text, [drop])
    assert outcome.text == text
    assert any(f.rule == GUARD_RULE and "entry" in f.message for f in outcome.findings)


def _remove_second_copy(doc, options):
    """Remove the second copy of an entry."""
    seen: dict[str, int] = {}
    for entry in doc.entries:
        if entry.title_url in seen:
            start = doc.offset(entry.line)
            end = doc.offset(entry.end_line + 1) if entry.end_line < len(doc.line_starts) else len(doc.text)
            yield Report(line=entry.line, message="remove the copy", fix=Fix(edits=[Edit(start=start, end=end, text="")], safe=False))
        seen[entry.title_url] = entry.line


def test_unsafe_duplicate_removal_may_remove_an_exact_copy():
    duplicate = rule("copy-remover", "warning", fixable=True, removes_entries=True)(_remove_second_copy)
    text = "- [One](https://one.example) - One.\n- [Two](https://two.example) - Two.\n- [One](https://one.example) - One.\n"
    assert _fix(text, [duplicate]).text == text
    outcome = _fix(text, [duplicate], unsafe=True)
    assert outcome.text == "- [One](https://one.example) - One.\n- [Two](https://two.example) - Two.\n"
    assert not [f for f in outcome.findings if f.rule == GUARD_RULE]


def test_only_rules_that_declare_it_may_remove_entries():
    other = rule("duplicate-fake", "warning", fixable=True)(_remove_second_copy)  # the name does not matter
    text = "- [One](https://one.example) - One.\n- [One](https://one.example) - One.\n"
    outcome = _fix(text, [other], unsafe=True)
    assert outcome.text == text
    assert any(f.rule == GUARD_RULE for f in outcome.findings)


def test_a_fix_inserting_newlines_into_a_crlf_file_uses_crlf():
    split = _replacing("split", " + ", "\n- ")
    outcome = _fix("- [A](https://a.example) + [B](https://b.example)\r\n", [split])
    assert outcome.text == "- [A](https://a.example)\r\n- [B](https://b.example)\r\n"


def test_a_missing_contents_item_goes_where_its_place_is_clear():
    text = "# L\n\n- [A](#a) a long item\n  that goes on\n- [D](#d)\n\n## A\n\n## B\n\n## D\n\n## C [x]\n"
    outcome = fix_with(text, "toc")
    # B would split A's two-line item, so it goes before D's; C's title has brackets: left alone
    assert outcome.text == text.replace("- [D](#d)\n", "- [B](#b)\n- [D](#d)\n", 1)


def test_a_missing_contents_item_is_not_added_twice_or_numbered():
    two_on_a_line = "# L\n\n- [A](#a)\n- [B](#b) [C](#c)\n\n## A\n\n## B\n\n## C\n\n## D\n"
    assert fix_with(two_on_a_line, "toc").text == two_on_a_line.replace("[C](#c)\n", "[C](#c)\n- [D](#d)\n")
    numbered = "# L\n\n1. [A](#a)\n2. [B](#b)\n\n## A\n\n## B\n\n## C\n"
    assert fix_with(numbered, "toc").text == numbered


def test_suppressed_findings_are_not_fixed():
    text = "<!-- awesome-lint-disable-next-line insecure-link -->\n- [A](http://github.com/a/b)\n- [B](http://github.com/b/c)\n"
    outcome = fix_with(text, "insecure-link")
    assert outcome.text == text.replace("http://github.com/b/c", "https://github.com/b/c")


def test_unified_diff_marks_a_missing_final_newline():
    diff = unified_diff("a\nb", "a\nc", "README.md")
    assert diff.startswith("--- a/README.md\n+++ b/README.md\n")
    assert "-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n" in diff


# --------------------------------------------------------------------------- the corpus


def _urls(text: str) -> Counter:
    """Link URLs, with http folded into https (insecure-link rewrites the scheme, nothing else) and
    https:// before the one scheme-less address of public-apis (line 52, which malformed-url fixes)."""
    doc = parse(text)
    scheme_less = "www.postman.com/filestack-wolfpack/filestack/overview?sideView=agentMode"
    return Counter(
        re.sub(r"^http://", "https://", "https://" + link.url if link.url == scheme_less else link.url, flags=re.I)
        for link in doc.links if not link.url.startswith("#")
    )


def _titles(text: str) -> Counter:
    """Entry titles, modulo the final punctuation that title fixes may change."""
    return Counter(re.sub(r"[\s.?!,;:]+$", "", " ".join(e.title.split())) for e in parse(text).entries)


@pytest.mark.parametrize("path", LISTS, ids=[p.name.split("+")[0] for p in LISTS])
def test_fixing_a_corpus_list_keeps_its_content(path: Path, tmp_path: Path):
    copy = tmp_path / "README.md"
    shutil.copyfile(path, copy)
    text = read(copy)
    config = parse_config({"preset": "awesome"}, "test-config")  # every fixable rule, preset ones too
    outcome = fix_text(text, str(copy), config)
    assert not [f for f in outcome.findings if f.rule == GUARD_RULE]
    assert _urls(outcome.text) == _urls(text)
    assert len(parse(outcome.text).entries) == len(parse(text).entries)
    assert _titles(outcome.text) == _titles(text)
    assert not [f for f in outcome.findings if f.fix and f.fix.safe], "a fixable finding remains"
    again = fix_text(outcome.text, str(copy), config)
    assert again.text == outcome.text and again.fixed == 0


# --------------------------------------------------------------------------- the command line


def run(*args: str, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run([sys.executable, "-m", "awesome_lint", "check", *args], cwd=cwd, input=stdin, capture_output=True, env=env)


SMALL = "# List\n\n- [Paper](http://arxiv.org/abs/1705.09406) - A paper. \n- [Code](https://github.com/a/b) - Its code.\n"
SMALL_FIXED = "# List\n\n- [Paper](https://arxiv.org/abs/1705.09406) - A paper.\n- [Code](https://github.com/a/b) - Its code.\n"
SELECT = "--select=insecure-link,trailing-whitespace"


def test_fix_writes_the_file_and_reports_what_remains(tmp_path: Path):
    (tmp_path / "README.md").write_bytes(SMALL.encode())
    result = run("--fix", SELECT, "README.md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "README.md").read_bytes() == SMALL_FIXED.encode()
    assert "Fixed 2." in result.stdout.decode()
    assert [p.name for p in tmp_path.iterdir()] == ["README.md"], "no temporary file is left behind"


def test_fix_keeps_crlf_bom_missing_final_newline_and_mode(tmp_path: Path):
    path = tmp_path / "README.md"
    original = b"\xef\xbb\xbf" + SMALL.rstrip("\n").replace("\n", "\r\n").encode()
    path.write_bytes(original)
    path.chmod(0o640)
    result = run("--fix", SELECT, "README.md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert path.read_bytes() == b"\xef\xbb\xbf" + SMALL_FIXED.rstrip("\n").replace("\n", "\r\n").encode()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_fix_through_a_symlink_changes_the_target(tmp_path: Path):
    (tmp_path / "list.md").write_bytes(SMALL.encode())
    (tmp_path / "README.md").symlink_to("list.md")
    assert run("--fix", SELECT, "README.md", cwd=tmp_path).returncode == 0
    assert (tmp_path / "README.md").is_symlink()
    assert (tmp_path / "list.md").read_bytes() == SMALL_FIXED.encode()


def test_diff_prints_and_writes_nothing(tmp_path: Path):
    path = tmp_path / "README.md"
    path.write_bytes(SMALL.encode())
    result = run("--diff", SELECT, "README.md", cwd=tmp_path)
    assert result.returncode == 1
    assert path.read_bytes() == SMALL.encode()
    out = result.stdout.decode()
    assert out.startswith("--- a/README.md\n+++ b/README.md\n")
    assert "-- [Paper](http://arxiv.org/abs/1705.09406) - A paper. \n+- [Paper](https://arxiv.org/abs/1705.09406) - A paper.\n" in out
    assert "Would fix 2 findings in 1 file." in result.stderr.decode()
    path.write_bytes(SMALL_FIXED.encode())
    clean = run("--diff", SELECT, "README.md", cwd=tmp_path)
    assert clean.returncode == 0 and clean.stdout == b""


def test_diff_output_applies_with_git_apply(tmp_path: Path):
    path = tmp_path / "README.md"
    path.write_bytes(SMALL.encode())
    diff = run("--diff", SELECT, "README.md", cwd=tmp_path).stdout
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    subprocess.run(["git", "apply", "-"], cwd=tmp_path, input=diff, check=True)
    assert path.read_bytes() == SMALL_FIXED.encode()


def test_fix_keeps_old_mac_line_ends(tmp_path: Path):
    path = tmp_path / "README.md"
    path.write_bytes(SMALL.replace("\n", "\r").encode())
    result = run("--fix", SELECT, "README.md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert path.read_bytes() == SMALL_FIXED.replace("\n", "\r").encode()


def test_diff_splits_lines_where_git_does(tmp_path: Path):
    """A form feed or U+2028 inside a line is not a line end for git: the diff must still apply."""
    path = tmp_path / "README.md"
    original = SMALL.replace("A paper.", "A\x0cpaper\u2028one.")
    path.write_bytes(original.encode())
    diff = run("--diff", SELECT, "README.md", cwd=tmp_path).stdout
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    subprocess.run(["git", "apply", "-"], cwd=tmp_path, input=diff, check=True)
    assert path.read_bytes() == SMALL_FIXED.replace("A paper.", "A\x0cpaper\u2028one.").encode()


def test_fix_on_stdin_prints_the_fixed_text(tmp_path: Path):
    result = run("--fix", SELECT, "-", cwd=tmp_path, stdin=b"\xef\xbb\xbf" + SMALL.encode())
    assert result.returncode == 0
    assert result.stdout == b"\xef\xbb\xbf" + SMALL_FIXED.encode()
    assert "Fixed 2." in result.stderr.decode()


def test_unsafe_fixes_needs_fix_or_diff(tmp_path: Path):
    (tmp_path / "README.md").write_bytes(SMALL.encode())
    result = run("--unsafe-fixes", "README.md", cwd=tmp_path)
    assert result.returncode == 2
    assert "--unsafe-fixes" in result.stderr.decode()


def test_fixing_a_crlf_copy_of_the_seed_list_gives_the_same_result_in_crlf(tmp_path: Path):
    text = read(SEED)
    (tmp_path / "lf.md").write_bytes(text.encode())
    (tmp_path / "crlf.md").write_bytes(text.replace("\n", "\r\n").encode())
    result = run("--fix", "lf.md", "crlf.md", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    fixed = (tmp_path / "lf.md").read_bytes()
    assert fixed != text.encode(), "the seed list has something to fix"
    assert (tmp_path / "crlf.md").read_bytes() == fixed.replace(b"\n", b"\r\n")


def test_fix_with_links_replaces_a_permanent_redirect(tmp_path: Path):
    from linkserver import LinkServer

    with LinkServer() as server:  # on 127.0.0.1: no request leaves the machine
        moved, final = server.url("/redirect/301/ok"), server.url("/ok")
        (tmp_path / "README.md").write_text(f"# Tools\n\n- [Moved]({moved}) - Permanently moved.\n")
        result = run("--fix", "--links", "--allow-private", "--select=redirect", "README.md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "README.md").read_text() == f"# Tools\n\n- [Moved]({final}) - Permanently moved.\n"
    assert "Fixed 1." in result.stdout.decode()
