from __future__ import annotations

from typing import Iterator

from pydantic import Field

from awesome_lint.tree.nodes import Document
from awesome_lint.lint.environment import Environment
from awesome_lint.lint.findings import Report
from awesome_lint.lint.rule import Options, rule

TOPICS = ("awesome", "awesome-list")


class GithubRepoMetadataOptions(Options):
    repository: str = Field("", description="OWNER/NAME of the list's repository on GitHub; empty: from `git remote get-url origin`.")


@rule("github-repo-metadata", "error", GithubRepoMetadataOptions, online=True, preset="awesome", needs={"repository"})
def check(doc: Document, options: GithubRepoMetadataOptions, env: Environment) -> Iterator[Report]:
    """The list's GitHub repository lacks a description, the awesome topics or a licence GitHub detects (needs GITHUB_TOKEN)."""
    repo = env.repository
    if not repo:
        return  # no token, not on GitHub, or GitHub did not answer: the CLI said why
    name = repo.get("full_name") or "the repository"
    if not (repo.get("description") or "").strip():
        yield Report(line=1, message=f"{name} has no description on GitHub: add one under About, e.g. the list's first sentence")
    missing = [t for t in TOPICS if t not in (repo.get("topics") or [])]
    if missing:
        yield Report(line=1, message=f"{name} lacks the GitHub topic{'s' if len(missing) > 1 else ''} {' and '.join(repr(t) for t in missing)}: add {'them' if len(missing) > 1 else 'it'} under About so the list can be found")
    licence = repo.get("license") or {}
    if not licence:
        yield Report(line=1, message=f"GitHub detects no licence in {name}: add a LICENSE file (CC0-1.0 is usual for awesome lists)")
    elif licence.get("spdx_id") in (None, "", "NOASSERTION"):
        yield Report(line=1, message=f"GitHub cannot tell which licence {name}'s LICENSE file is: use a standard licence text (CC0-1.0 is usual for awesome lists)")
