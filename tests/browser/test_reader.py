"""What a reader sees around the article, in a real browser: no TeX source anywhere (body, navigation,
contents, search results, notebook and print pages), phones (390 px), figures in the dark scheme,
code blocks that keep their height while scrolling."""

from __future__ import annotations

import contextlib
import re
from io import BytesIO

import pytest
from PIL import Image, ImageStat
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from ..test_site_build import PAGES
from .test_pages import NOTEBOOK_PAGES, open_page, page_url

NOTEBOOK_URLS = [f"notebooks/{p.removesuffix('.md')}/" for p in NOTEBOOK_PAGES]
CONTENT_URLS = [page_url("", p) for p in PAGES]
EVERY_URL = CONTENT_URLS + NOTEBOOK_URLS + ["print_page/"]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1400, "height": 900}}

# TeX a reader should never see: commands (\frac, \nabla), braced scripts (_{, ^{), math delimiters.
TEX = re.compile(r"\\[A-Za-z]{2,}|[_^]\{|\$\$|\\\(|\\\)|\\\[|\\\]")

# Every text of the page as the DOM holds it (collapsed navigation included), without code (where
# backslashes are Python; a notebook keeps a hidden copy of each cell for its copy button) and without KaTeX's TeX annotation (in the MathML, never displayed).
# The closed answers too: they come as a <noscript>'s text (hooks/answers_on_open.py), put in place
# here as before printing, as when the reader opens them.
PAGE_TEXT = """() => {
  dispatchEvent(new Event("beforeprint"));
  const body = document.body.cloneNode(true);
  body.querySelectorAll("pre, code, .clipboard-copy-txt, annotation, script, style, template").forEach((n) => n.remove());
  return body.textContent;
}"""


def tex_in(text: str) -> list[str]:
    return [text[max(0, m.start() - 30) : m.end() + 30] for m in TEX.finditer(text)]


@pytest.mark.browser
@pytest.mark.parametrize("path", EVERY_URL)
def test_no_tex_source_anywhere_on_the_page(browser, site_url: str, path: str) -> None:
    """Body, navigation (drawer and its collapsed sections), table of contents, title, footer."""
    context, page, traffic = open_page(browser, site_url + path, **DESKTOP)
    try:
        assert tex_in(page.title()) == []
        assert tex_in(page.evaluate(PAGE_TEXT)) == [], f"TeX source visible on /{path}"
        assert traffic.errors == []
    finally:
        context.close()


