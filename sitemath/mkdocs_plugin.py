"""MkDocs adapter: every formula rendered by KaTeX at build time; a TeX error fails the build.

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

from .fonts import ASCII, FontCache, formula_characters, subset_fonts
from .mathml import drawn_characters, inline_mathml
from .renderer import Formula, KatexRenderer, katex_package, npm_package
from .tex import find_formulas, prepare_notebook_page, replace_formulas, source_line

log = logging.getLogger("mkdocs.plugins.katex")
TAG_START = re.compile(r"<(\w+) ")
ASSET_DIR = "assets/katex"
CACHE_FILE = ".cache/katex/formulas.json"
FONT_CACHE = ".cache/katex/fonts"
ERROR_TITLE = "公式有误"
FIX = "fix the formula (KaTeX supports: https://katex.org/docs/supported)"
FIRST_H1_END = re.compile(r"</h1>")
# Inline formulas are MathML, drawn with STIX Two Math (npm @fontsource/stix-two-math); its stylesheet.
MATH_FONT_PACKAGE = "@fontsource/stix-two-math"
MATH_FONT = "stix-two-math-latin-400-normal.woff2"
MATHML_CSS = Path(__file__).with_name("mathml.css")
# Fonts nearly every formula uses: preloaded on pages with such formulas, so they are laid out once, with
# the right glyphs, instead of shifting when the fonts arrive (Lighthouse counts that as layout shift).
PRELOADED_FONTS = {"display": ("KaTeX_Main-Regular.woff2", "KaTeX_Math-Italic.woff2"), "inline": (MATH_FONT,)}
KEPT_PAGES = 120  # finished pages kept under serve (with their HTML as key): the site's and its recent edits


class KatexPlugin(BasePlugin):
    def __init__(self) -> None:
        self._renderer: KatexRenderer | None = None
        self._serving = False
        self._logged: set[str] = set()  # errors the serve log has shown, so each shows once
        self._broken_lines: dict[str, str] = {}  # KaTeX's output -> what the page shows, a line break in each tag
        # (page, its HTML) -> (finished HTML, cache keys of its formulas, their kinds, characters they show). Keyed by
        # the HTML itself: a dict lookup, where encoding and hashing each page cost 10-15 ms a rebuild.
        self._pages: dict[tuple[str, str], tuple[str, list[str], set[str], Characters]] = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._serving = command == "serve"

    def on_config(self, config):
        self._root = Path(config.config_file_path).parent.resolve()
        if self._renderer is None:  # kept across `mkdocs serve` rebuilds, with its Node process
            self._renderer = KatexRenderer(self._root / CACHE_FILE)
        for position, stylesheet in enumerate((f"{ASSET_DIR}/katex.min.css", f"{ASSET_DIR}/{MATHML_CSS.name}")):
            if stylesheet not in [str(css) for css in config.extra_css]:
                config.extra_css.insert(position, stylesheet)
        return config

    def on_pre_build(self, config) -> None:
        if len(self._broken_lines) > 20_000:  # a long serve session: start again rather than grow
            self._broken_lines = {}
        self.errors: list[str] = []
        self._notebook_errors: list[tuple[str, str]] = []  # (tex, report): a page's notebook repeats its math
        self._page_error_tex: set[str] = set()
        self.count = 0
        self.pages_with_math: dict[str, set[str]] = {}  # page -> the kinds of formula on it: "display", "inline"
        self.characters = Characters()  # shown by the build's formulas: the fonts keep these

    def on_page_content(self, html: str, page, config, files) -> str:
        # Under serve most pages are the same as in the last rebuild: their finished HTML is kept.
        key = (page.file.src_uri, html)
        if key in self._pages:
            finished, formula_keys, kinds, characters = self._pages[key]
            self._renderer.cache.keep(formula_keys)  # still in use: kept in the cache file
        else:
            errors = len(self.errors) + len(self._notebook_errors)
            finished, formulas, characters = self._render_page(html, page)
            formula_keys = self._renderer.keys(formulas)
            kinds = {"display" if formula.display else "inline" for formula in formulas}
            if len(self.errors) + len(self._notebook_errors) == errors:  # a page with errors is reported anew
                if len(self._pages) > KEPT_PAGES:
                    self._pages = {}
                self._pages[key] = (finished, formula_keys, kinds, characters)
        self.characters.add(characters)
        self.count += len(formula_keys)
        if kinds:
            self.pages_with_math[page.file.src_uri] = kinds
        return finished

    def _render_page(self, html: str, page) -> tuple[str, list[Formula], Characters]:
        if page.file.src_uri.endswith(".ipynb"):
            html = prepare_notebook_page(html)
        formulas = find_formulas(html)
        if not formulas:
            return html, [], Characters()
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

        def finished_formula(formula: Formula, rendered: str) -> str:
            if rendered not in self._broken_lines:  # kept across serve rebuilds
                shown_html = rendered if formula.display else inline_mathml(rendered)
                # A line break inside each tag (harmless in HTML) keeps KaTeX's one long line from making
                # line-bound regexes of other plugins quadratic (mkdocs-print-site took 40 s on it).
                self._broken_lines[rendered] = TAG_START.sub(r"<\1\n", shown_html)
            return self._broken_lines[rendered]

        def shown(index: int) -> str:
            if results[index].html is not None:
                return finished_formula(formulas[index], results[index].html)
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
        characters = Characters()
        for formula, result in zip(formulas, results):
            if result.html is None:
                continue
            if formula.display:
                characters.display |= formula_characters(result.html)
            else:
                characters.inline |= drawn_characters(finished_formula(formula, result.html))
        return html, formulas, characters

    def on_post_page(self, output: str, page, config) -> str:
        if page.file.src_uri not in self.pages_with_math or _offline(config):
            return output
        links = "".join(
            f'<link rel="preload" href="{get_relative_url(f"{ASSET_DIR}/fonts/{font}", page.url)}" as="font" '
            'type="font/woff2" crossorigin>'
            for kind in sorted(self.pages_with_math[page.file.src_uri])
            for font in PRELOADED_FONTS[kind]
        )
        return output.replace("</head>", f"{links}</head>", 1)

    def on_post_build(self, config) -> None:
        package = katex_package() / "dist"
        math_font = npm_package(MATH_FONT_PACKAGE)
        target = Path(config.site_dir) / ASSET_DIR
        shutil.copytree(package / "fonts", target / "fonts", dirs_exist_ok=True)
        cache = FontCache(self._root / FONT_CACHE)
        # KaTeX's stylesheet writes some characters itself (equation numbers and the like): ASCII is kept.
        subset_fonts(
            sorted((package / "fonts").glob("*.woff2")), target / "fonts", self.characters.display | ASCII, cache
        )
        subset_fonts([math_font / "files" / MATH_FONT], target / "fonts", self.characters.inline, cache)
        cache.remove_unused()
        shutil.copy2(math_font / "LICENSE", target / "fonts" / "STIX-Two-Math-LICENSE.txt")  # the OFL asks for it
        shutil.copy2(package / "katex.min.css", target / "katex.min.css")
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


class Characters:
    """The characters formulas show: KaTeX's fonts keep those of display formulas, STIX Two Math those of inline ones."""

    def __init__(self) -> None:
        self.display: set[str] = set()
        self.inline: set[str] = set()

    def add(self, other: Characters) -> None:
        self.display |= other.display
        self.inline |= other.inline


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
