"""The `awesome` preset: off by default, on with `preset = "awesome"`; the rules that read
files beside the list, the product-name data, and github-repo-metadata against a local
fake of GitHub's API."""

from __future__ import annotations

import json
import subprocess
import threading
import tomllib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from pathlib import Path

import pytest
from click.testing import CliRunner

from awesome_lint.cli import main
from awesome_lint.links.github_rest import RepositoryError, fetch_repository, repository_name
from awesome_lint.lint.registry import registry
from awesome_lint.knowledge.product_names import misspellings, product_names
from lintkit import lint_text

PRESET = sorted(r.id for r in registry().values() if r.preset == "awesome")
BARE = "# awesome static site generators\n\n- [Hugo](https://gohugo.io) - Hugo is a generator written in Javascript (really.\n\n## License\n\nMIT\n"


def test_the_preset_has_the_guideline_rules():
    assert PRESET == sorted([
        "awesome-badge", "balanced-punctuation", "code-of-conduct", "contributing-file", "description-repeats-name",
        "github-repo-metadata", "main-heading", "no-ci-badge", "no-license-section", "tech-spelling",
    ])


def test_preset_rules_are_off_by_default(tmp_path: Path):
    assert not [f for f in lint_text(BARE, base_dir=tmp_path) if f.rule in PRESET]


def test_preset_turns_them_on(tmp_path: Path):
    found = {f.rule for f in lint_text(BARE, config={"preset": "awesome"}, base_dir=tmp_path)}
    assert found >= {"main-heading", "awesome-badge", "contributing-file", "no-license-section", "balanced-punctuation", "description-repeats-name", "tech-spelling"}


def test_a_preset_rule_can_be_turned_off(tmp_path: Path):
    found = {f.rule for f in lint_text(BARE, config={"preset": "awesome", "rules": {"tech-spelling": "off"}}, base_dir=tmp_path)}
    assert "tech-spelling" not in found and "main-heading" in found


def test_sort_order_is_off_until_configured():
    text = "## Tools\n\n- [Zed](https://zed.dev) - An editor.\n- [Atom](https://atom.io) - An editor.\n"
    assert not [f for f in lint_text(text, config={"preset": "awesome"}) if f.rule == "sort-order"]
    assert [f.line for f in lint_text(text, config={"rules": {"sort-order": "warning"}}) if f.rule == "sort-order"] == [4]


# --------------------------------------------------------------------------- files beside the list


@pytest.mark.parametrize("name", ["CONTRIBUTING.md", "contributing.md", ".github/CONTRIBUTING.md", "docs/Contributing.rst"])
def test_contributing_guide_is_found_where_github_looks(tmp_path: Path, name: str):
    (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / name).write_text("One entry per pull request.\n")
    assert not lint_text("# A List\n", ["contributing-file"], base_dir=tmp_path)


def test_empty_contributing_guide_is_reported(tmp_path: Path):
    (tmp_path / "contributing.md").write_text("  \n\n")
    [finding] = lint_text("# A List\n", ["contributing-file"], base_dir=tmp_path)
    assert finding.message.startswith("contributing.md is empty")


def test_missing_contributing_guide_is_reported(tmp_path: Path):
    [finding] = lint_text("# A List\n", ["contributing-file"], base_dir=tmp_path)
    assert "add CONTRIBUTING.md" in finding.message and finding.line == 1


def test_list_from_stdin_has_no_folder_to_look_in(tmp_path: Path, monkeypatch):
    """`cat README.md | awesome-lint check -`: the current folder is not the list's folder, so
    the rules that read files beside the list do not look in it."""
    (tmp_path / "awesome.toml").write_text('preset = "awesome"\n')
    (tmp_path / "code-of-conduct.md").write_text("")  # would be reported as empty, were it beside the list
    (tmp_path / "README.md").write_text("# A List\n")
    monkeypatch.chdir(tmp_path)
    beside = {"contributing-file", "code-of-conduct"}
    args = ["check", "--format", "json", "--config", "awesome.toml"]
    from_file = CliRunner().invoke(main, [*args, "README.md"])
    assert sorted(f["rule"] for f in json.loads(from_file.stdout) if f["rule"] in beside) == ["code-of-conduct", "contributing-file"]
    from_stdin = CliRunner().invoke(main, [*args, "-"], input="# A List\n")
    assert from_stdin.exit_code in (0, 1) and [f for f in json.loads(from_stdin.stdout) if f["rule"] in beside] == []


