"""Run settings shared by every consumer; part of each cache key."""

from __future__ import annotations

from dataclasses import dataclass

ENGINE_VERSION = "1"
DEFAULT_TIMEOUT = 60.0
DEFAULT_OUTPUT_CAP = 1_000_000  # bytes of stdout (and of stderr) kept per snippet
DEFAULT_THREADS = 1
DEFAULT_HASH_SEED = 0


@dataclass(frozen=True)
class RunSettings:
    timeout: float = DEFAULT_TIMEOUT
    output_cap: int = DEFAULT_OUTPUT_CAP
    threads: int = DEFAULT_THREADS
    hash_seed: int = DEFAULT_HASH_SEED
