"""Run the snippets a build needs: cache hits first, the rest in parallel on the workers."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from .cache import Cache, cache_key, environment_fingerprint
from .model import RunResult, Snippet
from .pool import Job, WorkerPool
from .settings import RunSettings


@dataclass(frozen=True)
class Runs:
    """Results by snippet path, and how many ran versus came from the cache."""

    results: dict[str, RunResult]
    ran: int
    cached: int


def settings_for(path: str, snippets: list[Snippet], base: RunSettings) -> RunSettings:
    """A block may raise its timeout (```output timeout=120); a file used twice gets the largest."""
    timeouts = [s.output.timeout for s in snippets if s.path == path and s.output.timeout is not None]
    return dataclasses.replace(base, timeout=max(timeouts)) if timeouts else base


def run_snippets(
    snippets: list[Snippet],
    *,
    root: Path,
    cache: Cache,
    pool: WorkerPool,
    settings: RunSettings = RunSettings(),
    fingerprint: dict[str, str] | None = None,
) -> Runs:
    fingerprint = fingerprint or environment_fingerprint()
    results: dict[str, RunResult] = {}
    pending: list[tuple[str, str, Job]] = []
    for path in dict.fromkeys(s.path for s in snippets):
        own = settings_for(path, snippets, settings)
        key = cache_key(root / path, settings=own, fingerprint=fingerprint)
        hit = cache.get(key)
        if hit is not None:
            results[path] = hit
        else:
            pending.append((path, key, Job((root / path).resolve(), path, own)))
    for (path, key, _), result in zip(pending, pool.run([job for _, _, job in pending])):
        results[path] = result
        if result.error is None:
            cache.put(key, result)
    return Runs(results, ran=len(pending), cached=len(results) - len(pending))
