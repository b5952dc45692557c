"""The print version (print_page/) and the PDF made from it: every chapter, math and figures intact."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from mkdocs.config import load_config
from pdf import print_pdf
from pypdf import PdfReader

from ..conftest import ROOT, BuiltSite

PRINTED = (
    "index.md",
    "derivatives.md",
    "integrals.md",
    "rules.md",
    "gradients.md",
    "chain-rule.md",
    "backprop.md",
    "autograd.md",
    "exercises.md",
)


def chapter_titles() -> list[str]:
    """Each page's H1, as written in its Markdown."""
    return [re.search(r"(?m)^# (.+)$", (ROOT / "docs" / p).read_text(encoding="utf-8"))[1] for p in PRINTED]


def test_print_page_has_every_chapter_with_math_and_figures(built_site: BuiltSite) -> None:
    html = (built_site.directory / "print_page/index.html").read_text(encoding="utf-8")
    for title in chapter_titles():
        assert title in html, title
    assert html.count('class="katex"') > 100
    assert "docexec-slot" not in html
    figures = {p.name for p in (built_site.directory / "assets/docexec").glob("*.svg")}
    shown = set(re.findall(r'<img class="docexec-figure" src="\.\./assets/docexec/([0-9a-f]+\.svg)"', html))
    assert shown == figures and len(figures) >= 4


def test_nav_chapters_are_the_printed_ones() -> None:
    nav = load_config(str(ROOT / "mkdocs.yml"))["nav"]
    in_nav = [next(iter(item.values())) for item in nav]
    assert [p for p in in_nav if p != "contributing.md"] == list(PRINTED)


@pytest.mark.browser
def test_pdf_has_every_chapter_with_formulas_rendered(browser, built_site: BuiltSite, tmp_path: Path) -> None:
    pdf = print_pdf(built_site.directory, tmp_path / "book.pdf", browser=browser)
    reader = PdfReader(pdf)
    # NFKC: CJK fonts map some characters to radicals (⽬ for 目) in the PDF's text layer.
    text = unicodedata.normalize("NFKC", "".join(page.extract_text() for page in reader.pages))
    assert len(reader.pages) >= 20
    for title in chapter_titles():
        # Some glyphs come out as CJK radicals (⻅ for 见) that NFKC does not map back: accept any there.
        pattern = "".join(f"(?:{re.escape(c)}|[\u2e80-\u2eff])" for c in title)
        assert re.search(pattern, text), title
    for raw in ("\\frac", "\\partial", "\\mathbf", "\\begin{bmatrix}"):  # TeX that was not rendered
        assert raw not in text
