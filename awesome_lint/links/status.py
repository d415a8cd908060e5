"""What the link checker found out about one URL."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

LinkState = Literal["alive", "dead", "redirect", "blocked", "skipped", "excluded", "unchecked"]
# Results worth reusing from the cache for days; dead ones are kept for an hour or so
# (``dead_max_age``), the others are checked again on every run.
LIVE_STATES: frozenset[str] = frozenset({"alive", "redirect"})
# Links that were not asked, or got no answer in time: reported by ``link-not-checked``.
# ``skipped``: refused (private or metadata address, a redirect to one, not http);
# ``excluded``: matches [links] exclude; ``unchecked``: a deadline or a wait beyond the run.
NOT_CHECKED_STATES: frozenset[str] = frozenset({"skipped", "excluded", "unchecked"})


class LinkStatus(BaseModel):
    """One URL's state: ``dead`` only when surely dead, ``blocked`` when the site would not say."""

    model_config = ConfigDict(extra="forbid")

    url: str
    state: LinkState
    status: int | None = None  # the last HTTP status seen
    final_url: str | None = None  # where a permanent redirect (or a renamed repository) leads
    reason: str = ""  # for people: "404 Not Found", "connection refused", ...
    archived: bool = False  # a GitHub repository marked archived
    renamed_to: str | None = None  # a GitHub repository's new OWNER/NAME
    checked_at: float = 0.0  # time.time() of the check
    from_cache: bool = False

    @property
    def moved_to(self) -> str | None:
        """Where the URL now lives: a permanent redirect's target, or a renamed repository's address."""
        return self.final_url if self.state == "redirect" else None


def why_not_checked(status: LinkStatus) -> str:
    """A short name for why a link in :data:`NOT_CHECKED_STATES` was not checked, for the summary."""
    reason = status.reason
    if status.state == "excluded":
        return "excluded"
    if status.state == "skipped":
        if reason.startswith("redirects to"):
            return "redirect refused"
        if "metadata address" in reason:
            return "metadata address"
        if "private address" in reason:
            return "private address"
        return "not requestable"
    if "asked to wait" in reason:
        return "asked to wait too long"
    if "max_time" in reason:
        return "run's max_time"
    if "answer within" in reason or "timed out" in reason:
        return "no answer in time"
    return "not checked"


def not_checked_summary(results: dict[str, LinkStatus]) -> str | None:
    """``3 of 40 links not checked (2 private address, 1 excluded)``, or None when all were."""
    counts: dict[str, int] = {}
    for status in results.values():
        if status.state in NOT_CHECKED_STATES:
            kind = why_not_checked(status)
            counts[kind] = counts.get(kind, 0) + 1
    if not counts:
        return None
    total = sum(counts.values())
    parts = ", ".join(f"{count} {kind}" for kind, count in sorted(counts.items(), key=lambda item: -item[1]))
    return f"{total} of {len(results)} links not checked ({parts})"
