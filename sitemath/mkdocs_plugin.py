"""MkDocs adapter: every formula rendered by KaTeX at build time, as MathML the browser draws with STIX
Two Math (sitemath/mathml.py says why); a TeX error fails the build.

Under `mkdocs serve` a TeX error does not stop anything: the page shows the report and the log gives
it once at INFO level (a warning would abort the rebuild under ``strict: true``). The formula's TeX is
HTML-escaped wherever it lands in a page, and control characters are escaped in the log.
"""

from __future__ import annotations

import html as html_text
import logging
import re
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.utils import get_relative_url

from .fonts import subset_font
from .mathml import browser_mathml, drawn_characters
from .renderer import Formula, KatexRenderer, npm_package
from .tex import find_formulas, prepare_notebook_page, replace_formulas, source_line

log = logging.getLogger("mkdocs.plugins.katex")
TAG_START = re.compile(r"<(\w+) ")
ASSET_DIR = "assets/katex"
CACHE_FILE = ".cache/katex/formulas.json"
FONT_CACHE = ".cache/katex/fonts"
ERROR_TITLE = "公式有误"
FIX = "fix the formula (KaTeX supports: https://katex.org/docs/supported)"
FIRST_H1_END = re.compile(r"</h1>")
# Formulas are MathML, drawn with STIX Two Math (npm @fontsource/stix-two-math), set by this stylesheet.
# The font is preloaded on pages with math, so formulas are laid out once, with the right glyphs, instead
# of shifting when it arrives (Lighthouse counts that as layout shift).
MATH_FONT_PACKAGE = "@fontsource/stix-two-math"
MATH_FONT = "stix-two-math-latin-400-normal.woff2"
MATHML_CSS = Path(__file__).with_name("mathml.css")
KEPT_PAGES = 120  # finished pages kept under serve (with their HTML as key): the site's and its recent edits


