"""hooks/search_cache.py: a page's search entries are reused only while what they are made from is unchanged.

Under `mkdocs serve` the entries' key is also kept in memory by the page's inputs; an edited page
(its HTML, title or contents) must still get new entries.
"""

from __future__ import annotations

import importlib.util
from types import SimpleNamespace

from sitemath.contentcache import ContentCache

from .conftest import ROOT

spec = importlib.util.spec_from_file_location("search_cache", ROOT / "hooks/search_cache.py")
search_cache = importlib.util.module_from_spec(spec)
spec.loader.exec_module(search_cache)


class Index:
    def __init__(self) -> None:
        self.entries: list[dict] = []
        self.made: list[str] = []

    def add_entry_from_context(self, page) -> None:
        self.made.append(page.content)
        self.entries.append({"location": page.url, "title": str(page.title), "text": page.content})


def page(content: str, title: str = "导数", toc_id: str = "a") -> SimpleNamespace:
    toc = [SimpleNamespace(id=toc_id, url=f"#{toc_id}", children=[])]
    return SimpleNamespace(content=content, url="derivatives/", title=title, meta={}, toc=toc)


def test_an_edited_page_gets_new_entries_and_an_unchanged_one_reuses_them(tmp_path) -> None:
    entries = []
    made = []
    for edit in ("<p>一</p>", "<p>二</p>", "<p>二</p>"):  # three rebuilds: the second is an edit
        index = Index()  # each rebuild: a new index and cache object, as Material and on_config make them
        add = search_cache.CachedEntries(
            index, index.add_entry_from_context, ContentCache(tmp_path / "e.json", salt="s")
        )
        add(page(edit))
        add(page(edit, title="新标题"))  # the title alone changed
        add(page(edit, toc_id="b"))  # the contents alone changed
        add.cache.save()
        entries.append(index.entries)
        made.append(index.made)
    assert [e["text"] for e in entries[1]] == ["<p>二</p>"] * 3
    assert [e["title"] for e in entries[1]] == ["导数", "新标题", "导数"]
    assert made == [["<p>一</p>"] * 3, ["<p>二</p>"] * 3, []]  # the third rebuild made nothing again
    assert entries[2] == entries[1]


def test_editing_the_user_dictionary_in_place_invalidates_every_entry(tmp_path) -> None:
    words = tmp_path / "words.txt"
    words.write_text("链式法则 0\n", encoding="utf-8")
    settings = {"lang": ["zh"], "jieba_dict_user": str(words)}
    before = search_cache._salt(settings)
    assert search_cache._salt(settings) == before
    words.write_text("链式法则 0\n凸函数 0\n", encoding="utf-8")
    assert search_cache._salt(settings) != before
