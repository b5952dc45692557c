"""Run settings shared by every consumer; part of each cache key."""

from __future__ import annotations

from dataclasses import dataclass

ENGINE_VERSION = "2"  # 2: results record the files a run read; snippets run confined
DEFAULT_TIMEOUT = 60.0
MAX_TIMEOUT = 3600.0  # a block may raise its timeout up to an hour, no further
DEFAULT_OUTPUT_CAP = 1_000_000  # bytes of stdout (and of stderr) kept per snippet
DEFAULT_THREADS = 1
DEFAULT_HASH_SEED = 0
DEFAULT_MEMORY = 2 * 1024**3  # bytes of memory a snippet may allocate beyond what the runner already holds
MAX_MEMORY = 64 * 1024**3


@dataclass(frozen=True)
class RunSettings:
    timeout: float = DEFAULT_TIMEOUT
    output_cap: int = DEFAULT_OUTPUT_CAP
    threads: int = DEFAULT_THREADS
    hash_seed: int = DEFAULT_HASH_SEED
    memory: int = DEFAULT_MEMORY
    network: bool = False  # a block opts in with ```output network
    sandbox: bool = True  # off only to measure what confinement costs (bench/)
    # False: torch, MKL and oneDNN run without vector instructions (the stability check's second run),
    # so an output that depends on the machine's vector width or its matrix kernels shows up on this machine.
    vector_instructions: bool = True
