"""MkDocs hook: each code block says how many lines it has, so the stylesheet can size it honestly.

Code blocks far below the first screen are not laid out until the reader scrolls near them
(``content-visibility: auto`` in stylesheets/extra.css), which spares the browser their style and
layout work while the page loads. Until a block is laid out the browser reserves the
height the stylesheet names, so that height must be the block's real one, or the page jumps while
scrolling. A code block's height is its number of lines times the line height plus fixed padding
(lines never wrap: they scroll sideways), so the hook writes the count on each block as
``style="--md-lines: N"`` and the stylesheet computes the height from it.

Display formulas are not treated so: Chromium leaves the MathML of a skipped formula out of the
accessibility tree, and a screen reader would not find the formulas below the first screen.
"""

from __future__ import annotations

import functools
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


@functools.lru_cache(maxsize=64)  # `mkdocs serve`: the same unchanged pages, rebuild after rebuild
def mark_line_counts(page_html: str) -> str:
    def marked(match: re.Match[str]) -> str:
        if "style=" in match["rest"]:
            return match[0]
        start = f'<div class="{match["class"]}"{match["rest"]} style="--md-lines: {_lines(match["pre"])}">'
        return start + match[0][match.end("rest") - match.start() + 1 :]

    return BLOCK.sub(marked, page_html)


@event_priority(-100)  # after every plugin has put its code blocks and outputs in the page
def on_page_content(html: str, page, config, files) -> str:
    return mark_line_counts(html)
