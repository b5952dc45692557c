"""A page as a Jupyter notebook: prose as Markdown cells, each snippet as a code cell carrying the
output the engine verified (its stdout, and its figures as SVG). Nothing is executed here."""

from __future__ import annotations

import base64
import html
import re
from pathlib import Path

import nbformat

from .model import RunResult, Snippet

ADMONITION = re.compile(r'^(?P<indent>\s*)(?:!!!|\?\?\?\+?)\s+\w+(?:\s+"(?P<title>[^"]*)")?\s*$')


def notebook_markdown(text: str, *, note: str = "Note") -> str:
    """Page Markdown as Jupyter shows it: admonitions and details become a bold title and plain text."""
    lines: list[str] = []
    inside: str | None = None  # the indentation of the admonition's body while inside one
    for line in text.split("\n"):
        match = ADMONITION.match(line)
        if match:
            lines.append(f"{match['indent']}**{match['title'] or note}**")
            inside = match["indent"] + "    "
            continue
        if inside is not None and line.strip() and not line.startswith(inside):
            inside = None
        lines.append(line[len(inside) :] if inside and line.startswith(inside) else line)
    return "\n".join(lines).strip("\n")


def _markdown_cell(lines: list[str], note: str) -> list[nbformat.NotebookNode]:
    text = notebook_markdown("\n".join(lines), note=note)
    return [nbformat.v4.new_markdown_cell(text)] if text.strip() else []


def _code_cell(root: Path, snippet: Snippet, result: RunResult) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell((root / snippet.path).read_text(encoding="utf-8").rstrip("\n"))
    if result.stdout:
        cell.outputs.append(nbformat.v4.new_output("stream", name="stdout", text=result.stdout))
    for svg in result.figures:
        # The same figure as HTML too, which notebook viewers prefer: it carries the page's alt text
        # (an SVG output has nowhere to put one, and nbconvert then writes a placeholder).
        image = base64.b64encode(svg.encode("utf-8")).decode("ascii")
        alt = html.escape(snippet.output.alt or snippet.path, quote=True)
        picture = f'<img class="docexec-figure" src="data:image/svg+xml;base64,{image}" alt="{alt}">'
        cell.outputs.append(nbformat.v4.new_output("display_data", data={"text/html": picture, "image/svg+xml": svg}))
    cell.metadata["docexec"] = {"page": snippet.location.path, "line": snippet.location.line, "snippet": snippet.path}
    return cell


def page_notebook(
    root: Path, markdown: str, snippets: list[Snippet], results: dict[str, RunResult], *, note: str = "Note"
) -> str:
    """The notebook for one page, as JSON text."""
    lines = markdown.split("\n")
    cells: list[nbformat.NotebookNode] = []
    cursor = 0
    for snippet in sorted(snippets, key=lambda s: s.code.start):
        cells += _markdown_cell(lines[cursor : snippet.code.start], note)
        cells.append(_code_cell(root, snippet, results[snippet.path]))
        cursor = snippet.output.fence.end + 1
    cells += _markdown_cell(lines[cursor:], note)
    for number, cell in enumerate(cells):
        cell.id = f"cell-{number}"  # nbformat's default ids are random: the same page must give the same file
    notebook = nbformat.v4.new_notebook(
        cells=cells,
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
        },
    )
    nbformat.validate(notebook)
    return nbformat.writes(notebook)
