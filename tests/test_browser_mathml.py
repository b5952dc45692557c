"""Formulas as MathML alone (sitemath/mathml.py): styled letters become Unicode math letters, primes stand beside."""

from __future__ import annotations

import pytest

from sitemath.mathml import browser_mathml

MATH = '<span class="katex"><math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow>{}</mrow>{}</semantics></math></span>'
TEX = '<annotation encoding="application/x-tex">\\mathbf{x}</annotation>'


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
    assert browser_mathml(MATH.format(token, "")) == MATH.format(expected, "")


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
    assert browser_mathml(MATH.format(superscript, "")) == MATH.format(expected, "")


def test_other_superscripts_stay_superscripts() -> None:
    squared = "<msup><mi>x</mi><mn>2</mn></msup>"
    assert browser_mathml(MATH.format(squared, "")) == MATH.format(squared, "")
