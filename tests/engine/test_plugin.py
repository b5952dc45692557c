"""The MkDocs plugin, through real `mkdocs build` runs of tiny sites."""

from __future__ import annotations

import re

import pytest

from .sites import MKDOCS_YML, mkdocs_build, page_with

pytestmark = pytest.mark.slow  # every test here runs `mkdocs build`


def test_mismatch_fails_the_build_with_page_line_and_diff(make_site) -> None:
    root = make_site(
        {
            "mkdocs.yml": MKDOCS_YML,
            "snippets/t.py": "import torch\nprint(torch.arange(3) * 4)\n",
            "docs/index.md": page_with(("snippets/t.py", "tensor([0, 4, 9])")),
        }
    )
    build = mkdocs_build(root)
    assert build.returncode != 0
    assert "docs/index.md:4: snippets/t.py: documented output differs" in build.stderr
    assert "-tensor([0, 4, 9])\n+tensor([0, 4, 8])" in build.stderr
    assert "python -m docexec update docs/index.md" in build.stderr


def test_raising_snippet_fails_the_build_with_its_traceback(make_site) -> None:
    root = make_site(
        {
            "mkdocs.yml": MKDOCS_YML,
            "snippets/t.py": "x = 1\nraise KeyError('no such key')\n",
            "docs/index.md": page_with(("snippets/t.py", "")),
        }
    )
    build = mkdocs_build(root)
    assert build.returncode != 0
    assert "docs/index.md:4: snippets/t.py: the snippet failed" in build.stderr
    assert 'File "snippets/t.py", line 2' in build.stderr and "KeyError: 'no such key'" in build.stderr


def test_good_site_renders_output_and_figure_and_warm_build_runs_nothing(make_site) -> None:
    root = make_site(
        {
            "mkdocs.yml": MKDOCS_YML,
            "snippets/t.py": "import matplotlib.pyplot as plt\nplt.plot([1, 2])\nprint('画好了')\n",
            "docs/index.md": page_with(("snippets/t.py", "画好了")).replace("```output", '```output alt="一条直线"'),
        }
    )
    cold = mkdocs_build(root)
    assert cold.returncode == 0, cold.stderr
    assert "1 snippets checked: 1 ran, 0 from cache" in cold.stderr
    html = (root / "site/index.html").read_text(encoding="utf-8")
    assert '<span class="filename">输出</span>' in html and "画好了" in html
    (svg,) = (root / "site/assets/docexec").glob("*.svg")
    assert re.search(
        rf'<img class="docexec-figure" src="assets/docexec/{svg.name}" alt="一条直线" '
        r'width="\d+" height="\d+"',
        html,
    )

    warm = mkdocs_build(root, python_options=("-X", "importtime"))  # lists every module the build imports
    assert warm.returncode == 0, warm.stderr
    assert "1 snippets checked: 0 ran, 1 from cache" in warm.stderr
    imported = {line.split("|")[-1].strip() for line in warm.stderr.splitlines() if line.startswith("import time:")}
    assert "mkdocs.commands.build" in imported and "docexec.render" in imported  # the list is real
    assert "torch" not in imported


def test_a_changed_data_file_fails_the_next_build_with_the_diff(make_site) -> None:
    """The cache knows the data file the snippet read: a green build never publishes the stale output."""
    root = make_site(
        {
            "mkdocs.yml": MKDOCS_YML,
            "snippets/mean.py": "from pathlib import Path\nvalues = (Path(__file__).parent / 'values.txt').read_text().split()\nprint(sum(map(int, values)) / len(values))\n",
            "snippets/values.txt": "1 2 3\n",
            "docs/index.md": page_with(("snippets/mean.py", "2.0")),
        }
    )
    first = mkdocs_build(root)
    assert first.returncode == 0, first.stderr
    (root / "snippets/values.txt").write_text("1 2 6\n", encoding="utf-8")
    second = mkdocs_build(root)
    assert second.returncode != 0
    assert "1 snippets checked: 1 ran, 0 from cache" in second.stderr
    assert "docs/index.md:4: snippets/mean.py: documented output differs" in second.stderr
    assert "-2.0\n+3.0" in second.stderr


