"""MkDocs hook: switching the colour scheme no longer restyles every element of the page.

While the reader switches between light and dark, Material marks <body> with
``data-md-color-switching`` and its palette stylesheet turns transitions off for every element
(``[data-md-color-switching] *``), so that colours change at once instead of fading. Material
also sets and removes that mark once when the page starts. A rule on ``*`` below an attribute
makes the browser restyle every element of the page when the attribute comes or goes: on a page
with a few hundred formulas (thousands of KaTeX elements) that was two full restyles during
start-up, the longest task Lighthouse saw on /chain-rule/.

The rule is rewritten to name only the elements Material gives a colour, background, border or
shadow transition (tests/browser/test_reader.py checks, on the real pages, that no element is
left fading while the mark is set). Only those are restyled when the mark comes or goes; the
KaTeX spans and MathML elements, which have no transition, are left alone.
"""

from __future__ import annotations

import logging
from pathlib import Path

log = logging.getLogger("mkdocs.hooks.palette_switch")

EVERY_ELEMENT = (
    "[data-md-color-switching] *,"
    "[data-md-color-switching] :after,"
    "[data-md-color-switching] :before"
    "{transition-duration:0s!important}"
)

# What Material animates in colour (its main stylesheet's rules with a colour, background, border
# or shadow transition, by the last part of their selectors).
ANIMATED = (
    "a, button, code, details, div, input, kbd, label, li, pre, th, tr, "
    ".admonition, .card, .footnote-backref, .headerlink, .tabbed-button, .tabbed-labels, "
    ".md-annotation__index, .md-author, .md-button, .md-clipboard, .md-code__button, .md-code__nav, "
    ".md-feedback__icon, .md-header, .md-input, .md-nav__icon, .md-nav__link, .md-pagination__link, "
    ".md-search-result__link, .md-search__form, .md-search__icon, .md-search__input, .md-select__link, "
    ".md-sidebar, .md-tag, .md-tag-icon, .md-top, .md-version__link"
)
ANIMATED_ONLY = (
    f"[data-md-color-switching] :is({ANIMATED}),"
    f"[data-md-color-switching] :is({ANIMATED})::before,"
    f"[data-md-color-switching] :is({ANIMATED})::after"
    "{transition-duration:0s!important}"
)


def narrow(css: str) -> str:
    return css.replace(EVERY_ELEMENT, ANIMATED_ONLY)


def on_post_build(config) -> None:
    sheets = sorted(Path(config.site_dir, "assets", "stylesheets").glob("palette.*.css"))
    for sheet in sheets:
        css = sheet.read_text(encoding="utf-8")
        if EVERY_ELEMENT in css:
            sheet.write_text(narrow(css), encoding="utf-8")
        elif ANIMATED_ONLY not in css:
            log.info("palette_switch: the rule to narrow is not in %s (Material changed it?)", sheet.name)
