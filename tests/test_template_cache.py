"""hooks/template_cache.py: compiled templates are kept (on disk, and in memory under `mkdocs serve`),
and an edited template (overrides/ included) is compiled again, whichever of the two held it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from .conftest import ROOT

spec = importlib.util.spec_from_file_location("template_cache", ROOT / "hooks/template_cache.py")
template_cache = importlib.util.module_from_spec(spec)
spec.loader.exec_module(template_cache)


def render(templates: Path, cache: Path) -> str:
    """One rebuild: a new environment, as MkDocs makes for each, sharing the kept bytecode."""
    env = Environment(
        loader=FileSystemLoader(str(templates)), bytecode_cache=template_cache.KeptBytecodeCache(str(cache))
    )
    return env.get_template("main.html").render(name="页面")


def test_an_edited_template_is_compiled_again_and_an_unchanged_one_is_reused(tmp_path: Path) -> None:
    templates, cache = tmp_path / "overrides", tmp_path / "jinja"
    templates.mkdir()
    cache.mkdir()
    (templates / "main.html").write_text("一：{{ name }}", encoding="utf-8")
    assert render(templates, cache) == "一：页面"
    assert len(list(cache.iterdir())) == 1  # written to disk too
    for stored in cache.iterdir():
        stored.unlink()
    assert render(templates, cache) == "一：页面"  # from memory: the file is gone
    (templates / "main.html").write_text("二：{{ name }}", encoding="utf-8")
    assert render(templates, cache) == "二：页面"
    (templates / "main.html").write_text("一：{{ name }}", encoding="utf-8")  # back as it was
    assert render(templates, cache) == "一：页面"
