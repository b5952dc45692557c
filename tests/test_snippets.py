"""The site's snippets beyond what the docexec pytest plugin checks.

One test per executed snippet (documented output == what it prints) and the authoring contract are
collected by the docexec pytest plugin from mkdocs.yml (pyproject's testpaths), as any site that
installs docexec gets them. Here: the outputs must not depend on the thread count or hash seed.
"""

from __future__ import annotations

import pytest

from docexec import Cache, WorkerPool, find_snippets
from docexec.config import load_config
from docexec.stability import find_unstable_outputs

from .conftest import ROOT

SITE = load_config(ROOT / "mkdocs.yml")
DISCOVERY = find_snippets(ROOT, SITE.docs_dir, snippets_dir=SITE.snippets_dir)


def test_site_has_snippets() -> None:
    assert len(DISCOVERY.snippets) >= 30


def test_outputs_are_deterministic(worker_pool: WorkerPool) -> None:
    """Every snippet prints the same with another thread count and hash seed (as `check --twice`)."""
    problems = find_unstable_outputs(
        list(DISCOVERY.snippets),
        root=ROOT,
        cache=Cache(SITE.cache_path),
        pool=worker_pool,
        settings=SITE.settings,
        fingerprint=SITE.fingerprint_of_environment(),
    )
    if problems:
        pytest.fail("\n\n".join(str(p) for p in problems), pytrace=False)
