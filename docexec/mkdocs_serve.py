"""`mkdocs serve` side of the plugin: runs in the background, so no page waits for a snippet.

A rebuild asks ``BackgroundRuns.lookup`` for the snippets it shows. What is known (an earlier run in
this session, or the cache on disk) comes back at once; the rest is queued and run on a thread, and
the page shows its documented output with a quiet 「正在运行示例…」 until then. When a batch ends,
``on_done`` asks the server for another rebuild, which finds the results and shows the verdict.

Results are kept in memory by cache key, failures included (the disk cache keeps clean runs only),
so the rebuild a failure triggers shows it instead of running the snippet again.

Until the pool can run jobs without blocking and cancel one of them (see the plugin's docstring),
batches run one after another, and a snippet saved again while its old version has run for more
than CANCEL_AFTER stops the whole batch by ending the worker (``cancel``): the other snippets of
that batch run again, and the next run waits for a new worker to import torch. A hanging snippet
that nobody saves again delays the runs queued behind it until its timeout.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .cache import Cache, cache_key, environment_fingerprint
from .model import RunResult, Snippet
from .pool import WorkerPool
from .run import run_snippets, settings_for
from .settings import RunSettings

log = logging.getLogger("mkdocs.plugins.docexec")
KEPT_RESULTS = 2000  # results of earlier saves kept in memory; plenty for one session's edits
CANCEL_AFTER = 2.0  # seconds a stale run may go on before it is stopped (a quick one just finishes)


@dataclass(frozen=True)
class Lookup:
    """Each snippet path's cache key for this build, and the results already known by key."""

    keys: dict[str, str]
    known: dict[str, RunResult]

    def result(self, path: str) -> RunResult | None:
        return self.known.get(self.keys.get(path, ""))


class BackgroundRuns:
    def __init__(
        self,
        *,
        root: Path,
        cache: Cache,
        pool: WorkerPool,
        settings: RunSettings,
        on_done: Callable[[], None],
        cancel: Callable[[], None] | None = None,
    ) -> None:
        self.root = root
        self.cache = cache
        self.pool = pool
        self.settings = settings
        self.on_done = on_done
        self.cancel = cancel  # stops every run in flight at once (they are then run again if still wanted)
        self._fingerprint = environment_fingerprint()
        self._results: dict[str, RunResult] = {}  # by cache key
        self._queued: dict[str, list[Snippet]] = {}  # cache key -> the snippets of one file
        self._running: dict[str, str] = {}  # cache key -> snippet path, of the batch in flight
        self._started = 0.0  # when the batch in flight started (time.monotonic)
        self._cancelled = False
        self._awaited: set[str] = set()  # keys a build showed as running: their results need a rebuild
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._closed = False

    def key(self, path: str, snippets: list[Snippet]) -> str:
        own = settings_for(path, snippets, self.settings)
        return cache_key(self.root / path, settings=own, fingerprint=self._fingerprint)

    def lookup(self, snippets: list[Snippet], *, for_build: bool = True) -> Lookup:
        """Known results now; everything else queued to run in the background.

        ``for_build``: a page will show the unknown ones as running, so their results call ``on_done``
        (a rebuild); a lookup that only starts runs early (a snippet was just saved) asks for none.
        """
        keys: dict[str, str] = {}
        for path in dict.fromkeys(s.path for s in snippets):
            try:
                keys[path] = self.key(path, snippets)
            except OSError:  # deleted since discovery; the next rebuild sees it gone
                continue
        with self._lock:
            for path, key in keys.items():
                if key in self._results or key in self._running or key in self._queued:
                    continue
                # Saved again while its old content still runs (a long or hanging run): stop that run.
                stale = any(p == path for p in self._running.values())
                if stale and time.monotonic() - self._started > CANCEL_AFTER and self.cancel and not self._cancelled:
                    # Under the lock: the batch cannot end and the next one start before the cancel lands.
                    log.info("docexec: a snippet was saved again while its old version ran: that run is stopped")
                    self._cancelled = True
                    self.cancel()
                hit = self.cache.get(key)
                if hit is not None:
                    self._results[key] = hit
                else:
                    self._queued[key] = [s for s in snippets if s.path == path]
            known = {key: self._results[key] for key in keys.values() if key in self._results}
            if for_build:
                self._awaited |= {key for key in keys.values() if key not in known}
            if self._queued and (self._thread is None or not self._thread.is_alive()) and not self._closed:
                self._thread = threading.Thread(target=self._work, name="docexec-serve-runs", daemon=True)
                self._thread.start()
        return Lookup(keys, known)

    def busy(self) -> bool:
        with self._lock:
            return bool(self._running or self._queued)

    def pending(self, lookup: Lookup) -> list[str]:
        return [path for path, key in lookup.keys.items() if key not in lookup.known]

    def _work(self) -> None:
        while True:
            with self._lock:
                if not self._queued or self._closed:
                    self._thread = None
                    return
                batch = self._queued
                self._queued = {}
                self._running = {key: group[0].path for key, group in batch.items()}
                self._started = time.monotonic()
            snippets = [s for group in batch.values() for s in group]
            try:
                runs = run_snippets(snippets, root=self.root, cache=self.cache, pool=self.pool, settings=self.settings)
            except Exception as error:  # noqa: BLE001 - serve must go on; the page shows the failure
                log.info(f"docexec: running {len(batch)} snippet(s) failed: {error!r}")
                runs = None
            with self._lock:
                for key, group in batch.items():
                    path = group[0].path
                    result = runs.results.get(path) if runs else RunResult(stdout="", error="the runner failed")
                    # Saved again while it ran? Then this result is for content that is gone: drop it.
                    if result is None or self._current_key(path, group) != key:
                        continue
                    if self._cancelled and result.error is not None:
                        self._queued.setdefault(key, group)  # stopped with the others: run it again
                    else:
                        self._results[key] = result
                self._running = {}
                self._cancelled = False
                finished = set(batch) - set(self._queued)  # not those queued again after a cancel
                awaited = bool(self._awaited & finished)
                self._awaited -= finished
                while len(self._results) > KEPT_RESULTS:
                    del self._results[next(iter(self._results))]
                closed = self._closed
            if awaited and not closed:
                self.on_done()

    def _current_key(self, path: str, snippets: list[Snippet]) -> str | None:
        try:
            return self.key(path, snippets)
        except OSError:
            return None

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._queued = {}


