"""What confining snippets costs: cold builds of the site's own content with the sandbox on and off.

Both in one run, interleaved (on, off, on, off …) so that whatever else the machine does falls on
both alike; medians, min and max, and the ratio against issue 10's target (at most 5 % slower).

    .venv/bin/python bench/confinement.py [--runs 5] [--write bench/results-confinement.md]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from variants import DOCEXEC_ON, _edit_config, make_ours

TARGET = 1.05


def cold_build(site: Path) -> float:
    shutil.rmtree(site / ".cache", ignore_errors=True)
    started = time.perf_counter()
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet"],
        cwd=site,
        capture_output=True,
        encoding="utf-8",
        check=False,
    )
    seconds = time.perf_counter() - started
    if build.returncode != 0:
        raise SystemExit(f"bench: the build failed in {site}:\n{build.stderr[-3000:]}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--write", type=Path, help="also write the table as Markdown to this file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-") as temp:
        on, off = make_ours(Path(temp) / "on"), make_ours(Path(temp) / "off")
        _edit_config(off, DOCEXEC_ON, DOCEXEC_ON + "      sandbox: false\n")
        cold_build(on)  # warms the disk cache and matplotlib's font cache for both
        samples: dict[str, list[float]] = {"sandbox on": [], "sandbox off": []}
        for i in range(args.runs):
            for name, site in (("sandbox on", on), ("sandbox off", off)):
                samples[name].append(cold_build(site))
                print(f"  {name} [{i + 1}/{args.runs}]: {samples[name][-1]:.2f} s", file=sys.stderr, flush=True)
    median = {name: statistics.median(values) for name, values in samples.items()}
    ratio = median["sandbox on"] / median["sandbox off"]
    lines = ["| cold build (empty .cache/) | median (s) | min | max |", "| --- | ---: | ---: | ---: |"]
    lines += [f"| {n} | {median[n]:.2f} | {min(v):.2f} | {max(v):.2f} |" for n, v in samples.items()]
    verdict = "met" if ratio <= TARGET else "MISSED"
    report = "\n".join(lines) + f"\n\n{verdict}: confined / unconfined = {ratio:.3f} (target ≤ {TARGET})\n"
    print(report)
    if args.write:
        args.write.write_text(
            f"# Confinement cost\n\nMade by `python bench/confinement.py --runs {args.runs}`.\n\n{report}",
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
