"""Headless Chromium (Debian's /usr/bin/chromium, driven by Playwright) against the built site on 127.0.0.1."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest
from local_browser import CHROMIUM, CHROMIUM_ARGS, serve

from ..conftest import BuiltSite


@pytest.fixture(scope="session")
def site_url(built_site: BuiltSite) -> Iterator[str]:
    with serve(built_site.directory) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        message = f"no Chromium at {CHROMIUM}: install it with `apt-get install -y chromium` (or set CHROMIUM=path)"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)  # CI installs it; a missing browser there is a failure
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