def request_rebuild(server, signal_file: Path) -> None:
    """Ask `mkdocs serve` to rebuild now, as its file watcher does when a file changes.

    MkDocs (1.6) has no public call for this; its watcher sets ``_want_rebuild`` under
    ``_rebuild_cond``, and so do we. Should those names change, writing a file the server watches
    (``signal_file``, registered in on_serve) does the same a polling interval later.
    """
    condition = getattr(server, "_rebuild_cond", None)
    if condition is not None and hasattr(server, "_want_rebuild"):
        with condition:
            server._want_rebuild = True
            condition.notify_all()
        return
    signal_file.parent.mkdir(parents=True, exist_ok=True)
    signal_file.write_text(str(threading.get_ident()), encoding="utf-8")


def watches_privately(server) -> bool:
    """True when ``request_rebuild`` can reach the server directly (no signal file needed)."""
    return getattr(server, "_rebuild_cond", None) is not None and hasattr(server, "_want_rebuild")


def end_worker_now(pool: WorkerPool) -> None:
    """Stop the pool's worker and every snippet it is running, without waiting for their timeouts.

    Stopping serve must not wait for a hanging snippet, and nothing it started may outlive it. The
    pool (as of now) closes by waiting for its worker under the lock a running batch holds, and the
    worker's snippets run in process groups of their own; so their groups are ended first, from
    /proc, then the worker. A no-op where /proc is missing. To be replaced by a pool call that
    cancels what runs (see the plugin's docstring).
    """
    worker = getattr(pool, "_worker", None)
    process = getattr(worker, "process", None)
    if process is None or process.poll() is not None:
        return
    for child in _children(process.pid):
        with contextlib.suppress(OSError):
            os.killpg(child, signal.SIGKILL)  # each snippet leads its own process group
    with contextlib.suppress(OSError):
        process.kill()


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def poll_faster(server, interval: float) -> None:
    """Let the server notice a saved file within ``interval`` seconds instead of MkDocs's 0.5 s.

    MkDocs polls (portable, and safe with editors that save by renaming) every 0.5 s; polling a few
    hundred files every 0.1 s costs next to nothing. The server has no setting for it, so its
    observer is replaced before it starts, and the paths it watched so far are watched again on
    the new one. Left as it is when the server's internals are not the expected ones.
    """
    from watchdog.observers.polling import PollingObserver

    watched = getattr(server, "_watched_paths", None)
    old = getattr(server, "observer", None)
    if not isinstance(watched, dict) or not isinstance(old, PollingObserver) or old.is_alive():
        return
    paths = {path: count for path, count in watched.items()}
    for path, count in paths.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = PollingObserver(timeout=interval)
    for path, count in paths.items():
        for _ in range(count):
            server.watch(path)
