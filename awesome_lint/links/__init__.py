"""The online link checker behind ``awesome-lint check --links``.

Importing this package imports nothing else: each name below loads its module
on first use, so a run without ``--links`` (which reads only
:class:`LinksConfig`, from ``awesome_lint.links.config``) pulls in neither the
checker's threads and HTTP machinery nor requests.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from awesome_lint.links.checker import check_links
    from awesome_lint.links.config import LinksConfig
    from awesome_lint.links.github import token_allowed
    from awesome_lint.links.status import LinkStatus

__all__ = ["LinkStatus", "LinksConfig", "check_links", "token_allowed"]

# name -> the module of this package that defines it
_HOMES = {"LinkStatus": "status", "LinksConfig": "config", "check_links": "checker", "token_allowed": "github"}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
