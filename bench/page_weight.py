"""Page side, measured in a real browser: bytes transferred on the first view of each page (gzip, as a
static host serves them) and Lighthouse performance and accessibility scores.

    (cd bench && npm ci)       # Lighthouse, bench-only
    .venv/bin/mkdocs build && .venv/bin/python bench/page_weight.py [--site site]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from local_browser import CHROMIUM, CHROMIUM_ARGS, QuietHandler, serve

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".ttf"}
BUDGET = 250 * 1024


class GzipHandler(QuietHandler):
    """Serves files gzip-compressed when the browser accepts it, as any static host does."""

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (
            path.suffix not in COMPRESSIBLE
            or "gzip" not in self.headers.get("Accept-Encoding", "")
            or not path.is_file()
        ):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None


# print_page/ is the whole tutorial on one page, the source scripts/pdf.py prints; no link leads a
# reader there, so it is measured on request only (--page print_page/).
NOT_READ = {"assets", "404", "print_page"}


def pages(site: Path) -> list[str]:
    return sorted(
        p.parent.relative_to(site).as_posix() + "/" if p.parent != site else ""
        for p in site.rglob("index.html")
        if not NOT_READ & set(p.relative_to(site).parts)
    )


FIRST_VIEW_BYTES = """() => performance.getEntriesByType("navigation").concat(performance.getEntriesByType("resource"))
    .reduce((sum, entry) => sum + entry.transferSize, 0)"""


def transferred(browser, url: str) -> int:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(300)
    total = page.evaluate(FIRST_VIEW_BYTES)
    context.close()
    return total


def cpu_times() -> tuple[int, int] | None:
    """(stolen, total) CPU time so far, from Linux's /proc/stat; None where it is not counted."""
    try:
        fields = [int(f) for f in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None
    return (fields[7], sum(fields[:8])) if len(fields) > 7 else None


def stolen_percent(before: tuple[int, int] | None, after: tuple[int, int] | None) -> float | None:
    if not before or not after or after[1] <= before[1]:
        return None
    return 100 * (after[0] - before[0]) / (after[1] - before[1])


def lighthouse_median(url: str, runs: int, max_steal: float, extra: int) -> tuple[float, float, str, int] | None:
    """Lighthouse's simulated throttling varies from run to run: report the median of several.

    A virtual machine's host can take CPU time from it (the steal in /proc/stat); the page then runs
    slower as Lighthouse observes it and scores lower than it would on its own. A run during which the
    host took more than max_steal % is set aside and repeated, up to `extra` more runs; if too few are
    clean, the least disturbed of those set aside fill in. Returned with the medians: the most CPU the
    host took during a run that counted (%), and how many runs were set aside and not counted."""
    kept: list[tuple[tuple[float, float], float | None]] = []
    set_aside: list[tuple[tuple[float, float], float]] = []
    while len(kept) < runs and len(kept) + len(set_aside) < runs + extra:
        before = cpu_times()
        score = lighthouse(url)
        stolen = stolen_percent(before, cpu_times())
        if score is None:
            return None
        if stolen is not None and stolen > max_steal:
            set_aside.append((score, stolen))
        else:
            kept.append((score, stolen))
    filling = sorted(set_aside, key=lambda run: run[1])[: runs - len(kept)]
    kept += filling
    steals = [stolen for _, stolen in kept if stolen is not None]
    return (
        statistics.median(score[0] for score, _ in kept),
        statistics.median(score[1] for score, _ in kept),
        f"{max(steals):.1f}" if steals else "–",
        len(set_aside) - len(filling),
    )


def lighthouse(url: str) -> tuple[float, float] | None:
    binary = BENCH / "node_modules/.bin/lighthouse"
    if not binary.exists():
        return None
    result = subprocess.run(
        [
            str(binary),
            url,
            "--quiet",
            "--output=json",
            "--output-path=stdout",
            "--only-categories=performance,accessibility",
            f"--chrome-flags=--headless=new {' '.join(CHROMIUM_ARGS)}",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        capture_output=True,
        encoding="utf-8",
        check=False,
        timeout=300,
    )
    if result.returncode != 0:
        print(f"lighthouse failed on {url}: {result.stderr[-1000:]}", file=sys.stderr)
        return None
    categories = json.loads(result.stdout)["categories"]
    return categories["performance"]["score"] * 100, categories["accessibility"]["score"] * 100


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (median reported)")
    parser.add_argument("--page", action="append", help="measure only this page (URL path, e.g. print_page/)")
    parser.add_argument(
        "--max-steal",
        type=float,
        default=2.0,
        help="repeat a Lighthouse run during which the host took more than this share of CPU (%%, Linux)",
    )
    parser.add_argument("--extra-runs", type=int, default=6, help="at most this many repeated runs per page")
    args = parser.parse_args()
    if args.runs < 1 or args.extra_runs < 0:
        parser.error("--runs must be at least 1 and --extra-runs at least 0")
    rows = [
        (
            "| page | first view, gzip (KB) | ≤ 250 KB | Lighthouse performance (median) | accessibility (median) "
            "| most CPU taken by the host in a run (%) | runs set aside, not counted |"
        ),
        "| --- | ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    with serve(args.site, GzipHandler) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for page in args.page or pages(args.site):
            size = transferred(browser, base + page)
            scores = lighthouse_median(base + page, args.runs, args.max_steal, args.extra_runs)
            shown = (
                f"{scores[0]:.0f} | {scores[1]:.0f} | {scores[2]} | {scores[3]}"
                if scores
                else "– | – (run npm ci in bench/) | – | –"
            )
            rows.append(f"| /{page} | {size / 1024:.1f} | {'yes' if size <= BUDGET else 'NO'} | {shown} |")
            print(rows[-1], file=sys.stderr, flush=True)
        browser.close()
    print("\n".join(rows))


if __name__ == "__main__":
    main()
