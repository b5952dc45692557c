"""The page side as a plain Python-Markdown extension, as Zensical (which runs extensions, not MkDocs
plugins) or any Markdown pipeline would use it: no MkDocs involved."""

from __future__ import annotations

import os
import time
from pathlib import Path

import markdown
import pytest

from docexec.markdown_ext import DocexecExtension, SnippetsFailed
from docexec.standalone import standalone_for

from .sites import page_with

MKDOCS_YML = "site_name: t\nplugins:\n  - docexec:\n      language: en\n"
EXTENSIONS = [
    "docexec.markdown_ext",
    "toc",
    "attr_list",
    "pymdownx.superfences",
    "pymdownx.highlight",
    "pymdownx.snippets",
]


def convert(root: Path, page: str, extension: DocexecExtension | None = None) -> str:
    """``extension``: one instance for several conversions, as a server that rebuilds (Zensical) keeps it."""
    previous = Path.cwd()
    os.chdir(root)  # as a site generator runs: from the site's folder (pymdownx.snippets' base_path ".")
    try:
        md = markdown.Markdown(
            extensions=[extension, *EXTENSIONS[1:]] if extension else EXTENSIONS,
            extension_configs={"pymdownx.snippets": {"base_path": ["."], "check_paths": True}},
        )
        return md.convert((root / page).read_text(encoding="utf-8"))
    finally:
        os.chdir(previous)


def test_outputs_are_titled_checked_and_figures_inlined(make_site) -> None:
    root = make_site(
        {
            "mkdocs.yml": MKDOCS_YML,
            "snippets/plot.py": "import matplotlib.pyplot as plt\nplt.plot([1, 2])\nprint('drawn')\n",
            "docs/index.md": page_with(("snippets/plot.py", "drawn")),
        }
    )
    html = convert(root, "docs/index.md")
    assert '<span class="filename">Output</span>' in html and "drawn" in html
    assert '<img class="docexec-figure" src="data:image/svg+xml;base64,' in html
    assert "docexec-slot" not in html


def test_a_mismatch_stops_the_conversion_with_page_line_and_diff(make_site) -> None:
    root = make_site(
        {
            "mkdocs.yml": MKDOCS_YML,
            "snippets/t.py": "print(41 + 1)\n",
            "docs/index.md": page_with(("snippets/t.py", "41")),
        }
    )
    with pytest.raises(SnippetsFailed) as failed:
        convert(root, "docs/index.md")
    assert "docs/index.md:4: snippets/t.py: documented output differs" in str(failed.value)
    assert "-41\n+42" in str(failed.value)


def test_a_rebuild_after_an_edit_uses_the_new_snippet_and_data_not_the_first_results(make_site) -> None:
    root = make_site(
        {
            "mkdocs.yml": MKDOCS_YML,
            "snippets/t.py": "from pathlib import Path\nprint(Path(__file__).with_name('n.txt').read_text().strip())\n",
            "snippets/n.txt": "1\n",
            "docs/index.md": page_with(("snippets/t.py", "1")),
        }
    )
    extension = DocexecExtension()
    assert '<span class="filename">Output</span>' in convert(root, "docs/index.md", extension)
    (root / "snippets/n.txt").write_text("2\n", encoding="utf-8")  # a data file the snippet reads
    with pytest.raises(SnippetsFailed, match="-1\n\\+2"):
        convert(root, "docs/index.md", extension)
    (root / "snippets/t.py").write_text("print(1)\n", encoding="utf-8")  # the snippet itself
    convert(root, "docs/index.md", extension)  # prints 1 again: no failure
    (root / "docs/index.md").write_text(page_with(("snippets/t.py", "3")), encoding="utf-8")  # the page
    with pytest.raises(SnippetsFailed, match="docs/index.md:4: snippets/t.py"):
        convert(root, "docs/index.md", extension)


def test_a_result_cached_before_its_page_is_converted_is_not_used_after_its_data_changed(make_site) -> None:
    root = make_site(
        {
            "mkdocs.yml": MKDOCS_YML,
            "snippets/t.py": "from pathlib import Path\nprint(Path(__file__).with_name('n.txt').read_text().strip())\n",
            "snippets/n.txt": "1\n",
            "docs/index.md": page_with(("snippets/t.py", "1")),
        }
    )
    extension = DocexecExtension(config_file=str(root / "mkdocs.yml"))
    standalone_for(extension.site)  # as the first page of a build does: every snippet starts
    deadline = time.monotonic() + 120
    while not list((root / ".cache/docexec").glob("*.json")):  # its run is done and cached
        assert time.monotonic() < deadline, "the snippet never finished"
        time.sleep(0.05)
    convert(root, "docs/index.md", extension)
    (root / "snippets/n.txt").write_text("2\n", encoding="utf-8")
    with pytest.raises(SnippetsFailed, match="-1\n\\+2"):
        convert(root, "docs/index.md", extension)


def test_a_host_that_makes_an_extension_per_page_and_strips_front_matter_gets_file_lines(make_site) -> None:
    """Zensical: a new extension for every page, the page's text without its front matter."""
    front_matter = "---\ntitle: B\n---\n"
    root = make_site(
        {
            "mkdocs.yml": MKDOCS_YML,
            "snippets/a.py": "print('a')\n",
            "snippets/b.py": "print('b')\n",
            "docs/a.md": page_with(("snippets/a.py", "a")),
            "docs/b.md": front_matter + page_with(("snippets/b.py", "not b")),
        }
    )
    first, second = DocexecExtension(), DocexecExtension()
    previous = Path.cwd()
    os.chdir(root)
    try:
        assert standalone_for(first.site) is standalone_for(second.site)  # one set of runs for the site
    finally:
        os.chdir(previous)
    assert '<span class="filename">Output</span>' in convert(root, "docs/a.md", first)
    (root / "b-body.txt").write_text(page_with(("snippets/b.py", "not b")), encoding="utf-8")
    with pytest.raises(SnippetsFailed, match=r"docs/b\.md:7: snippets/b\.py: documented output differs"):
        convert(root, "b-body.txt", second)  # docs/b.md as the host hands it over


def test_under_a_development_server_a_failure_shows_on_its_page_instead_of_ending_it(make_site, monkeypatch) -> None:
    """Raising would end `zensical serve` (seen: the server exits); a build still stops."""
    root = make_site(
        {
            "mkdocs.yml": MKDOCS_YML,
            "snippets/t.py": "print(41 + 1)\n",
            "docs/index.md": page_with(("snippets/t.py", "41"))
            + '\n```python\n--8<-- "snippets/missing.py"\n```\n\n```output\n\n```\n',
        }
    )
    monkeypatch.setattr("sys.argv", ["zensical", "serve"])
    html = convert(root, "docs/index.md")
    assert html.count('<div class="admonition failure">') == 2
    assert "docs/index.md:4: snippets/t.py: documented output differs" in html
    assert "snippets/missing.py: includes a file that does not exist" in html
    monkeypatch.setattr("sys.argv", ["zensical", "build"])
    with pytest.raises(SnippetsFailed):
        convert(root, "docs/index.md")
