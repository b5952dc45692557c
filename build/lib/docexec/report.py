"""Compare a snippet's result with its page, and say what is wrong the way every consumer shows it."""

from __future__ import annotations

from .compare import outputs_match, unified_diff
from .model import Problem, RunResult, Snippet


def update_command(page: str) -> str:
    return f"python -m docexec update {page}"


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
            f"fix the snippet, then check it with: python {snippet.path}",
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
