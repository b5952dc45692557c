"""Print the whole tutorial to a PDF with headless Chromium, math and figures intact.

    .venv/bin/mkdocs build && .venv/bin/python scripts/pdf.py [--site site] [--out dist/深度学习中的微积分.pdf]

It serves the built site on 127.0.0.1, opens the print version (print_page/), waits until every
figure and font has loaded, and prints it as A4.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from local_browser import CHROMIUM, CHROMIUM_ARGS, serve
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
READY = "() => document.fonts.ready.then(() => [...document.images].every(img => img.complete && img.naturalWidth > 0))"


def print_pdf(site: Path, out: Path, browser=None) -> Path:
    """Print ``site``'s print_page/ to ``out``; ``browser`` is a Playwright browser to reuse, if any."""
    if not (site / "print_page/index.html").is_file():
        raise SystemExit(f"pdf: {site}/print_page/index.html not found: build the site first (.venv/bin/mkdocs build)")
    with serve(site) as base:
        url = f"{base}print_page/"
        if browser is not None:
            _print(browser, url, out)
        else:
            with sync_playwright() as playwright:
                own = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                _print(own, url, out)
                own.close()
    return out


def _print(browser, url: str, out: Path) -> None:
    page = browser.new_page()
    page.goto(url, wait_until="networkidle")
    page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(img => img.loading = 'eager')")
    page.wait_for_function(READY, timeout=60_000)
    page.emulate_media(media="print")
    out.parent.mkdir(parents=True, exist_ok=True)
    margin = {"top": "18mm", "bottom": "18mm", "left": "15mm", "right": "15mm"}
    page.pdf(path=str(out), format="A4", print_background=True, margin=margin)
    page.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / "深度学习中的微积分.pdf")
    args = parser.parse_args()
    out = print_pdf(args.site, args.out)
    print(f"pdf: {out} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
