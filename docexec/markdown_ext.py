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
  (cached as always, see standalone.py), checks them, puts figures (inline SVG data) and failures
  into the page, and raises ``SnippetsFailed`` so the build stops. Under a development server
  (``zensical serve``) it does not raise, which would end the server: the failure shows on its page
  and in the log.
"""

from __future__ import annotations

import base64
import logging
from dataclasses import dataclass, field
from pathlib import Path

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from .config import Config
from .discover import Discovery, as_discovered, find_page_snippets
from .labels import Labels, labels_for
from .model import Problem, RunResult, Snippet
from .render import failure_html, figure_html, fill_slots, problem_slot_key, render_page, slot_key
from .report import check_snippet
from .standalone import first_line, host_is_serving, site_config, standalone_for

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


def page_view(
    site: Config, discovery: Discovery, page: str, lines: list[str]
) -> tuple[list[Snippet], list[Problem], int]:
    """The page's snippets and problems, and the line of its file ``lines`` start at.

    When ``lines`` are the page's file (less any front matter), what discovery found is used as it is;
    when another plugin changed the page, the text is parsed and each snippet is still reported at its
    line in the file.
    """
    text = discovery.texts.get(page)
    first = first_line(text, lines) if text is not None else None
    if first is not None:
        return discovery.for_page(page), discovery.problems_of(page), first
    parsed, problems = find_page_snippets(site.root, page, "\n".join(lines), snippets_dir=site.snippets_dir)
    return as_discovered(parsed, discovery.for_page(page)), problems, 0


class DocexecPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, extension: DocexecExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        context = self.extension.context
        if context is not None:
            return self._for_plugin(lines, context).split("\n")
        return self._standalone(lines).split("\n")

    def _for_plugin(self, lines: list[str], context: PageContext) -> str:
        if not context.page:
            return "\n".join(lines)  # Markdown another plugin converts (not a page): nothing of ours
        snippets, problems, first = page_view(self.extension.site, context.discovery, context.page, lines)
        context.shown[context.page] = (snippets, problems)
        shown_problems = problems if context.show_problems else ()
        return render_page("\n".join(lines), snippets, self.extension.labels, problems=shown_problems, first_line=first)

    def _standalone(self, lines: list[str]) -> str:
        state = standalone_for(self.extension.site)
        serving = host_is_serving()
        if serving and "snippet" in self.md.preprocessors:
            # A missing include shows on its page (below); pymdownx raising would end the server.
            self.md.preprocessors["snippet"].check_paths = False
        found = state.page_of(lines)
        page = found[0] if found else "<page>"  # the host does not say which page; a text no page has
        snippets, contract, first = page_view(self.extension.site, state.discovery, page, lines)
        problems = list(contract)
        fills: dict[str, str] = {}
        for snippet in snippets:
            result = state.result(snippet, snippets)
            problem = check_snippet(snippet, result)
            if problem is not None:
                problems.append(problem)
            fills[slot_key(snippet)] = self._slot_html(snippet, result, problem)
        if problems and not serving:
            message = "\n\n".join(str(p) for p in problems)
            log.error(message)
            raise SnippetsFailed(message)
        for index, problem in enumerate(contract):  # a server goes on: each problem shows on its page
            fills[problem_slot_key(index, problem)] = failure_html(problem, self.extension.labels)
        for problem in problems:
            state.log_once(problem)
        self.extension.fills = fills  # the postprocessor puts them into the slots of the finished HTML
        shown = contract if serving else ()
        return render_page("\n".join(lines), snippets, self.extension.labels, problems=shown, first_line=first)

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
        self.fills: dict[str, str] = {}
        super().__init__(**kwargs)

    @property
    def site(self) -> Config:
        if self._site is None:
            self._site = site_config(Path(self.getConfig("config_file")).resolve())
        return self._site

    @property
    def labels(self) -> Labels:
        return labels_for(self.site.language)

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        md.preprocessors.register(DocexecPreprocessor(md, self), "docexec", PRIORITY)
        md.postprocessors.register(SlotFiller(md, self), "docexec", 0)


def makeExtension(**kwargs) -> DocexecExtension:
    return DocexecExtension(**kwargs)


__all__ = ["DocexecExtension", "PageContext", "SnippetsFailed", "makeExtension", "page_view"]
