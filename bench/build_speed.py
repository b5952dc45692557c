"""Build speed, in one run on the site's own content: the floor, ours (cold, warm, one snippet
edited under `mkdocs serve`), the test suite, `import torch`, and two peers (markdown-exec and
mkdocs-jupyter with execute: true). Prints medians with min and max, and ratios to the floor.

    .venv/bin/pip install -r bench/requirements.txt
    .venv/bin/python bench/build_speed.py [--runs 3] [--write bench/results.md]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from variants import ROOT, make_floor, make_markdown_exec, make_mkdocs_jupyter, make_ours

from docexec import Cache, WorkerPool, find_snippets, run_snippets

EDITED_SNIPPET = "snippets/autograd/grad_basic.py"
EDITED_PAGE = "autograd/"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@dataclass(frozen=True)
class Row:
    name: str
    samples: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.samples)


def run(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, encoding="utf-8", check=False)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"bench: {' '.join(command)} failed in {cwd}:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    return seconds


def repeat(name: str, runs: int, once: Callable[[], float]) -> Row:
    samples = []
    for i in range(runs):
        samples.append(once())
        print(f"  {name} [{i + 1}/{runs}]: {samples[-1]:.2f} s", file=sys.stderr, flush=True)
    return Row(name, samples)


def mkdocs_build(site: Path) -> float:
    return run([sys.executable, "-m", "mkdocs", "build", "--quiet"], site)


def cold_build(site: Path) -> float:
    shutil.rmtree(site / ".cache", ignore_errors=True)
    return mkdocs_build(site)


def cold_run(command: list[str], cwd: Path) -> float:
    shutil.rmtree(cwd / ".cache/docexec", ignore_errors=True)  # only a cache: the run rebuilds it
    return run(command, cwd)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, marker: str, timeout: float = 120) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if marker in response.read().decode("utf-8"):
                    return time.perf_counter() - started
        except OSError:
            pass
        time.sleep(0.02)
    raise SystemExit(f"bench: {url} did not show {marker!r} within {timeout} s")


def edits_under_serve(site: Path, runs: int) -> Row:
    """Edit one snippet while `mkdocs serve` runs; time until the served page shows the edit."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=site,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/{EDITED_PAGE}"
    snippet = site / EDITED_SNIPPET
    original = snippet.read_text(encoding="utf-8")
    try:
        wait_for(url, "grad_basic.py")
        samples = []
        for i in range(runs):
            marker = f"bench edit {i} {time.time_ns()}"
            snippet.write_text(original + f"# {marker}\n", encoding="utf-8")
            samples.append(wait_for(url, marker))
            print(f"  edit under serve [{i + 1}/{runs}]: {samples[-1]:.2f} s", file=sys.stderr, flush=True)
            time.sleep(1)
        return Row("ours, one snippet edited (mkdocs serve)", samples)
    finally:
        snippet.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=30)


def snippet_run_seconds(site: Path, runs: int) -> Row:
    """The edited snippet's own run in a warm worker (fork + execution), as the engine reports it."""
    snippets = [s for s in find_snippets(site).snippets if s.path == EDITED_SNIPPET]
    samples = []
    with WorkerPool(size=1, cwd=site) as pool, tempfile.TemporaryDirectory() as empty:
        run_snippets(snippets, root=site, cache=Cache(Path(empty) / "warmup"), pool=pool)
        for i in range(runs):
            result = run_snippets(snippets, root=site, cache=Cache(Path(empty) / str(i)), pool=pool)
            samples.append(result.results[EDITED_SNIPPET].seconds)
    return Row("the edited snippet's own run", samples)


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return (
        f"{cpu}, {os.cpu_count()} cores; Python {platform.python_version()}, torch {metadata.version('torch')}, "
        f"mkdocs {metadata.version('mkdocs')}"
    )