def test_code_of_conduct_empty_or_with_placeholder(tmp_path: Path):
    assert not lint_text("# A List\n", ["code-of-conduct"], base_dir=tmp_path), "no code of conduct is fine"
    (tmp_path / "code-of-conduct.md").write_text("")
    [empty] = lint_text("# A List\n", ["code-of-conduct"], base_dir=tmp_path)
    assert "is empty" in empty.message
    (tmp_path / "code-of-conduct.md").write_text("# Code\n\nBe kind.\n\nWrite to [INSERT EMAIL ADDRESS].\n")
    [placeholder] = lint_text("# A List\n", ["code-of-conduct"], base_dir=tmp_path)
    assert placeholder.message.startswith("code-of-conduct.md:5 still has the template placeholder [INSERT EMAIL ADDRESS]")


def test_cli_reads_files_beside_the_list(tmp_path: Path):
    (tmp_path / "README.md").write_text("# Awesome Things [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)\n")
    (tmp_path / "CONTRIBUTING.md").write_text("")
    result = CliRunner().invoke(main, ["check", "--select", "contributing-file", str(tmp_path / "README.md")])
    assert result.exit_code == 1 and "CONTRIBUTING.md is empty" in result.output


# --------------------------------------------------------------------------- product names


def test_product_names_are_data_with_200_products():
    data = tomllib.loads(files("awesome_lint.knowledge").joinpath("data", "tech_spelling.toml").read_text(encoding="utf-8"))["products"]
    assert len(data) >= 200
    wrongs = [w for forms in data.values() for w in forms]
    assert len(wrongs) == len(set(wrongs)), "a misspelling belongs to one product"
    assert not set(wrongs) & set(data), "a misspelling is never another product's name"
    for name, forms in data.items():
        assert forms and name not in forms
    # Lower-case words that are also English words or commands are never listed.
    assert not set(wrongs) & {"go", "rust", "swift", "ruby", "java", "python", "react", "docker", "git", "express", "spark", "node", "yarn", "pandas"}
    assert product_names()["Github"] == "GitHub" and product_names()["NodeJS"] == "Node.js" and product_names()["OSX"] == "macOS"


def test_word_like_names_only_in_context():
    text = "- [pyarmor](https://github.com/dashingsoft/pyarmor) - Obfuscates python scripts; a python is a snake; see git history, run git log.\n"
    assert [f.message.split("'")[1] for f in lint_text(text, ["tech-spelling"])] == ["python", "git"]


def test_tech_spelling_keeps_out_of_code_urls_and_identifiers():
    text = (
        "- [github](https://github.com/google/go-github) - `Github` in code, https://Github.com in a URL, github.io and @Github.\n"
        "- [Node](https://nodejs.org) - Runs on NodeJS; node.js, too.\n"
    )
    found = [(f.line, f.message.split("'")[1]) for f in lint_text(text, ["tech-spelling"])]
    assert found == [(2, "NodeJS"), (2, "node.js")]


def test_misspellings_are_whole_words_and_phrases():
    text = "Git Hub, Github. Github.io #Github .Net ASP.Net node.js-ish, python scripts and python; Stack overflow"
    assert [(column, wrong) for column, wrong, _ in misspellings(text)] == [
        (0, "Git Hub"), (9, "Github"), (35, ".Net"), (40, "ASP.Net"), (61, "python"), (88, "Stack overflow"),
    ]


def test_every_misspelling_in_the_data_is_found():
    context = {"python": "scripts", "git": "history", "ruby": "gems", "rust": "crates", "java": "code", "docker": "images"}
    for wrong, name in product_names().items():
        text = f"see {wrong} {context.get(wrong, 'here')}."
        assert [(w, n) for _, w, n in misspellings(text)] == [(wrong, name)], text


def test_a_link_with_an_unreadable_host_is_checked_not_a_crash():
    text = "- [Github](http://[arxiv.org/abs/1) - The Github client.\n"
    assert [(f.line, f.column) for f in lint_text(text, ["tech-spelling"])] == [(1, 4), (1, 43)]


# --------------------------------------------------------------------------- github-repo-metadata


