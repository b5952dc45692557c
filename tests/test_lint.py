"""ruff keeps the code one style; every ignore in the code says why."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT

PATHS = ["docexec", "sitemath", "tests", "snippets", "bench", "scripts", "hooks"]


def ruff(*args: str) -> subprocess.CompletedProcess[str]:
    existing = [p for p in PATHS if (ROOT / p).exists()]
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args, *existing],
        cwd=ROOT,
        check=False,
        capture_output=True,
        encoding="utf-8",
        timeout=120,
    )


def test_ruff_check() -> None:
    result = ruff("check", "--output-format", "concise")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format() -> None:
    result = ruff("format", "--check")
    assert result.returncode == 0, result.stdout + result.stderr
