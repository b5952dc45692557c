"""Run the snippets a build needs: cache hits first, the rest in parallel on the workers."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from .cache import Cache, cache_key, environment_fingerprint
from .model import RunResult, Snippet
from .pool import Job, WorkerPool
from .settings import RunSettings
from .svg import UnsafeFigure, make_inert


@dataclass(frozen=True)
class Runs:
    """Results by snippet path, and how many ran versus came from the cache."""

    results: dict[str, RunResult]
    ran: int
    cached: int

    def used_files(self) -> set[str]:
        """Every file the runs read (imports, helper packages, data files): in use even if no page includes it."""
        return {path for result in self.results.values() for path, _ in result.reads}


def settings_for(path: str, snippets: list[Snippet], base: RunSettings) -> RunSettings:
    """A block may raise its timeout or memory, or open the network; a file used twice gets the most."""
    options = [s.output.options for s in snippets if s.path == path]
    timeouts = [o.timeout for o in options if o.timeout is not None]
    memories = [o.memory for o in options if o.memory is not None]
    return dataclasses.replace(
        base,
        timeout=max(timeouts) if timeouts else base.timeout,
        memory=max(memories) if memories else base.memory,
        network=base.network or any(o.network for o in options),
    )


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
        key = cache_key(root, path, settings=own, fingerprint=fingerprint)
        hit = cache.get(key, root=root)
        if hit is not None:
            results[path] = hit
        else:
            pending.append((path, key, Job((root / path).resolve(), path, own, root.resolve())))
    for (path, key, _), result in zip(pending, pool.run([job for _, _, job in pending])):
        results[path] = result = _inert_figures(result)
        cache.put(key, result)
    return Runs(results, ran=len(pending), cached=len(results) - len(pending))


def _inert_figures(result: RunResult) -> RunResult:
    """Figures come from the snippet's own process: made inert before any page or notebook shows them."""
    try:
        return dataclasses.replace(result, figures=tuple(make_inert(svg) for svg in result.figures))
    except UnsafeFigure as unsafe:
        return dataclasses.replace(result, figures=(), error=result.error or f"its figure was refused: {unsafe}")
