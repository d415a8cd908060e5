"""The edge between a parsed list and the link checker: which URLs to ask about, where to cache.

Kept apart from the rules (which only read results) and from the checker (which
knows nothing of Markdown), so that a run without ``--links`` imports neither.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

from awesome_lint.tree.nodes import Document, Link

DEFAULT_CACHE = Path(".awesome-lint-cache") / "links.json"


def checkable(link: Link) -> bool:
    return link.url.startswith(("http://", "https://"))


def links_to_check(doc: Document, lines: set[int] | None = None) -> list[str]:
    """Unique http(s) URLs of the document, in order; only those on ``lines`` when given."""
    return list(dict.fromkeys(l.url for l in doc.links if checkable(l) and (lines is None or l.line in lines)))


def cache_path(config_cache: str | None, config_file: str | None) -> Path:
    """The configured cache (relative to its config file), else .awesome-lint-cache/ in the current folder."""
    if config_cache:
        path = Path(config_cache)
        if not path.is_absolute() and config_file:
            path = Path(config_file).resolve().parent / path
        return path
    return DEFAULT_CACHE


def check_document_links(urls: list[str], settings, cache: Path, progress: Callable[[int, int], None] | None = None) -> dict:
    """Each URL's LinkStatus; a line on stderr counts the links not checked, by why (nothing is silent)."""
    from awesome_lint.links import check_links
    from awesome_lint.links.github import find_token
    from awesome_lint.links.status import not_checked_summary

    results = check_links(urls, settings, cache_path=cache, token=find_token(), progress=progress)
    summary = not_checked_summary(results)
    if summary is not None:
        print(f"awesome-lint: {summary}; each is an info note of link-not-checked", file=sys.stderr)
    return results
