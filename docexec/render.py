"""How a page shows an executed snippet's output: the output fence, titled, then its figures and any failure.

Rendering is split in two so a build never waits for the snippets while it converts Markdown:
``render_page`` titles each documented output and leaves an empty slot after it (the documented
text is known up front); ``fill_slots`` later puts the figures and failures into the page's HTML.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable

from .discover import FENCE_OPEN, find_fences
from .labels import Labels
from .model import Problem, Snippet
from .options import KNOWN_OPTIONS

ENGINE_OPTIONS = KNOWN_OPTIONS  # read by the engine, never passed to the highlighter
# Starts with a literal "<" (the optional <p> comes after it): scanning a long page stays fast.
SLOT = re.compile(r'<(?:p><)?span class="docexec-slot" data-key="(?P<key>[^"]+)"></span>(?:</p>)?')
SVG_SIZE = re.compile(r'<svg\b[^>]*?\bwidth="(?P<width>[\d.]+)pt"[^>]*?\bheight="(?P<height>[\d.]+)pt"')


def figure_name(svg: str) -> str:
    """Content-addressed file name: the same figure is the same file, build after build."""
    return hashlib.sha256(svg.encode("utf-8")).hexdigest()[:16] + ".svg"


def figure_size(svg: str) -> tuple[int, int] | None:
    """The figure's size in CSS pixels (matplotlib writes points), so the page reserves its space."""
    match = SVG_SIZE.search(svg)
    if match is None:
        return None
    return round(float(match["width"]) * 4 / 3), round(float(match["height"]) * 4 / 3)


def _opening_line(snippet: Snippet, fence_line: str, labels: Labels) -> str:
    fence = snippet.output.fence
    marker = FENCE_OPEN.match(fence_line)["fence"]
    kept = [f'{k}="{v}"' if v else k for k, v in fence.options.items() if k not in ENGINE_OPTIONS]
    attributes = " ".join([".output", ".docexec-output", f'title="{labels.output}"', *kept])
    return f"{fence.indent}{marker}{{{attributes}}}"


def slot_key(snippet: Snippet) -> str:
    """Unique in the site, so a page that gathers others (the print version) keeps them apart."""
    return html.escape(f"{snippet.location}", quote=True)


def render_page(markdown: str, snippets: list[Snippet], labels: Labels) -> str:
    """The page's Markdown with each documented output titled (「输出」 in Chinese) and a slot after it."""
    lines = markdown.split("\n")
    starts = {f.start for f in find_fences(lines)}
    for index in sorted(range(len(snippets)), key=lambda i: snippets[i].output.fence.start, reverse=True):
        fence = snippets[index].output.fence
        if fence.start not in starts:
            continue
        lines[fence.start] = _opening_line(snippets[index], lines[fence.start], labels)
        slot = f'{fence.indent}<span class="docexec-slot" data-key="{slot_key(snippets[index])}"></span>'
        lines[fence.end + 1 : fence.end + 1] = ["", slot]
    return "\n".join(lines)


def figure_html(url: str, svg: str, alt: str) -> str:
    size = figure_size(svg)
    dimensions = f' width="{size[0]}" height="{size[1]}"' if size else ""
    return f'<img class="docexec-figure" src="{url}" alt="{html.escape(alt, quote=True)}"{dimensions} loading="lazy">'


def failure_html(problem: Problem, labels: Labels) -> str:
    return (
        f'<div class="admonition failure"><p class="admonition-title">{labels.failure}</p>'
        f"<pre><code>{html.escape(str(problem))}</code></pre></div>"
    )


def fill_slots(page_html: str, fill: Callable[[str], str]) -> str:
    """Replace each slot (with the paragraph Markdown wrapped it in) by ``fill(its key)``."""
    return SLOT.sub(lambda m: fill(m["key"]), page_html)
