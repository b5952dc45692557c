"""Is the documented output what the snippet printed? Exact after normalising whitespace at line ends,
or numbers within an explicit tolerance (```output tol=1e-6)."""

from __future__ import annotations

import difflib
import re

NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def normalise(text: str) -> str:
    """Line endings to \\n, trailing whitespace off every line, no trailing blank lines."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n")


def _within_tolerance(documented: str, actual: str, tol: float) -> bool:
    if NUMBER.sub("#", documented) != NUMBER.sub("#", actual):
        return False
    pairs = zip(NUMBER.findall(documented), NUMBER.findall(actual))
    return all(abs(float(a) - float(b)) <= tol for a, b in pairs)


def outputs_match(documented: str, actual: str, *, tolerance: float | None = None) -> bool:
    documented, actual = normalise(documented), normalise(actual)
    if documented == actual:
        return True
    return tolerance is not None and _within_tolerance(documented, actual, tolerance)


def unified_diff(documented: str, actual: str, *, documented_label: str, actual_label: str) -> str:
    lines = difflib.unified_diff(
        normalise(documented).split("\n"),
        normalise(actual).split("\n"),
        fromfile=documented_label,
        tofile=actual_label,
        lineterm="",
    )
    return "\n".join(lines)
