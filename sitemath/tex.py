"""Find the formulas pymdownx.arithmatex (generic mode) left in a page's HTML, and put the rendered ones in."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from .renderer import Formula

ARITHMATEX = re.compile(
    r"""(?xs)
    <(?P<tag>span|div)\ class="arithmatex">
    (?:\\\((?P<inline>.*?)\\\)|\\\[(?P<block>.*?)\\\])
    </(?P=tag)>
    """
)


def find_formulas(page_html: str) -> list[Formula]:
    return [
        Formula(html.unescape(m["block"] if m["block"] is not None else m["inline"]).strip(), m["block"] is not None)
        for m in ARITHMATEX.finditer(page_html)
    ]


def replace_formulas(page_html: str, rendered: Callable[[int], str]) -> str:
    """Replace the n-th formula (in find_formulas order) with ``rendered(n)``."""
    counter = iter(range(1_000_000))
    return ARITHMATEX.sub(lambda m: f'<{m["tag"]} class="arithmatex">{rendered(next(counter))}</{m["tag"]}>', page_html)


def source_line(markdown: str, tex: str) -> int:
    """1-based line of the page where this TeX first appears (1 if it cannot be found verbatim)."""
    for probe in (tex, tex.strip().split("\n")[0].strip()):
        index = markdown.find(probe)
        if probe and index >= 0:
            return markdown.count("\n", 0, index) + 1
    return 1


# Notebook pages (mkdocs-jupyter): math in Markdown cells is left as $…$ for MathJax, which would come
# from a CDN. It is wrapped like arithmatex output instead, so KaTeX renders it at build time as well.
MARKDOWN_CELL_START = 'data-mime-type="text/markdown">'
DIV_TAG = re.compile(r"<div\b|</div>")
CODE = re.compile(r"(?s)(<pre\b.*?</pre>|<code\b.*?</code>)")
DISPLAY_DOLLARS = re.compile(r"(?s)\$\$(.+?)\$\$")
INLINE_DOLLARS = re.compile(r"(?<![\\$])\$(?!\$)([^$\n]+?)(?<!\\)\$")
MATHJAX = re.compile(r"(?s)<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->")
# nbconvert's Mermaid loader imports its library from cdnjs when a notebook has diagrams; ours have none.
CDN_MODULE_SCRIPT = re.compile(r"(?s)<script type=\"module\">(?:(?!</script>).)*?cdnjs\.cloudflare\.com.*?</script>")


def _wrap_dollars(text: str) -> str:
    parts = CODE.split(text)
    for i in range(0, len(parts), 2):  # even parts are outside code
        parts[i] = DISPLAY_DOLLARS.sub(lambda m: f'<div class="arithmatex">\\[{m[1]}\\]</div>', parts[i])
        parts[i] = INLINE_DOLLARS.sub(lambda m: f'<span class="arithmatex">\\({m[1]}\\)</span>', parts[i])
    return "".join(parts)


def prepare_notebook_page(page_html: str) -> str:
    """Drop the loaders nbconvert points at CDNs, and mark the $…$ math of Markdown cells for KaTeX."""
    page_html = CDN_MODULE_SCRIPT.sub("", MATHJAX.sub("", page_html))
    parts, cursor = [], 0
    for start, end in _markdown_cells(page_html):
        parts += [page_html[cursor:start], _wrap_dollars(page_html[start:end])]
        cursor = end
    return "".join(parts) + page_html[cursor:]


def _markdown_cells(page_html: str):
    """(start, end) of each Markdown cell's rendered content, up to the </div> that closes its own div.

    A cell may hold divs of its own (a code block in the prose is a div.highlight): the first
    </div> is not the cell's end, so nesting is counted.
    """
    cursor = 0
    while (found := page_html.find(MARKDOWN_CELL_START, cursor)) >= 0:
        start = found + len(MARKDOWN_CELL_START)
        depth, position = 1, start
        while depth and (tag := DIV_TAG.search(page_html, position)):
            depth += 1 if tag[0] == "<div" else -1
            position = tag.end()
        end = tag.start() if tag else len(page_html)
        yield start, end
        cursor = max(end, start)
