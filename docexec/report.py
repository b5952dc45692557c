"""Compare a snippet's result with its page, and say what is wrong the way every consumer shows it."""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

from .compare import outputs_match, unified_diff
from .model import Problem, RunResult, Snippet


def python_command() -> str:
    """The interpreter running this build, spelled so a copied command works from the same folder.

    A bare ``python`` is whatever the shell finds first, often not the venv with torch and
    matplotlib; the running interpreter is the one that has them. Relative to the working folder
    when it lives inside it (``.venv/bin/python``), absolute otherwise.
    """
    executable = Path(sys.executable or "python")
    try:
        shown = executable.relative_to(Path.cwd()).as_posix()
        shown = shown if "/" in shown else f"./{shown}"
    except ValueError:
        shown = os.fspath(executable)
    return shlex.quote(shown)


def update_command(page: str) -> str:
    return f"{python_command()} -m docexec update {shlex.quote(page)}"


def check_snippet(snippet: Snippet, result: RunResult) -> Problem | None:
    """None when the documented output is what the snippet printed and it ran cleanly."""
    where = str(snippet.location)
    if result.error is not None:
        detail = result.error
        if result.stderr.strip() and result.stderr.strip() not in result.error:
            detail = f"{detail.rstrip()}\n--- stderr ---\n{result.stderr.rstrip()}"
        return Problem(
            where,
            "the snippet failed",
            f"fix the snippet, then check it with: {python_command()} {shlex.quote(snippet.path)}",
            snippet=snippet.path,
            detail=detail,
        )
    if outputs_match(snippet.output.text, result.stdout, tolerance=snippet.output.tolerance):
        return None
    diff = unified_diff(
        snippet.output.text,
        result.stdout,
        documented_label=f"documented ({snippet.output.location})",
        actual_label=f"printed by {snippet.path}",
    )
    return Problem(
        where,
        "documented output differs from what the snippet prints",
        f"if the new output is right, run: {update_command(snippet.location.path)}",
        snippet=snippet.path,
        detail=diff,
    )
