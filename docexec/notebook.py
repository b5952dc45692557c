"""A page as a Jupyter notebook: prose as Markdown cells, each snippet as a code cell carrying the
output the engine verified (its stdout, and its figures as SVG), preceded the first time it is needed by a
``%%writefile`` cell for each helper module the snippet imported. Nothing is executed here.

What a page keeps collapsed until the reader asks (a ``???`` block, e.g. an exercise's answer) stays
collapsed in the notebook: its body becomes cells of their own, marked hidden the way JupyterLab marks a
collapsed cell (``metadata.jupyter.source_hidden`` / ``outputs_hidden``), and ``metadata.docexec.collapsed``
carries the block's title, type and line for whoever renders the notebook as a page."""

from __future__ import annotations

import base64
import html
import re
from pathlib import Path

import nbformat

from .model import RunResult, Snippet

ADMONITION = re.compile(r'^(?P<indent>\s*)(?P<kind>!!!|\?\?\?\+?)\s+(?P<type>\w+)(?:\s+"(?P<title>[^"]*)")?\s*$')


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


Block = dict[str, str | int]  # a collapsed block: its "title", "type" (success, note…) and 1-based "line"


def collapsed_bodies(lines: list[str], note: str = "Note") -> list[tuple[int, int, Block]]:
    """(first line, end line, block) of the body of every top-level collapsed block (``???``, not
    ``???+`` or ``!!!``) among the page's lines: the lines after its title that are indented under it."""
    bodies = []
    number = 0
    while number < len(lines):
        match = ADMONITION.match(lines[number])
        if match and match["kind"] == "???" and not match["indent"]:
            end = number + 1
            while end < len(lines) and (not lines[end].strip() or lines[end].startswith("    ")):
                end += 1
            while end > number + 1 and not lines[end - 1].strip():  # trailing blank lines are not the body's
                end -= 1
            block = {"title": match["title"] or note, "type": match["type"], "line": number + 1}  # 1-based
            bodies.append((number + 1, end, block))
            number = end
        else:
            number += 1
    return bodies


def _hide(cell: nbformat.NotebookNode, block: Block) -> nbformat.NotebookNode:
    cell.metadata["jupyter"] = {"source_hidden": True, "outputs_hidden": True}
    cell.metadata.setdefault("docexec", {})["collapsed"] = dict(block)
    return cell


def _markdown_cell(lines: list[str], note: str) -> list[nbformat.NotebookNode]:
    text = notebook_markdown("\n".join(lines), note=note)
    return [nbformat.v4.new_markdown_cell(text)] if text.strip() else []


def _markdown_cells(
    lines: list[str], start: int, end: int, bodies: list[tuple[int, int, Block]], note: str
) -> list[nbformat.NotebookNode]:
    """The Markdown of lines[start:end], cut where a collapsed block's body begins and ends: the body's
    cells are hidden, and its lines lose the indentation that put them under the block's title."""
    cells: list[nbformat.NotebookNode] = []
    for first, last, block in bodies:
        if last <= start or first >= end:
            continue
        if start < first:
            cells += _markdown_cell(lines[start:first], note)
        body = [line[4:] for line in lines[max(start, first) : min(end, last)]]
        cells += [_hide(cell, block) for cell in _markdown_cell(body, note)]
        start = min(end, last)
    if start < end:
        cells += _markdown_cell(lines[start:end], note)
    return cells


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
    bodies = collapsed_bodies(lines, note)
    cells: list[nbformat.NotebookNode] = []
    cursor = 0
    written: set[str] = set()
    for snippet in sorted(snippets, key=lambda s: s.code.start):
        cells += _markdown_cells(lines, cursor, snippet.code.start, bodies, note)
        collapsed = next((block for first, last, block in bodies if first <= snippet.code.start < last), None)
        for helper in _helper_modules(snippet, results[snippet.path]):
            if helper not in written:
                written.add(helper)
                cells += _helper_cells(root, snippet, helper)
        cell = _code_cell(root, snippet, results[snippet.path])
        cells.append(_hide(cell, collapsed) if collapsed is not None else cell)
        cursor = snippet.output.fence.end + 1
    cells += _markdown_cells(lines, cursor, len(lines), bodies, note)
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
