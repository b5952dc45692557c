"""Run the snippets a build needs: cache hits first, the rest in parallel on the workers."""

from __future__ import annotations

import dataclasses
from concurrent.futures import Future
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


@dataclass(frozen=True)
class PendingRuns:
    """Runs started but not waited for (``mkdocs serve``): a future per snippet path."""

    futures: dict[str, Future[RunResult]]
    ran: int
    cached: int
    pool: WorkerPool | None = None
    started: dict[str, Future[RunResult]] = dataclasses.field(default_factory=dict)  # the pool's own futures

    def cancel(self, paths: set[str]) -> None:
        """Stop these snippets if they still run (a newer edit replaces them); they answer as cancelled."""
        if self.pool is not None:
            self.pool.cancel([future for path, future in self.started.items() if path in paths])

    def ready(self) -> dict[str, RunResult]:
        """The results that have arrived so far."""
        return {path: future.result() for path, future in self.futures.items() if future.done()}

    def wait(self) -> Runs:
        return Runs({path: future.result() for path, future in self.futures.items()}, self.ran, self.cached)


def _plan(
    snippets: list[Snippet], root: Path, cache: Cache, settings: RunSettings, fingerprint: dict[str, str] | None
) -> tuple[dict[str, RunResult], list[tuple[str, str, Job]]]:
    """Cache hits, and the jobs (path, key, job) for the rest."""
    fingerprint = fingerprint or environment_fingerprint()
    hits: dict[str, RunResult] = {}
    pending: list[tuple[str, str, Job]] = []
    for path in dict.fromkeys(s.path for s in snippets):
        own = settings_for(path, snippets, settings)
        key = cache_key(root, path, settings=own, fingerprint=fingerprint)
        hit = cache.get(key, root=root)
        if hit is not None:
            hits[path] = hit
        else:
            pending.append((path, key, Job((root / path).resolve(), path, own, root.resolve())))
    return hits, pending


def start_snippets(
    snippets: list[Snippet],
    *,
    root: Path,
    cache: Cache,
    pool: WorkerPool,
    settings: RunSettings = RunSettings(),
    fingerprint: dict[str, str] | None = None,
) -> PendingRuns:
    """Like ``run_snippets``, but returns at once: cache hits are done, the rest arrive as they finish."""
    hits, pending = _plan(snippets, root, cache, settings, fingerprint)
    futures: dict[str, Future[RunResult]] = {}
    started_futures: dict[str, Future[RunResult]] = {}
    for path, result in hits.items():
        futures[path] = Future()
        futures[path].set_result(result)
    for (path, key, _), started in zip(pending, pool.submit([job for _, _, job in pending])):
        futures[path] = stored(started, key, cache)
        started_futures[path] = started
    return PendingRuns(futures, ran=len(pending), cached=len(hits), pool=pool, started=started_futures)


def stored(started: Future[RunResult], key: str, cache: Cache) -> Future[RunResult]:
    """A future for the run's result once its figures are made inert and it is cached under ``key``."""
    finished: Future[RunResult] = Future()

    def store(done: Future[RunResult]) -> None:
        try:
            result = inert_figures(done.result())
            cache.put(key, result)
        except Exception as error:  # noqa: BLE001 -- a full disk, say: whoever waits must not hang
            finished.set_exception(error)
        else:
            finished.set_result(result)

    started.add_done_callback(store)
    return finished


def run_snippets(
    snippets: list[Snippet],
    *,
    root: Path,
    cache: Cache,
    pool: WorkerPool,
    settings: RunSettings = RunSettings(),
    fingerprint: dict[str, str] | None = None,
) -> Runs:
    """Run (or take from the cache) every snippet, and wait for all of them."""
    results, pending = _plan(snippets, root, cache, settings, fingerprint)
    for (path, key, _), result in zip(pending, pool.run([job for _, _, job in pending])):
        results[path] = result = inert_figures(result)
        cache.put(key, result)
    return Runs(results, ran=len(pending), cached=len(results) - len(pending))


def inert_figures(result: RunResult) -> RunResult:
    """Figures come from the snippet's own process: made inert before any page or notebook shows them."""
    try:
        return dataclasses.replace(result, figures=tuple(make_inert(svg) for svg in result.figures))
    except UnsafeFigure as unsafe:
        return dataclasses.replace(result, figures=(), error=result.error or f"its figure was refused: {unsafe}")
