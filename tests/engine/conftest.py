from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

SiteMaker = Callable[..., Path]


@pytest.fixture
def make_site(tmp_path: Path) -> SiteMaker:
    """Write a tiny site: {relative path: text}, dedented; returns its root."""

    def make(files: dict[str, str]) -> Path:
        for relative, text in files.items():
            path = tmp_path / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return tmp_path

    return make
