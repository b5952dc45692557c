"""The runs behind the Markdown extension when no MkDocs plugin drives it (Zensical, plain Python-Markdown).

A host such as Zensical makes a new extension for every page it converts, and a server rebuilds
with the same process: so one ``Standalone`` per site lives for the whole process
(``standalone_for``). It reads the site's pages, starts every snippet at once (in parallel, cache
first), and tells which page a converted text is.

A page takes its snippets' results by the cache key their files have *when the page is converted*:
an edited snippet has a new key and runs again; a result is used only while every file its run read
is unchanged (the cache checks that for a stored result, ``unchanged`` for a failure, which is never
stored). So a page converted again after an edit is never checked against an earlier run.
"""

from __future__ import annotations

import atexit
import logging
import sys
import threading
from collections.abc import Iterable
from concurrent.futures import Future
from pathlib import Path

from .cache import Cache, cache_key
from .config import Config, load_config
from .discover import Discovery, find_snippets
from .model import RunResult, Snippet
from .pool import Job, WorkerPool, pool_for
from .reads import unchanged
from .run import settings_for, stored
from .settings import RunSettings

log = logging.getLogger("docexec")
ATTEMPTS = 3  # runs of one snippet for one page, when a file it read keeps changing while it runs


class Standalone:
    def __init__(self, config: Config) -> None:
        self.config = config
        self.root = config.root
        self.cache = Cache(config.cache_path)
        self.fingerprint = config.fingerprint_of_environment()
        self.pool: WorkerPool = pool_for(config)
        self._lock = threading.Lock()  # a host may convert pages on several threads
        self._started: dict[str, Future[RunResult]] = {}  # by cache key; not yet taken by a page
        self._logged: set[str] = set()  # problems a server's log has shown
        self.discovery = self._read_pages()
        for path in dict.fromkeys(s.path for s in self.discovery.snippets):
            self._start(path, self.discovery.snippets)

    def _read_pages(self) -> Discovery:
        return find_snippets(
            self.root,
            self.config.docs_dir,
            snippets_dir=self.config.snippets_dir,
            exclude_docs=self.config.exclude_docs,
        )

    def page_of(self, lines: list[str]) -> tuple[str, int] | None:
        """The page these lines are, and the line of its file they start at (a host may have taken
        front matter off); the pages are read again once if none matches (edited since)."""
        for attempt in range(2):
            with self._lock:
                if attempt:
                    self.discovery = self._read_pages()
                texts = dict(self.discovery.texts)
            for page, text in texts.items():
                first = first_line(text, lines)
                if first is not None:
                    return page, first
        return None

    def _key(self, path: str, snippets: Iterable[Snippet]) -> tuple[str, RunSettings]:
        own = settings_for(path, list(snippets), self.config.settings)
        return cache_key(self.root, path, settings=own, fingerprint=self.fingerprint), own

    def _submit(self, key: str, path: str, settings: RunSettings) -> Future[RunResult]:
        (started,) = self.pool.submit([Job((self.root / path).resolve(), path, settings, self.root.resolve())])
        return stored(started, key, self.cache)

    def _start(self, path: str, snippets: Iterable[Snippet]) -> None:
        key, settings = self._key(path, snippets)
        with self._lock:
            if key in self._started or self.cache.get(key, root=self.root) is not None:
                return
            self._started[key] = self._submit(key, path, settings)

    def result(self, snippet: Snippet, page_snippets: list[Snippet]) -> RunResult:
        """The snippet's result as its files are now: from the cache, the run started for it, or a new run."""
        snippets = [*self.discovery.snippets, *page_snippets]
        for _ in range(ATTEMPTS):
            key, settings = self._key(snippet.path, snippets)
            with self._lock:
                started = self._started.pop(key, None)  # taken: a later conversion asks the cache again
                hit = self.cache.get(key, root=self.root)
                if hit is not None:
                    return hit
                run = started or self._submit(key, snippet.path, settings)
            result = run.result()
            if unchanged(self.root, dict(result.reads)):
                return result
            # a file it read changed while it ran, or since: run it again
        return result

    def log_once(self, problem) -> None:
        """Under a server, each problem once in its log (the page shows it on every rebuild)."""
        text = str(problem)
        with self._lock:
            if text in self._logged:
                return
            self._logged.add(text)
        log.error(f"{text}\n(shown on its page; a build stops on it)")

    def close(self) -> None:
        self.pool.close()


def host_is_serving() -> bool:
    """True under a development server (``zensical serve``, ``mkdocs serve``): its command line says so.

    The extension is not told; a failure that raises would end the server, so there it shows on the
    page instead, while a build stops on it.
    """
    return len(sys.argv) > 1 and sys.argv[1] == "serve"


def first_line(text: str, lines: list[str]) -> int | None:
    """Where ``lines`` start in the page ``text`` when they are its end (front matter taken off), else None."""
    page_lines = [line.removesuffix("\r") for line in text.removeprefix("\ufeff").split("\n")]
    first = len(page_lines) - len(lines)
    return first if first >= 0 and page_lines[first:] == lines else None


_sites: dict[Path, Standalone] = {}
_configs: dict[Path, tuple[tuple[int, int], Config]] = {}
_sites_lock = threading.Lock()


def site_config(config_file: Path) -> Config:
    """The docexec options of the site whose mkdocs.yml this is, read again only when the file changed."""
    stat = config_file.stat()
    with _sites_lock:
        known = _configs.get(config_file)
        if known is None or known[0] != (stat.st_mtime_ns, stat.st_size):
            _configs[config_file] = ((stat.st_mtime_ns, stat.st_size), load_config(config_file))
        return _configs[config_file][1]


def standalone_for(config: Config) -> Standalone:
    """The one Standalone of this site in this process (a new one, the old one closed, if its options changed)."""
    with _sites_lock:
        state = _sites.get(config.root)
        if state is None or state.config != config:
            if state is not None:
                state.close()
            state = _sites[config.root] = Standalone(config)
        return state


@atexit.register
def _close_all() -> None:  # no plugin ends the build: end the workers with the process
    with _sites_lock:
        for state in _sites.values():
            state.close()
