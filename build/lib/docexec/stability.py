"""Nondeterminism check: run every snippet again with another thread count and hash seed.

An output that changes between the two runs would make the page flaky (a reader, CI or another
machine gets something else), so it is reported like a mismatch, with the diff.
"""

from __future__ import annotations

import dataclasses
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
    other = dataclasses.replace(settings, threads=settings.threads + 1, hash_seed=settings.hash_seed + 1)
    runs = [
        run_snippets(snippets, root=root, cache=cache, pool=pool, settings=each, fingerprint=fingerprint).results
        for each in (settings, other)
    ]
    first, second = runs
    problems = []
    for path in dict.fromkeys(s.path for s in snippets):
        a, b = first[path], second[path]
        if a.error or b.error or (normalise(a.stdout) == normalise(b.stdout) and a.figures == b.figures):
            continue  # a failure is reported by the ordinary check
        where = next(str(s.location) for s in snippets if s.path == path)
        label = "threads={} PYTHONHASHSEED={}"
        detail = (
            unified_diff(
                a.stdout,
                b.stdout,
                documented_label=label.format(settings.threads, settings.hash_seed),
                actual_label=label.format(other.threads, other.hash_seed),
            )
            or "the figures differ between the two runs"
        )
        problems.append(
            Problem(
                where,
                "output changes from one run to the next",
                snippet=path,
                detail=detail,
                fix="make it deterministic: set seeds visibly (torch.manual_seed), sort sets and dict keys before "
                "printing, and print no times, ids or memory addresses",
            )
        )
    return problems
