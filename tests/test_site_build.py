"""The built site: strict build, math rendered to HTML, nothing loaded from another host, no orphan page."""

from __future__ import annotations

import html
import json
import re
import unicodedata

import pytest
from mkdocs.config import load_config

from .conftest import ROOT, BuiltSite

PAGES = sorted(p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md"))
# src=, href= of assets (not of <a>), and url() in CSS.
ASSET_REFERENCE = re.compile(
    r"""(?x)
    <(?:script|img|source|iframe|audio|video)\b[^>]*\bsrc=["'](?P<src>[^"']+)
    | <link\b[^>]*\bhref=["'](?P<href>[^"']+)
    | url\(\s*["']?(?P<url>[^"')]+)
    """
)


def has_math(page: str) -> bool:
    """Does the page's Markdown contain $…$ or $$…$$ outside code blocks and inline code?"""
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    text = re.sub(r"(?ms)^(\s*)(`{3,}|~{3,}).*?^\1\2", "", text)
    text = re.sub(r"`[^`\n]+`", "", text)
    return re.search(r"\$[^$\n]+\$", text) is not None


def html_of(site: BuiltSite, page: str) -> str:
    path = "index.html" if page == "index.md" else page.removesuffix(".md") + "/index.html"
    return (site.directory / path).read_text(encoding="utf-8")


def nav_pages(nav) -> set[str]:
    found: set[str] = set()
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        found |= nav_pages(value) if isinstance(value, list) else {value}
    return found


def test_every_page_is_in_the_navigation() -> None:
    config = load_config(str(ROOT / "mkdocs.yml"))
    assert set(PAGES) - nav_pages(config["nav"]) == set()


@pytest.mark.parametrize("page", PAGES)
def test_math_is_rendered_and_no_raw_tex_remains(built_site: BuiltSite, page: str) -> None:
    html = html_of(built_site, page)
    if has_math(page):
        assert 'class="katex"' in html
    raw = re.findall(r'class="arithmatex">\s*\\[(\[]', html)
    assert raw == [], f"{page}: formulas left unrendered"


def test_no_asset_comes_from_another_host(built_site: BuiltSite) -> None:
    external = []
    for path in built_site.directory.rglob("*"):
        if path.suffix not in {".html", ".css"}:
            continue
        for match in ASSET_REFERENCE.finditer(path.read_text(encoding="utf-8", errors="replace")):
            reference = match["src"] or match["href"] or match["url"]
            if re.match(r"(?i)^(https?:)?//", reference):
                external.append(f"{path.relative_to(built_site.directory)}: {reference}")
    assert external == []


def test_no_page_names_a_cdn(built_site: BuiltSite) -> None:
    """Not even in a script that would fetch one only in some case (nbconvert's Mermaid loader)."""
    cdn = re.compile(r"cdn\.jsdelivr|unpkg\.com|cdnjs|fonts\.googleapis|fonts\.gstatic|polyfill\.io")
    named = [
        p.relative_to(built_site.directory).as_posix()
        for p in built_site.directory.rglob("*.html")
        if cdn.search(p.read_text(encoding="utf-8"))
    ]
    assert named == []


def test_math_assets_are_served_locally(built_site: BuiltSite) -> None:
    css = built_site.directory / "assets/katex/mathml.css"
    fonts = re.findall(r'url\("?(fonts/[^)"]+\.woff2)"?\)', css.read_text(encoding="utf-8"))
    assert fonts
    for font in fonts:
        assert (css.parent / font).is_file(), font


def formulas_in(site: BuiltSite) -> list[str]:
    """The HTML of every formula on every page (a span.katex with all it holds)."""
    found = []
    for page in site.directory.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for start in (m.start() for m in re.finditer(r'<span\s+class="katex">', text)):
            depth = 0
            for tag in re.finditer(r"<span\b|</span>", text[start:]):
                depth += 1 if tag[0] == "<span" else -1
                if depth == 0:
                    found.append(text[start : start + tag.end()])
                    break
    return found


def test_formulas_are_mathml_that_browsers_draw_as_written(built_site: BuiltSite) -> None:
    """Formulas are MathML alone (sitemath/mathml.py): no TeX source in them, no KaTeX HTML, and no styled
    letter left to a ``mathvariant`` that Chromium ignores (a bold vector would show as a plain letter)."""
    formulas = formulas_in(built_site)
    assert len(formulas) > 1000
    assert [f for f in formulas if "<annotation" in f or "katex-html" in f] == []
    assert len([f for f in formulas if re.search(r'<math\s+xmlns="[^"]+"\s+display="block"', f)]) > 50
    variants = {v for f in formulas for v in re.findall(r'mathvariant="([^"]+)"', f)}
    assert variants <= {"normal"}
    letters = "".join(html.unescape(re.sub(r"<[^>]+>", "", f)) for f in formulas)
    assert {"𝐱", "𝐛", "ℝ", "𝜽"} <= set(letters)  # \mathbf{x}, \mathbf{b}, \mathbb{R}, \boldsymbol{\theta}


def test_math_font_keeps_every_character_the_formulas_draw(built_site: BuiltSite) -> None:
    """The served font is cut to the site's characters (sitemath/fonts.py), keeping its MATH table; every
    character a formula draws is in it, but the Chinese of \\text{…}, which comes from the page's fonts."""
    from fontTools.ttLib import TTFont

    from sitemath.mathml import drawn_characters
    from sitemath.mkdocs_plugin import MATH_FONT, MATH_FONT_PACKAGE
    from sitemath.renderer import npm_package

    drawn = set().union(*(drawn_characters(formula) for formula in formulas_in(built_site)))
    # The site's formulas were found; 𝑥 is how x is drawn, √ the sign of its square roots.
    assert {"∂", "∇", "∑", "𝐱", "ℝ", "𝑥", "√"} <= drawn
    original = npm_package(MATH_FONT_PACKAGE) / "files" / MATH_FONT
    served = built_site.directory / "assets/katex/fonts" / MATH_FONT
    assert served.stat().st_size < original.stat().st_size / 4, "the font was not cut"
    font = TTFont(served)
    assert "MATH" in font, "the cut font lost its MATH table"
    missing = {ch for ch in drawn if ord(ch) not in font.getBestCmap() and not is_chinese(ch)}
    assert missing == set(), f"formulas draw characters the served font lacks: {sorted(missing)}"


def is_chinese(character: str) -> bool:
    return unicodedata.name(character, "").startswith(("CJK", "FULLWIDTH", "IDEOGRAPHIC"))


def test_notebook_headings_have_ids_the_contents_link_to(built_site: BuiltSite) -> None:
    """nbconvert leaves Chinese headings with id="" (hooks/notebook_pages.py gives them the site's ids)."""
    pages = sorted((built_site.directory / "notebooks").glob("*/index.html"))
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        ids = set(re.findall(r'<h[1-6] id="([^"]*)"', text))
        assert ids and "" not in ids, f"{page}: a heading without an id"
        assert 'class="anchor-link" href="#"' not in text
        contents = set(re.findall(r'<a href="#([^"]*)" class="md-nav__link">', text))
        assert contents and contents <= ids, f"{page}: contents link to {sorted(contents - ids)}"


def test_theme_script_waits_for_the_first_paint(built_site: BuiltSite) -> None:
    """overrides/main.html defers the theme's bundle on every page, notebook pages included."""
    pages = sorted(built_site.directory.rglob("index.html"))
    assert len(pages) > 20
    for page in pages:
        tags = re.findall(r"<script [^>]*bundle\.[0-9a-f]+\.min\.js[^>]*>", page.read_text(encoding="utf-8"))
        assert tags and all(" defer" in tag for tag in tags), f"{page}: {tags}"


def test_switching_the_colour_scheme_restyles_only_what_fades(built_site: BuiltSite) -> None:
    """hooks/palette_switch.py: Material's rule on every element under the switching mark, which the
    theme sets and removes once at start-up (two restyles of the whole page), is narrowed."""
    sheets = list((built_site.directory / "assets" / "stylesheets").glob("palette.*.css"))
    assert sheets
    for sheet in sheets:
        css = sheet.read_text(encoding="utf-8")
        assert "[data-md-color-switching] *" not in css
        assert "[data-md-color-switching] :is(" in css


def test_snippets_were_checked_in_the_build(built_site: BuiltSite) -> None:
    assert re.search(r"docexec: \d+ snippets checked", built_site.log)


def test_math_detection_sees_math_and_ignores_code() -> None:
    assert has_math("derivatives.md")
    assert not has_math("contributing.md")  # shows `$…$` only as inline code


def _search_texts(site: BuiltSite) -> list[tuple[str, str]]:
    """(location, title + text) of every search index entry, code blocks and inline code left out."""
    index = json.loads((site.directory / "search/search_index.json").read_text(encoding="utf-8"))
    texts = []
    for entry in index["docs"]:
        text = re.sub(r"(?s)<pre>.*?</pre>|<code>.*?</code>", "", entry["title"] + " " + entry["text"])
        texts.append((entry["location"], text.replace("\u200b", "")))  # the theme's word breaks for Chinese
    return texts


def test_search_index_holds_formulas_as_text_once(built_site: BuiltSite) -> None:
    """Search previews show a formula's text, once, as a reader would type it: not its TeX source."""
    tex = re.compile(r"\\[A-Za-z]{2,}|[_^]\{")
    annotations = set()  # each formula's TeX, from the pages' Markdown
    for page in PAGES:
        markdown = (ROOT / "docs" / page).read_text(encoding="utf-8")
        for source in re.findall(r"(?s)\$\$(.+?)\$\$|\$([^$\n]+)\$", markdown):
            source = "".join(source).strip()
            # Only TeX that reads differently from its text: "$0.083333$" is the same either way.
            if len(source) >= 8 and re.search(r"[\\^_{}]", source):
                annotations.add(source)
    assert len(annotations) > 100, "no formula found in the pages"
    for location, text in _search_texts(built_site):
        assert not tex.search(text), f"{location}: TeX in the search index: {tex.search(text)[0]}"
        assert not re.search("[\u2061-\u2064]", text), f"{location}: invisible math operators in the index"
        shown = [source for source in annotations if source in text]
        assert shown == [], f"{location}: TeX source of formulas in the index"


def test_search_index_leaves_code_blocks_out_and_keeps_the_prose(built_site: BuiltSite) -> None:
    """Code and 「输出」 blocks would be over half the index every page loads (hooks/search_prose.py)."""
    index = json.loads((built_site.directory / "search/search_index.json").read_text(encoding="utf-8"))
    entries = {entry["location"]: entry["title"] + " " + entry["text"] for entry in index["docs"]}
    with_code = [location for location, text in entries.items() if "<pre" in text]
    assert with_code == [], f"code blocks in the search index: {with_code[:5]}"
    # The prose next to a snippet is still there, its inline code included.
    stable = entries["mlp-backprop/#稳定的-softmax-与交叉熵"].replace("\u200b", "")
    assert "log-sum-exp" in stable and "torch.nn.functional.cross_entropy" in stable
    assert "naive_p" not in stable  # a name that only the snippet's code uses


def test_build_log_is_quiet(built_site: BuiltSite) -> None:
    """Nothing above INFO when nothing is wrong, and none of the routine chatter of the libraries."""
    loud = [line for line in built_site.log.splitlines() if re.match(r"\s*(WARNING|ERROR|CRITICAL)\b", line)]
    assert loud == []
    for chatter in ("Building prefix dict", "Loading model", "Dumping model", "Prefix dict has been built"):
        assert chatter not in built_site.log  # jieba's dictionary set-up (hooks/quiet_log.py)
