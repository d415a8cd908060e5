"""The list's own GitHub repository: which one it is, and what GitHub's API says about it.

The edge behind the ``github-repo-metadata`` rule: git and the network are
touched here, by the CLI; the rule only reads the answer from the lint context.
The API base comes from the ``AWESOME_LINT_GITHUB_API`` environment variable
(never from a config file, which a pull request could change to send the token
elsewhere); the token from :func:`awesome_lint.links.github.find_token`. The
request goes through the link checker's transport: its address guards (a base
named in the environment may be a private address, a metadata address never
is), its deadline, no redirects followed, so the token goes nowhere else.
An answer is kept for an hour in a JSON file beside the link cache, so a rerun
right after a run does not ask again.
"""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from awesome_lint.knowledge.urls import repository_of

API = "https://api.github.com"
KEEP_SECONDS = 3600.0  # how long an answer is reused from the cache
log = logging.getLogger(__name__)
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
        url = subprocess.run(["git", "remote", "get-url", "origin"], cwd=folder, capture_output=True, text=True, timeout=10, check=False).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    found = repository_of(_SCP_REMOTE.sub(r"ssh://\1\2/", url, count=1))
    return "/".join(found.names) if found and found.host == "github.com" and found.home else None


def fetch_repository(
    name: str, token: str, api: str | None = None, timeout: float = 10.0, cache: Path | None = None
) -> dict[str, Any]:
    """GitHub's answer for ``GET /repos/OWNER/NAME``: description, topics, license, ...

    With ``cache`` (a JSON file), an answer less than :data:`KEEP_SECONDS` old is
    reused, and a new one is kept there.
    """
    from awesome_lint.links.github import MAX_ANSWER_BYTES, token_allowed
    from awesome_lint.links.probe import Failure
    from awesome_lint.links.transport import Transport

    named = api or os.environ.get("AWESOME_LINT_GITHUB_API")  # by the caller or the user, not a file
    base = (named or API).rstrip("/")
    url = f"{base}/repos/{name}"
    kept = _cached(cache, url)
    if kept is not None:
        return kept
    headers = {"Accept": "application/vnd.github+json"}
    if named or token_allowed(url):
        headers["Authorization"] = f"Bearer {token}"
    transport = Transport(allow_private=bool(named), timeout=timeout, per_host=1)
    try:
        reply = transport.request("GET", url, headers=headers, max_body=MAX_ANSWER_BYTES)
    except Failure as failure:
        raise RepositoryError(f"cannot reach {base}: {failure.reason}") from None
    finally:
        transport.close()
    if reply.status != 200:
        raise RepositoryError(f"{url} answered {reply.status}")
    try:
        answer = json.loads(reply.body)
    except ValueError:
        raise RepositoryError(f"{url} did not answer JSON") from None
    if not isinstance(answer, dict):
        raise RepositoryError(f"{url} did not answer a JSON object")
    _keep(cache, url, answer)
    return answer


def _read(cache: Path) -> dict[str, Any]:
    try:
        raw = json.loads(cache.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        log.warning("ignoring the repository cache %s: %s", cache, error)
        return {}
    answers = raw.get("answers") if isinstance(raw, dict) and raw.get("version") == 1 else None
    return answers if isinstance(answers, dict) else {}


def _cached(cache: Path | None, url: str) -> dict[str, Any] | None:
    if cache is None:
        return None
    entry = _read(cache).get(url)
    if not isinstance(entry, dict) or not isinstance(entry.get("answer"), dict):
        return None
    at = entry.get("at")
    fresh = isinstance(at, (int, float)) and 0 <= time.time() - at < KEEP_SECONDS
    return entry["answer"] if fresh else None


def _keep(cache: Path | None, url: str, answer: dict[str, Any]) -> None:
    if cache is None:
        return
    answers = {key: value for key, value in _read(cache).items() if key != url}
    answers[url] = {"at": time.time(), "answer": answer}
    written = None
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=cache.parent, suffix=".tmp", delete=False
        ) as handle:
            written = handle.name
            json.dump({"version": 1, "answers": answers}, handle)
        os.replace(written, cache)
    except OSError as error:
        log.warning("could not write the repository cache %s: %s", cache, error)
        if written is not None:
            Path(written).unlink(missing_ok=True)
