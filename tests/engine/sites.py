"""Helpers that write tiny sites for the engine tests."""

from __future__ import annotations


def page_with(*blocks: tuple[str, str]) -> str:
    """A page embedding each (snippet path, documented output) pair."""
    parts = ["# Test page", ""]
    for path, output in blocks:
        parts += ["```python", f'--8<-- "{path}"', "```", "", "```output", output, "```", ""]
    return "\n".join(parts)
