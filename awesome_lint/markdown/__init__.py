"""Markdown only, with positions: the one package that imports mistune; it knows nothing of entries."""
