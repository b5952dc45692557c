"""MkDocs hook: formulas read well outside the article body too.

A formula is MathML (sitemath): its text, taken naively, runs scripts and fractions into the line
(``f(x1,x2)`` for f(x₁, x₂), ``ab`` for a/b). When KaTeX's HTML and TeX stood beside the MathML, it
was all three at once. This hook gives the places that take the page's text one readable text:

- the search index: while the search plugin reads the page, every formula is its text written as a
  reader would type it (``f(x₁, x₂)``); the page itself keeps the MathML;
- the table of contents: a heading with math shows the rendered formula, not ``\\(…\\)``;
- line breaks: punctuation right after inline math (「，」「。」…) stays on the formula's line.
"""

from __future__ import annotations

import functools
import html
import re
from xml.etree import ElementTree

from mkdocs.plugins import CombinedEvent, event_priority

KATEX_START = re.compile(r'<span\s+class="katex">')
SPAN_TAG = re.compile(r"<span\b|</span>")
MATH = re.compile(r"(?s)<math\b.*?</math>")
ANNOTATION = re.compile(r"(?s)<annotation\b.*?</annotation>")
TAG = re.compile(r"<[^>]+>")
SEARCH_ATTRIBUTE = re.compile(r'\s?data-search-\w+="[^"]+"')
# Invisible operators (function application, invisible times…) and zero-width spaces: nothing to read.
INVISIBLE = dict.fromkeys(map(ord, "\u2061\u2062\u2063\u2064\u200b"), None)

