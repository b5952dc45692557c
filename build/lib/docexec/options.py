"""The options of an ```output fence, checked: a bad value is a plain sentence for page:line, never a traceback."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .settings import MAX_MEMORY, MAX_TIMEOUT

# What an ```output fence may say. Anything else is named as unknown.
KNOWN_OPTIONS = ("tol", "timeout", "memory", "network", "alt")
MEMORY_SIZE = re.compile(r"(?i)^(?P<number>\d+(?:\.\d+)?)\s*(?P<unit>[KMG])i?B?$")
UNITS = {"K": 1024, "M": 1024**2, "G": 1024**3}


class OptionError(ValueError):
    """One option of an output fence is wrong; the message says which and why, in a sentence."""


@dataclass(frozen=True)
class OutputOptions:
    tolerance: float | None = None
    timeout: float | None = None
    memory: int | None = None
    network: bool = False
    alt: str = ""


def _number(name: str, value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise OptionError(f"{name}={value!r} is not a number") from None
    if not math.isfinite(number):
        raise OptionError(f"{name}={value} is not a finite number")
    return number


def parse_memory(value: str) -> int:
    """``512M``, ``4G``, ``1.5GiB`` -> bytes."""
    match = MEMORY_SIZE.match(value.strip())
    if match is None:
        raise OptionError(f"memory={value!r} is not a size: write it like memory=512M or memory=4G")
    size = int(float(match["number"]) * UNITS[match["unit"].upper()])
    if size <= 0 or size > MAX_MEMORY:
        raise OptionError(f"memory={value} is out of range: it must be above 0 and at most {format_size(MAX_MEMORY)}")
    return size


def format_size(size: int) -> str:
    for unit in ("G", "M", "K"):
        if size >= UNITS[unit] and size % UNITS[unit] == 0:
            return f"{size // UNITS[unit]} {unit}iB"
    return f"{size} bytes"


def parse_output_options(options: dict[str, str]) -> OutputOptions:
    """Check every option of one output fence; raise OptionError naming the first wrong one."""
    unknown = [name for name in options if name not in KNOWN_OPTIONS]
    if unknown:
        raise OptionError(f"unknown option {unknown[0]!r} on the output fence (known: {', '.join(KNOWN_OPTIONS)})")
    tolerance = timeout = memory = None
    if "tol" in options:
        tolerance = _number("tol", options["tol"])
        if tolerance < 0:
            raise OptionError(f"tol={options['tol']} is negative: a tolerance is 0 or more")
    if "timeout" in options:
        timeout = _number("timeout", options["timeout"])
        if not 0 < timeout <= MAX_TIMEOUT:
            raise OptionError(
                f"timeout={options['timeout']} is out of range: seconds above 0 and at most {MAX_TIMEOUT:g}"
            )
    if "memory" in options:
        memory = parse_memory(options["memory"])
    if options.get("network", "") != "":
        raise OptionError("network takes no value: write ```output network")
    return OutputOptions(tolerance, timeout, memory, "network" in options, options.get("alt", ""))
