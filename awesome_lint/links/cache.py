"""Live results kept between runs, so a second run requests only what may have changed.

The file is JSON: ``{"version": 1, "links": {URL: LinkStatus}}``. Live
results (alive, redirect) are kept for ``max_age`` days; dead ones for
``dead_max_age`` hours, so that a rerun right after a run asks nothing it just
asked, while the next day's run asks a dead link again (it may have come back).
Blocked and unchecked links are always asked again.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from pydantic import ValidationError

from awesome_lint.links.status import LIVE_STATES, LinkStatus

FORMAT_VERSION = 1
log = logging.getLogger(__name__)


class LinkCache:
    def __init__(
        self,
        path: Path,
        entries: dict[str, LinkStatus],
        max_age_days: float,
        now: float,
        dead_max_age_hours: float = 0.0,
    ):
        self.path = path
        self.entries = entries
        self.max_age = max_age_days * 86400.0
        self.dead_max_age = dead_max_age_hours * 3600.0
        self.now = now

    @classmethod
    def load(
        cls,
        path: str | os.PathLike,
        max_age_days: float,
        now: float,
        dead_max_age_hours: float = 0.0,
    ) -> LinkCache:
        """The cache at ``path``; an absent, unreadable or foreign file is an empty cache."""
        path = Path(path)
        entries: dict[str, LinkStatus] = {}
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            if raw.get("version") == FORMAT_VERSION:
                entries = {
                    url: LinkStatus.model_validate(item) for url, item in raw["links"].items()
                }
        except FileNotFoundError:
            pass
        except (OSError, ValueError, AttributeError, KeyError, TypeError, ValidationError) as error:
            log.warning("ignoring the link cache %s: %s", path, error)
        cache = cls(path, {}, max_age_days, now, dead_max_age_hours)
        cache.entries = {url: status for url, status in entries.items() if cache.fresh(status)}
        return cache

    def _kept(self, status: LinkStatus) -> float:
        """How long ``status`` may be reused, in seconds."""
        if status.state in LIVE_STATES:
            return self.max_age
        return self.dead_max_age if status.state == "dead" else 0.0

    def fresh(self, status: LinkStatus) -> bool:
        return 0 <= self.now - status.checked_at < self._kept(status)

    def get(self, url: str) -> LinkStatus | None:
        """A fresh result for ``url``, marked as coming from the cache."""
        status = self.entries.get(url)
        return status.model_copy(update={"from_cache": True}) if status else None

    def save(self, results: Iterable[LinkStatus]) -> None:
        """Keep this run's lasting results with the fresh old ones; forget the others."""
        for status in results:
            if status.from_cache:
                continue
            if status.state in LIVE_STATES or status.state == "dead":
                self.entries[status.url] = status
            else:
                self.entries.pop(status.url, None)
        payload = {
            "version": FORMAT_VERSION,
            "links": {
                url: status.model_dump(exclude={"from_cache"})
                for url, status in sorted(self.entries.items())
            },
        }
        written = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Written aside and renamed, so a run that is killed leaves the old file whole.
            with tempfile.NamedTemporaryFile(
                "w", encoding="utf-8", dir=self.path.parent, suffix=".tmp", delete=False
            ) as handle:
                written = handle.name
                json.dump(payload, handle, indent=1)
            os.replace(written, self.path)
        except OSError as error:
            log.warning("could not write the link cache %s: %s", self.path, error)
            if written is not None:
                Path(written).unlink(missing_ok=True)