def table(rows: dict[str, Row], floor: float) -> str:
    lines = ["| what | median (s) | min | max | × floor |", "| --- | ---: | ---: | ---: | ---: |"]
    for row in rows.values():
        lines.append(
            f"| {row.name} | {row.median:.2f} | {min(row.samples):.2f} | {max(row.samples):.2f} "
            f"| {row.median / floor:.2f} |"
        )
    return "\n".join(lines)


def targets(rows: dict[str, Row]) -> str:
    floor, torch_import = rows["floor"].median, rows["torch"].median
    checks = [
        ("cold ≤ floor + 1.3 × import torch", rows["cold"].median, floor + 1.3 * torch_import),
        ("warm ≤ 1.15 × floor", rows["warm"].median, 1.15 * floor),
        ("one edit ≤ floor + the snippet's run + 0.5 s", rows["edit"].median, floor + rows["snippet"].median + 0.5),
        ("test suite ≤ 1.5 × cold", rows["suite"].median, 1.5 * rows["cold"].median),
        ("per-snippet tests ≤ 1.5 × cold", rows["snippet-tests"].median, 1.5 * rows["cold"].median),
    ]
    return "\n".join(
        f"- {'met' if value <= limit else 'MISSED'}: {name}: {value:.2f} s against {limit:.2f} s"
        for name, value, limit in checks
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--write", type=Path, help="also write the table as Markdown to this file")
    parser.add_argument("--skip-suite", action="store_true", help="leave out the (slow) full test suite")
    args = parser.parse_args()
    runs = args.runs
    with tempfile.TemporaryDirectory(prefix="bench-") as temp:
        work = Path(temp)
        ours, floor = make_ours(work / "ours"), make_floor(work / "floor")
        peer_exec, peer_jupyter = make_markdown_exec(work / "markdown-exec"), make_mkdocs_jupyter(work / "jupyter")
        print(f"bench: {len(find_snippets(ROOT).snippets)} snippets on {machine()}", file=sys.stderr)
        rows: dict[str, Row] = {}
        mkdocs_build(floor)  # first build of anything warms the disk cache for all
        # The floor builds from a clean checkout (its .cache/ emptied, as ours cold): it renders the
        # same pages, notebooks included, with no snippet run and nothing reused.
        rows["floor"] = repeat("floor: same pages, engine off, clean", runs, lambda: cold_build(floor))
        rows["torch"] = repeat(
            "python -c 'import torch'", runs, lambda: run([sys.executable, "-c", "import torch"], ROOT)
        )
        rows["cold"] = repeat("ours, cold (empty .cache/)", runs, lambda: cold_build(ours))
        rows["warm"] = repeat("ours, warm (nothing changed)", runs, lambda: mkdocs_build(ours))
        rows["snippet"] = snippet_run_seconds(ours, runs)
        rows["edit"] = edits_under_serve(ours, runs)
        if not args.skip_suite:
            pytest = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
            rows["suite"] = repeat("full test suite (pytest)", runs, lambda: run(pytest, ROOT))
            rows["snippet-tests"] = repeat(
                "per-snippet tests only, cold .cache/",
                runs,
                lambda: cold_run([*pytest, "tests/test_snippets.py"], ROOT),
            )
        # Peers keep no cache of their own; clearing .cache/ also drops mkdocs-jupyter's, as for ours cold.
        rows["markdown-exec"] = repeat("peer: markdown-exec, clean", runs, lambda: cold_build(peer_exec))
        rows["jupyter"] = repeat("peer: mkdocs-jupyter, execute: true, clean", runs, lambda: cold_build(peer_jupyter))
    report = f"Machine: {machine()}\n\n{table(rows, rows['floor'].median)}\n"
    if "suite" in rows:
        report += f"\nTargets (issue 7):\n\n{targets(rows)}\n"
    print(report)
    if args.write:
        args.write.write_text(f"# Build speed\n\nMade by `python bench/build_speed.py`.\n\n{report}", encoding="utf-8")


if __name__ == "__main__":
    main()