SEARCH_QUERIES = ("梯度", "偏导数", "链式法则", "雅可比矩阵", "导数", "反向传播", "积分")
RESULTS_TEXT = """() => {
  const list = document.querySelector(".md-search-result__list").cloneNode(true);
  list.querySelectorAll("pre, code").forEach((n) => n.remove());
  return list.textContent;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("query", SEARCH_QUERIES)
def test_search_previews_show_formulas_as_text_once(browser, site_url: str, query: str) -> None:
    context, page, traffic = open_page(browser, site_url, **DESKTOP)
    try:
        page.locator("label.md-search__icon, .md-search__input").first.click()
        page.locator("input.md-search__input").focus()
        page.keyboard.insert_text(query)
        page.keyboard.press("End")  # the theme's search listens to keyup
        page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
        # Show every hidden match of each page as well ("N more on this page").
        for more in page.locator(".md-search-result__more > summary").all():
            more.click()
        text = page.evaluate(RESULTS_TEXT)
        assert text.strip()
        assert tex_in(text) == [], f"TeX source in the search results for {query!r}"
        assert not re.search("[\u2061-\u2064]", text), "invisible math operators in the previews"
        assert traffic.errors == []
    finally:
        context.close()


# At 390 px: whatever scrolls sideways shows that it does; the page itself never does; punctuation
# after inline math stays on the formula's line.
PHONE_CHECKS = """() => {
  const found = {pageOverflow: document.documentElement.scrollWidth - window.innerWidth, noCue: [], lineStarts: []};
  for (const el of document.querySelectorAll("article *")) {
    const style = getComputedStyle(el);
    if (!["auto", "scroll"].includes(style.overflowX) || el.scrollWidth <= el.clientWidth + 1) continue;
    if (!style.backgroundImage.includes("gradient") || !style.backgroundAttachment.includes("local")) {
      found.noCue.push(el.textContent.slice(0, 60));
    }
  }
  for (const math of document.querySelectorAll("span.arithmatex")) {
    const next = math.nextSibling;
    if (!next || next.nodeType !== Node.TEXT_NODE || !/^[，。、；：！？）]/.test(next.data)) continue;
    const range = document.createRange();
    range.setStart(next, 0);
    range.setEnd(next, 1);
    const mark = range.getClientRects()[0];
    const boxes = math.getClientRects();
    const last = boxes[boxes.length - 1];
    if (mark && last && mark.top >= last.bottom - 2) {
      found.lineStarts.push(next.data.slice(0, 1) + " after " + math.textContent.slice(0, 40));
    }
  }
  return found;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("path", CONTENT_URLS + NOTEBOOK_URLS)
def test_phone_width_scrolls_show_and_no_line_starts_with_punctuation(browser, site_url: str, path: str) -> None:
    context, page, traffic = open_page(browser, site_url + path, **PHONE)
    try:
        found = page.evaluate(PHONE_CHECKS)
        assert found["pageOverflow"] <= 1, "the page itself scrolls sideways"
        assert found["noCue"] == [], "blocks that scroll sideways with nothing showing it"
        assert found["lineStarts"] == [], "a line starts with punctuation that belongs to a formula"
        assert traffic.errors == []
    finally:
        context.close()


NOTEBOOK_LAYOUT = """() => {
  dispatchEvent(new Event("beforeprint"));  // the answers' cells too (see PAGE_TEXT)
  const article = document.querySelector("article").getBoundingClientRect().width;
  const visible = (el) => el.getBoundingClientRect().width > 0 && getComputedStyle(el).display !== "none";
  return {
    article,
    prompts: [...document.querySelectorAll(".jp-InputPrompt, .jp-OutputPrompt")]
      .filter((el) => visible(el) && el.textContent.trim()).length,
    codeWidths: [...document.querySelectorAll(".highlight-ipynb pre")].map((el) => el.getBoundingClientRect().width),
    wrapping: [...document.querySelectorAll(".jp-RenderedText pre")]
      .filter((el) => getComputedStyle(el).whiteSpace !== "pre").length,
    stylesheetBytes: [...document.querySelectorAll("style")].reduce((n, el) => n + el.textContent.length, 0),
  };
}"""


@pytest.mark.browser
@pytest.mark.parametrize("path", NOTEBOOK_URLS)
def test_notebook_page_reads_on_a_phone(browser, site_url: str, path: str) -> None:
    context, page, traffic = open_page(browser, site_url + path, **PHONE)
    try:
        layout = page.evaluate(NOTEBOOK_LAYOUT)
        assert layout["prompts"] == 0, "the In [ ]: prompt column takes the phone's width"
        assert layout["codeWidths"] and min(layout["codeWidths"]) >= 0.9 * layout["article"]
        assert layout["wrapping"] == 0, "outputs wrap mid-word instead of scrolling"
        assert layout["stylesheetBytes"] < 20_000, "JupyterLab's inline stylesheet is back"
        assert traffic.errors == []
    finally:
        context.close()


def figure_brightness(browser, url: str, scheme: str, selector: str) -> float:
    """Mean brightness (0–255) of the first figure, as the reader sees it in the given scheme."""
    context, page, traffic = open_page(browser, url, color_scheme=scheme, **DESKTOP)
    try:
        figure = page.locator(selector).first
        figure.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=figure.element_handle())
        image = Image.open(BytesIO(figure.screenshot())).convert("L")
        assert traffic.errors == []
        return ImageStat.Stat(image).mean[0]
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize(
    ("path", "selector"),
    [("derivatives/", "img.docexec-figure"), ("notebooks/derivatives/", ".jp-OutputArea img.docexec-figure")],
)
def test_figures_follow_the_dark_scheme(browser, site_url: str, path: str, selector: str) -> None:
    light = figure_brightness(browser, site_url + path, "light", selector)
    dark = figure_brightness(browser, site_url + path, "dark", selector)
    assert light > 180, f"the figure should be light in the light scheme ({light:.0f})"
    assert dark < 90, f"the figure is a bright card in the dark scheme ({dark:.0f})"


