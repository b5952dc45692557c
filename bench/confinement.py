"""What confining snippets costs: cold builds of the site's own content with the sandbox on and off.

Both in one run, interleaved (on, off, on, off …) so that whatever else the machine does falls on
both alike; medians, min and max, and the ratio against issue 10's target (at most 5 % slower).
A second table isolates the engine: every snippet of the site run from an empty cache in one warm
worker, sandbox on and off, interleaved: what confinement itself adds, without the rest of a build.

    .venv/bin/python bench/confinement.py [--runs 7] [--write bench/results-confinement.md]
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from variants import DOCEXEC_ON, ROOT, _edit_config, make_ours

from docexec import Cache, find_snippets, run_snippets
from docexec.config import load_config
from docexec.pool import pool_for

TARGET = 1.05
Samples = dict[str, list[float]]


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


def build_runs(runs: int) -> Samples:
    samples: Samples = {"sandbox on": [], "sandbox off": []}
    with tempfile.TemporaryDirectory(prefix="bench-") as temp:
        on, off = make_ours(Path(temp) / "on"), make_ours(Path(temp) / "off")
        _edit_config(off, DOCEXEC_ON, DOCEXEC_ON + "      sandbox: false\n")
        cold_build(on)  # warms the disk cache and matplotlib's font cache for both
        for i in range(runs):
            for name, site in (("sandbox on", on), ("sandbox off", off)):
                samples[name].append(cold_build(site))
                print(f"  build, {name} [{i + 1}/{runs}]: {samples[name][-1]:.2f} s", file=sys.stderr, flush=True)
    return samples


def engine_runs(runs: int) -> Samples:
    """Every snippet run from an empty cache in one warm worker, sandbox on and off, interleaved."""
    site = load_config(ROOT / "mkdocs.yml")
    snippets = list(find_snippets(site.root, site.docs_dir, snippets_dir=site.snippets_dir).snippets)
    fingerprint = site.fingerprint_of_environment()
    samples: Samples = {"sandbox on": [], "sandbox off": []}
    with pool_for(site) as pool, tempfile.TemporaryDirectory(prefix="bench-cache-") as caches:
        for i in range(runs + 1):  # round 0 only warms the worker up
            for name, sandbox in (("sandbox on", True), ("sandbox off", False)):
                settings = dataclasses.replace(site.settings, sandbox=sandbox)
                cache = Cache(Path(caches) / f"{name}-{i}")
                started = time.perf_counter()
                run_snippets(
                    snippets, root=site.root, cache=cache, pool=pool, settings=settings, fingerprint=fingerprint
                )
                if i:
                    samples[name].append(time.perf_counter() - started)
                    print(f"  engine, {name} [{i}/{runs}]: {samples[name][-1]:.2f} s", file=sys.stderr, flush=True)
    return samples


def table(title: str, samples: Samples) -> tuple[str, float]:
    median = {name: statistics.median(values) for name, values in samples.items()}
    lines = [f"| {title} | median (s) | min | max |", "| --- | ---: | ---: | ---: |"]
    lines += [f"| {n} | {median[n]:.2f} | {min(v):.2f} | {max(v):.2f} |" for n, v in samples.items()]
    return "\n".join(lines), median["sandbox on"] / median["sandbox off"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--write", type=Path, help="also write the tables as Markdown to this file")
    args = parser.parse_args()
    build_table, ratio = table("cold build (empty .cache/)", build_runs(args.runs))
    engine_table, engine_ratio = table("every snippet, empty cache, warm worker", engine_runs(args.runs))
    verdict = "met" if ratio <= TARGET else "MISSED"
    report = (
        f"{build_table}\n\n{verdict}: confined / unconfined = {ratio:.3f} (target ≤ {TARGET})\n\n"
        f"{engine_table}\n\nthe engine alone: confined / unconfined = {engine_ratio:.3f}\n"
    )
    print(report)
    if args.write:
        args.write.write_text(
            f"# Confinement cost\n\nMade by `python bench/confinement.py --runs {args.runs}`.\n\n{report}",
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
