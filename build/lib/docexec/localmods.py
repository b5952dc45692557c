"""Which files next to a snippet it imports: they are part of its cache key and of 'used'."""

from __future__ import annotations

import ast
from pathlib import Path


def _imported_names(source: str) -> set[str]:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def local_modules(path: Path) -> list[Path]:
    """Modules in the snippet's own folder that it imports, directly or through each other, sorted."""
    folder = path.parent
    found: set[Path] = set()
    todo = [path]
    while todo:
        current = todo.pop()
        for name in _imported_names(current.read_text(encoding="utf-8", errors="replace")):
            for candidate in (folder / f"{name}.py", folder / name / "__init__.py"):
                if candidate.is_file() and candidate not in found and candidate != path:
                    found.add(candidate)
                    todo.append(candidate)
    return sorted(found)
