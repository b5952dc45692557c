"""The offline download (scripts/offline.sh), opened from file:// with the network off."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import build_site


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built as scripts/offline.sh builds it."""
    return build_site(tmp_path_factory.mktemp("offline"), OFFLINE="true", DIRECTORY_URLS="false").directory


def open_offline(browser, url: str):
    """A context where only file:// loads; anything else counts as an attempt to use the network."""
    context = browser.new_context()
    attempts: list[str] = []

    def route(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            attempts.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("load")
    return context, page, attempts


@pytest.mark.browser
def test_offline_page_shows_math_and_figures(browser, offline_site: Path) -> None:
    context, page, attempts = open_offline(browser, (offline_site / "derivatives.html").as_uri())
    try:
        assert page.locator('math[display="block"]').first.is_visible()
        figure = page.locator("img.docexec-figure").first
        figure.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=figure.element_handle())
        page.locator('a.md-nav__link[href="integrals.html"]').first.click()
        page.wait_for_load_state("load")
        assert page.url.endswith("integrals.html")
        assert attempts == []
    finally:
        context.close()


@pytest.mark.browser
def test_offline_search_finds_the_gradient_page(browser, offline_site: Path) -> None:
    context, page, attempts = open_offline(browser, (offline_site / "index.html").as_uri())
    try:
        page.locator("label.md-search__icon, .md-search__input").first.click()
        page.locator("input.md-search__input").focus()
        page.keyboard.insert_text("梯度")
        page.keyboard.press("End")
        results = page.locator(".md-search-result__item a")
        results.first.wait_for(timeout=10_000)
        hrefs = [results.nth(i).get_attribute("href") or "" for i in range(min(results.count(), 5))]
        assert any("gradients.html" in href for href in hrefs), hrefs
        assert attempts == []
    finally:
        context.close()


@pytest.mark.browser
def test_offline_page_logs_no_console_error(browser, offline_site: Path) -> None:
    context, page, attempts = open_offline(browser, (offline_site / "chain-rule.html").as_uri())
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    try:
        page.reload()
        page.wait_for_timeout(500)
        assert errors == [] and attempts == []
    finally:
        context.close()
