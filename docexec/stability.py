"""Nondeterminism check: run every snippet again with another thread count, hash seed and arithmetic.

The second run uses one more thread, the next hash seed, and no vector instructions in torch, MKL
and oneDNN (as on a CPU with other vector units: sums are added in another order). An output that
changes between the two runs would make the page flaky (a reader, CI or another machine gets
something else), so it is reported like a mismatch, with the diff.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from .cache import Cache
from .compare import normalise, unified_diff
from .model import Problem, Snippet
from .pool import WorkerPool
from .run import run_snippets
from .settings import RunSettings


def find_unstable_outputs(
    snippets: list[Snippet],
    *,
    root: Path,
    cache: Cache,
    pool: WorkerPool,
    settings: RunSettings = RunSettings(),
    fingerprint: dict[str, str] | None = None,
) -> list[Problem]:
    other = dataclasses.replace(
        settings, threads=settings.threads + 1, hash_seed=settings.hash_seed + 1, vector_instructions=False
    )
    runs = [
        run_snippets(snippets, root=root, cache=cache, pool=pool, settings=each, fingerprint=fingerprint).results
        for each in (settings, other)
    ]
    first, second = runs
    problems = []
    for path in dict.fromkeys(s.path for s in snippets):
        a, b = first[path], second[path]
        if a.error or b.error or (normalise(a.stdout) == normalise(b.stdout) and same_figures(a.figures, b.figures)):
            continue  # a failure is reported by the ordinary check
        where = next(str(s.location) for s in snippets if s.path == path)
        detail = (
            unified_diff(a.stdout, b.stdout, documented_label=_label(settings), actual_label=_label(other))
            or "the figures differ between the two runs"
        )
        problems.append(
            Problem(
                where,
                "output changes from one run to the next",
                snippet=path,
                detail=detail,
                fix="make it deterministic: set seeds visibly (torch.manual_seed), sort sets and dict keys before "
                "printing, print no times, ids or memory addresses, and print no digit that depends on the order "
                "floating-point sums are added in (round further, or leave out a result that rounding decides, "
                "such as a diverging training run or a tie between two minima)",
            )
        )
    return problems


# A figure's coordinates may move this much (in SVG units, points) between the two runs: far below
# a pixel, so the reader sees the same picture; a curve that really changed moves much further.
FIGURE_TOLERANCE = 0.01
_DECIMAL = re.compile(r"-?\d+\.\d+")


def same_figures(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    """The same SVG text apart from decimal numbers, and those within FIGURE_TOLERANCE of each other."""
    if len(first) != len(second):
        return False
    for a, b in zip(first, second):
        if _DECIMAL.split(a) != _DECIMAL.split(b):
            return False
        if any(abs(float(x) - float(y)) > FIGURE_TOLERANCE for x, y in zip(_DECIMAL.findall(a), _DECIMAL.findall(b))):
            return False
    return True


def _label(settings: RunSettings) -> str:
    vectors = "vector instructions" if settings.vector_instructions else "no vector instructions"
    return f"threads={settings.threads} PYTHONHASHSEED={settings.hash_seed}, {vectors}"
