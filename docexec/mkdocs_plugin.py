"""MkDocs adapter: run every snippet, check each page's outputs; fail `build`, never stall `serve`.

The plugin keeps to the lifecycle; the page side is the Markdown extension (markdown_ext.py), which
the plugin registers. One discovery over MkDocs' own files (on_files: generated pages included,
``exclude_docs`` left out) finds every page's snippets, reading each page once; the runs start
there; the extension titles each documented output and leaves a slot after it, using what
discovery found; on_post_page fills the slots (figures, failures) once the runs are in.

`mkdocs build` runs every snippet up front and fails on any problem (strict, whatever the config).
`mkdocs serve` never waits and never fails: a page is served at once with its documented output
(「正在运行示例…」 while its snippets run in the background, see mkdocs_serve.py), and shows any
problem in place, as the same report the build prints. Under serve the notebooks are written once
(when missing) and not on every edit: `mkdocs build` brings them up to date. The log gives each problem once, at INFO
level: MkDocs counts warnings and errors under ``strict: true`` and would otherwise abort the
rebuild, leaving every page of the server waiting.
"""

from __future__ import annotations

import logging
import re
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import InclusionLevel
from mkdocs.utils import get_relative_url
from watchdog.events import FileSystemEventHandler

from .cache import Cache
from .config import OPTIONS, ConfigError, from_options
from .discover import Discovery, find_snippets_in, find_unused_files
from .labels import labels_for
from .markdown_ext import DocexecExtension, PageContext, page_view
from .mkdocs_notebooks import NotebookPages
from .mkdocs_serve import BackgroundRuns, Lookup, poll_faster, request_rebuild, watches_privately
from .model import Problem, RunResult, Snippet
from .pool import WorkerPool, pool_for
from .render import failure_html, figure_html, figure_name, fill_slots, problem_slot_key, slot_key
from .report import check_snippet
from .run import Runs, run_snippets
from .sandbox import probe
from .settings import RunSettings

log = logging.getLogger("mkdocs.plugins.docexec")
FIGURE_DIR = "assets/docexec"
EXTENSION_NAMES = ("docexec.markdown_ext", "docexec")  # the extension listed in mkdocs.yml (for Zensical)
SERVE_SIGNAL = "serve-signal/rebuild"  # under the cache folder; only used if the server cannot be called
POLL_INTERVAL = 0.05  # seconds between looks at the watched files (MkDocs: 0.5)
SETTLE = 0.06  # seconds without a change before a rebuild (MkDocs: 0.1): just over one look, see poll_faster


# Every option is checked, and defaulted, by ``config.from_options``, which the CLI and pytest use too;
# here MkDocs only needs their names.
DocexecConfig = type(
    "DocexecConfig", (base.Config,), {name: c.Optional(c.Type((bool, int, float, str, list))) for name in OPTIONS}
)