GENERATING_HOOK = """
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File


@event_priority(100)  # before the docexec plugin's discovery, as a plugin listed before it would be
def on_files(files, config):
    page = "# Generated\\n\\n```python\\n--8<-- \\"snippets/g.py\\"\\n```\\n\\n```output\\n41\\n```\\n"
    files.append(File.generated(config, "generated.md", content=page))
    return files
"""


def test_discovery_reads_mkdocs_files_so_generated_pages_are_checked_and_excluded_ones_are_not(make_site) -> None:
    root = make_site(
        {
            "mkdocs.yml": MKDOCS_YML + "exclude_docs: draft.md\nhooks:\n  - hooks/generate.py\n",
            "hooks/generate.py": GENERATING_HOOK,
            "snippets/g.py": "print(42)\n",
            "snippets/t.py": "print('好')\n",
            "docs/index.md": page_with(("snippets/t.py", "好")),
            # excluded: MkDocs does not render it, so its wrong output and missing include are no problem
            "docs/draft.md": page_with(("snippets/t.py", "坏")) + '\n--8<-- "snippets/missing.py"\n',
        }
    )
    build = mkdocs_build(root)
    assert build.returncode != 0
    assert "docs/generated.md:4: snippets/g.py: documented output differs" in build.stderr
    assert "-41\n+42" in build.stderr
    assert "draft.md" not in build.stderr and "missing.py" not in build.stderr


def test_front_matter_and_the_extension_listed_in_mkdocs_yml(make_site) -> None:
    """The same mkdocs.yml can list docexec.markdown_ext for Zensical; under MkDocs the plugin takes it over
    (outputs titled once), and lines in reports are the file's, front matter included."""
    front_matter = "---\ntitle: 带元数据的页面\n---\n"
    files = {
        "mkdocs.yml": MKDOCS_YML + "  - docexec.markdown_ext\n",
        "snippets/t.py": "print('好')\n",
        "docs/index.md": front_matter + page_with(("snippets/t.py", "好")),
    }
    root = make_site(files)
    build = mkdocs_build(root)
    assert build.returncode == 0, build.stderr
    html = (root / "site/index.html").read_text(encoding="utf-8")
    assert html.count('<span class="filename">输出</span>') == 1
    assert "title: 带元数据的页面" not in html  # read as front matter, not shown

    (root / "docs/index.md").write_text(front_matter + page_with(("snippets/t.py", "坏")), encoding="utf-8")
    build = mkdocs_build(root)
    assert build.returncode != 0
    assert "docs/index.md:7: snippets/t.py: documented output differs" in build.stderr
    assert "--- documented (docs/index.md:10)" in build.stderr


def test_a_page_another_hook_changes_or_makes_late_is_still_checked_at_its_file_lines(make_site) -> None:
    """Hooks run after docexec's on_files and on_page_markdown: one adds a banner to every page, one
    generates a page after discovery. Both pages' outputs are checked; lines are the file's."""
    hooks = {
        "hooks/banner.py": 'def on_page_markdown(markdown, page, config, files):\n    return "横幅\\n\\n" + markdown\n',
        "hooks/late.py": GENERATING_HOOK.replace("@event_priority(100)", "@event_priority(0)"),
    }
    root = make_site(
        {
            "mkdocs.yml": MKDOCS_YML + "hooks:\n  - hooks/banner.py\n  - hooks/late.py\n",
            **hooks,
            "snippets/g.py": "print(42)\n",
            "snippets/t.py": "print('好')\n",
            "docs/index.md": page_with(("snippets/t.py", "坏")),
        }
    )
    build = mkdocs_build(root)
    assert build.returncode != 0
    assert "docs/index.md:4: snippets/t.py: documented output differs" in build.stderr
    assert "--- documented (docs/index.md:7)" in build.stderr
    # made after discovery, so its lines are those of the text converted (the banner's two included)
    assert "docs/generated.md:6: snippets/g.py: documented output differs" in build.stderr
    assert "included by no page" not in build.stderr
