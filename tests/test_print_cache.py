"""hooks/print_cache.py: the print page's anchor ids are rewritten as mkdocs-print-site would, only faster.

The hook replaces the plugin's ``update_anchor_ids`` (quadratic on long lines: 0.4 s for one page,
paid on every edit under `mkdocs serve`) with ``prefix_anchor_ids``, which must give the same HTML
for any input. These compare the two on the site's own pages and on many made-up ones built from
the pieces the plugin's pattern turns on (tags, ``id="`` in either case, quotes, line breaks).
"""

from __future__ import annotations

import importlib.util
import random

import pytest
from mkdocs_print_site_plugin import urls

from .conftest import ROOT

spec = importlib.util.spec_from_file_location("print_cache", ROOT / "hooks/print_cache.py")
print_cache = importlib.util.module_from_spec(spec)
spec.loader.exec_module(print_cache)

# The plugin's own function, whatever the hook may have put in its place in this process.
ORIGINAL = urls.update_anchor_ids if urls.update_anchor_ids.__name__ == "update_anchor_ids" else None

TAGS = ["<", ">", "<h2 ", "<h1>", "<li>", "<sup ", "<span ", '<li class="x">', "h3", "li", "sup", "div"]
PIECES = [*TAGS, 'id="', 'ID="', 'Id="', "id=", "id", '"', "\n", " ", "\t", "x", "fn:1", "a-b", "中文", "ı", "İ"]


def test_the_plugin_function_is_the_one_compared_with() -> None:
    assert ORIGINAL is not None, "mkdocs_print_site_plugin.urls.update_anchor_ids was replaced before this test ran"
    assert urls.update_anchor_ids.__module__ == "mkdocs_print_site_plugin.urls"


@pytest.mark.parametrize(
    "html",
    [
        '<h2 id="intro">引言</h2>\n<p>见<sup id="fnref:1"><a href="#fn:1">1</a></sup></p>',
        '<li id="fn:1"><p>注</p></li><li id="fn:1"><p>again, the same tag twice</p></li>',
        '<p>a long line <span class="katex">x</span> then <h3 id="later">late</h3> on it</p>',
        '<h2 id="x">\n</h2><h2\nid="y"><div id="z">',  # a line break inside a tag: no match there
        '<li class="x"><span id="b">b in class="ab" too</span></li>',  # the name is "li", the id "b"
        '<H2 ID="upper">…</H2><h2 id="">empty id</h2>',
        '<h2 id="no closing quote',
        "",
    ],
)
def test_the_same_html_as_the_plugin_on_made_cases(html: str) -> None:
    assert print_cache.prefix_anchor_ids(html, "page-key") == ORIGINAL(html, "page-key")
    assert [m.span() for m in print_cache.anchored_tags(html)] == [
        m.span() for m in print_cache.ANCHORED_TAG.finditer(html)
    ]


def test_the_same_html_as_the_plugin_on_random_pieces() -> None:
    generator = random.Random(20261126)
    for _ in range(20_000):
        html = "".join(generator.choice(PIECES) for _ in range(generator.randint(0, 24)))
        assert [m.span() for m in print_cache.anchored_tags(html)] == [
            m.span() for m in print_cache.ANCHORED_TAG.finditer(html)
        ], repr(html)
        assert print_cache.prefix_anchor_ids(html, "k") == ORIGINAL(html, "k"), repr(html)


@pytest.mark.slow  # the plugin's own function takes seconds on the print page
def test_the_same_html_as_the_plugin_on_the_sites_pages() -> None:
    """Each page of the last `mkdocs build` (site/): KaTeX's long lines, headings, footnotes, the print page."""
    built = sorted((ROOT / "site").rglob("*.html")) if (ROOT / "site").is_dir() else []
    if not built:
        pytest.skip("no built site in site/ (run `mkdocs build`): the made-up cases above still ran")
    for path in built:
        html = path.read_text(encoding="utf-8")
        assert print_cache.prefix_anchor_ids(html, "page") == ORIGINAL(html, "page"), path


def test_a_changed_page_gets_its_own_part_while_an_unchanged_one_is_reused(tmp_path) -> None:
    """The in-memory key (kept between `mkdocs serve` rebuilds) follows the page's HTML, URL and number."""
    from sitemath.contentcache import ContentCache

    calls = []

    def fix(page_html, page_url, directory_urls, heading_number):
        calls.append(page_html)
        return f"{page_url}|{heading_number}|{page_html}"

    for build in range(2):  # each build: a new cache object on the same file, as on_config makes
        parts = print_cache.CachedParts(fix)
        parts.cache = ContentCache(tmp_path / "parts.json", salt="v")
        assert parts("<p>一</p>", "a/", True, "1") == "a/|1|<p>一</p>"
        assert parts(f"<p>二 {build}</p>", "a/", True, "1") == f"a/|1|<p>二 {build}</p>"  # an edit
        assert parts("<p>一</p>", "b/", True, "2") == "b/|2|<p>一</p>"  # the same HTML on another page
        parts.cache.save()
    assert calls == ["<p>一</p>", "<p>二 0</p>", "<p>一</p>", "<p>二 1</p>"]


def test_the_print_page_is_read_as_python_reads_text(tmp_path) -> None:
    """hooks/print_page.py reads the 1.7 MB page as bytes (much faster): the text must be the same."""
    spec = importlib.util.spec_from_file_location("print_page", ROOT / "hooks/print_page.py")
    print_page = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(print_page)
    for data in ["\ufeff<p>一\r\n二\r三\n</p>\r", "<p>只有换行\n</p>", "\r\r\n\n", ""]:
        path = tmp_path / "page.html"
        path.write_bytes(data.encode("utf-8"))
        assert print_page.read_text(path) == path.read_text(encoding="utf-8")
