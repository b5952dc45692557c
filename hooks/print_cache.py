"""MkDocs hook: the print page's parts, kept by content hash in .cache/print-site/.

mkdocs-print-site rebuilds print_page/ from every page on each build; most of that time goes to
rewriting each page's links and anchors (``fix_internal_links``, quadratic in the page's length,
and pages with many formulas are long), although it is a pure function of the page's HTML and URL.
The plugin's renderer calls it by the name it imported; that name is pointed at a wrapper that looks
the result up by a hash of its arguments, salted with the plugin's version, and calls the original
on a miss. The wrapper is installed once per process and given this build's cache on each build.

A miss (every edit of a page under `mkdocs serve`) cost 0.25-0.4 s for one long page, nearly all of
it in the plugin's search for tags with an ``id`` (``update_anchor_ids``): its pattern, tried at each
``<``, scans the rest of the line again for every length of the tag name it backtracks through, and
KaTeX writes a paragraph's formulas on one long line. The same search, with the same pattern, is only
tried where it can match (a ``<`` with an ``id="`` after it on its line), so it finds the same tags
(tests/test_print_cache.py compares the two on every page of the site), in milliseconds.
"""

from __future__ import annotations

import bisect
import re
from importlib import metadata
from pathlib import Path

from sitemath.contentcache import ContentCache

CACHE_FILE = ".cache/print-site/parts.json"
# Pages' keys kept in memory (the module lives as long as `mkdocs serve`): the site's pages and recent edits.
KEPT_KEYS = 64
_KEYS: dict[tuple, str] = {}
# mkdocs-print-site's search for anchored tags (urls.update_anchor_ids), in the version checked against it.
CHECKED_VERSION = "2.9"
ANCHORED_TAG = re.compile(r"<([^\s]+).*?id=\"([^\"]*?)\".*?>", flags=re.IGNORECASE)
ID_ATTRIBUTE = re.compile(r'id="', flags=re.IGNORECASE)  # the pattern's one literal part, matched alike
RENAMED_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "sup", "li")


def anchored_tags(page_html: str):
    """Each match of ANCHORED_TAG in the page, as ``finditer`` finds them, without the hopeless tries.

    A match at a ``<`` needs ``id="`` at least two characters on, with no line break before it
    (neither the tag name nor ``.*?`` crosses one). A ``<`` without that fails; so does every other
    ``<`` up to that line break, which is skipped. The rest are tried with the pattern itself.
    """
    ids = [found.start() for found in ID_ATTRIBUTE.finditer(page_html)]
    position = 0
    while (start := page_html.find("<", position)) >= 0:
        nearest = bisect.bisect_left(ids, start + 2)
        if nearest == len(ids):
            return
        line_break = page_html.find("\n", start, ids[nearest])
        if line_break >= 0:
            position = line_break + 1
            continue
        match = ANCHORED_TAG.match(page_html, start)
        if match is None:
            position = start + 1
            continue
        yield match
        position = match.end()  # never empty: it holds "<" and "id="


def prefix_anchor_ids(page_html: str, page_key: str) -> str:
    """What mkdocs-print-site's ``update_anchor_ids`` returns: the ids of headings, footnote marks and
    list items get the page's key in front (``page-key-id``), wherever the tag's text occurs."""
    for match in anchored_tags(page_html):
        name, anchor, tag = match[1], match[2], match[0]
        if name in RENAMED_TAGS:
            page_html = page_html.replace(tag, tag.replace(anchor, f"{page_key}-{anchor}"))
    return page_html


class CachedParts:
    def __init__(self, original) -> None:
        self.__wrapped__ = original
        self.cache: ContentCache | None = None

    def __call__(self, page_html, page_url, directory_urls, heading_number):
        if self.cache is None:
            return self.__wrapped__(page_html, page_url, directory_urls, heading_number)
        # Under `mkdocs serve` the same pages come again each rebuild: their key is looked up by the
        # arguments themselves (a dict lookup) instead of encoding and hashing each page's HTML anew.
        known = (self.cache.salt, page_html, page_url, bool(directory_urls), repr(heading_number))
        key = _KEYS.get(known)
        if key is None:
            key = self.cache.key(page_html, page_url, bool(directory_urls), heading_number)
            if len(_KEYS) >= KEPT_KEYS:
                _KEYS.clear()
            _KEYS[known] = key
        part = self.cache.get(key)
        if part is None:
            part = self.__wrapped__(page_html, page_url, directory_urls, heading_number)
            self.cache.put(key, part)
        return part


def _renderer_module():
    try:
        from mkdocs_print_site_plugin import renderer
    except ImportError:
        return None
    return renderer if callable(getattr(renderer, "fix_internal_links", None)) else None


def on_config(config):
    renderer = _renderer_module()
    if renderer is None or ("print-site" not in config.plugins and "mkdocs-print-site" not in config.plugins):
        return config
    wrapper = renderer.fix_internal_links
    if not hasattr(wrapper, "__wrapped__"):  # installed once per process (a second load of this module finds it)
        wrapper = renderer.fix_internal_links = CachedParts(wrapper)
    salt = metadata.version("mkdocs-print-site-plugin")
    _use_prefix_anchor_ids(salt)
    wrapper.cache = ContentCache(Path(config.config_file_path).parent / CACHE_FILE, salt=salt)
    return config


def _use_prefix_anchor_ids(version: str) -> None:
    """The plugin's link fixing calls ours by the module name it looks up; only in the version checked."""
    from mkdocs_print_site_plugin import urls

    original = getattr(urls, "update_anchor_ids", None)
    if version != CHECKED_VERSION or original is None or getattr(original, "__name__", "") == "prefix_anchor_ids":
        return
    urls.update_anchor_ids = prefix_anchor_ids


def on_post_build(config) -> None:
    renderer = _renderer_module()
    cache = getattr(getattr(renderer, "fix_internal_links", None), "cache", None)
    if cache is not None:
        cache.save()
