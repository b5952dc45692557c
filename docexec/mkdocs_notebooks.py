"""MkDocs side of the notebooks: each page with snippets gets one, rendered by mkdocs-jupyter.

Kept apart from the plugin so each reads in one go. The plugin calls these at its events:
``add_files`` (on_files), ``add_nav`` (on_nav), ``write`` (on_pre_page, just before mkdocs-jupyter
reads the file), ``is_notebook`` (to keep them out of search) and ``links`` (the buttons on a page).
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.structure.files import File
from mkdocs.structure.nav import Section
from mkdocs.utils import get_relative_url

from .discover import Discovery
from .labels import Labels
from .model import RunResult
from .notebook import page_notebook
from .update import write_atomically

NOTEBOOK_DIR = "notebooks"  # where each page's generated notebook appears in the site
NOTEBOOK_SECTION = "Notebook"
# What a notebook holds until its page's results are in (``mkdocs serve`` does not wait for them).
PLACEHOLDER = json.dumps(
    {
        "cells": [{"cell_type": "markdown", "metadata": {}, "source": "正在运行示例…"}],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 4,
    },
    ensure_ascii=False,
)


class NotebookPages:
    def __init__(self, *, root: Path, docs_prefix: str, source_dir: Path, labels: Labels) -> None:
        self.root = root
        self.docs_prefix = docs_prefix
        # A real folder of our own: mkdocs-jupyter needs File.abs_src_path, which generated files lack.
        self.source_dir = source_dir
        self.labels = labels
        self.sources: dict[str, str] = {}  # notebook src_uri -> the page it is made from

    def add_files(self, files, config, pages: list[str]) -> None:
        for page in pages:
            relative = Path(page).relative_to(self.docs_prefix).with_suffix(".ipynb").as_posix()
            src_uri = f"{NOTEBOOK_DIR}/{relative}"
            path = self.source_dir / src_uri
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists():
                path.write_text(PLACEHOLDER, encoding="utf-8")  # written for real in ``write``
            files.append(File(src_uri, str(self.source_dir), config.site_dir, config.use_directory_urls))
            self.sources[src_uri] = page

    def add_nav(self, nav, files) -> None:
        """The notebooks get a navigation section of their own, after the pages."""
        pages = [page for uri in self.sources if (page := files.get_file_from_path(uri).page) is not None]
        for page in pages:
            page.title = Path(self.sources[page.file.src_uri]).stem
        if pages:
            nav.items.append(Section(NOTEBOOK_SECTION, pages))

    def is_notebook(self, page) -> bool:
        return page.file.src_uri in self.sources

    def is_written(self, page) -> bool:
        """The page's notebook exists with its content (not the placeholder ``add_files`` left)."""
        path = Path(page.file.abs_src_path)
        if not path.is_file():
            return False
        return (
            path.stat().st_size != len(PLACEHOLDER.encode("utf-8")) or path.read_text(encoding="utf-8") != PLACEHOLDER
        )

    def write(self, page, results: dict[str, RunResult], discovery: Discovery) -> None:
        """Write the page's notebook with the verified outputs (only when it changed)."""
        source = self.sources[page.file.src_uri]
        markdown = discovery.texts[source].removeprefix("\ufeff").replace("\r\n", "\n")
        snippets = discovery.for_page(source)
        if all(s.path in results for s in snippets):
            text = page_notebook(self.root, markdown, snippets, results, note=self.labels.note)
            path = Path(page.file.abs_src_path)
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                write_atomically(path, text)

    def links(self, page, files) -> str:
        """「下载 Notebook」 and 「在线查看 Notebook」 for a page that has a notebook, else ""."""
        uri = f"{NOTEBOOK_DIR}/{Path(page.file.src_uri).with_suffix('.ipynb').as_posix()}"
        if uri not in self.sources:
            return ""
        notebook = files.get_file_from_path(uri)
        download = f"{Path(notebook.dest_uri).parent.as_posix()}/{Path(uri).name}"
        return (
            f'<p class="docexec-notebook"><a class="md-button" href="{get_relative_url(download, page.url)}" download>'
            f'{self.labels.download_notebook}</a> <a class="md-button" href="{get_relative_url(notebook.url, page.url)}">'
            f"{self.labels.view_notebook}</a></p>"
        )
