"""The cache: keyed by content, not by time; corrupt entries are ignored."""

from __future__ import annotations

from docexec import Cache, RunResult, RunSettings, cache_key, environment_fingerprint, run_snippets
from docexec.discover import find_snippets

from .sites import page_with

SITE = {
    "snippets/uses_helper.py": "from helper import VALUE\nprint(VALUE)\n",
    "snippets/helper.py": "VALUE = 1\n",
    "docs/index.md": page_with(("snippets/uses_helper.py", "1")),
}


def runs_of(root, pool, fingerprint=None):
    discovery = find_snippets(root)
    return run_snippets(
        list(discovery.snippets), root=root, cache=Cache(root / ".cache"), pool=pool, fingerprint=fingerprint
    )


def test_second_run_is_a_hit(make_site, worker_pool) -> None:
    root = make_site(SITE)
    first, second = runs_of(root, worker_pool), runs_of(root, worker_pool)
    assert (first.ran, first.cached) == (1, 0)
    assert (second.ran, second.cached) == (0, 1)
    assert second.results["snippets/uses_helper.py"].stdout == "1\n"


def test_editing_the_snippet_is_a_miss(make_site, worker_pool) -> None:
    root = make_site(SITE)
    runs_of(root, worker_pool)
    (root / "snippets/uses_helper.py").write_text("from helper import VALUE\nprint(VALUE + 1)\n", encoding="utf-8")
    again = runs_of(root, worker_pool)
    assert again.ran == 1 and again.results["snippets/uses_helper.py"].stdout == "2\n"


def test_editing_an_imported_local_module_is_a_miss(make_site, worker_pool) -> None:
    root = make_site(SITE)
    runs_of(root, worker_pool)
    (root / "snippets/helper.py").write_text("VALUE = 5\n", encoding="utf-8")
    again = runs_of(root, worker_pool)
    assert again.ran == 1 and again.results["snippets/uses_helper.py"].stdout == "5\n"


def test_torch_version_and_settings_are_part_of_the_key(make_site) -> None:
    root = make_site(SITE)
    snippet = root / "snippets/uses_helper.py"
    here = environment_fingerprint()
    assert here["torch"] == "2.13.0+cpu" or here["torch"].startswith("2.13.0")
    other_torch = {**here, "torch": "2.14.1"}
    key = cache_key(snippet, settings=RunSettings(), fingerprint=here)
    assert key == cache_key(snippet, settings=RunSettings(), fingerprint=dict(here))
    assert key != cache_key(snippet, settings=RunSettings(), fingerprint=other_torch)
    assert key != cache_key(snippet, settings=RunSettings(timeout=5), fingerprint=here)


def test_a_cache_from_another_torch_version_is_not_used(make_site, worker_pool) -> None:
    root = make_site(SITE)
    here = environment_fingerprint()
    runs_of(root, worker_pool, fingerprint={**here, "torch": "1.0.0"})
    assert runs_of(root, worker_pool, fingerprint=here).ran == 1


def test_corrupt_entry_is_ignored_and_rerun(make_site, worker_pool) -> None:
    root = make_site(SITE)
    runs_of(root, worker_pool)
    (entry,) = (root / ".cache").glob("*.json")
    entry.write_text('{"stdout": "tru', encoding="utf-8")
    again = runs_of(root, worker_pool)
    assert again.ran == 1 and again.results["snippets/uses_helper.py"].stdout == "1\n"


def test_failures_are_not_cached(tmp_path) -> None:
    cache = Cache(tmp_path)
    cache.put("k", RunResult(stdout="x\n", figures=("<svg/>",)))
    assert cache.get("k") == RunResult(stdout="x\n", figures=("<svg/>",))
    assert cache.get("missing") is None
    assert not list(tmp_path.glob(".tmp-*"))