# Each code block's height as laid out now, and once every block is forced to render: a block
# whose size is only guessed (content-visibility with a made-up intrinsic size) makes the page jump
# while scrolling, and shows blank in full-page captures.
BLOCK_HEIGHTS = """() => {
  // the answers too: as before printing, their content is put in place and they are opened
  dispatchEvent(new Event("beforeprint"));
  const blocks = [...document.querySelectorAll(".md-typeset .highlight, .jupyter-wrapper [style*='--md-lines'], div.arithmatex")];
  const before = blocks.map((el) => el.getBoundingClientRect().height);
  blocks.forEach((el) => (el.style.contentVisibility = "visible"));
  const after = blocks.map((el) => el.getBoundingClientRect().height);
  return blocks.map((el, i) => [before[i], after[i], el.textContent.trim().slice(0, 50)]);
}"""


@pytest.mark.browser
@pytest.mark.parametrize("view", ["desktop", "phone"])
@pytest.mark.parametrize("path", CONTENT_URLS + NOTEBOOK_URLS)
def test_code_blocks_keep_their_height_while_scrolling(browser, site_url: str, path: str, view: str) -> None:
    """Off-screen blocks reserve their real height: off by at most a horizontal scrollbar's few pixels."""
    context, page, traffic = open_page(browser, site_url + path, **(PHONE if view == "phone" else DESKTOP))
    try:
        heights = page.evaluate(BLOCK_HEIGHTS)
        jumps = [(b, a, text) for b, a, text in heights if abs(b - a) > 6]
        assert jumps == [], "blocks change height when they are rendered"
        assert traffic.errors == []
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("path", ["chain-rule/", "autograd/", "notebooks/chain-rule/"])
def test_every_formula_is_in_the_accessibility_tree(browser, site_url: str, path: str) -> None:
    """Screen readers get each formula's MathML, below the first screen too (content-visibility on a
    formula would take it out of the tree until the reader scrolls to it)."""
    context, page, traffic = open_page(browser, site_url + path, **PHONE)
    try:
        session = context.new_cdp_session(page)
        nodes = session.send("Accessibility.getFullAXTree")["nodes"]
        in_tree = sum(1 for node in nodes if node.get("role", {}).get("value") == "MathMLMath")
        formulas = page.locator(".katex math").count()
        assert formulas > 0
        assert in_tree == formulas
        assert traffic.errors == []
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("path", ["matrix-gradients/", "chain-rule/", "notebooks/exercises/"])
def test_formulas_are_drawn_with_the_math_font(browser, site_url: str, path: str) -> None:
    """Formulas are MathML (sitemath/mathml.py), drawn with the site's cut of STIX Two Math: the font
    loads, and it has every glyph they draw (none is drawn with a fallback font)."""
    context, page, traffic = open_page(browser, site_url + path, **PHONE)
    try:
        session = context.new_cdp_session(page)
        session.send("DOM.enable")
        session.send("CSS.enable")
        root = session.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        tokens = session.send("DOM.querySelectorAll", {"nodeId": root, "selector": ".katex > math :is(mi, mn, mo)"})
        assert len(tokens["nodeIds"]) > 100
        families: dict[str, int] = {}
        for node in tokens["nodeIds"]:
            for font in session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]:
                families[font["familyName"]] = families.get(font["familyName"], 0) + font["glyphCount"]
        assert list(families) == ["STIX Two Math"], f"glyphs per font: {families}"
        assert traffic.errors == []
    finally:
        context.close()


