"""The page side of docexec as a Python-Markdown extension: one parse per page.

Before pymdownx.snippets expands the includes, the preprocessor finds the page's executed snippets,
titles each documented output and leaves a slot after it for the figures and any failure report.

Two ways to use it:

- Under MkDocs, the docexec plugin registers it and tells it which page is being converted and what
  its one discovery over MkDocs' files found there (``PageContext``); the extension titles the
  outputs and leaves the slots, the plugin starts the runs, fills the slots and fails the build.
  Listing ``docexec.markdown_ext`` in ``markdown_extensions`` as well is harmless: the plugin
  takes that entry over.
- On its own (``markdown_extensions: [docexec.markdown_ext]``, as Zensical or plain Python-Markdown
  run extensions but not MkDocs plugins), it does the whole job per page: runs the site's snippets
  (cached as always), checks them, puts figures (inline SVG data) and failures into the page, and
  raises ``SnippetsFailed`` so the build stops.
"""

from __future__ import annotations

import atexit
import base64
import logging
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from .cache import Cache, cache_key
from .config import Config, load_config
from .discover import Discovery, find_page_snippets, find_snippets
from .labels import Labels, labels_for
from .model import Problem, RunResult, Snippet
from .pool import Job, WorkerPool, pool_for
from .render import failure_html, figure_html, fill_slots, render_page, slot_key
from .report import check_snippet
from .run import inert_figures, settings_for
from .settings import RunSettings

log = logging.getLogger("docexec")
PRIORITY = 40  # before pymdownx.snippets (32) replaces the include lines with the files


class SnippetsFailed(Exception):
    """A page's snippets failed their checks (standalone use): the build must stop."""


@dataclass
class PageContext:
    """What the MkDocs plugin tells the extension: the page being converted and what discovery found.

    ``discovery`` holds each page's text as read, its snippets and problems; the extension uses them
    as they are when the Markdown it is given is that text (less any front matter), and parses the
    page itself only when another plugin changed it. ``shown`` records, by page, what it rendered
    (the plugin fills those slots); ``show_problems``: give each problem a slot (``mkdocs serve``).
    """

    discovery: Discovery = field(default_factory=lambda: Discovery((), ()))
    page: str = ""
    show_problems: bool = False
    shown: dict[str, tuple[list[Snippet], list[Problem]]] = field(default_factory=dict)


class _Standalone:
    """Everything the extension needs when no plugin drives it: the runs, and which page is which.

    Every snippet starts at once (in parallel, cache first). A page takes its snippets' results by
    cache key, computed when the page is converted: under a server that rebuilds (``zensical
    serve``) an edited snippet has a new key and runs again, and a result whose files changed since
    (the cache checks what the run read) is not used. A failure is not cached, so it runs again the
    next time its page is converted.
    """

    def __init__(self, config: Config) -> None:
        self.config = config
        self.cache = Cache(config.cache_path)
        self.fingerprint = config.fingerprint_of_environment()
        self.pool: WorkerPool = pool_for(config)
        atexit.register(self.pool.close)  # no plugin ends the build for us: end the worker with the process
        self.started: dict[str, Future[RunResult]] = {}  # by cache key; taken by the first page that needs it
        self.pages: dict[str, str] = {}  # page text, whitespace folded -> page path
        discovery = self._read_pages()
        for path in dict.fromkeys(s.path for s in discovery.snippets):
            self._start(path, discovery.snippets)

    def _read_pages(self) -> Discovery:
        discovery = find_snippets(self.config.root, self.config.docs_dir, snippets_dir=self.config.snippets_dir)
        self.site_snippets = discovery.snippets
        self.pages = {" ".join(text.split()): page for page, text in discovery.texts.items()}
        return discovery

    def page_of(self, text: str) -> str:
        """Which page this is (the extension is not told): the one whose text it is, else a placeholder."""
        folded = " ".join(text.split())
        if folded not in self.pages:
            self._read_pages()  # edited since (a server rebuilding)
        return self.pages.get(folded, "<page>")

    def _key(self, path: str, snippets: tuple[Snippet, ...] | list[Snippet]) -> tuple[str, RunSettings]:
        own = settings_for(path, list(snippets), self.config.settings)
        return cache_key(self.config.root, path, settings=own, fingerprint=self.fingerprint), own

    def _start(self, path: str, snippets: tuple[Snippet, ...] | list[Snippet]) -> str:
        key, own = self._key(path, snippets)
        if key in self.started or self.cache.get(key, root=self.config.root) is not None:
            return key
        job = Job((self.config.root / path).resolve(), path, own, self.config.root.resolve())
        (started,) = self.pool.submit([job])
        finished: Future[RunResult] = Future()

        def store(done: Future[RunResult]) -> None:
            result = inert_figures(done.result())
            self.cache.put(key, result)
            finished.set_result(result)

        started.add_done_callback(store)
        self.started[key] = finished
        return key

    def result(self, snippet: Snippet, page_snippets: list[Snippet]) -> RunResult:
        """The snippet's result as its files are now: from the cache, the run started for it, or a new run."""
        snippets = [*self.site_snippets, *page_snippets]
        key = self._start(snippet.path, snippets)
        hit = self.cache.get(key, root=self.config.root)
        if hit is not None:
            return hit
        if key not in self.started:  # its files changed while it ran: once more
            key = self._start(snippet.path, snippets)
        return self.started.pop(key).result()


class DocexecPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, extension: DocexecExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        ext = self.extension
        text = "\n".join(lines)
        if ext.context is not None:
            return self._for_plugin(lines, ext.context).split("\n")
        return self._standalone(text).split("\n")

    def _for_plugin(self, lines: list[str], context: PageContext) -> str:
        ext = self.extension
        page = context.page
        first_line = _first_line(context.discovery.texts.get(page), lines)
        if first_line is not None:  # the page as discovery read it: its snippets and problems are known
            snippets, problems = context.discovery.for_page(page), context.discovery.problems_of(page)
        else:  # another plugin changed the page: parse what is converted
            first_line = 0
            snippets, problems = find_page_snippets(
                ext.site.root, page, "\n".join(lines), snippets_dir=ext.site.snippets_dir
            )
        context.shown[page] = (snippets, problems)
        shown_problems = problems if context.show_problems else ()
        return render_page("\n".join(lines), snippets, ext.labels, problems=shown_problems, first_line=first_line)

    def _standalone(self, text: str) -> str:
        ext = self.extension
        state = ext.standalone()
        page = state.page_of(text)
        snippets, problems = find_page_snippets(ext.site.root, page, text, snippets_dir=ext.site.snippets_dir)
        rendered = render_page(text, snippets, ext.labels)
        fills: dict[str, str] = {}
        for snippet in snippets:
            result = state.result(snippet, snippets)
            problem = check_snippet(snippet, result)
            if problem is not None:
                problems.append(problem)
            fills[slot_key(snippet)] = self._slot_html(snippet, result, problem)
        if problems:
            message = "\n\n".join(str(p) for p in problems)
            log.error(message)
            raise SnippetsFailed(message)
        self.extension.fills = fills  # the postprocessor puts them into the slots of the finished HTML
        return rendered

    def _slot_html(self, snippet: Snippet, result: RunResult, problem: Problem | None) -> str:
        labels = self.extension.labels
        alt = snippet.output.alt or labels.figure_alt.format(path=snippet.path)
        parts = [
            figure_html("data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode(), svg, alt)
            for svg in result.figures
        ]
        if problem is not None:
            parts.append(failure_html(problem, labels))
        return "\n".join(parts)


class SlotFiller(Postprocessor):
    """Standalone: the figures of each snippet go where its slot ended up in the HTML."""

    def __init__(self, md: Markdown, extension: DocexecExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, text: str) -> str:
        if self.extension.context is not None:
            return text  # under MkDocs the plugin fills the slots once the runs are done
        if "docexec-slot" not in text:
            return text  # not the page: toc runs the postprocessors on each heading's text first
        fills = self.extension.fills  # set for this page by the preprocessor
        return fill_slots(text, lambda key: fills.get(key, ""))


class DocexecExtension(Extension):
    def __init__(self, **kwargs) -> None:
        self.config = {"config_file": ["mkdocs.yml", "the site's mkdocs.yml, which holds the docexec options"]}
        self.context: PageContext | None = None
        self._site: Config | None = kwargs.pop("site", None)
        self._standalone: _Standalone | None = None
        self.fills: dict[str, str] = {}
        super().__init__(**kwargs)

    @property
    def site(self) -> Config:
        if self._site is None:
            self._site = load_config(Path(self.getConfig("config_file")).resolve())
        return self._site

    @property
    def labels(self) -> Labels:
        return labels_for(self.site.language)

    def standalone(self) -> _Standalone:
        if self._standalone is None:
            self._standalone = _Standalone(self.site)
        return self._standalone

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        md.preprocessors.register(DocexecPreprocessor(md, self), "docexec", PRIORITY)
        md.postprocessors.register(SlotFiller(md, self), "docexec", 0)


def _first_line(text: str | None, lines: list[str]) -> int | None:
    """Where ``lines`` start in the page ``text`` when they are its end (front matter taken off), else None."""
    if text is None:
        return None
    page_lines = [line.removesuffix("\r") for line in text.removeprefix("\ufeff").split("\n")]
    first = len(page_lines) - len(lines)
    return first if first >= 0 and page_lines[first:] == lines else None


def makeExtension(**kwargs) -> DocexecExtension:
    return DocexecExtension(**kwargs)


__all__ = ["DocexecExtension", "PageContext", "SnippetsFailed", "makeExtension"]
