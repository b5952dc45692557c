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
from dataclasses import dataclass, field
from pathlib import Path

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from .cache import Cache
from .config import Config, load_config
from .discover import Discovery, decode, find_page_snippets, find_snippets
from .labels import Labels, labels_for
from .model import Problem, RunResult, Snippet
from .pool import WorkerPool, pool_for
from .render import failure_html, figure_html, fill_slots, render_page, slot_key
from .report import check_snippet
from .run import PendingRuns, start_snippets

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
    """Everything the extension needs when no plugin drives it: discovery, the runs, the pages' texts."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.discovery = find_snippets(config.root, config.docs_dir, snippets_dir=config.snippets_dir)
        self.pool: WorkerPool = pool_for(config)
        atexit.register(self.pool.close)  # no plugin ends the build for us: end the worker with the process
        self.runs: PendingRuns = start_snippets(
            list(self.discovery.snippets),
            root=config.root,
            cache=Cache(config.cache_path),
            pool=self.pool,
            settings=config.settings,
            fingerprint=config.fingerprint_of_environment(),
        )
        self.pages: dict[str, str] = {}
        for page in dict.fromkeys(s.location.path for s in self.discovery.snippets):
            text, _ = decode((config.root / page).read_bytes(), page)
            self.pages[" ".join((text or "").split())] = page

    def page_of(self, text: str) -> str:
        """Which page this is (the extension is not told): the one whose text it is, else a placeholder."""
        return self.pages.get(" ".join(text.split()), "<page>")


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
            result = state.runs.futures[snippet.path].result() if snippet.path in state.runs.futures else None
            if result is None:
                continue
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