# Each display formula's box against the formula itself with its margins (sitemath/mathml.css).
DISPLAY_FORMULA_SPACE = """() => [...document.querySelectorAll("div.arithmatex")].map((div) => {
  const math = div.querySelector('math[display="block"]');
  const margins = parseFloat(getComputedStyle(math).marginTop) + parseFloat(getComputedStyle(math).marginBottom);
  return div.getBoundingClientRect().height - math.getBoundingClientRect().height - margins;
})"""


@pytest.mark.browser
@pytest.mark.parametrize("path", ["matrix-gradients/", "notebooks/chain-rule/"])
def test_display_formulas_take_no_more_room_than_they_need(browser, site_url: str, path: str) -> None:
    """A display formula takes its own height and margins: no empty line above or below it (an inline
    wrapper around the block formula added two, about 50 px)."""
    context, page, traffic = open_page(browser, site_url + path, **DESKTOP)
    try:
        extra = page.evaluate(DISPLAY_FORMULA_SPACE)
        assert extra, "no display formula on the page"
        assert max(extra) < 4, f"room around display formulas beyond their margins (px): {extra}"
        assert traffic.errors == []
    finally:
        context.close()


# The two steps of drawing a page (stylesheets/extra.css, overrides/main.html): blocks far below the
# first screen are skipped at first paint, and all are rendered once the page has loaded.
# Elements inside a skipped block: shown but for content-visibility.
SKIPPED = """() => [...document.querySelectorAll("article *")]
  .filter((el) => el.checkVisibility() && !el.checkVisibility({contentVisibilityAuto: true}))
  .map((el) => el.tagName + " " + el.textContent.trim().slice(0, 40))"""
# Blocks inside a closed answer wait until the reader opens it (the script would otherwise make the
# browser lay out what it does not show); opening every answer renders them too.
STILL_AUTO = """(inClosedAnswers) => [...document.querySelectorAll("article *")]
  .filter((el) => inClosedAnswers || !el.parentElement.closest("details:not([open])"))
  .filter((el) => getComputedStyle(el).contentVisibility === "auto")
  .map((el) => el.tagName + " " + el.textContent.trim().slice(0, 40))"""
