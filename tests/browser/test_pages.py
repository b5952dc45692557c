"""Every page in a real browser: math visible, no console error, no failed or off-host request."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlparse

import pytest

from ..test_site_build import PAGES, has_math
from ..test_snippets import DISCOVERY

NOTEBOOK_PAGES = sorted({s.location.path.removeprefix("docs/") for s in DISCOVERY.snippets})

# A query, and the page the first results must include.
SEARCHES = {
    "梯度": "gradients/",
    "链式法则": "chain-rule/",
    "反向传播": "backprop/",
    "自动求导": "autograd/",
    "泰勒展开": "taylor/",
    "凸函数": "taylor/",
    "牛顿法": "taylor/",
    "动量": "mlp-backprop/",
}


# The article's visible text outside code, where raw TeX would show if a formula was not rendered.
PROSE_TEXT = """() => {
  const article = document.querySelector("article").cloneNode(true);
  article.querySelectorAll("code, pre").forEach((node) => node.remove());
  return article.textContent;
}"""


def page_url(site_url: str, page: str) -> str:
    return site_url if page == "index.md" else site_url + page.removesuffix(".md") + "/"


@dataclass
class Traffic:
    errors: list[str] = field(default_factory=list)
    off_host: list[str] = field(default_factory=list)


def open_page(browser, url: str, **context_options):
    """A fresh context that records console errors and failed requests, and refuses any other host."""
    context = browser.new_context(**context_options)
    traffic = Traffic()

    def route(route):
        if urlparse(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            traffic.off_host.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and traffic.errors.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: traffic.errors.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: traffic.errors.append(f"request failed: {r.url} {r.failure}"))
    page.on("response", lambda r: r.status >= 400 and traffic.errors.append(f"HTTP {r.status}: {r.url}"))
    page.goto(url, wait_until="networkidle")
    if context_options.get("java_script_enabled", True):
        # The page's second step (overrides/main.html): the blocks skipped at first paint are rendered.
        page.wait_for_function("document.documentElement.hasAttribute('data-md-shown')", timeout=30_000)
    return context, page, traffic


@pytest.mark.browser
@pytest.mark.parametrize("page_name", PAGES)
def test_page_loads_cleanly_with_math_visible(browser, site_url: str, page_name: str) -> None:
    context, page, traffic = open_page(browser, page_url(site_url, page_name))
    try:
        if has_math(page_name):
            formulas = page.locator("article .katex")
            assert formulas.count() > 0
            assert formulas.first.is_visible()
            box = formulas.first.bounding_box()
            assert box and box["width"] > 0 and box["height"] > 0
        text = page.evaluate(PROSE_TEXT)
        for raw in ("\\(", "\\[", "$$", "\\frac"):
            assert raw not in text, f"raw TeX {raw!r} visible on {page_name}"
        assert traffic.off_host == []
        assert traffic.errors == []
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize(("query", "expected"), SEARCHES.items())
def test_chinese_search_finds_its_page(browser, site_url: str, query: str, expected: str) -> None:
    context, page, traffic = open_page(browser, site_url)
    try:
        page.locator("label.md-search__icon, .md-search__input").first.click()
        search = page.locator("input.md-search__input")
        search.focus()
        page.keyboard.insert_text(query)
        page.keyboard.press("End")  # insertText fires no keyup, and the theme's search listens to keyup
        results = page.locator(".md-search-result__item a")
        results.first.wait_for(timeout=10_000)
        hrefs = [results.nth(i).get_attribute("href") or "" for i in range(min(results.count(), 5))]
        assert any(expected in href for href in hrefs), hrefs
        assert traffic.off_host == [] and traffic.errors == []
    finally:
        context.close()


RESOURCES = """() => performance.getEntriesByType("resource").map((entry) => entry.name)"""


@pytest.mark.browser
def test_search_index_is_fetched_only_when_the_reader_opens_search(browser, site_url: str) -> None:
    """The index (about 90 KB gzip) is not part of a page's first view (overrides/main.html)."""
    context, page, traffic = open_page(browser, page_url(site_url, "autograd.md"))
    try:
        page.wait_for_timeout(500)
        assert not [url for url in page.evaluate(RESOURCES) if "search_index" in url]
        page.locator("label.md-search__icon, .md-search__input").first.click()
        page.locator("input.md-search__input").focus()
        page.keyboard.insert_text("梯度")
        page.keyboard.press("End")
        page.locator(".md-search-result__item a").first.wait_for(timeout=10_000)
        assert [url for url in page.evaluate(RESOURCES) if url.endswith("/search/search_index.json")]
        assert traffic.off_host == [] and traffic.errors == []
    finally:
        context.close()


@pytest.mark.browser
def test_navigation_drawer_opens_on_a_phone(browser, site_url: str) -> None:
    context, page, traffic = open_page(
        browser,
        page_url(site_url, "autograd.md"),
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
    )
    try:
        drawer_nav = page.locator("nav.md-nav--primary")
        assert not drawer_nav.is_visible() or drawer_nav.bounding_box()["x"] < 0
        page.locator('label.md-header__button[for="__drawer"]').click()
        page.wait_for_timeout(400)
        box = drawer_nav.bounding_box()
        assert drawer_nav.is_visible() and box is not None and box["x"] >= 0
        assert traffic.errors == []
    finally:
        context.close()


@pytest.mark.browser
def test_math_is_visible_with_javascript_off(browser, site_url: str) -> None:
    context, page, traffic = open_page(browser, page_url(site_url, "derivatives.md"), java_script_enabled=False)
    try:
        formula = page.locator('div.arithmatex math[display="block"]').first
        assert formula.is_visible()
        box = formula.bounding_box()
        assert box is not None and box["height"] > 10
        assert traffic.errors == [] and traffic.off_host == []
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("page_name", NOTEBOOK_PAGES)
def test_notebook_page_loads_cleanly_with_math_rendered(browser, site_url: str, page_name: str) -> None:
    context, page, traffic = open_page(browser, f"{site_url}notebooks/{page_name.removesuffix('.md')}/")
    try:
        assert page.locator(".katex").count() > 0
        text = page.evaluate(PROSE_TEXT)
        assert "$$" not in text and "\\frac" not in text
        assert page.locator('a[title="下载 Notebook"]').count() == 1
        assert traffic.off_host == [] and traffic.errors == []
    finally:
        context.close()
