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


def test_the_notebook_writes_the_helpers_it_imports_and_runs_in_an_empty_folder(
    make_site, worker_pool, tmp_path_factory
) -> None:
    root = make_site(SITE)
    discovery = find_snippets(root)
    run = run_snippets(list(discovery.snippets), root=root, cache=Cache(root / ".cache"), pool=worker_pool)
    markdown = (root / "docs/index.md").read_text(encoding="utf-8")
    notebook = nbformat.reads(
        page_notebook(root, markdown, discovery.for_page("docs/index.md"), run.results), as_version=4
    )

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