SUPERSCRIPT = str.maketrans("0123456789+-−=()ni′″⊤", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁿⁱ′″ᵀ")
SUBSCRIPT = str.maketrans("0123456789+-−=()aeijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ")
MATHML = "{http://www.w3.org/1998/Math/MathML}"


# --- Formula → readable text ------------------------------------------------------------------


def formula_text(mathml: str) -> str:
    """The text of one KaTeX formula's MathML, written as a reader would type it: f(x₁, x₂)/2."""
    try:
        root = ElementTree.fromstring(ANNOTATION.sub("", mathml))
    except ElementTree.ParseError:
        text = html.unescape(TAG.sub("", ANNOTATION.sub("", mathml)))
    else:
        text = _text(root)
    return re.sub(r"\s+", " ", text.translate(INVISIBLE)).strip()


def _text(node: ElementTree.Element) -> str:
    tag = node.tag.removeprefix(MATHML)
    children = [_text(child) for child in node]
    if tag in {"mi", "mn", "mo", "mtext", "ms"}:
        return node.text or ""
    if tag == "mspace":
        return " "
    if tag == "mphantom":
        return ""
    if tag == "mfrac" and len(children) == 2:
        return f"{_grouped(children[0])}/{_grouped(children[1])}"
    if tag == "msqrt":
        return "√" + _grouped("".join(children))
    if tag == "mroot" and len(children) == 2:
        return f"{children[1]}√{_grouped(children[0])}"
    if tag in {"msup", "msub", "msubsup"} and children:
        base, *scripts = children
        kinds = {"msup": ["sup"], "msub": ["sub"], "msubsup": ["sub", "sup"]}[tag]
        return base + "".join(_script(kind, script) for kind, script in zip(kinds, scripts))
    if tag in {"munder", "mover", "munderover"} and children and node.get("accent") != "true":
        base, *scripts = children  # limits of ∑, ∏, lim: as scripts where Unicode has them (∑ᵢ₌₁³)
        kinds = {"munder": ["sub"], "mover": ["sup"], "munderover": ["sub", "sup"]}[tag]
        return base + "".join(
            _script(kind, script)
            if all(ord(c) in (SUBSCRIPT if kind == "sub" else SUPERSCRIPT) for c in script)
            else f"({script})"
            for kind, script in zip(kinds, scripts)
        )
    if tag == "mtable":
        return "; ".join(", ".join(_text(cell) for cell in row) for row in node)
    return "".join(children)


def _grouped(text: str) -> str:
    text = text.strip()
    return f"({text})" if re.search(r"[\s+\-−=,·⋅/]", text) else text


def _script(kind: str, text: str) -> str:
    """x², xᵢ where Unicode has the characters; otherwise x^(…), and plain xk for a subscript."""
    table = SUPERSCRIPT if kind == "sup" else SUBSCRIPT
    if text and all(ord(c) in table for c in text):
        return text.translate(table)
    return f"^{_grouped(text)}" if kind == "sup" else text


def _span_end(page_html: str, start: int) -> int:
    depth = 0
    for tag in SPAN_TAG.finditer(page_html, start):
        depth += 1 if tag[0] == "<span" else -1
        if depth == 0:
            return tag.end()
    return len(page_html)


@functools.lru_cache(maxsize=64)  # `mkdocs serve`: every rebuild indexes the same unchanged pages again
def formulas_as_text(page_html: str) -> str:
    """``page_html`` with each formula (span.katex and all it holds) replaced by its text, once."""
    parts: list[str] = []
    position = 0
    for match in KATEX_START.finditer(page_html):
        if match.start() < position:  # nested inside a formula already replaced
            continue
        end = _span_end(page_html, match.start())
        math = MATH.search(page_html, match.start(), end)
        text = formula_text(math[0]) if math else ""
        parts += [page_html[position : match.start()], f"<span>{html.escape(text, quote=False)}</span>"]
        position = end
    return "".join(parts) + page_html[position:]


# --- Search index ----------------------------------------------------------------------------


@event_priority(100)  # before the search plugin reads page.content
def _index_formula_text(context, page, config, nav):
    if KATEX_START.search(page.content or ""):
        page.reader_html = page.content
        page.content = formulas_as_text(page.content)
    return context


@event_priority(-100)  # after it: the page is rendered with the formulas' MathML
def _restore_formula_html(context, page, config, nav):
    original = getattr(page, "reader_html", None)
    if original is not None:
        # The search plugin also strips its data-search-* attributes from what it read; do the same.
        # (Looked for first: the pattern, starting with an optional space, is tried at every character.)
        page.content = SEARCH_ATTRIBUTE.sub("", original) if "data-search-" in original else original
        del page.reader_html
    return context


on_page_context = CombinedEvent(_index_formula_text, _restore_formula_html)


# --- Table of contents and line breaks --------------------------------------------------------

HEADING = re.compile(r'(?s)<h([1-6]) id="(?P<id>[^"]+)"[^>]*>(?P<inner>.*?)</h\1>')
HEADERLINK = re.compile(r'(?s)<a class="headerlink"[^>]*>.*?</a>')
INLINE_MATH_START = re.compile(r'<span class="arithmatex">')
# Opening punctuation right before inline math, closing punctuation right after it: a line must not
# break between them and the formula (a line starting with 「，」 is a typesetting error in Chinese).
OPENING = "（「『《〈([“‘"
CLOSING = re.compile(r"[，。、；：！？）」』》〉,.;:!?)\]”’…]+")


def _opening_before(page_html: str, floor: int, formula: int) -> int:
    """Where the opening punctuation right before the formula starts (``formula`` when there is none).

    One line break may stand between them (Markdown source lines end there): a line can break at it,
    so it is glued too. A walk back over the characters, not a regex search ending at the formula,
    which would scan the page from ``floor`` for every formula.
    """
    stop = formula - 1 if formula - 1 > floor and page_html[formula - 1] == "\n" else formula
    start = stop
    while start > floor and page_html[start - 1] in OPENING:
        start -= 1
    return start if start < stop else formula


@functools.lru_cache(maxsize=64)  # `mkdocs serve`: every rebuild passes the same unchanged pages again
def glue_punctuation(page_html: str) -> str:
    """Wrap inline math with the punctuation touching it in ``<span class="md-nobreak">``."""
    parts: list[str] = []
    position = 0
    for match in INLINE_MATH_START.finditer(page_html):
        if match.start() < position:
            continue
        end = _span_end(page_html, match.start())
        closing = CLOSING.match(page_html, end)
        start = _opening_before(page_html, position, match.start())
        if not (start < match.start() or closing):
            continue
        stop = closing.end() if closing else end
        parts += [page_html[position:start], '<span class="md-nobreak">', page_html[start:stop], "</span>"]
        position = stop
    return "".join(parts) + page_html[position:]


@event_priority(50)  # before the katex plugin and mkdocs-print-site, which keeps each page's HTML
def _glue_before_katex(html_text: str, page, config, files) -> str:
    return glue_punctuation(html_text)


@event_priority(-50)  # after the katex plugin: formulas are rendered, headings hold their MathML
def _after_katex(html_text: str, page, config, files) -> str:
    titles = formula_headings(html_text)
    if titles:
        _retitle(page.toc, dict(titles))
    if page.file.src_uri.endswith(".ipynb"):  # the katex plugin marks a notebook's $…$ math itself
        html_text = glue_punctuation(html_text)
    return html_text


on_page_content = CombinedEvent(_glue_before_katex, _after_katex)


@functools.lru_cache(maxsize=64)  # `mkdocs serve`: the same unchanged pages, rebuild after rebuild
def formula_headings(page_html: str) -> tuple[tuple[str, str], ...]:
    """Each heading with a formula in it: its id and its HTML as a title (no TeX, no ¶ link)."""
    return tuple(
        # Without the TeX annotation: the theme also uses the title, stripped of its tags, as a label.
        (m["id"], ANNOTATION.sub("", HEADERLINK.sub("", m["inner"])).strip())
        for m in HEADING.finditer(page_html)
        if 'class="arithmatex"' in m["inner"]
    )


def _retitle(items, titles: dict[str, str]) -> None:
    for item in items:
        if item.id in titles:
            item.title = titles[item.id]
        _retitle(item.children, titles)
