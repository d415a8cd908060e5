"""The community files GitHub looks for next to a README: contributing guide, code of conduct.

GitHub finds them in the repository's root, ``.github/`` or ``docs/``, whatever
their case and with or without an extension. Files are read through the
functions a :class:`Folder` gives (the session supplies them), so the rules stay pure.
"""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Callable
from typing import Protocol

class Folder(Protocol):
    """Where the list lives, as the rules may see it: its folder, and a way to read or test files in it."""

    @property
    def base_dir(self) -> str | None: ...
    @property
    def read(self) -> Callable[[str], bytes | None] | None: ...
    @property
    def exists(self) -> Callable[[str], bool] | None: ...


FOLDERS = ("", ".github/", "docs/")
EXTENSIONS = (".md", ".markdown", ".rst", ".txt", "")


@dataclass(frozen=True)
class CommunityFile:
    path: str  # relative to the list's folder, as found
    content: bytes | None  # None when it exists but could not be read (no ``read`` in the context)

    @property
    def text(self) -> str:
        return (self.content or b"").decode("utf-8", errors="replace")


def spellings(name: str) -> list[str]:
    """'code_of_conduct' -> CODE_OF_CONDUCT, code_of_conduct, Code_Of_Conduct, and the same with '-'."""
    out: list[str] = []
    for joined in (name, name.replace("_", "-")):
        for variant in (joined.upper(), joined.lower(), "_".join(w.capitalize() for w in joined.split("_")), joined.capitalize()):
            if variant not in out:
                out.append(variant)
    return out


def find_community_file(context: Folder | None, name: str) -> CommunityFile | None:
    """The first file named like ``name`` in the places GitHub looks; None when there is none or no way to look."""
    if context is None or context.base_dir is None or (context.read is None and context.exists is None):
        return None
    for folder in FOLDERS:
        for stem in spellings(name):
            for extension in EXTENSIONS:
                path = f"{folder}{stem}{extension}"
                if context.read is not None:
                    content = context.read(path)
                    if content is not None:
                        return CommunityFile(path, content)
                elif context.exists is not None and context.exists(path):
                    return CommunityFile(path, None)
    return None


def searchable(context: Folder | None) -> bool:
    """Can the rules see the files next to the list (not when it comes from stdin without a folder)?"""
    return context is not None and context.base_dir is not None and (context.read is not None or context.exists is not None)
