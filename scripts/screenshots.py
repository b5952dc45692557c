"""Screenshots of every page of the built site, light, dark and on a phone, to look at before a release.

    .venv/bin/mkdocs build && .venv/bin/python scripts/screenshots.py [--site site] [--out dist/screenshots]
    [--full-page]

Writes <out>/<page>--light.png, --dark.png (1280 px wide) and --phone.png (390 px, light) for each page
(dist/ is git-ignored). Pages are served from 127.0.0.1; nothing is fetched from anywhere else.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from local_browser import CHROMIUM, CHROMIUM_ARGS, serve
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
VIEWS = {
    "light": {"viewport": {"width": 1280, "height": 900}, "color_scheme": "light"},
    "dark": {"viewport": {"width": 1280, "height": 900}, "color_scheme": "dark"},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
        "color_scheme": "light",
    },
}
# Every image loaded, fonts ready: what a reader sees once the page has settled.
SETTLED = """() => document.fonts.ready.then(() =>
    [...document.images].every((img) => img.complete))"""


def site_pages(site: Path) -> list[str]:
    """URL paths of the site's pages (index.html files), the 404 page and theme assets left out."""
    return sorted(
        "" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"
        for p in site.rglob("index.html")
        if not {"assets", "404"} & set(p.relative_to(site).parts)
    )


def shot_name(page: str, view: str) -> str:
    return f"{page.strip('/').replace('/', '__') or 'index'}--{view}.png"


def take_screenshots(site: Path, out: Path, *, full_page: bool = False) -> list[Path]:
    if not (site / "index.html").is_file():
        raise SystemExit(f"screenshots: {site}/index.html not found: build the site first (.venv/bin/mkdocs build)")
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for view, options in VIEWS.items():
            context = browser.new_context(**options)
            context.route(
                "**/*", lambda route: route.continue_() if "//127.0.0.1" in route.request.url else route.abort()
            )
            page = context.new_page()
            for path in site_pages(site):
                page.goto(base + path, wait_until="networkidle")
                page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach((img) => img.loading = 'eager')")
                page.wait_for_function(SETTLED, timeout=30_000)
                target = out / shot_name(path, view)
                page.screenshot(path=str(target), full_page=full_page)
                written.append(target)
            context.close()
        browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / "screenshots")
    parser.add_argument("--full-page", action="store_true", help="the whole page, not just the first screen")
    args = parser.parse_args()
    written = take_screenshots(args.site, args.out, full_page=args.full_page)
    print(f"screenshots: {len(written)} PNG files in {args.out}")


if __name__ == "__main__":
    main()
