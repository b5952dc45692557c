from __future__ import annotations

from collections.abc import Iterator

import pytest

from docexec import WorkerPool


@pytest.fixture(scope="session")
def worker_pool() -> Iterator[WorkerPool]:
    """One pool for the whole session: its workers import torch once."""
    with WorkerPool() as pool:
        yield pool
