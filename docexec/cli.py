"""Command line: ``python -m docexec check|update|list [PAGE …]`` from the repo root."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .cache import Cache
from .discover import find_snippets, find_unused_files
from .model import Problem, Snippet
from .pool import WorkerPool
from .report import check_snippet
from .run import Runs, run_snippets
from .stability import find_unstable_outputs
from .update import UpdateRefused, update_outputs

CACHE_DIR = ".cache/docexec"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m docexec", description=__doc__)
    parser.add_argument("command", choices=["check", "update", "list"])
    parser.add_argument("pages", nargs="*", help="only these pages (paths from the repo root); default: all")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the site's root folder (default: .)")
    parser.add_argument("--docs-dir", default="docs")
    parser.add_argument(
        "--twice",
        action="store_true",
        help="check: also run every snippet a second time with another thread count and hash seed, "
        "and report outputs that change",
    )
    return parser


def _update(root: Path, snippets: list[Snippet], runs: Runs, problems: list[Problem]) -> int:
    try:
        diffs = update_outputs(root, snippets, runs.results, problems)
    except UpdateRefused as refused:
        print(refused, file=sys.stderr)
        return 1
    for diff in diffs.values():
        print(diff)
    print(f"docexec: updated {len(diffs)} page(s)", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    root = args.root.resolve()
    discovery = find_snippets(root, args.docs_dir)
    wanted = {Path(p).as_posix() for p in args.pages}
    snippets = [s for s in discovery.snippets if not wanted or s.location.path in wanted]
    problems = list(discovery.problems)
    if args.command == "list":
        for snippet in snippets:
            print(snippet)
        return 0
    print(f"docexec: running {len(snippets)} snippets …", file=sys.stderr)
    cache = Cache(root / CACHE_DIR)
    with WorkerPool(cwd=root) as pool:
        runs = run_snippets(snippets, root=root, cache=cache, pool=pool)
        print(f"docexec: {runs.ran} ran, {runs.cached} from cache", file=sys.stderr)
        if not wanted:  # only a run of every page knows which files nothing uses
            problems += find_unused_files(root, set(discovery.included) | runs.used_files())
        if args.command == "update":
            return _update(root, snippets, runs, problems)
        problems += [p for s in snippets if (p := check_snippet(s, runs.results[s.path])) is not None]
        if args.twice:
            print("docexec: running every snippet again with other threads and hash seed …", file=sys.stderr)
            problems += find_unstable_outputs(snippets, root=root, cache=cache, pool=pool)
    for problem in problems:
        print(f"{problem}\n", file=sys.stderr)
    print(f"docexec: {len(snippets)} snippets, {len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0
