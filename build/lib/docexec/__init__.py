"""docexec: run the Python snippets a documentation site embeds, and check their documented outputs.

The engine knows nothing of MkDocs or pytest; ``mkdocs_plugin``, ``tests/`` and ``cli`` adapt it.
"""

from .cache import Cache, cache_key, environment_fingerprint
from .compare import normalise, outputs_match, unified_diff
from .discover import Discovery, find_page_snippets, find_snippets, find_unused_files
from .model import DocumentedOutput, Location, Problem, RunResult, Snippet
from .pool import WorkerPool
from .report import check_snippet, update_command
from .run import PendingRuns, Runs, run_snippets, start_snippets
from .settings import DEFAULT_TIMEOUT, RunSettings
from .update import UpdateRefused, update_outputs

__all__ = [
    "DEFAULT_TIMEOUT",
    "Cache",
    "Discovery",
    "DocumentedOutput",
    "Location",
    "PendingRuns",
    "Problem",
    "RunResult",
    "RunSettings",
    "Runs",
    "Snippet",
    "UpdateRefused",
    "WorkerPool",
    "cache_key",
    "check_snippet",
    "environment_fingerprint",
    "find_page_snippets",
    "find_snippets",
    "find_unused_files",
    "normalise",
    "outputs_match",
    "run_snippets",
    "start_snippets",
    "unified_diff",
    "update_command",
    "update_outputs",
]
