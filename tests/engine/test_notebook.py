"""A page's notebook runs on its own: helper modules the snippets import come with it."""

from __future__ import annotations

import json

import nbformat
from nbclient import NotebookClient

from docexec import Cache, run_snippets
from docexec.discover import find_snippets
from docexec.notebook import page_notebook

from .sites import page_with

SITE = {
    "snippets/first.py": "from helper import double\nprint(double(21))\n",
    "snippets/second.py": "from helper import double\nfrom pkg.sub import WORD\nprint(WORD, double(2))\n",
    "snippets/helper.py": "def double(x):\n    return 2 * x\n",
    "snippets/pkg/__init__.py": "",
    "snippets/pkg/sub.py": "WORD = 'alpha'\n",
    "docs/index.md": page_with(("snippets/first.py", "42"), ("snippets/second.py", "alpha 4")),
}


def index_notebook(root, worker_pool) -> nbformat.NotebookNode:
    """The notebook of the tiny site's docs/index.md, its snippets run."""
    discovery = find_snippets(root)
    run = run_snippets(list(discovery.snippets), root=root, cache=Cache(root / ".cache"), pool=worker_pool)
    markdown = (root / "docs/index.md").read_text(encoding="utf-8")
    return nbformat.reads(page_notebook(root, markdown, discovery.for_page("docs/index.md"), run.results), as_version=4)


def test_the_notebook_writes_the_helpers_it_imports_and_runs_in_an_empty_folder(
    make_site, worker_pool, tmp_path_factory
) -> None:
    notebook = index_notebook(make_site(SITE), worker_pool)

    helpers = [c.metadata["docexec"]["helper"] for c in notebook.cells if "helper" in c.metadata.get("docexec", {})]
    # helper.py once, before the first snippet that needs it; the package before the second
    assert helpers.count("snippets/helper.py") == 1
    assert {"snippets/pkg/__init__.py", "snippets/pkg/sub.py"} <= set(helpers)
    first_snippet = next(i for i, c in enumerate(notebook.cells) if "snippet" in c.metadata.get("docexec", {}))
    assert any("%%writefile helper.py" in c.source for c in notebook.cells[:first_snippet])

    empty = tmp_path_factory.mktemp("kernel")  # no snippets/ folder here: only what the notebook writes
    NotebookClient(notebook, timeout=60, kernel_name="python3", resources={"metadata": {"path": str(empty)}}).execute()
    printed = [
        "".join(o.get("text", "") for o in c.outputs if o.output_type == "stream" and o.name == "stdout")
        for c in notebook.cells
        if "snippet" in c.metadata.get("docexec", {})
    ]
    errors = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, json.dumps(errors[0], ensure_ascii=False)[:2000]
    assert printed == ["42\n", "alpha 4\n"]


PAGE_WITH_COLLAPSED_ANSWER = """# Exercises

```python
--8<-- "snippets/question.py"
```

```output
q
```

??? success "Answer"

    The reasoning, with $x^2$.

    ```python
    --8<-- "snippets/answer.py"
    ```

    ```output
    a
    ```

    And a last word.

!!! note "Open"
    Shown.

???+ note "Opened"
    Shown too.
"""


def test_what_the_page_keeps_collapsed_stays_collapsed_in_the_notebook(make_site, worker_pool) -> None:
    """A ``???`` block's body (prose and snippet) becomes hidden cells, the way JupyterLab collapses
    a cell; its title stays visible above them; a ``!!!`` block and an open ``???+`` stay open."""
    site = {
        "snippets/question.py": "print('q')\n",
        "snippets/answer.py": "print('a')\n",
        "docs/index.md": PAGE_WITH_COLLAPSED_ANSWER,
    }
    notebook = index_notebook(make_site(site), worker_pool)

    hidden = [c for c in notebook.cells if c.metadata.get("jupyter", {}).get("source_hidden")]
    shown = [c for c in notebook.cells if c not in hidden]
    assert [c.source for c in hidden] == ["The reasoning, with $x^2$.", "print('a')", "And a last word."]
    assert all(c.metadata["jupyter"]["outputs_hidden"] for c in hidden)
    assert {c.metadata["docexec"]["collapsed"]["title"] for c in hidden} == {"Answer"}
    assert {c.metadata["docexec"]["collapsed"]["type"] for c in hidden} == {"success"}
    visible_text = "\n".join(c.source for c in shown)
    assert "**Answer**" in visible_text and "Shown." in visible_text and "Shown too." in visible_text
    assert "print('q')" in visible_text
