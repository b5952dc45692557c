"""Formulas as MathML alone, drawn by the browser: KaTeX's MathML made fit for MathML Core (Chromium).

KaTeX's HTML for a formula is dozens of nested boxes the browser lays out and paints one by one; a
page of math holds thousands, and laying them out was most of what kept a long page busy while it
loaded (README, "构建速度与页面体积"). Browsers draw MathML themselves (Chromium since 109, Firefox,
Safari), so formulas are written as KaTeX's MathML only, with no KaTeX stylesheet or fonts; STIX Two
Math draws them (mathml.css). Three things make KaTeX's MathML fit to be seen:

- MathML Core, what Chromium implements, ignores ``mathvariant`` other than "normal": ``\\mathbf{x}``
  would show as a plain x, and vectors would look like scalars. The letters are replaced by their
  Unicode math alphanumerics instead (𝐱, 𝜽, ℝ), which every engine shows, and screen readers read
  as "bold x".
- The TeX source, kept in an ``<annotation>``, is dropped: it is not drawn, but anything that takes the
  page's text (copying, reader modes, the contents) would show it.
- A prime (``f'``) is a superscript in KaTeX's MathML. The prime glyph is already drawn high, and the
  font's smaller, lower form for scripts is not in the package (its GSUB has no ``ssty``), so it stood
  far above the letter, small: after a base of text height, f′ is the letter followed by the prime.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata

ANNOTATION = re.compile(r"(?s)<annotation\b[^>]*>.*?</annotation>")
TAG = re.compile(r"<[^>]+>")
SINGLE_LETTER = re.compile(r"<mi>([^<&])</mi>")
ANY_TAG = re.compile(r"<(/?)[a-z]+\b[^>]*?(/?)>")
PRIME = r"<mo\b[^>]*>[′″‴]</mo>"
PRIMES_ONLY = re.compile(rf"{PRIME}|<mrow>(?:{PRIME})+</mrow>")
# A base of text height (letters, numbers, an operator name like tanh): its prime goes beside it. Above
# a tall base, a fraction in brackets say, the prime stays a superscript, as TeX sets it.
TEXT_HEIGHT = re.compile(r"(?:</?(?:mrow|mi|mn|mo|mtext)\b[^>]*>|[^<])*")
PRIMES = {1: "′", 2: "″", 3: "‴"}
RADICALS = ("<msqrt", "<mroot")  # drawn with √, a character the formula's text does not hold
# KaTeX writes the norm bars of \| and \lVert as ∥ (U+2225 PARALLEL TO, a relation, with wide sides in
# STIX Two Math) and \hat as ^ (U+005E, a text character that sits to the left above an italic letter).
# Their math characters are ‖ (U+2016) and ˆ (U+02C6). A bare <mo>∥</mo> is \parallel and stays.
# \cos u: TeX sets a thin space between an operator name and a letter (none before a bracket); MathML
# Core gives the invisible function application (U+2061) between them none, and it read "cosu".
APPLIED_TO_LETTER = re.compile(r"<mo>\u2061</mo>(?=<(?:mi|mn|msub|msup|msubsup)\b)")
NORM_BAR = re.compile(r"(<m[io]\s[^>]*>)∥(</m[io]>)")
HAT = re.compile(r"(<mover accent=\"true\">(?:(?!<mover).)*?)<mo>\^</mo></mover>")
VARIANT_TOKEN = re.compile(
    r'<(?P<tag>mi|mn|mo|mtext)(?P<space>\s+)mathvariant="(?P<variant>[a-z-]+)">(?P<text>[^<]*)</(?P=tag)>'
)

# mathvariant -> the word Unicode's character names use for it ("MATHEMATICAL BOLD SMALL X").
STYLE_NAMES = {
    "bold": "BOLD",
    "italic": "ITALIC",
    "bold-italic": "BOLD ITALIC",
    "double-struck": "DOUBLE-STRUCK",
    "script": "SCRIPT",
    "bold-script": "BOLD SCRIPT",
    "fraktur": "FRAKTUR",
    "bold-fraktur": "BOLD FRAKTUR",
    "sans-serif": "SANS-SERIF",
    "bold-sans-serif": "SANS-SERIF BOLD",
    "sans-serif-italic": "SANS-SERIF ITALIC",
    "sans-serif-bold-italic": "SANS-SERIF BOLD ITALIC",
    "monospace": "MONOSPACE",
}
# Letters Unicode had before the math block: its slots there are empty, the letter lives elsewhere.
EARLIER_LETTERS = {"FRAKTUR": "BLACK-LETTER", "ITALIC": None}
EARLIER_NAMES = {("ITALIC", "SMALL H"): "PLANCK CONSTANT"}
# Letters whose math forms Unicode names differently (ϵ, U+03F5, is GREEK LUNATE EPSILON SYMBOL; 𝜖 is
# MATHEMATICAL ITALIC EPSILON SYMBOL).
MATH_NAMES = {"LUNATE EPSILON SYMBOL": "EPSILON SYMBOL"}


def browser_mathml(katex_html: str) -> str:
    """KaTeX's MathML-only output for one formula, without its TeX, styled letters as characters, primes beside."""
    mathml = VARIANT_TOKEN.sub(_styled_token, ANNOTATION.sub("", katex_html))
    mathml = HAT.sub(r"\1<mo>ˆ</mo></mover>", NORM_BAR.sub(r"\1‖\2", mathml))
    mathml = APPLIED_TO_LETTER.sub('<mo lspace="0em" rspace="0.1667em">\u2061</mo>', mathml)
    return _primes_beside(mathml)


