"""What the link checker found out about one URL."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

LinkState = Literal["alive", "dead", "redirect", "blocked", "skipped", "excluded"]
# Results worth reusing from the cache: the others are checked again on every run.
LIVE_STATES: frozenset[str] = frozenset({"alive", "redirect"})


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
