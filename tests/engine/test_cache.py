"""The cache: keyed by content, not by time; a hit only while every file the run read is unchanged."""

from __future__ import annotations

from docexec import Cache, RunResult, RunSettings, cache_key, environment_fingerprint, run_snippets
from docexec.discover import find_snippets, find_unused_files

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


READS_EVERYTHING = {
    "snippets/reader.py": (
        "from pathlib import Path\n"
        "from pkg.sub import WORD\n"
        "here = Path(__file__).parent\n"
        "print(WORD, (here / 'data.csv').read_text().strip(), sorted(p.name for p in (here / 'listed').iterdir()))\n"
    ),
    "snippets/pkg/__init__.py": "",
    "snippets/pkg/sub.py": "WORD = 'alpha'\n",
    "snippets/data.csv": "1,2\n",
    "snippets/listed/a.txt": "",
    "docs/index.md": page_with(("snippets/reader.py", "alpha 1,2 ['a.txt']")),
}


def test_data_file_package_submodule_and_listed_folder_are_part_of_the_entry(make_site, worker_pool) -> None:
    root = make_site(READS_EVERYTHING)
    first = runs_of(root, worker_pool)
    assert first.results["snippets/reader.py"].stdout == "alpha 1,2 ['a.txt']\n"
    assert {"snippets/data.csv", "snippets/pkg/sub.py", "snippets/pkg/__init__.py", "snippets/listed/"} <= (
        first.used_files()
    )
    assert runs_of(root, worker_pool).ran == 0
    for path, text, printed in [
        ("snippets/data.csv", "3,4\n", "alpha 3,4 ['a.txt']\n"),
        ("snippets/pkg/sub.py", "WORD = 'beta'\n", "beta 3,4 ['a.txt']\n"),
        ("snippets/listed/b.txt", "", "beta 3,4 ['a.txt', 'b.txt']\n"),
    ]:
        (root / path).write_text(text, encoding="utf-8")
        again = runs_of(root, worker_pool)
        assert (again.ran, again.results["snippets/reader.py"].stdout) == (1, printed), path


def test_files_a_snippet_reads_are_in_use_and_others_are_not(make_site, worker_pool) -> None:
    root = make_site({**READS_EVERYTHING, "snippets/stray.txt": "nobody reads me\n"})
    discovery = find_snippets(root)
    runs = runs_of(root, worker_pool)
    unused = find_unused_files(root, set(discovery.included) | runs.used_files())
    assert [p.where for p in unused] == ["snippets/stray.txt"]


def test_settings_and_versions_are_part_of_the_key(make_site) -> None:
    root = make_site(SITE)
    here = environment_fingerprint()
    key = cache_key(root, "snippets/uses_helper.py", settings=RunSettings(), fingerprint=here)
    assert key == cache_key(root, "snippets/uses_helper.py", settings=RunSettings(), fingerprint=dict(here))
    for other_settings, other_fingerprint in [
        (RunSettings(), {**here, "torch": here["torch"] + ".other"}),
        (RunSettings(), {**here, "python": "another Python"}),
        (RunSettings(timeout=5), here),
        (RunSettings(memory=1024), here),
        (RunSettings(network=True), here),
    ]:
        assert key != cache_key(root, "snippets/uses_helper.py", settings=other_settings, fingerprint=other_fingerprint)


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


def test_failures_are_not_cached(make_site, worker_pool, tmp_path) -> None:
    cache = Cache(tmp_path / "direct")
    cache.put("k", RunResult(stdout="x\n", error="Traceback …"))
    assert cache.get("k", root=tmp_path) is None and not (tmp_path / "direct" / "k.json").exists()

    root = make_site(
        {
            "snippets/fails.py": "print('once')\nraise SystemExit(3)\n",
            "docs/index.md": page_with(("snippets/fails.py", "once")),
        }
    )
    first, second = runs_of(root, worker_pool), runs_of(root, worker_pool)
    assert first.results["snippets/fails.py"].error is not None
    assert (second.ran, second.cached) == (1, 0)
    assert not list((root / ".cache").glob("*.json"))


def test_a_changed_font_changes_the_fingerprint_each_time_it_is_asked(tmp_path) -> None:
    """`mkdocs serve` asks on every rebuild, and the digest is kept between asks: a changed font still counts."""
    from docexec.config import from_options

    font = tmp_path / "fonts/cjk.otf"
    font.parent.mkdir()
    font.write_bytes(b"font one")
    config = from_options(tmp_path, "docs", {"fonts": ["fonts/cjk.otf"]})
    first = config.fingerprint_of_environment()["font fonts/cjk.otf"]
    assert config.fingerprint_of_environment()["font fonts/cjk.otf"] == first
    font.write_bytes(b"font number two")
    second = config.fingerprint_of_environment()["font fonts/cjk.otf"]
    assert second != first
    font.write_bytes(b"font one")  # back as it was: the first digest again
    assert config.fingerprint_of_environment()["font fonts/cjk.otf"] == first