def _primes_beside(mathml: str) -> str:
    """Each ``<msup>`` of a text-height base and primes alone becomes the base followed by the primes."""
    for start in reversed([m.start() for m in re.finditer("<msup>", mathml)]):  # inner ones first
        base_end = _element_end(mathml, start + len("<msup>"))
        script_end = _element_end(mathml, base_end)
        base, script = mathml[start + len("<msup>") : base_end], mathml[base_end:script_end]
        if not (mathml.startswith("</msup>", script_end) and PRIMES_ONLY.fullmatch(script)):
            continue
        if not TEXT_HEIGHT.fullmatch(base):
            continue
        count = sum(" ′″‴".index(prime) for prime in re.findall("[′″‴]", script))
        primes = f'<mo lspace="0em" rspace="0em">{PRIMES.get(count, "′" * count)}</mo>'
        mathml = f"{mathml[:start]}<mrow>{base}{primes}</mrow>{mathml[script_end + len('</msup>') :]}"
    return mathml


def _element_end(mathml: str, start: int) -> int:
    """Where the element that starts at ``start`` ends (``start`` itself if no element starts there)."""
    depth = 0
    for tag in ANY_TAG.finditer(mathml, start):
        if depth == 0 and tag.start() != start:
            return start
        if not tag[2]:  # not self-closing
            depth += -1 if tag[1] else 1
        if depth == 0:
            return tag.end()
    return start


def drawn_characters(mathml: str) -> set[str]:
    """The characters the browser draws for one formula of ``browser_mathml``: its text, the italic letter
    it draws for a one-letter ``<mi>`` (MathML Core: x is drawn as 𝑥, U+1D465), and √ for a root."""
    shown = set(html.unescape(TAG.sub("", mathml)))
    italics = (styled_character(letter, "ITALIC") for letter in SINGLE_LETTER.findall(mathml))
    radical = {"√"} if any(tag in mathml for tag in RADICALS) else set()
    return shown | radical | {italic for italic in italics if italic}


def _styled_token(match: re.Match[str]) -> str:
    style = STYLE_NAMES.get(match["variant"])
    if style is None:  # "normal" is honoured by every engine; anything else is left as KaTeX wrote it
        return match[0]
    letters = [ch if ch.isspace() else styled_character(ch, style) for ch in match["text"]]
    if None in letters:
        return match[0]
    return f"<{match['tag']}>{''.join(letters)}</{match['tag']}>"  # type: ignore[arg-type]


@functools.cache
def styled_character(character: str, style: str) -> str | None:
    """``x`` in ``BOLD`` -> 𝐱; ``R`` in ``DOUBLE-STRUCK`` -> ℝ; None where Unicode has no such character."""
    name = unicodedata.name(character, "")
    for prefix in ("LATIN ", "GREEK "):
        if name.startswith(prefix):
            name = name.removeprefix(prefix).replace(" LETTER ", " ")
            name = MATH_NAMES.get(name, name)
            break
    else:
        if not name.startswith("DIGIT ") and name not in {"NABLA", "PARTIAL DIFFERENTIAL"}:
            return None
    for candidate in _names(style, name):
        try:
            return unicodedata.lookup(candidate)
        except KeyError:
            continue
    return None


def _names(style: str, name: str) -> list[str]:
    names = [f"MATHEMATICAL {style} {name}"]
    if (style, name) in EARLIER_NAMES:
        names.append(EARLIER_NAMES[style, name])
    earlier = EARLIER_LETTERS.get(style, style)
    if earlier:
        names.append(f"{earlier} {name}")  # ℝ is DOUBLE-STRUCK CAPITAL R, ℭ is BLACK-LETTER CAPITAL C
    return names
