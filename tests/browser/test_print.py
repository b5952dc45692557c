"""The print version (print_page/) and the PDF made from it: every chapter, math and figures intact."""

from __future__ import annotations

import re

import pytest
from mkdocs.config import load_config
from pdf import mend_to_unicode, print_pdf, to_unicode_entries
from pypdf import PdfReader

from ..conftest import ROOT, BuiltSite

PRINTED = (
    "index.md",
    "derivatives.md",
    "rules.md",
    "gradients.md",
    "taylor.md",
    "chain-rule.md",
    "backprop.md",
    "matrix-gradients.md",
    "autograd.md",
    "training.md",
    "mlp-backprop.md",
    "write-autograd.md",
    "gradient-pitfalls.md",
    "integrals.md",
    "exercises.md",
    "exercises-training.md",
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


def test_print_page_has_no_empty_chapter(built_site: BuiltSite) -> None:
    """Each chapter of the print page holds more than its heading (the Notebook section held nothing)."""
    html = (built_site.directory / "print_page/index.html").read_text(encoding="utf-8")
    chapters = re.split(r"<section class=[\"']print-page", html)[2:]  # [0]: before, [1]: the contents list
    assert len(chapters) >= len(PRINTED)
    for chapter in chapters:
        body = re.sub(r"(?s)<h1\b.*?</h1>", "", chapter.split("</section>")[0])
        assert len(re.sub(r"<[^>]+>|\s", "", body)) > 200, chapter[:200]
    assert not re.search(r"<h1[^>]*>\s*Notebook", html)


def test_contents_list_matches_the_tutorial(built_site: BuiltSite) -> None:
    """The print page's contents list names every chapter and its sections, in order, as written."""
    html = (built_site.directory / "print_page/index.html").read_text(encoding="utf-8")
    contents = re.search(r'(?s)<ul class="print-contents">(.*?)</nav>', html)
    assert contents, "no contents list on the print page"
    listed = [re.sub(r"<[^>]+>", "", t).strip() for t in re.findall(r"(?s)<a href=\"#[^\"]+\">(.*?)</a>", contents[1])]
    expected = []
    for page in PRINTED:
        markdown = (ROOT / "docs" / page).read_text(encoding="utf-8")
        markdown = re.sub(r"(?ms)^(`{3,}|~{3,}).*?^\1", "", markdown)  # headings inside code blocks are code
        expected += [re.sub(r"[`*]", "", m[2]).strip() for m in re.finditer(r"(?m)^(#{1,2}) (.+)$", markdown)]
    plain = [t for t in expected if "$" not in t]
    assert [t for t in listed if t in plain] == plain
    assert "Notebook" not in listed


@pytest.mark.browser
def test_figures_stay_with_their_output_in_print(browser, site_url: str) -> None:
    page = browser.new_page()
    try:
        page.goto(site_url + "print_page/", wait_until="networkidle")
        page.emulate_media(media="print")
        styles = page.evaluate(
            """() => [...document.querySelectorAll("img.docexec-figure")].map((img) => {
                const before = img.previousElementSibling;
                return [getComputedStyle(img).breakInside, getComputedStyle(img).breakBefore,
                        before ? getComputedStyle(before).breakAfter : "avoid"];
            })"""
        )
        assert styles and all(s == ["avoid", "avoid", "avoid"] for s in styles), styles
    finally:
        page.close()


@pytest.fixture(scope="module")
def pdf_pages(browser, built_site: BuiltSite, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The PDF scripts/pdf.py prints, as the text of each page."""
    pdf = print_pdf(built_site.directory, tmp_path_factory.mktemp("pdf") / "book.pdf", browser=browser)
    return [page.extract_text() for page in PdfReader(pdf).pages]


@pytest.mark.browser
def test_pdf_text_is_chinese_that_can_be_searched(pdf_pages: list[str]) -> None:
    """Chinese text extracts as ordinary ideographs (目录, not the radicals ⽬录) and every chapter is there."""
    text = "".join(pdf_pages)
    radicals = re.findall("[\u2e80-\u2fdf]", text)
    assert radicals == [], f"{len(radicals)} radicals in the text layer: {''.join(radicals[:20])}"
    assert "目录" in pdf_pages[0]
    flat = re.sub(r"\s+", "", text)
    for title in chapter_titles():
        assert re.sub(r"\s+", "", title) in flat, title
    for raw in ("\\frac", "\\partial", "\\mathbf", "\\begin{bmatrix}"):  # TeX that was not rendered
        assert raw not in text


@pytest.mark.browser
def test_pdf_has_no_empty_pages(pdf_pages: list[str]) -> None:
    """Every page but the last carries at least 200 characters; the last one is not a lone heading.

    The last page holds whatever text is left over, so it may be short; the defect this guards
    against (a last page with only 「Notebook」) leaves it with a single word."""
    assert len(pdf_pages) >= 20
    short = {number: text for number, text in enumerate(pdf_pages[:-1], 1) if len(text) < 200}
    assert short == {}
    assert len(pdf_pages[-1]) >= 50, pdf_pages[-1]


def test_to_unicode_map_is_mended_to_ideographs() -> None:
    cmap = (
        "begincmap\n1 begincodespacerange\n<00> <FF>\nendcodespacerange\n"
        "2 beginbfchar\n<01> <2F6C>\n<02> <5F55>\nendbfchar\n"
        "1 beginbfrange\n<03> <04> <2EDA>\nendbfrange\nendcmap"
    )
    mended = mend_to_unicode(cmap)
    assert mended is not None
    assert to_unicode_entries(mended) == {"01": "目", "02": "录", "03": "页", "04": "风"}
    assert mend_to_unicode(cmap.replace("2F6C", "76EE").replace("2EDA", "9875")) is None
