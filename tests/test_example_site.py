"""A second site (examples/english-site: English, no torch, a figure, a tolerance) uses docexec as any
site would: through the installed package, with its own mkdocs.yml, built and tested in a copy."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

EXAMPLE = ROOT / "examples/english-site"


def run(site: Path, *command: str) -> subprocess.CompletedProcess[str]:
    # cwd is the copy: the repo is not on sys.path, so docexec comes from the installed package.
    return subprocess.run(
        [sys.executable, *command], cwd=site, capture_output=True, encoding="utf-8", check=False, timeout=300
    )


@pytest.fixture
def site(tmp_path: Path) -> Path:
    copy = tmp_path / "english-site"
    shutil.copytree(EXAMPLE, copy, ignore=shutil.ignore_patterns(".cache", "site"))
    return copy


def test_it_builds_with_english_labels_a_figure_and_a_tolerance(site: Path) -> None:
    build = run(site, "-m", "mkdocs", "build", "--strict")
    assert build.returncode == 0, build.stderr
    assert "3 snippets checked: 3 ran, 0 from cache; sandbox on" in build.stderr
    html = (site / "site/index.html").read_text(encoding="utf-8")
    assert html.count('<span class="filename">Output</span>') == 3 and "输出" not in html
    assert 'alt="The squares of 0 to 5 as points on a rising curve"' in html
    assert len(list((site / "site/assets/docexec").glob("*.svg"))) == 1
    assert "pi is about 3.141" in html  # the page's rounding, accepted by tol=1e-3


def test_a_changed_output_fails_the_build_and_pytest_with_page_and_line(site: Path) -> None:
    page = site / "docs/index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("year 2: 1102.50", "year 2: 1102.49"), encoding="utf-8")
    build = run(site, "-m", "mkdocs", "build")
    assert build.returncode != 0
    assert "docs/index.md:9: snippets/basics/interest.py: documented output differs" in build.stderr
    tests = run(site, "-m", "pytest", "-p", "no:cacheprovider", "--rootdir", str(site), "-q", "mkdocs.yml")
    assert tests.returncode == 1, tests.stdout
    assert "FAILED mkdocs.yml::docs/index.md:9 snippets/basics/interest.py" in tests.stdout
    assert "1 failed, 3 passed" in tests.stdout


def test_it_builds_under_zensical_with_outputs_checked_and_the_figure_shown(site: Path) -> None:
    build = run(site, "-m", "zensical", "build")
    assert build.returncode == 0, build.stderr
    html = (site / "site/index.html").read_text(encoding="utf-8")
    assert html.count('<span class="filename">Output</span>') == 3
    assert '<img class="docexec-figure" src="data:image/svg+xml;base64,' in html  # inline: no plugin writes files
    assert 'alt="The squares of 0 to 5 as points on a rising curve"' in html
    assert "docexec-slot" not in html


def test_a_changed_output_fails_the_zensical_build_with_page_and_line(site: Path) -> None:
    """What Zensical cannot do yet: end a build cleanly on an extension's error. docexec's report comes
    first; Zensical 0.0.73 then prints "No issues found" and a traceback of its own."""
    page = site / "docs/index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("year 2: 1102.50", "year 2: 1102.49"), encoding="utf-8")
    build = run(site, "-m", "zensical", "build")
    assert build.returncode != 0
    report = "docs/index.md:9: snippets/basics/interest.py: documented output differs"
    assert report in build.stderr
    assert build.stderr.index(report) < build.stderr.find("Traceback")
    assert "-year 2: 1102.49\n+year 2: 1102.50" in build.stderr
