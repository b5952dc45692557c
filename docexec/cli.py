"""Command line: ``python -m docexec check|update|list [PAGE …]`` (or ``docexec …``) from the site's root.

It reads the ``docexec`` entry of mkdocs.yml, as the MkDocs plugin and the pytest plugin do, so all
three run snippets with the same settings and share one cache.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .cache import Cache
from .config import Config, ConfigError, load_config
from .discover import find_snippets, find_unused_files
from .model import Problem, Snippet
from .pool import pool_for
from .report import check_snippet
from .run import Runs, run_snippets
from .sandbox import probe
from .stability import find_unstable_outputs
from .update import UpdateRefused, update_outputs


def _parser() -> argparse.ArgumentParser:
    # As it was started: the `docexec` script, or `python -m docexec`.
    prog = "python -m docexec" if Path(sys.argv[0]).name == "__main__.py" else Path(sys.argv[0]).name
    parser = argparse.ArgumentParser(prog=prog, description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["check", "update", "list"])
    parser.add_argument("pages", nargs="*", help="only these pages (paths from the site's root); default: all")
    parser.add_argument(
        "--config-file",
        "-f",
        type=Path,
        default=Path("mkdocs.yml"),
        help="the site's mkdocs.yml (default: ./mkdocs.yml)",
    )
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
    try:
        config: Config = load_config(args.config_file.resolve())
    except ConfigError as error:
        print(f"docexec: {error}", file=sys.stderr)
        return 2
    root = config.root
    discovery = find_snippets(root, config.docs_dir, snippets_dir=config.snippets_dir, exclude_docs=config.exclude_docs)
    wanted = {(Path.cwd() / p).resolve().relative_to(root).as_posix() for p in args.pages}
    snippets = [s for s in discovery.snippets if not wanted or s.location.path in wanted]
    problems = list(discovery.problems)
    if args.command == "list":
        for snippet in snippets:
            print(snippet)
        return 0
    off = probe().off() if config.sandbox else ["all of it (sandbox: false)"]
    print(
        f"docexec: running {len(snippets)} snippets, sandbox {'on' if config.sandbox else 'off'}"
        + (f" (off here: {'; '.join(off)})" if off else ""),
        file=sys.stderr,
    )
    cache = Cache(config.cache_path)
    fingerprint = config.fingerprint_of_environment()
    with pool_for(config) as pool:
        runs = run_snippets(
            snippets, root=root, cache=cache, pool=pool, settings=config.settings, fingerprint=fingerprint
        )
        print(f"docexec: {runs.ran} ran, {runs.cached} from cache", file=sys.stderr)
        if not wanted:  # only a run of every page knows which files nothing uses
            used = set(discovery.included) | runs.used_files()
            problems += find_unused_files(root, used, snippets_dir=config.snippets_dir)
        if args.command == "update":
            return _update(root, snippets, runs, problems)
        problems += [p for s in snippets if (p := check_snippet(s, runs.results[s.path])) is not None]
        if args.twice:
            print(
                "docexec: running every snippet again with other threads, hash seed and no vector instructions …",
                file=sys.stderr,
            )
            problems += find_unstable_outputs(
                snippets, root=root, cache=cache, pool=pool, settings=config.settings, fingerprint=fingerprint
            )
    for problem in problems:
        print(f"{problem}\n", file=sys.stderr)
    print(f"docexec: {len(snippets)} snippets, {len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0