class FakeGitHub:
    """GitHub's REST API for one repository, on 127.0.0.1: records what was asked, with which token."""

    def __init__(self, repos: dict[str, dict]):
        self.repos = repos
        self.requests: list[tuple[str, str | None]] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:
                owner.requests.append((self.path, self.headers.get("Authorization")))
                body = owner.repos.get(self.path.removeprefix("/repos/"))
                data = json.dumps(body if body is not None else {"message": "Not Found"}).encode()
                self.send_response(200 if body is not None else 404)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def github():
    fake = FakeGitHub({
        "me/awesome-bare": {"full_name": "me/awesome-bare", "description": None, "topics": ["awesome"], "license": {"spdx_id": "NOASSERTION"}},
        "me/awesome-good": {"full_name": "me/awesome-good", "description": "Good things", "topics": ["awesome", "awesome-list"], "license": {"spdx_id": "CC0-1.0"}},
    })
    yield fake
    fake.close()


def test_fetch_sends_the_token_and_reads_the_answer(github: FakeGitHub):
    answer = fetch_repository("me/awesome-good", "t0ken", api=github.url)
    assert answer["topics"] == ["awesome", "awesome-list"]
    assert github.requests == [("/repos/me/awesome-good", "Bearer t0ken")]
    with pytest.raises(RepositoryError, match="answered 404"):
        fetch_repository("me/missing", "t0ken", api=github.url)


def test_metadata_findings(github: FakeGitHub):
    repository = fetch_repository("me/awesome-bare", "t", api=github.url)
    messages = sorted(f.message for f in lint_text("# Awesome Bare\n", ["github-repo-metadata"], repository=repository))
    assert messages == sorted([
        "me/awesome-bare has no description on GitHub: add one under About, e.g. the list's first sentence",
        "me/awesome-bare lacks the GitHub topic 'awesome-list': add it under About so the list can be found",
        "GitHub cannot tell which licence me/awesome-bare's LICENSE file is: use a standard licence text (CC0-1.0 is usual for awesome lists)",
    ])
    good = fetch_repository("me/awesome-good", "t", api=github.url)
    assert not lint_text("# Awesome Good\n", ["github-repo-metadata"], repository=good)


def _git_repo(folder: Path, remote: str) -> None:
    for args in (["init", "-q"], ["remote", "add", "origin", remote]):
        subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)


@pytest.mark.parametrize("remote", ["git@github.com:me/awesome-bare.git", "https://github.com/me/awesome-bare", "ssh://git@github.com/me/awesome-bare.git"])
def test_repository_from_git_remote(tmp_path: Path, remote: str):
    _git_repo(tmp_path, remote)
    assert repository_name(tmp_path) == "me/awesome-bare"
    assert repository_name(tmp_path, "other/list") == "other/list"


def test_no_github_remote(tmp_path: Path):
    assert repository_name(tmp_path) is None
    _git_repo(tmp_path, "https://gitlab.com/me/awesome-bare.git")
    assert repository_name(tmp_path) is None


def test_check_links_asks_github_about_the_list(github: FakeGitHub, tmp_path: Path, monkeypatch):
    _git_repo(tmp_path, "git@github.com:me/awesome-bare.git")
    (tmp_path / "README.md").write_text("# Awesome Bare\n")
    (tmp_path / ".awesome-lint.toml").write_text('preset = "awesome"\nselect = ["github-repo-metadata"]\n')
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("AWESOME_LINT_GITHUB_API", github.url)
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    offline = CliRunner().invoke(main, ["check", "--links", "README.md"])
    assert offline.exit_code == 0 and github.requests == [], "without a token GitHub is not asked"
    monkeypatch.setenv("GITHUB_TOKEN", "t0ken")
    assert CliRunner().invoke(main, ["check", "README.md"]).exit_code == 0 and github.requests == [], "nor without --links"
    result = CliRunner().invoke(main, ["check", "--links", "README.md"])
    assert github.requests == [("/repos/me/awesome-bare", "Bearer t0ken")]
    assert result.exit_code == 1 and result.output.count("github-repo-metadata") == 3
    (tmp_path / ".awesome-lint.toml").write_text('preset = "awesome"\nselect = ["github-repo-metadata"]\n[rules.github-repo-metadata]\nrepository = "me/nowhere"\n')
    missing = CliRunner().invoke(main, ["check", "--links", "README.md"])
    assert missing.exit_code == 0 and "github-repo-metadata not checked" in missing.output and "answered 404" in missing.output
