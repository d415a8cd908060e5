"""The ``[tool.awesome-lint.links]`` options: what the online link checker may do."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

GITHUB_GRAPHQL = "https://api.github.com/graphql"


class LinksConfig(BaseModel):
    """Options of ``awesome-lint check --links``."""

    model_config = ConfigDict(extra="forbid", strict=True)

    enabled: bool = Field(
        default=False,
        description="Check links online on every run, as if --links were given.",
    )
    concurrency: int = Field(
        default=32, ge=1, description="How many requests may be in flight at once, in all."
    )
    per_host: int = Field(
        default=8, ge=1, description="How many requests may be in flight at once to one host."
    )
    timeout: float = Field(
        default=10.0,
        gt=0,
        description=(
            "Seconds one exchange may take in all: connecting, the headers and the "
            "(bounded) body read together; a link without an answer in time is not checked."
        ),
    )
    max_time: float = Field(
        default=300.0,
        gt=0,
        description=(
            "Seconds the whole link check may take; links still unsettled then are "
            "reported as not checked."
        ),
    )
    retries: int = Field(
        default=2,
        ge=0,
        description=(
            "Extra attempts after an answer that may pass: 429, 502, 503, 504, "
            "a timeout or a reset connection."
        ),
    )
    accept: list[int] = Field(
        default_factory=list,
        description=(
            "Status codes that count as a live link besides 200-299, "
            "e.g. [403] for a site that refuses robots."
        ),
    )
    exclude: list[str] = Field(
        default_factory=list,
        description="Regular expressions (re.search); a URL that one matches is not requested.",
    )
    allow_private: bool = Field(
        default=False,
        description=(
            "Not in a config file (a pull request could switch it on): --allow-private or "
            "AWESOME_LINT_ALLOW_PRIVATE=1 also request loopback, private, link-local and "
            "reserved addresses (cloud metadata addresses stay refused)."
        ),
    )
    cache: str | None = Field(
        default=None,
        description=(
            "Where results are kept between runs (a JSON file); "
            "a relative path is relative to the config file; unset means "
            ".awesome-lint-cache/links.json in the current folder."
        ),
    )
    max_age: float = Field(
        default=7.0,
        ge=0,
        description=(
            "Days a live result is reused from the cache."
        ),
    )
    dead_max_age: float = Field(
        default=1.0,
        ge=0,
        description=(
            "Hours a dead result is reused from the cache, so that a rerun soon after "
            "asks nothing it just asked; 0: dead links are asked on every run. "
            "Blocked and unchecked links are always asked again."
        ),
    )
    github_token_for_pages: bool = Field(
        default=False,
        description=(
            "Also send the GitHub token with requests to https://github.com pages; "
            "by default it goes only to https://api.github.com."
        ),
    )
    github_api: str = Field(
        default=GITHUB_GRAPHQL,
        description=(
            "Advanced: the GitHub GraphQL endpoint for repository links. "
            "The token is sent only if this is https://api.github.com."
        ),
    )

    @field_validator("allow_private")
    @classmethod
    def _not_from_a_file(cls, allow: bool) -> bool:
        # A config file is part of the repository, so a pull request could switch this on
        # and have CI request the internal network. Code that means it uses model_copy.
        if allow:
            raise PydanticCustomError(
                "command_line_only",
                "allow_private cannot be set in a config file, where a pull request could "
                "switch it on: use --allow-private or AWESOME_LINT_ALLOW_PRIVATE=1",
            )
        return allow

    def trusted(self, *, allow_private: bool) -> LinksConfig:
        """These options with the switches only the command line or the environment may set."""
        return self.model_copy(update={"allow_private": allow_private})

    @field_validator("accept")
    @classmethod
    def _status_codes(cls, codes: list[int]) -> list[int]:
        bad = [code for code in codes if not 100 <= code <= 999]
        if bad:
            raise ValueError(f"status codes are 100-999, not {bad[0]}")
        return codes

    @field_validator("exclude")
    @classmethod
    def _regexes(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as error:
                raise ValueError(f"{pattern!r} is not a regular expression: {error}") from None
        return patterns
