from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from docexec import WorkerPool
from docexec.config import load_config
from docexec.pool import pool_for

ROOT = Path(__file__).resolve().parents[1]
# Whole files that build the real site, run notebooks in kernels, drive a browser or serve: `-m "not slow"`
# leaves them out (README: the fast layer). Single slow tests elsewhere carry @pytest.mark.slow.
SLOW_FILES = {"test_site_build.py", "test_notebooks.py", "test_serve.py", "test_example_site.py", "test_snippets.py"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "browser" in item.path.parts:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)
        elif item.path.name in SLOW_FILES:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def worker_pool() -> Iterator[WorkerPool]:
    """One pool for the whole session, set up as the site's mkdocs.yml asks: its worker imports torch once."""
    with pool_for(load_config(ROOT / "mkdocs.yml")) as pool:
        yield pool


@dataclass(frozen=True)
class BuiltSite:
    directory: Path
    log: str


def build_site(directory: Path, **env: str) -> BuiltSite:
    """`mkdocs build --strict` of the real site into ``directory``, with extra environment variables."""
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(directory)],
        cwd=ROOT,
        env={**os.environ, **env},
        check=False,
        capture_output=True,
        encoding="utf-8",
        timeout=600,
    )
    if build.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{build.stderr}", pytrace=False)
    return BuiltSite(directory, build.stderr)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The real site, built once with --strict into a temp folder (snippet results come from .cache/)."""
    return build_site(tmp_path_factory.mktemp("site"))
