"""GitHub: where the token may go, and repository links checked through the GraphQL API.

With a token, ``https://github.com/OWNER/REPO`` links are asked about in
batches, one aliased ``repository`` field per link, which also tells archived
and renamed repositories apart. A repository the API does not know (a
private one, a reserved path such as /topics/python, a bad token) is checked
again with plain HTTP, which has the last word.

The token goes to https://api.github.com only; to https://github.com pages
too only when the user says so (``[links] github_token_for_pages``). It is
found in ``GITHUB_TOKEN``, else ``GH_TOKEN``, else ``gh auth token``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Mapping

from awesome_lint.links.probe import Failure, Probe, ProbeSettings, Step, host_key
from awesome_lint.links.status import LinkStatus
from awesome_lint.knowledge.urls import (
    github_repository_home as repository_of,  # (OWNER, REPO) of a repository's own page
)
from awesome_lint.knowledge.urls import split_url

API_HOST = "api.github.com"
PAGES_HOST = "github.com"
# Hosts that rate-limit each client as a whole: a rate limit there holds every link to them.
PER_CLIENT_HOSTS = frozenset({"github.com:443", "api.github.com:443"})
BATCH_SIZE = 50  # repositories per query; GitHub allows far more nodes, but answers grow
MAX_ANSWER_BYTES = 1 << 20


def token_allowed(url: str, *, pages: bool = False) -> bool:
    """Whether a GitHub token may go with a request to ``url``.

    Only over https, only to api.github.com, and to github.com only when
    ``pages`` (the user's ``github_token_for_pages``).
    """
    parts = split_url(url)
    # The authority as written: no user, no "www.", no port but 443.
    hosts = {API_HOST, PAGES_HOST} if pages else {API_HOST}
    return parts.scheme == "https" and parts.problem is None and parts.netloc.lower().removesuffix(":443") in hosts


def auth_headers(url: str, token: str | None, *, pages: bool = False) -> dict[str, str]:
    """The Authorization header for ``url``: the token where :func:`token_allowed`, else none."""
    if token and token_allowed(url, pages=pages):
        return {"Authorization": f"Bearer {token}"}
    return {}


def limits_per_client(host: str) -> bool:
    """Whether ``host`` (a :func:`host_key`) is known to rate-limit each client as a whole."""
    return host in PER_CLIENT_HOSTS


def find_token(environ: Mapping[str, str] | None = None) -> str | None:
    """The user's GitHub token: ``GITHUB_TOKEN``, ``GH_TOKEN``, or what ``gh auth token`` prints."""
    environ = os.environ if environ is None else environ
    for name in ("GITHUB_TOKEN", "GH_TOKEN"):
        if environ.get(name, "").strip():
            return environ[name].strip()
    gh = shutil.which("gh", path=environ.get("PATH"))
    if gh is None:
        return None
    try:
        done = subprocess.run(
            [gh, "auth", "token"], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    token = done.stdout.strip()
    return token if done.returncode == 0 and token and " " not in token else None


def repository_query(repositories: list[tuple[str, str]]) -> str:
    """One GraphQL query with an aliased field ``r0``, ``r1``, ... per repository."""
    fields = " ".join(
        f"r{index}: repository(owner: {json.dumps(owner)}, name: {json.dumps(name)}) "
        "{ nameWithOwner isArchived }"
        for index, (owner, name) in enumerate(repositories)
    )
    return f"query {{ {fields} }}"


def repository_status(url: str, asked: tuple[str, str], found: Mapping, now: float) -> LinkStatus:
    """The link's state from the API's answer about its repository."""
    name = str(found["nameWithOwner"])
    archived = bool(found.get("isArchived"))
    reason = "repository is archived" if archived else "repository exists"
    if name.lower() != "/".join(asked).lower():
        return LinkStatus(
            url=url,
            state="redirect",
            final_url=f"https://github.com/{name}",
            renamed_to=name,
            archived=archived,
            reason=f"repository renamed to {name}",
            checked_at=now,
        )
    return LinkStatus(url=url, state="alive", archived=archived, reason=reason, checked_at=now)


class RepositoryBatch:
    """A job: one GraphQL query about up to :data:`BATCH_SIZE` repository links."""

    def __init__(self, urls: list[str], endpoint: str, token: str, settings: ProbeSettings):
        self.urls = urls
        self.endpoint = endpoint
        self.token = token
        self.settings = settings

    @property
    def host(self) -> str:
        return host_key(self.endpoint)

    def step(self, transport, now: float) -> Step:
        asked = [repository_of(url) for url in self.urls]
        query = repository_query(asked)  # type: ignore[arg-type]
        try:
            reply = transport.request(
                "POST",
                self.endpoint,
                headers=auth_headers(self.endpoint, self.token),
                json_body={"query": query},
                max_body=MAX_ANSWER_BYTES,
            )
        except Failure as failure:
            return self.give_up(failure.reason)
        try:
            data = json.loads(reply.body)["data"] if reply.status == 200 else None
        except (ValueError, KeyError, TypeError):
            data = None
        if not isinstance(data, dict):
            return self.give_up(f"GitHub API answered {reply.status}")
        step = Step()
        for index, (url, repository) in enumerate(zip(self.urls, asked, strict=True)):
            found = data.get(f"r{index}")
            if isinstance(found, dict) and "nameWithOwner" in found:
                step.results.append(repository_status(url, repository, found, now))  # type: ignore[arg-type]
            else:
                step.follow_ups.append(Probe(url, self.settings))
        return step

    def give_up(self, reason: str) -> Step:
        """Without the API's answer every link is checked with plain HTTP."""
        return Step(follow_ups=[Probe(url, self.settings) for url in self.urls])
