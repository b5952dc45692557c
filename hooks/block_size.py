"""MkDocs hook: code blocks and display formulas carry their height, so the stylesheet can size them
honestly before they are laid out.

Code blocks far below the first screen are not laid out until the reader scrolls near them
(``content-visibility: auto`` in stylesheets/extra.css): on pages with many examples that halves
the browser's style and layout work on load. Until a block is laid out the browser reserves the
height the stylesheet names, so that height must be the block's real one, or the page jumps while
scrolling. A code block's height is its number of lines times the line height plus fixed padding
(lines never wrap: they scroll sideways), so the hook writes the count on each block as
``style="--md-lines: N"`` and the stylesheet computes the height from it.

Display formulas (more than a third of the elements on the math-heavy pages) are sized the same
way: KaTeX gives every part of a formula a strut whose height and depth it states in ems
(``height:2.0574em;vertical-align:-0.686em``); the formula's line is as tall as the highest part
above the baseline plus the deepest below it, at KaTeX's display size (1.21em), plus the line's
own minimum and the block's padding. The hook writes the result as ``--md-height``.
"""

from __future__ import annotations

import re

from mkdocs.plugins import event_priority

# A code block (Material/pymdownx: div.highlight, the 「输出」 block too) or, on notebook pages, a
# code cell's source or a text output, with its <pre>: the lines are counted inside the <pre>.
BLOCK = re.compile(
    r"""(?xs)
    <div\ class="(?P<class>(?:[^"]*\ )?(?:highlight|highlight-ipynb[^"]*|jp-RenderedText[^"]*))"
    (?P<rest>[^>]*)>
    (?P<head>(?:(?!<pre\b|</div>).)*?)
    <pre\b[^>]*>(?P<pre>.*?)</pre>
    """
)


TAG = re.compile(r"<[^>]+>")


def _lines(pre: str) -> int:
    return TAG.sub("", pre).rstrip("\n").count("\n") + 1


def mark_line_counts(page_html: str) -> str:
    def marked(match: re.Match[str]) -> str:
        if "style=" in match["rest"]:
            return match[0]
        start = f'<div class="{match["class"]}"{match["rest"]} style="--md-lines: {_lines(match["pre"])}">'
        return start + match[0][match.end("rest") - match.start() + 1 :]

    return BLOCK.sub(marked, page_html)


DISPLAY_MATH = re.compile(r'<div class="arithmatex">')
STRUT = re.compile(r'class="katex-strut" style="height:(?P<height>[\d.]+)em;(?:vertical-align:-(?P<depth>[\d.]+)em;)?')
DIV_TAG = re.compile(r"<div\b|</div>")
# KaTeX's display size; the least ascent and depth of a line of display math; its padding and
# margins (1em above and below, kept inside the block), in ems of the page text. Measured in
# Chromium on every formula of the site: the computed heights are within 0.01em of the real ones.
KATEX_DISPLAY_SIZE = 1.21
LEAST_ASCENT, LEAST_DEPTH, PADDING = 0.88, 0.37, 2.0


def display_height(formula_html: str) -> float:
    """Height in ems of a rendered display formula, from KaTeX's struts."""
    struts = [(float(m["height"]), float(m["depth"] or 0)) for m in STRUT.finditer(formula_html)]
    ascent = max([LEAST_ASCENT] + [height - depth for height, depth in struts])
    depth = max([LEAST_DEPTH] + [depth for _, depth in struts])
    return KATEX_DISPLAY_SIZE * (ascent + depth) + PADDING


def mark_display_heights(page_html: str) -> str:
    parts: list[str] = []
    position = 0
    for match in DISPLAY_MATH.finditer(page_html):
        depth, end = 0, len(page_html)
        for tag in DIV_TAG.finditer(page_html, match.start()):
            depth += 1 if tag[0] == "<div" else -1
            if depth == 0:
                end = tag.end()
                break
        height = display_height(page_html[match.start() : end])
        parts += [page_html[position : match.start()], f'<div class="arithmatex" style="--md-height: {height:.4f}em">']
        position = match.end()
    return "".join(parts) + page_html[position:]


@event_priority(-100)  # after every plugin has put its code blocks, outputs and formulas in the page
def on_page_content(html: str, page, config, files) -> str:
    return mark_display_heights(mark_line_counts(html))
