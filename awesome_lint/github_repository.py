"""The list's own GitHub repository: which one it is, and what GitHub's API says about it.

The edge behind the ``github-repo-metadata`` rule: git and the network are
touched here, by the CLI; the rule only reads the answer from the lint context.
The API base comes from the ``AWESOME_LINT_GITHUB_API`` environment variable
(never from a config file, which a pull request could change to send the token
elsewhere); the token from ``GITHUB_TOKEN``.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import Any

from awesome_lint.knowledge.urls import repository_of

API = "https://api.github.com"
_NAME = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")
# An scp-like git remote, "git@github.com:owner/repo.git", is the URL ssh://git@github.com/owner/repo.git.
_SCP_REMOTE = re.compile(r"^([\w.-]+@)?([\w-]+(?:\.[\w-]+)+):(?!//)")


class RepositoryError(Exception):
    """The repository could not be read; the message says why, for one line on stderr."""


def repository_name(folder: Path, configured: str = "") -> str | None:
    """OWNER/NAME: as configured, else from the git remote 'origin' of ``folder``; None if not on GitHub."""
    if configured:
        if not _NAME.fullmatch(configured):
            raise RepositoryError(f"repository = {configured!r} is not OWNER/NAME")
        return configured
    try:
        url = subprocess.run(["git", "remote", "get-url", "origin"], cwd=folder, capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    found = repository_of(_SCP_REMOTE.sub(r"ssh://\1\2/", url, count=1))
    return "/".join(found.names) if found and found.host == "github.com" and found.home else None


def fetch_repository(name: str, token: str, api: str | None = None, timeout: float = 10.0) -> dict[str, Any]:
    """GitHub's answer for ``GET /repos/OWNER/NAME``: description, topics, license, ..."""
    import requests

    base = (api or os.environ.get("AWESOME_LINT_GITHUB_API") or API).rstrip("/")
    headers = {"Accept": "application/vnd.github+json", "Authorization": f"Bearer {token}", "User-Agent": "awesome-lint"}
    try:
        response = requests.get(f"{base}/repos/{name}", headers=headers, timeout=timeout)
    except requests.RequestException as exc:
        raise RepositoryError(f"cannot reach {base}: {exc.__class__.__name__}") from None
    if response.status_code != 200:
        raise RepositoryError(f"{base}/repos/{name} answered {response.status_code}")
    try:
        return response.json()
    except ValueError:
        raise RepositoryError(f"{base}/repos/{name} did not answer JSON") from None
