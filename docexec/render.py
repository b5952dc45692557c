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


def problem_slot_key(index: int, problem: Problem) -> str:
    return html.escape(f"problem-{index}-{problem.where}", quote=True)


def render_page(
    markdown: str,
    snippets: list[Snippet],
    labels: Labels,
    *,
    problems: list[Problem] | tuple[Problem, ...] = (),
    first_line: int = 0,
) -> str:
    """The page's Markdown with each documented output titled (「输出」 in Chinese) and a slot after it.

    ``snippets`` and ``problems`` are what discovery found in the page's file; ``markdown`` is that
    file from line ``first_line`` (0-based) on (MkDocs hands over a page without its front matter).
    Each problem gets a slot too, after the fence it is about (``mkdocs serve`` shows it there).
    """
    lines = markdown.split("\n")
    inserts: list[tuple[int, str]] = []
    for snippet in snippets:
        fence = snippet.output.fence
        start = fence.start - first_line
        if not 0 <= start < len(lines) or not FENCE_OPEN.match(lines[start]):
            continue  # not in this text (the page changed since it was parsed)
        lines[start] = _opening_line(snippet, lines[start], labels)
        inserts.append(
            (
                fence.end + 1 - first_line,
                f'{fence.indent}<span class="docexec-slot" data-key="{slot_key(snippet)}"></span>',
            )
        )
    if problems:
        fences = find_fences(lines)
        for index, problem in enumerate(problems):
            line = _line_of(problem.where) - 1 - first_line
            fence = next((f for f in fences if f.start <= line <= f.end), None)
            at, indent = (fence.end + 1, fence.indent) if fence else (min(max(line, 0), len(lines)), "")
            inserts.append(
                (at, f'{indent}<span class="docexec-slot" data-key="{problem_slot_key(index, problem)}"></span>')
            )
    for at, slot in sorted(inserts, key=lambda insert: insert[0], reverse=True):
        lines[at:at] = ["", slot, ""]
    return "\n".join(lines)


def _line_of(where: str) -> int:
    """The 1-based line of ``page:line`` (1 when ``where`` names a file only)."""
    _, _, line = where.rpartition(":")
    return int(line) if line.isdigit() else 1


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
    if 'class="docexec-slot"' not in page_html:  # most pages: no scan of their whole HTML (serve asks for each)
        return page_html
    return SLOT.sub(lambda m: fill(m["key"]), page_html)
