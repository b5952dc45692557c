"""MkDocs hook: the print page's parts, kept by content hash in .cache/print-site/.

mkdocs-print-site rebuilds print_page/ from every page on each build; most of that time goes to
rewriting each page's links and anchors (``fix_internal_links``, quadratic in the page's length,
and pages with KaTeX's HTML are long), although it is a pure function of the page's HTML and URL.
The plugin's renderer calls it by the name it imported; that name is pointed at a wrapper that looks
the result up by a hash of its arguments, salted with the plugin's version, and calls the original
on a miss. The wrapper is installed once per process and given this build's cache on each build.
"""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

from sitemath.contentcache import ContentCache

CACHE_FILE = ".cache/print-site/parts.json"


class CachedParts:
    def __init__(self, original) -> None:
        self.__wrapped__ = original
        self.cache: ContentCache | None = None

    def __call__(self, page_html, page_url, directory_urls, heading_number):
        if self.cache is None:
            return self.__wrapped__(page_html, page_url, directory_urls, heading_number)
        key = self.cache.key(page_html, page_url, bool(directory_urls), heading_number)
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
    if not hasattr(wrapper, "__wrapped__"):  # the hook module is loaded again on each rebuild
        wrapper = renderer.fix_internal_links = CachedParts(wrapper)
    salt = metadata.version("mkdocs-print-site-plugin")
    wrapper.cache = ContentCache(Path(config.config_file_path).parent / CACHE_FILE, salt=salt)
    return config


def on_post_build(config) -> None:
    renderer = _renderer_module()
    cache = getattr(getattr(renderer, "fix_internal_links", None), "cache", None)
    if cache is not None:
        cache.save()
