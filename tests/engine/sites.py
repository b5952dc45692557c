"""Helpers that write tiny sites for the engine tests."""

from __future__ import annotations

import subprocess
import sys


def page_with(*blocks: tuple[str, str]) -> str:
    """A page embedding each (snippet path, documented output) pair."""
    parts = ["# Test page", ""]
    for path, output in blocks:
        parts += ["```python", f'--8<-- "{path}"', "```", "", "```output", output, "```", ""]
    return "\n".join(parts)


MKDOCS_YML = """\
site_name: t
plugins:
  - docexec:
      language: zh
markdown_extensions:
  - attr_list
  - pymdownx.superfences
  - pymdownx.highlight
  - pymdownx.snippets:
      base_path: ["."]
      check_paths: true
"""


def mkdocs_build(root, *options: str, python_options: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    """`mkdocs build` with the running Python, in the tiny site at ``root``."""
    return subprocess.run(
        [sys.executable, *python_options, "-m", "mkdocs", "build", *options],
        cwd=root,
        check=False,
        capture_output=True,
        encoding="utf-8",
        timeout=300,
    )
