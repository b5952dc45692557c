"""One test per executed snippet of the site: the documented output must be what it prints."""

from __future__ import annotations

from pathlib import Path

import pytest

from docexec import Cache, Runs, WorkerPool, check_snippet, find_snippets, run_snippets
from docexec.discover import CONTRACT_PROBLEMS
from docexec.stability import find_unstable_outputs

ROOT = Path(__file__).resolve().parents[1]
DISCOVERY = find_snippets(ROOT)


@pytest.fixture(scope="module")
def site_runs(worker_pool: WorkerPool) -> Runs:
    return run_snippets(list(DISCOVERY.snippets), root=ROOT, cache=Cache(ROOT / ".cache/docexec"), pool=worker_pool)


def test_site_has_snippets() -> None:
    assert len(DISCOVERY.snippets) >= 5


@pytest.mark.parametrize("snippet", DISCOVERY.snippets, ids=str)
def test_documented_output(snippet, site_runs: Runs) -> None:
    problem = check_snippet(snippet, site_runs.results[snippet.path])
    if problem is not None:
        pytest.fail(str(problem), pytrace=False)


@pytest.mark.parametrize("kind", CONTRACT_PROBLEMS)
def test_authoring_contract(kind: str) -> None:
    broken = [str(p) for p in DISCOVERY.problems if p.summary == kind]
    if broken:
        pytest.fail("\n\n".join(broken), pytrace=False)


def test_outputs_are_deterministic(worker_pool: WorkerPool) -> None:
    """Every snippet prints the same with another thread count and hash seed (as `check --twice`)."""
    problems = find_unstable_outputs(
        list(DISCOVERY.snippets), root=ROOT, cache=Cache(ROOT / ".cache/docexec"), pool=worker_pool
    )
    if problems:
        pytest.fail("\n\n".join(str(p) for p in problems), pytrace=False)
