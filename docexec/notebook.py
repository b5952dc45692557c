"""A page as a Jupyter notebook: prose as Markdown cells, each snippet as a code cell carrying the
output the engine verified (its stdout, and its figures as SVG), preceded the first time it is needed by a
``%%writefile`` cell for each helper module the snippet imported. Nothing is executed here."""

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


def _helper_modules(snippet: Snippet, result: RunResult) -> list[str]:
    """The Python files beside or below the snippet that its run imported (its modules and packages):
    a notebook has no snippets/ folder, so it must write them itself before the snippet's cell."""
    folder = Path(snippet.path).parent
    return [
        path
        for path, _ in result.reads
        if path.endswith(".py") and path != snippet.path and Path(path).is_relative_to(folder)
    ]


def _helper_cells(root: Path, snippet: Snippet, path: str) -> list[nbformat.NotebookNode]:
    """``%%writefile`` of one helper module, named as the snippet imports it (relative to its folder),
    after a cell that makes its package folder when it has one (``%%writefile`` makes no folders)."""
    relative = Path(path).relative_to(Path(snippet.path).parent)
    text = (root / path).read_text(encoding="utf-8").rstrip("\n")
    cells = []
    if relative.parent != Path("."):
        cells.append(
            nbformat.v4.new_code_cell(f'import os\n\nos.makedirs("{relative.parent.as_posix()}", exist_ok=True)')
        )
    if text:
        cells.append(nbformat.v4.new_code_cell(f"%%writefile {relative.as_posix()}\n{text}"))
    else:  # an empty __init__.py: %%writefile refuses an empty body
        cells.append(nbformat.v4.new_code_cell(f'open("{relative.as_posix()}", "w").close()'))
    for cell in cells:
        cell.metadata["docexec"] = {"helper": path}
    return cells


def page_notebook(
    root: Path, markdown: str, snippets: list[Snippet], results: dict[str, RunResult], *, note: str = "Note"
) -> str:
    """The notebook for one page, as JSON text."""
    lines = markdown.split("\n")
    cells: list[nbformat.NotebookNode] = []
    cursor = 0
    written: set[str] = set()
    for snippet in sorted(snippets, key=lambda s: s.code.start):
        cells += _markdown_cell(lines[cursor : snippet.code.start], note)
        for helper in _helper_modules(snippet, results[snippet.path]):
            if helper not in written:
                written.add(helper)
                cells += _helper_cells(root, snippet, helper)
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
