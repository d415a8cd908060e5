"""awesome-lint: a linter for curated awesome lists."""

__version__ = "0.1.0"
