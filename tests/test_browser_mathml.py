"""Formulas as MathML alone (sitemath/mathml.py): styled letters become Unicode math letters, primes stand beside."""

from __future__ import annotations

import pytest

from sitemath.mathml import browser_mathml, drawn_characters

MATH = '<span class="katex"><math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow>{}</mrow>{}</semantics></math></span>'
TEX = '<annotation encoding="application/x-tex">\\mathbf{x}</annotation>'


BEFORE, AFTER = MATH.format("\0", "").split("\0")  # a formula's wrapper, around its content


def rewritten(katex: str) -> str:
    """What browser_mathml makes of ``katex`` inside one formula (the formula's wrapper taken off again)."""
    formula = browser_mathml(MATH.format(katex, ""))
    assert formula.startswith(BEFORE) and formula.endswith(AFTER)
    return formula.removeprefix(BEFORE).removesuffix(AFTER)


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ('<mi mathvariant="bold">x</mi>', "<mi>𝐱</mi>"),  # \mathbf{x}
        ('<mi mathvariant="bold">W</mi>', "<mi>𝐖</mi>"),
        ('<mn mathvariant="bold">0</mn>', "<mn>𝟎</mn>"),  # \mathbf{0}
        ('<mi mathvariant="bold-italic">θ</mi>', "<mi>𝜽</mi>"),  # \boldsymbol{\theta}
        ('<mi mathvariant="bold">∇</mi>', "<mi>𝛁</mi>"),
        # Letters Unicode had before its math block: the math block leaves a hole where they would be.
        ('<mi mathvariant="double-struck">R</mi>', "<mi>ℝ</mi>"),  # \mathbb{R}
        ('<mi mathvariant="script">L</mi>', "<mi>ℒ</mi>"),
        ('<mi mathvariant="fraktur">C</mi>', "<mi>ℭ</mi>"),
        ('<mi mathvariant="italic">h</mi>', "<mi>ℎ</mi>"),
        ('<mi mathvariant="italic">ϵ</mi>', "<mi>𝜖</mi>"),  # \epsilon: its math form is named differently
        # What every engine honours, or what Unicode has no letter for, is left as KaTeX wrote it.
        ('<mi mathvariant="normal">d</mi>', '<mi mathvariant="normal">d</mi>'),
        ('<mo mathvariant="bold">(</mo>', '<mo mathvariant="bold">(</mo>'),
        ('<mtext mathvariant="bold">损失</mtext>', '<mtext mathvariant="bold">损失</mtext>'),
    ],
)
def test_styled_letters_become_math_letters(token: str, expected: str) -> None:
    assert rewritten(token) == expected


def test_the_tex_source_is_dropped() -> None:
    assert browser_mathml(MATH.format('<mi mathvariant="bold">x</mi>', TEX)) == MATH.format("<mi>𝐱</mi>", "")


@pytest.mark.parametrize(
    ("superscript", "base", "prime"),
    [
        ('<msup><mi>C</mi><mo mathvariant="normal" lspace="0em" rspace="0em">′</mo></msup>', "<mi>C</mi>", "′"),
        (
            '<msup><mi>C</mi><mrow><mo mathvariant="normal">′</mo><mo mathvariant="normal">′</mo></mrow></msup>',
            "<mi>C</mi>",
            "″",
        ),
        ('<msup><mo stretchy="false">)</mo><mo mathvariant="normal">′</mo></msup>', '<mo stretchy="false">)</mo>', "′"),
    ],
)
def test_a_prime_stands_beside_its_letter(superscript: str, base: str, prime: str) -> None:
    expected = f'<mrow>{base}<mo lspace="0em" rspace="0em">{prime}</mo></mrow>'
    assert rewritten(superscript) == expected


def test_other_superscripts_stay_superscripts() -> None:
    squared = "<msup><mi>x</mi><mn>2</mn></msup>"
    assert rewritten(squared) == squared


@pytest.mark.parametrize(
    ("superscript", "expected"),
    [
        # \tanh': an operator name, of text height, so its prime goes beside it.
        (
            '<msup><mrow><mi>tanh</mi><mo>\u2061</mo></mrow><mo mathvariant="normal">′</mo></msup>',
            '<mrow><mrow><mi>tanh</mi><mo>\u2061</mo></mrow><mo lspace="0em" rspace="0em">′</mo></mrow>',
        ),
        # (f/g)': above a tall base the prime stays a superscript, as TeX sets it.
        (
            '<msup><mrow><mo>(</mo><mfrac><mi>f</mi><mi>g</mi></mfrac><mo>)</mo></mrow><mo mathvariant="normal">′</mo></msup>',
            '<msup><mrow><mo>(</mo><mfrac><mi>f</mi><mi>g</mi></mfrac><mo>)</mo></mrow><mo mathvariant="normal">′</mo></msup>',
        ),
    ],
)
def test_a_prime_after_a_group(superscript: str, expected: str) -> None:
    assert rewritten(superscript) == expected


def test_spaces_in_styled_text_stay_spaces() -> None:
    assert rewritten('<mtext mathvariant="bold">a b</mtext>') == "<mtext>𝐚 𝐛</mtext>"


def test_drawn_characters_hold_what_mathml_draws_beyond_the_text() -> None:
    drawn = drawn_characters(MATH.format("<msqrt><mi>x</mi></msqrt><mo>+</mo><mi>𝐯</mi><mi>ϵ</mi>", ""))
    assert drawn >= {"x", "𝑥", "+", "𝐯", "ϵ", "𝜖", "√"}  # one-letter <mi> drawn italic; √ for the root


@pytest.mark.parametrize(
    ("katex", "expected"),
    [
        ('<mi mathvariant="normal">∥</mi>', '<mi mathvariant="normal">‖</mi>'),  # \|: a norm bar
        ('<mo stretchy="false">∥</mo>', '<mo stretchy="false">‖</mo>'),  # \lVert
        ("<mo>∥</mo>", "<mo>∥</mo>"),  # \parallel: the relation stays
        ('<mover accent="true"><mi>Y</mi><mo>^</mo></mover>', '<mover accent="true"><mi>Y</mi><mo>ˆ</mo></mover>'),
    ],
)
def test_norm_bars_and_hats_are_their_math_characters(katex: str, expected: str) -> None:
    assert rewritten(katex) == expected


@pytest.mark.parametrize(
    ("katex", "expected"),
    [
        (
            "<mi>cos</mi><mo>\u2061</mo><mi>u</mi>",
            '<mi>cos</mi><mo lspace="0em" rspace="0.1667em">\u2061</mo><mi>u</mi>',
        ),
        (
            '<mi>sin</mi><mo>\u2061</mo><mo stretchy="false">(</mo>',
            '<mi>sin</mi><mo>\u2061</mo><mo stretchy="false">(</mo>',
        ),
    ],
)
def test_an_operator_name_and_its_letter_stand_apart(katex: str, expected: str) -> None:
    """\\cos u as TeX sets it: a thin space between the name and a letter, none before a bracket."""
    assert rewritten(katex) == expected
