"""The package's layers: each folder imports only the layers below it.

A newcomer finds the parser in ``markdown/``, what an awesome list is in ``tree/``, facts in
``knowledge/``, the engine in ``lint/``, one module per rule in ``rules/``; this test keeps it so.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "awesome_lint"

# Layer -> the layers it may import (besides itself). Lower layers first.
ALLOWED: dict[str, set[str]] = {
    "markdown": set(),
    "knowledge": set(),
    "tree": {"markdown", "knowledge"},
    "links": {"knowledge"},
    "lint": {"markdown", "knowledge", "tree", "links"},
    "rules": {"markdown", "knowledge", "tree", "lint", "links"},
    "report": {"lint"},
}
# Modules at the top of the package: the application, which may import every layer.
TOP = {"cli", "session", "git", "init", "online", "github_repository", "__main__", "__init__"}


def layer_of(module: str) -> str:
    parts = module.split(".")
    assert parts[0] == "awesome_lint", module
    if len(parts) == 1:
        return "__init__"
    return parts[1]


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module) of every import of the package in a file, lazy ones included."""
    module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    package = module.rsplit(".", 1)[0] if path.name != "__init__.py" else module.removesuffix(".__init__")
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("awesome_lint"):
                if target == "awesome_lint":
                    found.extend((node.lineno, f"awesome_lint.{alias.name}") for alias in node.names)
                else:
                    found.append((node.lineno, target))
        elif isinstance(node, ast.Import):
            found.extend((node.lineno, a.name) for a in node.names if a.name.startswith("awesome_lint"))
    return found


FILES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_a_module_imports_only_the_layers_below_its_own(path: Path) -> None:
    rel = path.relative_to(PACKAGE)
    layer = rel.parts[0] if len(rel.parts) > 1 else rel.stem
    if layer in TOP:
        return
    assert layer in ALLOWED, f"{rel}: a folder that is no known layer; add it to ALLOWED"
    bad = []
    for line, target in imports(path):
        other = layer_of(target)
        if other == layer or target == "awesome_lint.__version__":
            continue
        if other not in ALLOWED[layer]:
            bad.append(f"{rel}:{line} imports {target} ({layer} may import only {sorted(ALLOWED[layer]) or 'nothing'})")
    assert not bad, "\n".join(bad)


def test_mistune_is_imported_only_by_the_markdown_layer() -> None:
    importers = []
    for path in FILES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if any(n.split(".")[0] == "mistune" for n in names):
                importers.append(str(path.relative_to(PACKAGE)))
    assert importers and all(p.startswith("markdown/") for p in importers), importers


def test_the_layer_test_catches_an_upward_import(tmp_path: Path) -> None:
    """The checker itself: a markdown module that imports the tree is caught."""
    fake = PACKAGE / "markdown" / "_layer_probe.py"
    try:
        fake.write_text("from awesome_lint.tree.nodes import Entry\n", encoding="utf-8")
        with pytest.raises(AssertionError, match="imports awesome_lint.tree.nodes"):
            test_a_module_imports_only_the_layers_below_its_own(fake)
    finally:
        fake.unlink()
