"""The online link checker behind ``awesome-lint check --links``.

Importing this package does not import requests: that happens on the first
call of :func:`check_links`, so a run without ``--links`` starts fast.
"""

from awesome_lint.links.checker import check_links
from awesome_lint.links.config import LinksConfig
from awesome_lint.links.github import token_allowed
from awesome_lint.links.status import LinkStatus

__all__ = ["LinkStatus", "LinksConfig", "check_links", "token_allowed"]
