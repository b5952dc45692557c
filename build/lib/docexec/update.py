"""Rewrite documented outputs in place, only when every snippet ran cleanly; return the diff applied."""

from __future__ import annotations

import difflib
import os
import tempfile
from pathlib import Path

from .compare import normalise, outputs_match
from .model import Problem, RunResult, Snippet
from .report import check_snippet


def rewrite_page(text: str, snippets: list[Snippet], results: dict[str, RunResult]) -> str:
    """The page with each differing output fence's body replaced by what its snippet printed.

    Only those lines change: the page's line endings (LF or CRLF), its BOM and every other byte
    stay as they were.
    """
    lines = text.split("\n")  # the split discovery used, so fence line numbers match
    # Bottom-up, so the line numbers of the fences above stay valid.
    for snippet in sorted(snippets, key=lambda s: s.output.fence.start, reverse=True):
        output, actual = snippet.output, results[snippet.path].stdout
        if outputs_match(output.text, actual, tolerance=output.tolerance):
            continue
        indent = output.fence.indent
        ending = "\r" if lines[output.fence.start].endswith("\r") else ""
        body = [f"{indent}{line}{ending}" if line else ending for line in normalise(actual).split("\n")]
        lines[output.fence.start + 1 : output.fence.end] = body
    return "\n".join(lines)


def write_atomically(path: Path, text: str) -> None:
    """Write a temp file beside ``path`` and rename it over: an interrupted write leaves the old page."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as file:
            file.write(text)
        os.chmod(temp, path.stat().st_mode & 0o777)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def update_outputs(
    root: Path, snippets: list[Snippet], results: dict[str, RunResult], problems: list[Problem]
) -> dict[str, str]:
    """Rewrite every page whose documented outputs differ; return {page: unified diff}.

    Refuses (raises UpdateRefused, touching nothing) when any snippet failed or the pages break
    the contract: a half-updated site would hide the failure.
    """
    failed = list(problems) + [
        problem
        for s in snippets
        if results[s.path].error is not None and (problem := check_snippet(s, results[s.path])) is not None
    ]
    if failed:
        raise UpdateRefused(failed)
    diffs: dict[str, str] = {}
    for page in dict.fromkeys(s.location.path for s in snippets):
        path = root / page
        before = path.read_bytes().decode("utf-8")  # no newline translation: CRLF stays CRLF
        after = rewrite_page(before, [s for s in snippets if s.location.path == page], results)
        if after != before:
            write_atomically(path, after)
            diffs[page] = "\n".join(
                difflib.unified_diff(before.split("\n"), after.split("\n"), fromfile=page, tofile=page, lineterm="")
            ).replace("\r", "")
    return diffs


class UpdateRefused(Exception):
    """Update would touch pages while something is broken; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("update refused, no page was changed, because:\n\n" + "\n\n".join(str(p) for p in problems))
