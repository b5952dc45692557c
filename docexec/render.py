"""How a page shows an executed snippet's output: the 「输出」 fence, its figures, and any failure."""

from __future__ import annotations

import hashlib
import html
import re

from .discover import FENCE_OPEN, find_fences
from .model import Problem, Snippet

OUTPUT_TITLE = "输出"
FAILURE_TITLE = "示例未通过检查"
ENGINE_OPTIONS = ("tol", "timeout", "alt")  # read by the engine, not passed to the highlighter


def figure_name(svg: str) -> str:
    """Content-addressed file name: the same figure is the same file, build after build."""
    return hashlib.sha256(svg.encode("utf-8")).hexdigest()[:16] + ".svg"


SVG_SIZE = re.compile(r'<svg\b[^>]*?\bwidth="(?P<width>[\d.]+)pt"[^>]*?\bheight="(?P<height>[\d.]+)pt"')


def figure_size(svg: str) -> tuple[int, int] | None:
    """The figure's size in CSS pixels (matplotlib writes points), so the page reserves its space."""
    match = SVG_SIZE.search(svg)
    if match is None:
        return None
    return round(float(match["width"]) * 4 / 3), round(float(match["height"]) * 4 / 3)


def _opening_line(snippet: Snippet, fence_line: str) -> str:
    fence = snippet.output.fence
    marker = FENCE_OPEN.match(fence_line)["fence"]
    kept = [f'{k}="{v}"' if v else k for k, v in fence.options.items() if k not in ENGINE_OPTIONS]
    attributes = " ".join([".output", ".docexec-output", f'title="{OUTPUT_TITLE}"', *kept])
    return f"{fence.indent}{marker}{{{attributes}}}"


def render_page(
    markdown: str,
    snippets: list[Snippet],
    *,
    figures: dict[str, list[tuple[str, str]]],
    problems: dict[str, Problem],
) -> str:
    """The page's Markdown with each documented output titled 「输出」, figures and failures below it.

    ``figures`` maps a snippet path to (URL, SVG text) of each of its figures; ``problems`` maps a snippet's
    str() to what is wrong with it.
    """
    lines = markdown.split("\n")
    starts = {f.start for f in find_fences(lines)}
    for snippet in sorted(snippets, key=lambda s: s.output.fence.start, reverse=True):
        fence = snippet.output.fence
        if fence.start not in starts:
            continue
        after: list[str] = []
        alt = html.escape(snippet.output.alt or f"{snippet.path} 生成的图", quote=True)
        for url, svg in figures.get(snippet.path, []):
            size = figure_size(svg)
            dimensions = f' width="{size[0]}" height="{size[1]}"' if size else ""
            after += [
                "",
                f'{fence.indent}<img class="docexec-figure" src="{url}" alt="{alt}"{dimensions} loading="lazy">',
            ]
        problem = problems.get(str(snippet))
        if problem is not None:
            after += ["", f'{fence.indent}!!! failure "{FAILURE_TITLE}"', ""]
            after += [f"{fence.indent}        {line}" for line in str(problem).split("\n")]
        lines[fence.start] = _opening_line(snippet, lines[fence.start])
        lines[fence.end + 1 : fence.end + 1] = after
    return "\n".join(lines)
