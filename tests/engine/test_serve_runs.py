"""docexec's background runs under `mkdocs serve` (mkdocs_serve.BackgroundRuns), with a pool that runs nothing.

A rebuild looks up its snippets' results once, early; a run that ends after that, while the rebuild
still writes its pages, is shown by that rebuild (``refresh``), and a run still going stays shown as running.
"""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path

from docexec.cache import Cache
from docexec.mkdocs_serve import BackgroundRuns
from docexec.model import RunResult
from docexec.settings import RunSettings

from .sites import page_with


class HeldPool:
    """Takes jobs and keeps their futures; the test ends each run when it likes."""

    def __init__(self) -> None:
        self.runs: dict[str, Future[RunResult]] = {}

    def submit(self, jobs):
        futures = []
        for job in jobs:
            future: Future[RunResult] = Future()
            future.set_running_or_notify_cancel()
            self.runs[job.display] = future
            futures.append(future)
        return futures

    def cancel(self, futures) -> None:
        pass


def two_snippets(make_site) -> tuple[Path, list]:
    """A site whose one page shows two snippets, a.py and b.py; its root and the snippets found."""
    from docexec.discover import find_snippets

    root: Path = make_site(
        {
            "snippets/a.py": "print(1)\n",
            "snippets/b.py": "print(2)\n",
            "docs/index.md": page_with(("snippets/a.py", "1"), ("snippets/b.py", "2")),
        }
    )
    return root, list(find_snippets(root).snippets)


def background(root: Path, pool: HeldPool, rebuilds: list[int]) -> BackgroundRuns:
    return BackgroundRuns(
        root=root,
        cache=Cache(root / ".cache"),
        pool=pool,
        settings=RunSettings(),
        fingerprint={},
        on_done=lambda: rebuilds.append(1),
    )


def test_a_run_that_ends_after_the_lookup_is_shown_by_the_same_rebuild(make_site) -> None:
    root, snippets = two_snippets(make_site)
    pool, rebuilds = HeldPool(), []
    runs = background(root, pool, rebuilds)
    lookup = runs.lookup(snippets)
    assert runs.pending(lookup) == ["snippets/a.py", "snippets/b.py"]
    assert runs.refresh(lookup) is lookup  # nothing came in yet

    pool.runs["snippets/a.py"].set_result(RunResult(stdout="1\n"))  # one run ends while the rebuild writes its pages
    refreshed = runs.refresh(lookup)
    assert runs.pending(refreshed) == ["snippets/b.py"]  # shown now; the other still running
    assert refreshed.result("snippets/a.py") == RunResult(stdout="1\n")
    assert lookup.result("snippets/a.py") is None  # the lookup itself is left as it was
    assert rebuilds == [1]  # and the next rebuild is still asked for, as before


def test_a_run_ending_during_a_rebuild_asks_for_another_only_if_a_page_showed_it_running(make_site) -> None:
    root, snippets = two_snippets(make_site)
    pool, rebuilds = HeldPool(), []
    runs = background(root, pool, rebuilds)

    runs.begin_build()
    lookup = runs.lookup(snippets)  # both shown as running unless they end before their page is written
    pool.runs["snippets/a.py"].set_result(RunResult(stdout="1\n"))
    assert rebuilds == []  # not yet: the rebuild under way may show it
    lookup = runs.refresh(lookup)  # it did: its page was written after the result came in
    runs.end_build(shown_running=set())
    assert rebuilds == []  # so no second rebuild (and no second reload of the browser)

    runs.begin_build()
    lookup = runs.lookup(snippets)
    running_b = {lookup.keys["snippets/b.py"]}  # this rebuild's page shows b running
    pool.runs["snippets/b.py"].set_result(RunResult(stdout="2\n"))
    runs.end_build(shown_running=running_b)
    assert rebuilds == [1]  # its result needs the next rebuild


def test_outside_a_rebuild_or_after_a_failed_one_a_result_asks_for_a_rebuild(make_site) -> None:
    root, snippets = two_snippets(make_site)
    pool, rebuilds = HeldPool(), []
    runs = background(root, pool, rebuilds)

    runs.begin_build()
    runs.lookup(snippets)
    runs.end_build(shown_running=set())
    pool.runs["snippets/a.py"].set_result(RunResult(stdout="1\n"))  # between rebuilds
    assert rebuilds == [1]

    runs.begin_build()  # a rebuild that fails half-way (MkDocs calls on_build_error)
    pool.runs["snippets/b.py"].set_result(RunResult(stdout="2\n"))
    runs.end_build(None)
    assert rebuilds == [1, 1]