class DocexecPlugin(BasePlugin[DocexecConfig]):
    def __init__(self) -> None:
        self._pool: WorkerPool | None = None
        self._serving = False
        self._background: BackgroundRuns | None = None
        self._server = None
        self._rebuild_wanted = False
        self._server_lock = threading.Lock()
        self._logged: set[str] = set()  # problems the serve log has shown, so each shows once
        self._warmed = False
        # HTML files on_post_page filled, with their size: a file another plugin rewrote since may gather others
        self._rendered_pages: dict[Path, int] = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._serving = command == "serve"

    def on_config(self, config):
        self.root = Path(config.config_file_path).parent.resolve()
        self.docs_prefix = Path(config.docs_dir).resolve().relative_to(self.root).as_posix()
        try:
            self.site = from_options(self.root, self.docs_prefix, dict(self.config))
        except ConfigError as error:
            raise PluginError(str(error)) from None
        self.settings = self.site.settings
        self.labels = labels_for(self.site.language)
        self.fingerprint = self.site.fingerprint_of_environment()
        self.cache = Cache(self.site.cache_path)
        if self._pool is None:
            self._pool = pool_for(self.site)
        self._register_extension(config)
        if self._serving:
            # A missing include is reported on its page; pymdownx raising would abort the rebuild.
            snippets_options = config.mdx_configs.get("pymdownx.snippets")
            if snippets_options is not None:
                snippets_options["check_paths"] = False
            if self._background is None:
                self._background = BackgroundRuns(
                    root=self.root,
                    cache=self.cache,
                    pool=self._pool,
                    settings=self.settings,
                    fingerprint=self.fingerprint,
                    on_done=self._rebuild,
                )
            self._background.settings = self.settings  # mkdocs.yml may have changed the timeout
            self._background.fingerprint = self.fingerprint
        return config

    def _register_extension(self, config) -> None:
        """The page side: our extension, told each page by on_page_markdown (it replaces a listed one)."""
        config.markdown_extensions = [name for name in config.markdown_extensions if name not in EXTENSION_NAMES]
        for name in EXTENSION_NAMES:
            config.mdx_configs.pop(name, None)
        self._context = PageContext(show_problems=self._serving)
        if self.site.enabled:
            extension = DocexecExtension(site=self.site)
            extension.context = self._context
            config.markdown_extensions.append(extension)

    def on_serve(self, server, config, builder):
        """Watch snippets/ (no `watch:` entry needed in mkdocs.yml); remember the server to reload pages."""
        with self._server_lock:
            self._server = server
            wanted = self._rebuild_wanted
        if wanted:
            self._rebuild()  # the build loop starts with a rebuild showing them
        poll_faster(server, POLL_INTERVAL, SETTLE)
        snippets = self.root / self.site.snippets_dir
        if snippets.is_dir():
            server.watch(str(snippets))
            # Start a saved snippet's run at once, while MkDocs waits for the saving to settle.
            handler = FileSystemEventHandler()
            handler.on_any_event = self._snippet_saved
            server.observer.schedule(handler, str(snippets), recursive=True)
        if not watches_privately(server):
            signal_file = self.cache.directory / SERVE_SIGNAL
            signal_file.parent.mkdir(parents=True, exist_ok=True)
            server.watch(str(signal_file.parent))
        return server

    def _snippet_saved(self, event) -> None:
        if event.is_directory or not self.site.enabled or not hasattr(self, "discovery"):
            return
        for changed in {event.src_path, getattr(event, "dest_path", "") or event.src_path}:
            try:
                path = Path(changed).resolve().relative_to(self.root).as_posix()
            except ValueError:
                continue
            snippets = [s for s in self.discovery.snippets if s.path == path]
            if snippets:
                self._background.lookup(snippets, for_build=False)

    def _rebuild(self) -> None:
        with self._server_lock:
            if self._server is None:  # results in before the server exists (first build): ask once it does
                self._rebuild_wanted = True
                return
            server = self._server
        request_rebuild(server, self.cache.directory / SERVE_SIGNAL)

    def on_pre_build(self, config) -> None:
        if self._serving:
            self._background.begin_build()
        self._shown_running: set[str] = set()  # serve: cache keys a page of this build shows as running
        self.problems: list[Problem] = []
        self.figures: dict[str, str] = {}
        self._slots: dict[str, tuple[Snippet | None, RunResult | None, Problem | None]] = {}
        self._unseen_runs: list[Runs] = []
        self._rendered_pages = {}
        self._context.shown.clear()

    def _discover(self, files) -> None:
        """One discovery over the pages MkDocs will render, each read once; then the runs start."""
        shown = InclusionLevel.is_in_serve if self._serving else InclusionLevel.is_included
        pages: dict[str, bytes] = {}
        for file in files.documentation_pages(inclusion=shown):
            try:
                pages[f"{self.docs_prefix}/{file.src_uri}"] = file.content_bytes
            except OSError:  # deleted while serve rebuilds; MkDocs reports it when it reads the page
                continue
        self.discovery: Discovery = find_snippets_in(self.root, pages, snippets_dir=self.site.snippets_dir)
        self._context.discovery = self.discovery
        self.problems += self.discovery.problems
        if self._serving:
            self._lookup: Lookup = self._background.lookup(list(self.discovery.snippets))
            return
        if self.problems:
            # Known before any page renders: stop now, before pymdownx reports a bare missing path.
            self._fail()
        # Run in the background while MkDocs reads and renders the pages.
        self._executor = ThreadPoolExecutor(max_workers=1)
        self._runs: Future[Runs] = self._executor.submit(
            run_snippets,
            list(self.discovery.snippets),
            root=self.root,
            cache=self.cache,
            pool=self._pool,
            settings=self.settings,
            fingerprint=self.fingerprint,
        )

    def _results(self) -> dict[str, RunResult]:
        """Results by snippet path: all of them in a build (waiting for the runs), the known ones in serve."""
        if self._serving:
            self._lookup = self._background.refresh(self._lookup)  # a run that ended since: shown now
            return {path: result for path in self._lookup.keys if (result := self._lookup.result(path))}
        return self._runs.result().results

    def on_files(self, files, config):
        if self.site.enabled:
            self._discover(files)
        self._notebooks = NotebookPages(
            root=self.root,
            docs_prefix=self.docs_prefix,
            source_dir=self.site.cache_path / "notebook-sources",
            labels=self.labels,
        )
        # mkdocs-jupyter turns them into pages; without it a notebook would be a stray file.
        if self.site.enabled and self.site.notebooks and "mkdocs-jupyter" in config.plugins:
            self._notebooks.add_files(
                files, config, list(dict.fromkeys(s.location.path for s in self.discovery.snippets))
            )
        return files

    def on_nav(self, nav, config, files):
        self._notebooks.add_nav(nav, files)
        return nav

    def on_pre_page(self, page, config, files):
        if self._notebooks.is_notebook(page) and not (self._serving and self._notebooks.is_written(page)):
            # mkdocs-jupyter reads the file next. Under serve a notebook is written once: rendering a
            # changed one (nbconvert) costs seconds per edit, and the author reads the pages.
            # kept as it was until every result is in
            results = self._results()
            self._notebooks.write(page, results, self.discovery)
            if self._serving:  # not written until every result is in: its placeholder says running
                source = self._notebooks.sources[page.file.src_uri]
                self._shown_running |= {
                    self._lookup.keys[s.path]
                    for s in self.discovery.for_page(source)
                    if s.path not in results and s.path in self._lookup.keys
                }
        return page

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        # The extension converts this page next; it finds what discovery found in it under this name.
        self._context.page = f"{self.docs_prefix}/{page.file.src_uri}"
        return markdown

    def on_page_content(self, html: str, page, config, files) -> str:
        self._context.page = ""  # Markdown converted elsewhere (another plugin) is no page of ours
        if self._notebooks.is_notebook(page):
            page.meta["search"] = {"exclude": True}  # the page itself is in the index already
        snippets, _ = self._shown(page)
        links = self._notebooks.links(page, files) if snippets else ""
        return re.sub(r"</h1>", lambda end: f"{end[0]}\n{links}", html, count=1) if links else html

    def _shown(self, page) -> tuple[list[Snippet], list[Problem]]:
        """The snippets and problems the extension rendered slots for in this page.

        A page whose conversion was skipped (a cache of rendered pages, as this site's serve hook
        keeps) has the slots of the same Markdown: what discovery found in it.
        """
        path = f"{self.docs_prefix}/{page.file.src_uri}"
        shown = self._context.shown.get(path)
        if shown is not None:
            return shown
        if not self.site.enabled or page.markdown is None or self._notebooks.is_notebook(page):
            return [], []
        snippets, problems, _ = page_view(self.site, self.discovery, path, page.markdown.split("\n"))
        return snippets, problems

    @event_priority(-100)  # last: the page as MkDocs writes it
    def _remember_page(self, output: str, page, config) -> str:
        self._rendered_pages[Path(page.file.abs_dest_path)] = len(output.encode("utf-8"))
        return output

    def _fill_page(self, output: str, page, config) -> str:
        snippets, problems = self._shown(page)
        if self._serving:  # a build has stopped before any page on these
            for index, problem in enumerate(problems):
                self._slots[problem_slot_key(index, problem)] = (None, None, problem)
        if not snippets:
            return fill_slots(output, lambda key: self._slot_html(key, page.url)) if self._serving else output
        results = self._results()
        unseen = [s for s in snippets if s.path not in results and not (self._serving and s.path in self._lookup.keys)]
        if unseen:
            results = {**results, **self._run_unseen(unseen)}
        for snippet in snippets:
            result = results.get(snippet.path)
            if result is None:  # serve: running in the background
                self._slots[slot_key(snippet)] = (snippet, None, None)
                if snippet.path in self._lookup.keys:
                    self._shown_running.add(self._lookup.keys[snippet.path])
                continue
            problem = check_snippet(snippet, result)
            if problem is not None:
                self.problems.append(problem)
            for svg in result.figures:
                self.figures[figure_name(svg)] = svg
            self._slots[slot_key(snippet)] = (snippet, result, problem)
        return fill_slots(output, lambda key: self._slot_html(key, page.url))

    on_post_page = CombinedEvent(_fill_page, _remember_page)

    def _run_unseen(self, snippets: list[Snippet]) -> dict[str, RunResult]:
        """Snippets discovery did not see (a page another plugin made or changed after docexec's
        on_files): run them now, so no output goes unchecked; serve starts them in the background."""
        if self._serving:
            lookup = self._background.lookup(snippets)
            self._lookup = Lookup({**self._lookup.keys, **lookup.keys}, {**self._lookup.known, **lookup.known})
            return {path: result for path in lookup.keys if (result := lookup.result(path))}
        runs = run_snippets(
            snippets,
            root=self.root,
            cache=self.cache,
            pool=self._pool,
            settings=self.settings,
            fingerprint=self.fingerprint,
        )
        self._unseen_runs.append(runs)
        return runs.results

    def _slot_html(self, key: str, page_url: str) -> str:
        """The figures and any failure of one snippet, with links relative to the page showing them."""
        if key not in self._slots:
            return ""
        snippet, result, problem = self._slots[key]
        if snippet is not None and result is None:
            return f'<p class="docexec-running"><small>{self.labels.running}</small></p>'
        parts = []
        if snippet is not None and result is not None:
            alt = snippet.output.alt or self.labels.figure_alt.format(path=snippet.path)
            parts += [
                figure_html(get_relative_url(f"{FIGURE_DIR}/{figure_name(svg)}", page_url), svg, alt)
                for svg in result.figures
            ]
        if problem is not None:
            parts.append(failure_html(problem, self.labels))
        return "\n".join(parts)

    def _finish_build(self, config) -> None:
        if self._serving:
            self._background.end_build(self._shown_running)
        if not self.site.enabled:
            return
        folder = Path(config.site_dir) / FIGURE_DIR
        folder.mkdir(parents=True, exist_ok=True)
        for name, svg in self.figures.items():
            if not (folder / name).is_file():  # named by content: an existing file is this figure (serve)
                (folder / name).write_text(svg, encoding="utf-8")
        if self._serving:
            self._log_serve()
            return
        all_runs = [self._runs.result(), *self._unseen_runs]
        self._executor.shutdown()
        used = set(self.discovery.included).union(*(runs.used_files() | set(runs.results) for runs in all_runs))
        self.problems += find_unused_files(self.root, used, snippets_dir=self.site.snippets_dir)
        checked = len(set().union(*(runs.results for runs in all_runs)))
        ran, cached = sum(runs.ran for runs in all_runs), sum(runs.cached for runs in all_runs)
        log.info(
            f"docexec: {checked} snippets checked: {ran} ran, {cached} from cache; " + _sandbox_state(self.settings)
        )
        if self.problems:
            self._fail()

    def _log_serve(self) -> None:
        """Each problem once, below WARNING (under strict: true a warning would abort the rebuild)."""
        pending = self._background.pending(self._lookup)
        shown = {str(p): p for p in self.problems}
        for text in shown.keys() - self._logged:
            log.info(f"docexec: problem (shown on its page; `mkdocs build` fails on it):\n{text}")
        for text in self._logged - shown.keys():
            log.info(f"docexec: fixed: {text.splitlines()[0]}")
        self._logged = set(shown)
        if pending:
            log.info(f"docexec: {len(pending)} snippet(s) running in the background; their pages reload when done")
        elif not self._warmed:
            # Start the worker now (it imports torch in its own process), so the first edit runs at once.
            threading.Thread(target=self._pool.warm_up, args=(self.settings,), daemon=True).start()
        self._warmed = True

    @event_priority(-100)  # after plugins that write pages gathered from others (the print version)
    def _fill_gathered_pages(self, config) -> None:
        if not self.site.enabled:
            return
        site = Path(config.site_dir)
        for path in site.rglob("*.html"):
            if self._rendered_pages.get(path) == path.stat().st_size:  # as on_post_page left it
                continue
            data = path.read_bytes()
            if b"docexec-slot" in data:
                # as read_text would give it (line endings translated), without its slowness on MBs
                text = data.decode("utf-8")
                text = text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
                url = path.relative_to(site).as_posix().removesuffix("index.html")
                path.write_text(fill_slots(text, lambda key, url=url: self._slot_html(key, url)), encoding="utf-8")

    on_post_build = CombinedEvent(_finish_build, _fill_gathered_pages)

    def on_build_error(self, error) -> None:
        if self._serving and self._background is not None:  # stopped half-way: it may have shown none of them
            self._background.end_build(None)

    def _fail(self) -> None:
        message = f"{len(self.problems)} snippet problem(s):\n\n" + "\n\n".join(str(p) for p in self.problems)
        raise PluginError(message)

    def on_shutdown(self) -> None:
        if self._background is not None:
            self._background.close()
        if self._pool is not None:
            self._pool.close()


def _sandbox_state(settings: RunSettings) -> str:
    """The sandbox in a few words for the log line, naming any protection this machine lacks."""
    if not settings.sandbox:
        return "sandbox off (docexec: sandbox: false)"
    off = probe().off()
    return "sandbox on" + (f", but off here: {'; '.join(off)}" if off else "")
