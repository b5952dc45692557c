"""MkDocs hook: the print version (print_page/, and the PDF made from it) holds the tutorial and
a contents list that matches it, nothing else.

- A navigation section whose pages are all excluded from printing (the Notebook section) is left
  out of the print version; mkdocs-print-site would print its title alone, as a chapter with
  nothing in it, and list it in the contents.
- The contents list is written into the page as HTML (chapters and their sections, formulas
  rendered) instead of being copied by a script from the sidebar, which lists chapters only.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from mkdocs.plugins import event_priority

SECTION = re.compile(r'<section class="print-page" id="(?P<id>[^"]+)"')
HEADING = re.compile(r'(?s)<h(?P<level>[12]) id="(?P<id>[^"]+)"[^>]*>(?P<title>.*?)<a class="headerlink"')
CONTENTS_TITLE = re.compile(r"(<h1 class='print-page-toc-title'>.*?</h1>)")


def _print_plugin(config):
    return config.plugins.get("print-site")


def _printed(item, excluded: list[str]) -> bool:
    """Does this navigation item put anything on the print page?"""
    from mkdocs_print_site_plugin.exclude import exclude

    if item.is_section:
        return any(_printed(child, excluded) for child in item.children)
    if item.is_page:
        return not exclude(item.file.src_path, excluded)
    return False  # links


@event_priority(-100)  # after mkdocs-print-site has taken the navigation
def on_nav(nav, config, files):
    plugin = _print_plugin(config)
    if plugin is not None:
        excluded = plugin.config.get("exclude", [])
        plugin.renderer.items = [item for item in nav.items if _printed(item, excluded)]
    return nav


def contents_list(print_html: str) -> str:
    """Chapters (each page's h1) and their sections (h2), linked to their anchors on the print page."""
    chapters: list[str] = []
    for section in SECTION.split(print_html)[2::2]:
        entries = [(int(h["level"]), h["id"], h["title"].strip()) for h in HEADING.finditer(section)]
        if not entries or entries[0][0] != 1:
            continue
        _, chapter_id, chapter_title = entries[0]
        sections = "".join(f'<li><a href="#{html.escape(i)}">{t}</a></li>' for level, i, t in entries[1:] if level == 2)
        chapters.append(
            f'<li><a href="#{html.escape(chapter_id)}">{chapter_title}</a>'
            + (f"<ul>{sections}</ul>" if sections else "")
            + "</li>"
        )
    return f'<ul class="print-contents">{"".join(chapters)}</ul>'


def read_text(path: Path) -> str:
    """``path.read_text(encoding="utf-8")``, line endings translated alike, in a fraction of the time
    on the 1.7 MB print page (Python's text reading translates them as it goes)."""
    text = path.read_bytes().decode("utf-8")
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


@event_priority(-100)  # after mkdocs-print-site has written print_page/index.html
def on_post_build(config) -> None:
    plugin = _print_plugin(config)
    if plugin is None or not plugin.config.get("add_table_of_contents"):
        return
    path = Path(config.site_dir) / "print_page" / "index.html"
    if not path.is_file():
        path = Path(config.site_dir) / "print_page.html"  # use_directory_urls: false
    page = read_text(path)
    page = CONTENTS_TITLE.sub(lambda m: m[1] + contents_list(page), page, count=1)
    page = page.replace("generate_toc();", "")  # the script that would copy the sidebar's list as well
    path.write_text(page, encoding="utf-8")
