"""MkDocs hook: notebook pages (mkdocs-jupyter) carry a small stylesheet of ours, not JupyterLab's.

mkdocs-jupyter inlines about 580 KB of CSS in every notebook page (JupyterLab's whole theme, the
Blueprint widgets, a second copy of the Pygments styles), which made these pages twice as heavy as
any other and slow to show on a phone. The pages use a handful of those rules; they are replaced by
stylesheets/notebook.css, which styles the cells with the site's own colours, light and dark.

The figures a notebook carries inline (base64, so the downloaded .ipynb stands alone) are shown on
its page from the same SVG files the content pages use, loaded lazily: base64 barely compresses,
and two figures made a notebook page heavier than the 250 KB first-view budget.

nbconvert drops the Chinese from a heading's id (``<h2 id="">一元函数的链式法则``), so its anchor
link is ``#`` and the page's table of contents points at ids no heading has. Headings get the ids
the content pages give them (the same slugify as mkdocs.yml's toc), and the contents follow.
"""

from __future__ import annotations

import base64
import binascii
import functools
import html as html_text
import re

from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

STYLE = re.compile(r"(?s)<style\b[^>]*>.*?</style>")
STYLESHEET = "stylesheets/notebook.css"
IMAGE = re.compile(r"<img\b[^>]*>")
INLINE_SVG = re.compile(r'\bsrc="data:image/svg\+xml;base64,(?P<data>[^"]+)"')
FIGURE_DIR = "assets/docexec"  # where the docexec plugin writes every figure, named by its content
HEADING = re.compile(
    r'(?s)<h(?P<level>[1-6]) id="(?P<id>[^"]*)">(?P<inner>.*?)<a class="anchor-link" href="#(?P=id)">(?P<mark>.*?)</a>'
)
TAG = re.compile(r"<[^>]+>")
ANCHOR = re.compile(r'(?s)<a class="anchor-link"[^>]*>.*?</a>')
CODE = re.compile(r"(?s)<code\b.*?</code>")


def _is_notebook(page) -> bool:
    return page.file.src_uri.endswith(".ipynb")


@event_priority(-100)  # after mkdocs-jupyter and the katex plugin have made the page
def on_page_content(html: str, page, config, files) -> str:
    if not _is_notebook(page):
        return html
    return _heading_ids(_without_styles(html), page)


@functools.lru_cache(maxsize=32)  # `mkdocs serve`: the same notebook pages, rebuild after rebuild
def _without_styles(html: str) -> str:
    return STYLE.sub("", html)


def _heading_ids(html: str, page) -> str:
    from pymdownx.slugs import slugify

    slug = slugify(case="lower")
    taken: set[str] = set()
    new_ids: list[tuple[str, str, str]] = []  # (heading text, the same without code, id), in page order

    def with_id(match: re.Match[str]) -> str:
        text = _plain(match["inner"])
        base = slug(text, "-") or "section"
        unique, n = base, 1
        while unique in taken:
            unique, n = f"{base}_{n}", n + 1
        taken.add(unique)
        new_ids.append((text, _plain(CODE.sub("", match["inner"])), unique))
        level, inner, mark = match["level"], match["inner"], match["mark"]
        return f'<h{level} id="{unique}">{inner}<a class="anchor-link" href="#{unique}">{mark}</a>'

    html = HEADING.sub(with_id, html)
    _retarget(page.toc, new_ids)
    return html


def _plain(inner: str) -> str:
    """A heading's text (a formula's is its MathML's), spaces collapsed."""
    return " ".join(html_text.unescape(TAG.sub("", inner)).split())


def _retarget(items, new_ids: list[tuple[str, str, str]]) -> None:
    """Each contents entry takes the id (and the text) of the first heading left with its title.

    mkdocs-jupyter's entry titles lose a heading's inline code (「x.grad：梯度存在哪里」 is listed as
    「：梯度存在哪里」), so a title is also compared with the heading's text without its code.
    """
    for item in items:
        # A title with a formula is the heading's HTML (hooks/math_text.py), with the ¶ link in it.
        title = _plain(ANCHOR.sub("", str(item.title)))
        found = next((i for i, (text, bare, _) in enumerate(new_ids) if title in (text, bare)), None)
        if found is not None:
            text, _, item.id = new_ids.pop(found)
            item.title = ANCHOR.sub("", str(item.title)).strip() if 'class="katex"' in str(item.title) else text
        _retarget(item.children, new_ids)


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
