"""MkDocs adapter: run every snippet up front, check each page's outputs, fail the build on a mismatch."""

from __future__ import annotations

import logging
import re
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.utils import get_relative_url

from .cache import Cache
from .config import OPTIONS, ConfigError, from_options
from .discover import Discovery, find_page_snippets, find_snippets, find_unused_files
from .labels import labels_for
from .mkdocs_notebooks import NotebookPages
from .model import Problem, RunResult, Snippet
from .pool import WorkerPool, pool_for
from .render import failure_html, figure_html, figure_name, fill_slots, render_page, slot_key
from .report import check_snippet
from .run import Runs, run_snippets
from .sandbox import probe
from .settings import RunSettings

log = logging.getLogger("mkdocs.plugins.docexec")
FIGURE_DIR = "assets/docexec"


# Every option is checked, and defaulted, by ``config.from_options``, which the CLI and pytest use too;
# here MkDocs only needs their names.
DocexecConfig = type(
    "DocexecConfig", (base.Config,), {name: c.Optional(c.Type((bool, int, float, str, list))) for name in OPTIONS}
)


class DocexecPlugin(BasePlugin[DocexecConfig]):
    def __init__(self) -> None:
        self._pool: WorkerPool | None = None
        self._serving = False

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
        self.cache = Cache(self.site.cache_path)
        if self._pool is None:
            self._pool = pool_for(self.site)
        return config

    def on_pre_build(self, config) -> None:
        self.problems: list[Problem] = []
        self.figures: dict[str, str] = {}
        self._page_snippets: dict[str, list[Snippet]] = {}
        self._slots: dict[str, tuple[Snippet, RunResult, Problem | None]] = {}
        if not self.site.enabled:
            return
        self.discovery: Discovery = find_snippets(self.root, self.docs_prefix, snippets_dir=self.site.snippets_dir)
        self.problems += self.discovery.problems
        if self.problems and not self._serving:
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
            fingerprint=self.site.fingerprint_of_environment(),
        )

    def on_files(self, files, config):
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
        if self._notebooks.is_notebook(page):  # mkdocs-jupyter reads the file next
            self._notebooks.write(page, self._runs.result().results)
        return page

    def on_page_content(self, html: str, page, config, files) -> str:
        if self._notebooks.is_notebook(page):
            page.meta["search"] = {"exclude": True}  # the page itself is in the index already
        return html

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        if not self.site.enabled:
            return markdown
        page_path = f"{self.docs_prefix}/{page.file.src_uri}"
        snippets, _ = find_page_snippets(self.root, page_path, markdown)
        self._page_snippets[page.file.src_uri] = snippets
        # The documented outputs are in the Markdown already: no need to wait for the runs here.
        rendered = render_page(markdown, snippets, self.labels)
        links = self._notebooks.links(page, files) if snippets else ""
        return re.sub(r"(?m)^# .*$", lambda title: f"{title[0]}\n\n{links}\n", rendered, count=1) if links else rendered

    def on_post_page(self, output: str, page, config) -> str:
        snippets = self._page_snippets.get(page.file.src_uri) if self.site.enabled else None
        if not snippets:
            return output
        results = self._runs.result().results
        for snippet in snippets:
            result = results.get(snippet.path)
            if result is None:  # the page changed since the build started; the next rebuild runs it
                continue
            problem = check_snippet(snippet, result)
            if problem is not None:
                self.problems.append(problem)
            for svg in result.figures:
                self.figures[figure_name(svg)] = svg
            self._slots[slot_key(snippet)] = (snippet, result, problem)
        return fill_slots(output, lambda key: self._slot_html(key, page.url))

    def _slot_html(self, key: str, page_url: str) -> str:
        """The figures and any failure of one snippet, with links relative to the page showing them."""
        if key not in self._slots:
            return ""
        snippet, result, problem = self._slots[key]
        alt = snippet.output.alt or self.labels.figure_alt.format(path=snippet.path)
        parts = [
            figure_html(get_relative_url(f"{FIGURE_DIR}/{figure_name(svg)}", page_url), svg, alt)
            for svg in result.figures
        ]
        if problem is not None:
            parts.append(failure_html(problem, self.labels))
        return "\n".join(parts)

    def _finish_build(self, config) -> None:
        if not self.site.enabled:
            return
        runs = self._runs.result()
        self._executor.shutdown()
        folder = Path(config.site_dir) / FIGURE_DIR
        folder.mkdir(parents=True, exist_ok=True)
        for name, svg in self.figures.items():
            (folder / name).write_text(svg, encoding="utf-8")
        self.problems += find_unused_files(
            self.root, set(self.discovery.included) | runs.used_files(), snippets_dir=self.site.snippets_dir
        )
        log.info(
            f"docexec: {len(runs.results)} snippets checked: {runs.ran} ran, {runs.cached} from cache; "
            + _sandbox_state(self.settings)
        )
        if self._serving:
            # Start the worker now (it imports torch in its own process), so the first edit runs at once.
            self._pool.warm_up(self.settings)
        if self.problems:
            self._fail()

    @event_priority(-100)  # after plugins that write pages gathered from others (the print version)
    def _fill_gathered_pages(self, config) -> None:
        if not self.site.enabled:
            return
        site = Path(config.site_dir)
        for path in site.rglob("*.html"):
            text = path.read_text(encoding="utf-8")
            if "docexec-slot" in text:
                url = path.relative_to(site).as_posix().removesuffix("index.html")
                path.write_text(fill_slots(text, lambda key, url=url: self._slot_html(key, url)), encoding="utf-8")

    on_post_build = CombinedEvent(_finish_build, _fill_gathered_pages)

    def _fail(self) -> None:
        message = f"{len(self.problems)} snippet problem(s):\n\n" + "\n\n".join(str(p) for p in self.problems)
        if self._serving:
            log.error(message)  # keep serving; the page shows the failure until the file is fixed
        else:
            raise PluginError(message)

    def on_shutdown(self) -> None:
        if self._pool is not None:
            self._pool.close()


def _sandbox_state(settings: RunSettings) -> str:
    """The sandbox in a few words for the log line, naming any protection this machine lacks."""
    if not settings.sandbox:
        return "sandbox off (docexec: sandbox: false)"
    off = probe().off()
    return "sandbox on" + (f", but off here: {'; '.join(off)}" if off else "")