class KatexPlugin(BasePlugin):
    def __init__(self) -> None:
        self._renderer: KatexRenderer | None = None
        self._serving = False
        self._logged: set[str] = set()  # errors the serve log has shown, so each shows once
        self._broken_lines: dict[str, str] = {}  # KaTeX's output -> what the page shows, a line break in each tag
        # (page, its HTML) -> (finished HTML, cache keys of its formulas, characters they show). Keyed by
        # the HTML itself: a dict lookup, where encoding and hashing each page cost 10-15 ms a rebuild.
        self._pages: dict[tuple[str, str], tuple[str, list[str], set[str]]] = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._serving = command == "serve"

    def on_config(self, config):
        self._root = Path(config.config_file_path).parent.resolve()
        if self._renderer is None:  # kept across `mkdocs serve` rebuilds, with its Node process
            self._renderer = KatexRenderer(self._root / CACHE_FILE)
        if f"{ASSET_DIR}/{MATHML_CSS.name}" not in [str(css) for css in config.extra_css]:
            config.extra_css.insert(0, f"{ASSET_DIR}/{MATHML_CSS.name}")
        return config

    def on_pre_build(self, config) -> None:
        if len(self._broken_lines) > 20_000:  # a long serve session: start again rather than grow
            self._broken_lines = {}
        self.errors: list[str] = []
        self._notebook_errors: list[tuple[str, str]] = []  # (tex, report): a page's notebook repeats its math
        self._page_error_tex: set[str] = set()
        self.count = 0
        self.pages_with_math: set[str] = set()
        self.characters: set[str] = set()  # drawn by the build's formulas: the font keeps these

    def on_page_content(self, html: str, page, config, files) -> str:
        # Under serve most pages are the same as in the last rebuild: their finished HTML is kept.
        key = (page.file.src_uri, html)
        if key in self._pages:
            finished, formula_keys, characters = self._pages[key]
            self._renderer.cache.keep(formula_keys)  # still in use: kept in the cache file
        else:
            errors = len(self.errors) + len(self._notebook_errors)
            finished, formulas, characters = self._render_page(html, page)
            formula_keys = self._renderer.keys(formulas)
            if len(self.errors) + len(self._notebook_errors) == errors:  # a page with errors is reported anew
                if len(self._pages) > KEPT_PAGES:
                    self._pages = {}
                self._pages[key] = (finished, formula_keys, characters)
        self.characters |= characters
        self.count += len(formula_keys)
        if formula_keys:
            self.pages_with_math.add(page.file.src_uri)
        return finished

    def _render_page(self, html: str, page) -> tuple[str, list[Formula], set[str]]:
        if page.file.src_uri.endswith(".ipynb"):
            html = prepare_notebook_page(html)
        formulas = find_formulas(html)
        if not formulas:
            return html, [], set()
        results = self._renderer.render(formulas)
        source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
        page_path = _display_path(Path(page.file.abs_src_path), self._root)
        reports = []
        for formula, result in zip(formulas, results):
            if result.error is not None:
                where = f"{page_path}:{source_line(source, formula.tex)}"
                reports.append(f"{where}: TeX error: {result.error}\n    {formula.tex}\nWhat to do: {FIX}")
                if page.file.src_uri.endswith(".ipynb"):
                    self._notebook_errors.append((formula.tex, reports[-1]))
                else:
                    self._page_error_tex.add(formula.tex)
                    self.errors.append(reports[-1])

        def finished_formula(rendered: str) -> str:
            if rendered not in self._broken_lines:  # kept across serve rebuilds
                # A line break inside each tag (harmless in HTML) keeps KaTeX's one long line from making
                # line-bound regexes of other plugins quadratic (mkdocs-print-site took 40 s on it).
                self._broken_lines[rendered] = TAG_START.sub(r"<\1\n", browser_mathml(rendered))
            return self._broken_lines[rendered]

        def shown(index: int) -> str:
            if results[index].html is not None:
                return finished_formula(results[index].html)
            return f'<code class="katex-error">{html_text.escape(formulas[index].tex)}</code>'

        html = replace_formulas(html, shown)
        if reports and self._serving:  # a build fails instead; serve shows the reports on the page
            box = "".join(
                f'<div class="admonition failure"><p class="admonition-title">{ERROR_TITLE}</p>'
                f"<pre><code>{html_text.escape(report)}</code></pre></div>"
                for report in reports
            )
            title_end = FIRST_H1_END.search(html)
            at = title_end.end() if title_end else 0
            html = html[:at] + box + html[at:]
        characters = set().union(*(drawn_characters(finished_formula(r.html)) for r in results if r.html is not None))
        return html, formulas, characters

    def on_post_page(self, output: str, page, config) -> str:
        if page.file.src_uri not in self.pages_with_math or _offline(config):
            return output
        font = get_relative_url(f"{ASSET_DIR}/fonts/{MATH_FONT}", page.url)
        link = f'<link rel="preload" href="{font}" as="font" type="font/woff2" crossorigin>'
        return output.replace("</head>", f"{link}</head>", 1)

    def on_post_build(self, config) -> None:
        math_font = npm_package(MATH_FONT_PACKAGE)
        target = Path(config.site_dir) / ASSET_DIR
        subset_font(math_font / "files" / MATH_FONT, target / "fonts", self.characters, self._root / FONT_CACHE)
        shutil.copy2(math_font / "LICENSE", target / "fonts" / "STIX-Two-Math-LICENSE.txt")  # the OFL asks for it
        shutil.copy2(MATHML_CSS, target / MATHML_CSS.name)
        self._renderer.cache.save()
        # A notebook's error is the page's error again, unless the notebook alone has it.
        self.errors += [report for tex, report in self._notebook_errors if tex not in self._page_error_tex]
        log.info(f"katex: {self.count} formulas rendered at build time")
        if self._serving:
            for report in set(self.errors) - self._logged:
                log.info(f"katex: TeX error (shown on its page; `mkdocs build` fails on it):\n{_printable(report)}")
            for report in self._logged - set(self.errors):
                log.info(f"katex: fixed: {_printable(report.splitlines()[0])}")
            self._logged = set(self.errors)
        elif self.errors:
            raise PluginError(f"{len(self.errors)} TeX error(s):\n\n" + "\n\n".join(_printable(e) for e in self.errors))

    def on_shutdown(self) -> None:
        if self._renderer is not None:
            self._renderer.close()


def _printable(text: str) -> str:
    """Control characters (a terminal escape sequence in a formula, say) shown escaped, not obeyed."""
    return "".join(ch if ch.isprintable() or ch in "\n\t" else ch.encode("unicode_escape").decode() for ch in text)


def _display_path(path: Path, root: Path) -> str:
    """Repo-relative where possible (generated pages may live elsewhere)."""
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _offline(config) -> bool:
    """Built for file:// (Material's offline plugin)? There a font preload is a CORS error, so none is made."""
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin and plugin.config.enabled)
