"""`mkdocs serve` side of the plugin: runs in the background, so no page waits for a snippet.

A rebuild asks ``BackgroundRuns.lookup`` for the snippets it shows. What is known (an earlier run in
this session, or the cache on disk) comes back at once; the rest is submitted to the pool, which
runs each snippet on its own, and the page shows its documented output with a quiet
「正在运行示例…」 until then. When a run ends, ``on_done`` asks the server for another rebuild,
which finds the result and shows the verdict.

A snippet saved again while its old version still runs has that run cancelled at once (the pool
kills it and whatever it started). A hanging snippet holds one of the pool's slots until its
timeout; the other snippets and every page go on.

Results are kept in memory by cache key, failures included (the disk cache keeps clean runs only),
so the rebuild a failure triggers shows it instead of running the snippet again.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

from .cache import Cache, cache_key
from .model import RunResult, Snippet
from .pool import CANCELLED, Job, WorkerPool
from .run import inert_figures, settings_for
from .settings import RunSettings

log = logging.getLogger("mkdocs.plugins.docexec")
KEPT_RESULTS = 2000  # results of earlier saves kept in memory; plenty for one session's edits


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
        fingerprint: dict[str, str],
        on_done: Callable[[], None],
    ) -> None:
        self.root = root
        self.cache = cache
        self.pool = pool
        self.settings = settings
        self.fingerprint = fingerprint
        self.on_done = on_done
        self._results: dict[str, RunResult] = {}  # by cache key
        self._running: dict[str, tuple[str, Future[RunResult]]] = {}  # cache key -> (snippet path, run)
        self._awaited: set[str] = set()  # keys a build showed as running: their results need a rebuild
        self._building = False  # a rebuild is under way: a result it may still show waits for its end
        self._ended_in_build: set[str] = set()  # awaited keys whose runs ended during the rebuild
        self._lock = threading.Lock()
        self._closed = False

    def key(self, path: str, snippets: list[Snippet]) -> str:
        return cache_key(
            self.root, path, settings=settings_for(path, snippets, self.settings), fingerprint=self.fingerprint
        )

    def lookup(self, snippets: list[Snippet], *, for_build: bool = True) -> Lookup:
        """Known results now; everything else started in the background (older runs of it cancelled).

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
                if key in self._results or key in self._running or self._closed:
                    continue
                stale = [run for k, (p, run) in self._running.items() if p == path and k != key]
                if stale:
                    log.info(f"docexec: {path} was saved again while its old version ran: that run is stopped")
                    self.pool.cancel(stale)
                hit = self.cache.get(key, root=self.root)
                if hit is not None:
                    self._results[key] = hit
                    continue
                own = settings_for(path, snippets, self.settings)
                (run,) = self.pool.submit([Job((self.root / path).resolve(), path, own, self.root)])
                self._running[key] = (path, run)
                run.add_done_callback(lambda done, key=key: self._finished(key, done))
            known = {key: self._results[key] for key in keys.values() if key in self._results}
            if for_build:
                self._awaited |= {key for key in keys.values() if key not in known}
        return Lookup(keys, known)

    def refresh(self, lookup: Lookup) -> Lookup:
        """The same lookup with the results that came in since it was made.

        A snippet saved just now runs while MkDocs waits for the saving to settle and starts the
        rebuild; a run that ends after the rebuild's lookup, before its pages are written, is shown
        by this rebuild instead of the next one. Nothing waits: a run still going stays running.
        """
        missing = [key for key in lookup.keys.values() if key not in lookup.known]
        if not missing:
            return lookup
        with self._lock:
            found = {key: self._results[key] for key in missing if key in self._results}
        return Lookup(lookup.keys, {**lookup.known, **found}) if found else lookup

    def _finished(self, key: str, run: Future[RunResult]) -> None:
        result = inert_figures(run.result())
        with self._lock:
            self._running.pop(key, None)
            awaited = key in self._awaited
            self._awaited.discard(key)
            cancelled = result.error == CANCELLED
            if not cancelled:
                self._results[key] = result  # shown from memory even if the disk cache cannot take it
                try:
                    self.cache.put(key, result)
                except OSError as error:
                    log.info(f"docexec: a result could not be cached ({error}); it is kept in memory")
            while len(self._results) > KEPT_RESULTS:
                del self._results[next(iter(self._results))]
            closed = self._closed
            deferred = awaited and not cancelled and self._building
            if deferred:  # the rebuild under way may show it (refresh): end_build decides
                self._ended_in_build.add(key)
        if awaited and not closed and not cancelled and not deferred:
            self.on_done()

    def begin_build(self) -> None:
        with self._lock:
            self._building = True
            self._ended_in_build.clear()

    def end_build(self, shown_running: set[str] | None) -> None:
        """The rebuild is over: ask for another only if a run that ended during it was shown as running
        on some page (written before its result came in); ``None`` (a failed rebuild): if any ended."""
        with self._lock:
            if not self._building:
                return
            self._building = False
            late = set(self._ended_in_build) if shown_running is None else self._ended_in_build & shown_running
            self._ended_in_build.clear()
            closed = self._closed
        if late and not closed:
            self.on_done()

    def busy(self) -> bool:
        with self._lock:
            return bool(self._running)

    def pending(self, lookup: Lookup) -> list[str]:
        return [path for path, key in lookup.keys.items() if key not in lookup.known]

    def close(self) -> None:
        """Stop every run in flight (Ctrl-C of serve): the pool kills them and all they started."""
        with self._lock:
            self._closed = True
            runs = [run for _, run in self._running.values()]
        self.pool.cancel(runs)


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


def poll_faster(server, interval: float, settle: float) -> None:
    """Let the server notice a saved file within ``interval`` seconds instead of MkDocs's 0.5 s, and
    rebuild once no change came for ``settle`` seconds instead of 0.1 s.

    MkDocs polls (portable, and safe with editors that save by renaming) every 0.5 s; polling a few
    hundred files every 0.05 s costs next to nothing (under 1 ms a look). The server has no setting
    for it, so its observer is replaced before it starts, and the paths it watched so far are watched
    again on the new one. Left as it is when the server's internals are not the expected ones.

    The wait after a change is there so that the writes of one save make one rebuild. They show in
    the same look, or, for a save caught half-way, in the next one: a wait just over one polling
    interval still joins them, and the rest of MkDocs' 0.1 s is saved on every edit.
    """
    from watchdog.observers.polling import PollingObserver

    watched = getattr(server, "_watched_paths", None)
    old = getattr(server, "observer", None)
    if not isinstance(watched, dict) or not isinstance(old, PollingObserver) or old.is_alive():
        return
    if isinstance(getattr(server, "build_delay", None), int | float) and settle > interval:
        server.build_delay = settle
    paths = {path: count for path, count in watched.items()}
    for path, count in paths.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = PollingObserver(timeout=interval)
    for path, count in paths.items():
        for _ in range(count):
            server.watch(path)
