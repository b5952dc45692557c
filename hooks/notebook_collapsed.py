"""MkDocs hook: on a notebook's page, what the source page keeps collapsed (an exercise's answer) is
collapsed again, as a <details> block like the one the source page shows.

docexec marks the cells of a collapsed block in the notebook (``metadata.docexec.collapsed``: the
block's title and type; JupyterLab collapses them through ``metadata.jupyter``), but nbconvert renders
every cell open. Here each run of such cells, whole top-level cells of the rendered notebook, is put
inside ``<details class="TYPE"><summary>TITLE</summary>``, and the bold title the notebook shows above
them (for readers in Jupyter) is dropped, since the summary now says it. Besides keeping answers
hidden, this spares the browser the layout of everything inside until the reader opens it.
"""

from __future__ import annotations

import html as html_text
import json
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

# A top-level cell as mkdocs-jupyter renders it: a Markdown cell is one <div> with the cell's id; a
# code cell is an outer <div> around the <div> with the id.
CELL = re.compile(
    r'<div class="jp-Cell jp-MarkdownCell jp-Notebook-cell" id="cell-id=(?P<markdown>[^"]+)">'
    r'|<div class="jp-Cell jp-CodeCell jp-Notebook-cell">\s*'
    r'<div class="jp-Cell jp-CodeCell jp-Notebook-cell" id="cell-id=(?P<code>[^"]+)">'
)
NOTEBOOK_END = "</div> <!-- jp-Notebook -->"
TAGS_ONLY = re.compile(r"(?:\s|</div>)*")


@event_priority(-110)  # after hooks/notebook_pages.py has given the headings their ids
def on_page_content(html: str, page, config, files) -> str:
    if not page.file.src_uri.endswith(".ipynb"):
        return html
    notebook = json.loads(Path(page.file.abs_src_path).read_text(encoding="utf-8"))
    # A notebook written before its page's snippets have run (`mkdocs serve` on a fresh clone) has no
    # ids and nothing marked: the page is left as it is.
    collapsed = {
        cell.get("id"): cell.get("metadata", {}).get("docexec", {}).get("collapsed") for cell in notebook["cells"]
    }
    if not any(collapsed.values()):
        return html
    starts = list(CELL.finditer(html))
    end = html.find(NOTEBOOK_END)
    if len(starts) != len(collapsed) or end < 0:
        raise PluginError(
            f"hooks/notebook_collapsed.py: {page.file.src_uri}: found {len(starts)} cells in the rendered page, "
            f"the notebook has {len(collapsed)}; has mkdocs-jupyter's template changed? Update CELL in this hook."
        )
    bounds = [m.start() for m in starts] + [end]
    pieces, cursor, run = [], 0, None  # run: (start offset, block) of the collapsed cells being gathered
    for number, match in enumerate(starts + [None]):
        block = collapsed.get(match["markdown"] or match["code"]) if match else None
        if run and block != run[1]:
            pieces.append(_details(html[run[0] : bounds[number]], run[1]))
            cursor, run = bounds[number], None
        if block and not run:
            pieces.append(_without_title(html[cursor : bounds[number]], block["title"]))
            run = (bounds[number], block)
    pieces.append(html[cursor:])
    return "".join(pieces)


def _details(cells: str, block: dict[str, str]) -> str:
    kind, title = html_text.escape(block["type"]), html_text.escape(block["title"])
    return f'<details class="{kind}"><summary>{title}</summary>\n{cells}</details>\n'


def _without_title(before: str, title: str) -> str:
    """The HTML before a collapsed run, without the bold title paragraph it ends with (if it does)."""
    shown = f"<p><strong>{html_text.escape(title)}</strong></p>"
    at = before.rfind(shown)
    if at < 0 or TAGS_ONLY.fullmatch(before[at + len(shown) :]) is None:
        return before
    return before[:at] + before[at + len(shown) :]
