"""The catalogue of broken examples and pages (README: 「示例出错时会怎样」).

Each case builds a tiny site in a temp folder, or drives the engine, and checks the error the
author sees: it starts with page:line (or the snippet path), and ends with what to do.
Cases already covered elsewhere: raising, hanging, crashing, exiting non-zero, flooding stdout,
reading stdin, writing files, torch global state (test_run.py); corrupt cache entries and caches
of another torch version (test_cache.py); update refused when one snippet fails (test_update.py);
a TeX error (test_math.py); output fence with no snippet, unused snippet files (test_discover.py);
everything `mkdocs serve` does with a broken, hanging or fixed snippet (tests/test_serve.py, on the
site's own mkdocs.yml).
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from docexec import Cache, find_snippets, run_snippets
from docexec.stability import find_unstable_outputs, same_figures
from docexec.update import write_atomically

from .sites import MKDOCS_YML, mkdocs_build, page_with


def test_non_utf8_bytes_and_one_enormous_line(make_site, worker_pool) -> None:
    root = make_site(
        {
            "snippets/bytes.py": "import sys\nsys.stdout.buffer.write(b'ok \\xff\\xfe end\\n')\n",
            "snippets/long_line.py": "print('x' * 3_000_000)\n",
            "docs/index.md": page_with(("snippets/bytes.py", ""), ("snippets/long_line.py", "")),
        }
    )
    discovery = find_snippets(root)
    runs = run_snippets(list(discovery.snippets), root=root, cache=Cache(root / ".cache"), pool=worker_pool)
    assert runs.results["snippets/bytes.py"].stdout == "ok \\xff\\xfe end\n"
    assert runs.results["snippets/bytes.py"].error is None
    assert "more than 1000000 bytes" in runs.results["snippets/long_line.py"].error


def test_nondeterministic_output_is_flagged(make_site, worker_pool) -> None:
    root = make_site(
        {
            # The order of a set of strings depends on the hash seed.
            "snippets/unordered.py": "print({'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta'})\n",
            "snippets/ordered.py": "print(sorted({'alpha', 'beta', 'gamma'}))\n",
            "docs/index.md": page_with(("snippets/unordered.py", ""), ("snippets/ordered.py", "")),
        }
    )
    snippets = list(find_snippets(root).snippets)
    problems = find_unstable_outputs(snippets, root=root, cache=Cache(root / ".cache"), pool=worker_pool)
    assert [(p.where, p.snippet) for p in problems] == [("docs/index.md:4", "snippets/unordered.py")]
    assert "PYTHONHASHSEED=0" in problems[0].detail and "PYTHONHASHSEED=1" in problems[0].detail
    assert "torch.manual_seed" in str(problems[0]).splitlines()[-1]


VECTOR_SUM = """\
import torch
g = torch.Generator().manual_seed(0)
X, W = torch.randn(240, 2, generator=g), torch.randn(16, 2, generator=g)
total = (X @ W.T).sum().item()
"""


def test_output_that_depends_on_the_vector_width_is_flagged(make_site, worker_pool) -> None:
    """The last bits of a float32 sum depend on the order it is added in, which the CPU's vector
    width decides; printed rounded, the same sum is the same on every machine."""
    root = make_site(
        {
            "snippets/every_bit.py": VECTOR_SUM + "print(total.hex())\n",
            "snippets/rounded.py": VECTOR_SUM + "print(f'{total:.3f}')\n",
            "docs/index.md": page_with(("snippets/every_bit.py", ""), ("snippets/rounded.py", "")),
        }
    )
    snippets = list(find_snippets(root).snippets)
    problems = find_unstable_outputs(snippets, root=root, cache=Cache(root / ".cache"), pool=worker_pool)
    assert [p.snippet for p in problems] == ["snippets/every_bit.py"]
    assert "no vector instructions" in problems[0].detail
    assert "round further" in str(problems[0]).splitlines()[-1]


def test_a_figure_moved_by_less_than_its_tolerance_is_the_same_figure() -> None:
    line = '<path d="M {:.6f} 10.000000 L 20.000000 {:.6f}" id="p1"/>'
    figure = line.format(1.0, 2.0)
    assert same_figures((figure,), (line.format(1.000029, 1.999980),))
    assert not same_figures((figure,), (line.format(1.5, 2.0),))  # the curve moved half a point
    assert not same_figures((figure,), (figure.replace("p1", "p2"),))  # not a coordinate
    assert not same_figures((figure,), (figure, figure))


@pytest.mark.slow  # runs `mkdocs build`
def test_snippet_in_a_chinese_named_path(make_site) -> None:
    root = make_site(
        {
            "mkdocs.yml": MKDOCS_YML,
            "snippets/自动求导/梯度.py": "print('梯度 = 4x')\n",
            "docs/自动求导.md": page_with(("snippets/自动求导/梯度.py", "梯度 = 4x")),
        }
    )
    build = mkdocs_build(root)
    assert build.returncode == 0, build.stderr
    assert "1 snippets checked: 1 ran" in build.stderr


@pytest.mark.slow  # runs `mkdocs build`
@pytest.mark.parametrize(
    ("include", "message"),
    [
        ("snippets/missing.py", "docs/index.md:4: snippets/missing.py: includes a file that does not exist"),
        ("outside.py", "docs/index.md:4: outside.py: include is outside snippets/ and is refused"),
    ],
)
def test_bad_include_fails_the_build_naming_page_and_line(make_site, include: str, message: str) -> None:
    root = make_site(
        {
            "mkdocs.yml": MKDOCS_YML,
            "outside.py": "print(1)\n",
            "docs/index.md": page_with((include, "1")),
        }
    )
    build = mkdocs_build(root)
    assert build.returncode != 0
    assert message in build.stderr
    assert "What to do:" in build.stderr.split(message)[1]


@pytest.mark.slow  # runs `mkdocs build`
def test_orphan_output_fails_the_build(make_site) -> None:
    root = make_site({"mkdocs.yml": MKDOCS_YML, "docs/index.md": "# t\n\n```output\n1\n```\n"})
    build = mkdocs_build(root)
    assert build.returncode != 0
    assert "docs/index.md:3: output fence with no executed snippet right before it" in build.stderr


@pytest.mark.slow  # runs `mkdocs build`
def test_a_file_nothing_includes_or_reads_fails_the_build_but_a_helper_package_does_not(make_site) -> None:
    root = make_site(
        {
            "mkdocs.yml": MKDOCS_YML,
            "snippets/uses_pkg.py": "from pkg.sub import VALUE\nprint(VALUE)\n",
            "snippets/pkg/__init__.py": "",
            "snippets/pkg/sub.py": "VALUE = 7\n",
            "snippets/unused.py": "print(1)\n",
            "docs/index.md": page_with(("snippets/uses_pkg.py", "7")),
        }
    )
    build = mkdocs_build(root)
    assert build.returncode != 0
    assert "snippets/unused.py: file in snippets/ is included by no page and read by no snippet" in build.stderr
    assert "pkg/" not in build.stderr


@pytest.mark.slow  # runs `mkdocs build`
def test_broken_link_and_anchor_fail_the_strict_build(make_site) -> None:
    config = MKDOCS_YML + "validation:\n  anchors: warn\n"
    root = make_site(
        {
            "mkdocs.yml": config,
            "docs/index.md": "# t\n\nSee [the other page](other.md) and [a section](second.md#nowhere).\n",
            "docs/second.md": "# Second\n\n## Somewhere\n",
        }
    )
    build = mkdocs_build(root, "--strict")
    assert build.returncode != 0
    assert "'index.md' contains a link 'other.md'" in build.stderr
    assert "'second.md#nowhere'" in build.stderr


@pytest.mark.slow  # runs `mkdocs build`
def test_two_builds_sharing_the_cache_at_once(make_site) -> None:
    files = {f"snippets/s{i}.py": f"import torch\nprint(torch.tensor({i}) * 2)\n" for i in range(6)}
    pages = page_with(*[(f"snippets/s{i}.py", f"tensor({2 * i})") for i in range(6)])
    root = make_site({"mkdocs.yml": MKDOCS_YML, **files, "docs/index.md": pages})
    with ThreadPoolExecutor(2) as pool:
        builds = list(pool.map(lambda d: mkdocs_build(root, "--site-dir", d), ["site_a", "site_b"]))
    for build in builds:
        assert build.returncode == 0, build.stderr
    warm = mkdocs_build(root)
    assert "6 snippets checked: 0 ran, 6 from cache" in warm.stderr
    assert not list((root / ".cache/docexec").glob(".tmp-*"))


def test_interrupted_page_write_leaves_the_page_intact(tmp_path: Path, monkeypatch) -> None:
    page = tmp_path / "page.md"
    page.write_text("原来的内容\n", encoding="utf-8")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt  # as if Ctrl-C arrived between writing the temp file and renaming it

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(page, "新的内容\n")
    assert page.read_text(encoding="utf-8") == "原来的内容\n"
    assert list(tmp_path.iterdir()) == [page]


@pytest.mark.slow  # runs `mkdocs build`
def test_an_include_in_any_fence_cannot_publish_a_file_outside_snippets(make_site) -> None:
    root = make_site(
        {
            "mkdocs.yml": MKDOCS_YML + "# SECRET-IN-CONFIG\n",
            "docs/index.md": '# t\n\n```text\n--8<-- "mkdocs.yml"\n```\n',
        }
    )
    build = mkdocs_build(root)
    assert build.returncode != 0
    assert "docs/index.md:4: mkdocs.yml: include is outside snippets/ and is refused" in build.stderr
    assert not (root / "site/index.html").exists() or "SECRET-IN-CONFIG" not in (root / "site/index.html").read_text()


@pytest.mark.slow  # runs `mkdocs build`
@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            "timeout=nan",
            "docs/index.md:7: snippets/t.py: output fence has a bad option: timeout=nan is not a finite number",
        ),
        ("tol=abc", "docs/index.md:7: snippets/t.py: output fence has a bad option: tol='abc' is not a number"),
    ],
)
def test_bad_options_fail_the_build_with_page_line_and_no_traceback(make_site, options: str, message: str) -> None:
    root = make_site(
        {
            "mkdocs.yml": MKDOCS_YML,
            "snippets/t.py": "print(1)\n",
            "docs/index.md": page_with(("snippets/t.py", "1")).replace("```output", f"```output {options}"),
        }
    )
    build = mkdocs_build(root)
    assert build.returncode != 0
    assert message in build.stderr and "Traceback" not in build.stderr


@pytest.mark.slow  # runs `mkdocs build`
def test_a_snippet_that_is_not_utf8_is_named_without_a_traceback(make_site) -> None:
    root = make_site({"mkdocs.yml": MKDOCS_YML, "docs/index.md": page_with(("snippets/t.py", "1"))})
    (root / "snippets").mkdir()
    (root / "snippets/t.py").write_bytes(b"print(1)  # caf\xe9\n")
    build = mkdocs_build(root)
    assert build.returncode != 0
    assert "docs/index.md:4: snippets/t.py:1: file is not UTF-8: byte 0xe9 at line 1" in build.stderr
    assert "Traceback" not in build.stderr
