"""Link-checker results for documentation examples, from a real server on 127.0.0.1.

Examples in rules/*.md use readable addresses (https://example.com/removed-page);
here each is served by a local path that behaves as the example says, so the
examples run through the real checker, with no request leaving the machine.
"""

from __future__ import annotations

from awesome_lint.links import LinksConfig, check_links
from linkserver import LinkServer

EXAMPLE_ROUTES = {
    "https://example.com/removed-page": "/status/404",
    "https://example.com/alive-page": "/ok",
    "https://example.com/members-only": "/status/403",
    "https://example.com/moved-page": "/redirect/301/ok",
    "https://example.com/internal-only": "/away/302?to=http://169.254.169.254/latest/meta-data/",
}
REPOSITORIES = {
    "owner/repo": {"nameWithOwner": "owner/repo", "isArchived": False},
    "arch/ived": {"nameWithOwner": "arch/ived", "isArchived": True},
}


def example_link_results(text: str) -> dict:
    """url as written in ``text`` -> LinkStatus, checked against the local server."""
    with LinkServer() as server:
        server.repositories.update(REPOSITORIES)
        served = {url: server.url(path) for url, path in EXAMPLE_ROUTES.items() if url in text}
        github = [f"https://github.com/{name}" for name in REPOSITORIES if f"https://github.com/{name}" in text]
        config = LinksConfig(timeout=2.0, retries=0, github_api=server.url("/graphql")).trusted(allow_private=True)
        checked = check_links([*served.values(), *github], config, cache_path=None, token="test-token" if github else None)
    results = {url: checked[local].model_copy(update={"url": url}) for url, local in served.items()}
    results.update({url: checked[url] for url in github})
    return results
