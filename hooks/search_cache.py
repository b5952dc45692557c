"""MkDocs hook: Material's search entries for a page, kept by content hash in .cache/search/.

With ``lang: zh`` and jieba installed, Material's search plugin parses every page's HTML and cuts
its Chinese text into words with jieba on every build (jieba alone loads a 1 s dictionary first),
although a page whose HTML has not changed gives the same entries. The plugin's one per-page step,
``SearchIndex.add_entry_from_context(page)``, is wrapped on its index (nothing else is touched): the
entries it appends are stored under a hash of everything it reads (the page's HTML, URL, title,
table of contents and meta) salted with the Material and jieba versions and the search settings,
and a later build with the same inputs appends the stored entries instead. On a miss (the page
changed), the segmentation of each unchanged section's text still comes from the cache: the index's
``_segment_chinese(text)`` is wrapped the same way. Under `mkdocs serve`, jieba's dictionary is
loaded in the background at start, so the first edit does not wait for it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from importlib import metadata
from pathlib import Path

from sitemath.contentcache import ContentCache

CACHE_FILE = ".cache/search/entries.json"
# Pages' keys kept in memory (the module lives as long as `mkdocs serve`): the site's pages and recent edits.
KEPT_KEYS = 64
_KEYS: dict[tuple[str, ...], str] = {}


class CachedSegments:
    def __init__(self, original, cache: ContentCache) -> None:
        self.original = original
        self.cache = cache

    def __call__(self, text: str) -> str:
        key = self.cache.key("segments", text)
        segmented = self.cache.get(key)
        if segmented is None:
            segmented = self.original(text)
            self.cache.put(key, segmented)
        return segmented


class CachedEntries:
    def __init__(self, index, original, cache: ContentCache) -> None:
        self.index = index
        self.original = original
        self.cache = cache

    def __call__(self, page) -> None:
        meta = {name: page.meta.get(name) for name in ("title", "tags", "search")}
        inputs = (page.content, page.url, str(page.title), json.dumps(meta, default=str), _toc(page.toc))
        # Under `mkdocs serve` the same pages come again each rebuild: their key is looked up by the
        # inputs themselves (a dict lookup) instead of encoding and hashing each page's HTML anew.
        known = (self.cache.salt, *inputs[:4], json.dumps(inputs[4]))
        key = _KEYS.get(known)
        if key is None:
            key = self.cache.key(*inputs)
            if len(_KEYS) >= KEPT_KEYS:
                _KEYS.clear()
            _KEYS[known] = key
        entries = self.cache.get(key)
        if entries is None:
            start = len(self.index.entries)
            self.original(page)
            entries = self.index.entries[start:]
            self.cache.put(key, json.loads(json.dumps(entries, default=str)))
        else:
            self.index.entries.extend(entries)


def _toc(items) -> list:
    return [[item.id, item.url, _toc(item.children)] for item in items]


def _search_plugin(config):
    return config.plugins.get("material/search") or config.plugins.get("search")


def on_config(config):
    plugin = _search_plugin(config)
    index = getattr(plugin, "search_index", None)  # made by the plugin's own on_config, which runs first
    if index is None or not callable(getattr(index, "add_entry_from_context", None)):
        return config  # search off, or another version of Material: build uncached
    salt = _salt(plugin.config)
    cache = ContentCache(Path(config.config_file_path).parent / CACHE_FILE, salt=salt)
    index.add_entry_from_context = CachedEntries(index, index.add_entry_from_context, cache)
    if callable(getattr(index, "_segment_chinese", None)):
        index._segment_chinese = CachedSegments(index._segment_chinese, cache)
    return config


def on_serve(server, config, builder):
    try:
        import jieba
    except ImportError:
        return server
    jieba.setLogLevel(logging.WARNING)  # its "Building prefix dict …" lines are not the author's business
    threading.Thread(target=jieba.initialize, name="jieba-dictionary", daemon=True).start()
    return server


def on_post_build(config) -> None:
    index = getattr(_search_plugin(config), "search_index", None)
    cached = getattr(index, "add_entry_from_context", None)
    if isinstance(cached, CachedEntries):
        cached.cache.save()


def _salt(search_config) -> str:
    """What every page's entries also depend on: the versions and the search settings, dictionaries included."""
    settings = {name: search_config.get(name) for name in ("lang", "separator", "pipeline", "fields", "jieba_dict")}
    settings["jieba_dict_user"] = search_config.get("jieba_dict_user")
    for name in ("jieba_dict", "jieba_dict_user"):  # a dictionary edited in place changes every page's words
        if settings[name] and Path(settings[name]).is_file():
            settings[name + "_sha256"] = hashlib.sha256(Path(settings[name]).read_bytes()).hexdigest()
    return json.dumps([_version("mkdocs-material"), _version("jieba"), settings], default=str, sort_keys=True)


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "absent"