OPEN_ANSWERS = """() => {
  const closed = [...document.querySelectorAll("article details:not([open])")];
  closed.forEach((details) => (details.open = true));
  return closed.length;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("path", ["autograd/", "matrix-gradients/", "exercises/", "notebooks/exercises/"])
def test_far_blocks_skipped_at_first_paint_and_all_rendered_after_load(browser, site_url: str, path: str) -> None:
    # Without the script, the page stays as its first paint left it: what lies far below is skipped.
    context, page, traffic = open_page(browser, site_url + path, java_script_enabled=False, **PHONE)
    try:
        assert len(page.evaluate(SKIPPED)) > 10, "nothing skipped at first paint: the page is laid out whole"
    finally:
        context.close()
    context, page, traffic = open_page(browser, site_url + path, **PHONE)
    try:
        assert page.evaluate(STILL_AUTO, False) == [], "blocks left to be skipped again when they leave the screen"
        assert page.evaluate(SKIPPED) == []
        if page.evaluate(OPEN_ANSWERS):
            with contextlib.suppress(PlaywrightTimeoutError):
                page.wait_for_function(f"({STILL_AUTO})(true).length === 0", timeout=10_000)
            assert page.evaluate(STILL_AUTO, True) == [], "blocks of an opened answer left skipped"
        assert traffic.errors == []
    finally:
        context.close()


# While the reader switches between light and dark, the theme marks <body> and nothing should fade
# from one colour to the other. hooks/palette_switch.py narrows the theme's rule to the elements it
# animates; an element (or its ::before/::after) still fading in colour means the list misses it.
STILL_FADING = """() => {
  document.body.setAttribute("data-md-color-switching", "");
  const fades = (style) => {
    const properties = style.transitionProperty.split(",").map((p) => p.trim());
    const durations = style.transitionDuration.split(",").map((d) => parseFloat(d));
    return properties.some((p, i) => durations[i % durations.length] > 0
      && /^(all|color|background|border|box-shadow|fill|outline|text-decoration)/.test(p));
  };
  const found = [];
  for (const el of document.querySelectorAll("body *")) {
    for (const pseudo of [null, "::before", "::after"]) {
      if (fades(getComputedStyle(el, pseudo))) found.push(el.tagName + "." + el.className + (pseudo || ""));
    }
  }
  document.body.removeAttribute("data-md-color-switching");
  return [...new Set(found)];
}"""


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", "chain-rule/", "exercises/", "notebooks/chain-rule/"])
@pytest.mark.parametrize("view", ["desktop", "phone"])
def test_nothing_fades_while_the_colour_scheme_switches(browser, site_url: str, path: str, view: str) -> None:
    context, page, traffic = open_page(browser, site_url + path, **(PHONE if view == "phone" else DESKTOP))
    try:
        assert page.evaluate(STILL_FADING) == []
        assert traffic.errors == []
    finally:
        context.close()


# Closed answers reach the browser as a <noscript>'s text (hooks/answers_on_open.py) and are put in
# place when opened (overrides/main.html): the page is a fifth of its elements until then.
HELD_FORMULAS = """() => document.querySelectorAll("article details:not([open]) .katex").length"""
# <details> left closed while the page prints (Chromium fires beforeprint, as a reader's Ctrl+P does).
PRINTED_CLOSED = """() => {
  dispatchEvent(new Event("beforeprint"));
  const closed = document.querySelectorAll("article details:not([open])").length;
  dispatchEvent(new Event("afterprint"));
  return closed;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("path", ["exercises/", "notebooks/exercises/"])
def test_an_answer_is_put_in_place_when_the_reader_opens_it(browser, site_url: str, path: str) -> None:
    context, page, traffic = open_page(
        browser, site_url + path, permissions=["clipboard-read", "clipboard-write"], **PHONE
    )
    try:
        assert page.locator("article details:not([open])").count() >= 10
        assert page.evaluate(HELD_FORMULAS) == 0, "closed answers are already part of the page"
        answer = page.locator("article details").first
        answer.locator("summary").click()
        assert answer.evaluate("(details) => details.open")
        assert answer.locator("noscript").count() == 0
        formulas = answer.locator(".katex")
        assert formulas.count() > 0 and formulas.first.is_visible()
        if not path.startswith("notebooks/"):  # notebook cells have no copy button anywhere
            code = answer.locator(".highlight pre > code").first
            button = answer.locator(".highlight pre > nav > button.md-code__button").first
            button.scroll_into_view_if_needed()
            button.click()
            page.locator(".md-dialog").wait_for(state="visible")
            assert page.evaluate("navigator.clipboard.readText()") == code.inner_text().rstrip()
        # Printing the page prints every answer, whole (the theme opens them, the script fills them).
        page.pdf()
        assert page.locator("article details noscript").count() == 0
        assert page.evaluate(PRINTED_CLOSED) == 0, "answers left closed on paper"
        assert traffic.errors == []
    finally:
        context.close()


@pytest.mark.browser
def test_an_answer_opens_without_javascript(browser, site_url: str) -> None:
    context, page, traffic = open_page(browser, site_url + "exercises/", java_script_enabled=False, **PHONE)
    try:
        answer = page.locator("article details").first
        answer.locator("summary").click()
        assert answer.locator(".katex").first.is_visible()
        assert traffic.errors == []
    finally:
        context.close()
