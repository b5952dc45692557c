"""MkDocs hook: notebook pages (mkdocs-jupyter) carry a small stylesheet of ours, not JupyterLab's.

mkdocs-jupyter inlines about 580 KB of CSS in every notebook page (JupyterLab's whole theme, the
Blueprint widgets, a second copy of the Pygments styles), which made these pages twice as heavy as
any other and slow to show on a phone. The pages use a handful of those rules; they are replaced by
stylesheets/notebook.css, which styles the cells with the site's own colours, light and dark.

The figures a notebook carries inline (base64, so the downloaded .ipynb stands alone) are shown on
its page from the same SVG files the content pages use, loaded lazily: base64 barely compresses,
and two figures made a notebook page heavier than the 250 KB first-view budget.
"""

from __future__ import annotations

import base64
import binascii
import functools
import re

from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

STYLE = re.compile(r"(?s)<style\b[^>]*>.*?</style>")
STYLESHEET = "stylesheets/notebook.css"
IMAGE = re.compile(r"<img\b[^>]*>")
INLINE_SVG = re.compile(r'\bsrc="data:image/svg\+xml;base64,(?P<data>[^"]+)"')
FIGURE_DIR = "assets/docexec"  # where the docexec plugin writes every figure, named by its content


def _is_notebook(page) -> bool:
    return page.file.src_uri.endswith(".ipynb")


@event_priority(-100)  # after mkdocs-jupyter and the katex plugin have made the page
def on_page_content(html: str, page, config, files) -> str:
    return _without_styles(html) if _is_notebook(page) else html


@functools.lru_cache(maxsize=32)  # `mkdocs serve`: the same notebook pages, rebuild after rebuild
def _without_styles(html: str) -> str:
    return STYLE.sub("", html)


def on_post_page(output: str, page, config) -> str:
    if not _is_notebook(page):
        return output
    link = f'<link rel="stylesheet" href="{get_relative_url(STYLESHEET, page.url)}">'
    output = IMAGE.sub(lambda m: _figure_file(m[0], page.url), output)
    return output.replace("</head>", f"{link}</head>", 1)


def _figure_file(tag: str, page_url: str) -> str:
    """A docexec figure's <img> pointing at its file instead of carrying it inline; other images as they are."""
    from docexec.render import figure_name

    inline = INLINE_SVG.search(tag)
    if inline is None or "docexec-figure" not in tag:
        return tag
    try:
        svg = base64.b64decode(inline["data"], validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return tag
    url = get_relative_url(f"{FIGURE_DIR}/{figure_name(svg)}", page_url)
    return tag[: inline.start()] + f'loading="lazy" src="{url}"' + tag[inline.end() :]
