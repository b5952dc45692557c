"""Copies of the site's own content, built different ways for the benchmark.

- ours:           the site as it is (docexec runs snippets, cached in the copy's .cache/);
- floor:          the same pages with the docexec plugin off (documented outputs shown as they are);
- markdown-exec:  every executed snippet becomes a markdown-exec block, run in the MkDocs process;
- mkdocs-jupyter: every page's snippets become one notebook, executed by mkdocs-jupyter (a kernel each).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat

from docexec.discover import find_snippets

ROOT = Path(__file__).resolve().parents[1]
INCLUDE_FENCE = re.compile(r'(?m)^(?P<indent>[ \t]*)```python title="(?P<path>snippets/[^"]+)"$')


def _copy_site(dest: Path) -> None:
    dest.mkdir(parents=True)
    for name in ("docs", "snippets", "hooks", "overrides"):
        shutil.copytree(ROOT / name, dest / name)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    (dest / "node_modules").symlink_to(ROOT / "node_modules")  # the figures' font (docexec fonts:), KaTeX


def _edit_config(dest: Path, old: str, new: str) -> None:
    """Text edits keep mkdocs.yml's !!python tags intact (a YAML round trip would not)."""
    config = dest / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if old not in text:
        raise ValueError(f"mkdocs.yml no longer contains {old!r}: update bench/variants.py")
    config.write_text(text.replace(old, new, 1), encoding="utf-8")


DOCEXEC_ON = "  - docexec:\n"
DOCEXEC_OFF = "  - docexec:\n      enabled: false\n"


def make_ours(dest: Path) -> Path:
    _copy_site(dest)
    return dest


def _copy_generated_notebooks(dest: Path) -> None:
    """The notebook pages ours generates, as plain files: variants without the engine render them too."""
    generated = ROOT / ".cache/docexec/notebook-sources/notebooks"
    if not generated.is_dir():
        raise SystemExit("bench: build the site once (.venv/bin/mkdocs build) so its notebooks exist")
    shutil.copytree(generated, dest / "docs/notebooks")


def make_floor(dest: Path) -> Path:
    """Same pages, engine off."""
    _copy_site(dest)
    _edit_config(dest, DOCEXEC_ON, DOCEXEC_OFF)
    _copy_generated_notebooks(dest)
    return dest


def make_markdown_exec(dest: Path) -> Path:
    _copy_site(dest)
    for page in (dest / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        page.write_text(INCLUDE_FENCE.sub(r'\g<indent>```python exec="on" result="text"', text), encoding="utf-8")
    _edit_config(dest, DOCEXEC_ON, "  - markdown-exec\n" + DOCEXEC_OFF)  # docexec stays, switched off
    _copy_generated_notebooks(dest)
    return dest


def make_mkdocs_jupyter(dest: Path) -> Path:
    _copy_site(dest)
    notebooks = []
    by_page: dict[str, list[str]] = {}
    for snippet in find_snippets(ROOT).snippets:
        by_page.setdefault(snippet.location.path, []).append(snippet.path)
    for page, paths in by_page.items():
        cells = [nbformat.v4.new_code_cell((ROOT / p).read_text(encoding="utf-8")) for p in paths]
        name = f"notebooks/{Path(page).stem}.ipynb"
        (dest / "docs/notebooks").mkdir(exist_ok=True)
        nbformat.write(nbformat.v4.new_notebook(cells=cells), dest / "docs" / name)
        notebooks.append(f"      - {Path(page).stem}: {name}\n")
    _edit_config(dest, "\nplugins:\n", "  - Notebooks:\n" + "".join(notebooks) + "\nplugins:\n")
    # The site's own mkdocs-jupyter entry, switched to executing every notebook (one kernel each);
    # cache: false, or every run after the first would reuse the executed notebooks.
    _edit_config(dest, DOCEXEC_ON, DOCEXEC_OFF)
    _edit_config(dest, "      execute: false\n", "      execute: true\n      cache: false\n")
    return dest
