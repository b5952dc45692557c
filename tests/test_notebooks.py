"""Every page with snippets has a notebook in the built site, and the notebook, run top to bottom
in a fresh Jupyter kernel, prints what the page documents."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from docexec.compare import outputs_match, unified_diff

from .conftest import BuiltSite
from .test_snippets import DISCOVERY

ROOT = Path(__file__).resolve().parents[1]
PAGES_WITH_SNIPPETS = sorted({s.location.path for s in DISCOVERY.snippets})
DOCUMENTED = {(s.location.path, s.location.line): s for s in DISCOVERY.snippets}


def notebook_of(site: BuiltSite, page: str) -> Path:
    stem = Path(page).relative_to("docs").with_suffix("")
    return site.directory / "notebooks" / stem / f"{stem.name}.ipynb"


@pytest.mark.parametrize("page", PAGES_WITH_SNIPPETS)
def test_page_links_its_notebook(built_site: BuiltSite, page: str) -> None:
    assert notebook_of(built_site, page).is_file()
    html = (built_site.directory / Path(page).relative_to("docs").with_suffix("") / "index.html").read_text("utf-8")
    assert "下载 Notebook" in html and f"{notebook_of(built_site, page).name}" in html


@pytest.mark.parametrize("page", PAGES_WITH_SNIPPETS)
def test_notebook_reproduces_the_page_in_a_fresh_kernel(built_site: BuiltSite, page: str, tmp_path: Path) -> None:
    notebook = nbformat.read(notebook_of(built_site, page), as_version=4)
    code_cells = [c for c in notebook.cells if c.cell_type == "code" and "snippet" in c.metadata.get("docexec", {})]
    assert len(code_cells) == sum(1 for s in DISCOVERY.snippets if s.location.path == page)
    NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    failures = []
    for cell in code_cells:
        origin = cell.metadata["docexec"]
        snippet = DOCUMENTED[(origin["page"], origin["line"])]
        printed = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream" and o.name == "stdout")
        errors = [o for o in cell.outputs if o.output_type == "error"]
        if errors or not outputs_match(snippet.output.text, printed, tolerance=snippet.output.tolerance):
            detail = (
                "\n".join(errors[0].traceback)
                if errors
                else unified_diff(
                    snippet.output.text,
                    printed,
                    documented_label=f"documented ({snippet.output.location})",
                    actual_label="printed by the notebook cell",
                )
            )
            failures.append(f"{snippet}: the notebook cell differs from the page\n{detail}")
    if failures:
        pytest.fail("\n\n".join(failures), pytrace=False)


@pytest.mark.parametrize("page", ["exercises", "exercises-training"])
def test_exercise_answers_stay_collapsed_on_the_notebook_page(built_site: BuiltSite, page: str) -> None:
    """The exercise pages hide each answer until asked (``??? success "答案"``); their notebooks' pages
    do the same: every answer's cells sit inside one closed <details>, titled as on the page."""
    html = (built_site.directory / f"notebooks/{page}/index.html").read_text(encoding="utf-8")
    answers = (ROOT / f"docs/{page}.md").read_text(encoding="utf-8").count('??? success "答案"')
    assert answers >= 12
    assert html.count('<details class="success"><summary>答案</summary>') == answers
    assert "<details open" not in html
    # nothing of an answer is left outside its block: every hidden cell is inside a <details>
    notebook = nbformat.read(notebook_of(built_site, f"docs/{page}.md"), as_version=4)
    hidden = [c.id for c in notebook.cells if c.metadata.get("jupyter", {}).get("source_hidden")]
    outside = re.sub(r"(?s)<details\b.*?</details>", "", html)
    assert hidden and not [i for i in hidden if f'id="cell-id={i}"' in outside]
