"""hooks/math_text.py: punctuation that touches inline math stays on its line (a line must not start
with 「，」 or end with 「（」 in Chinese typesetting). The browser tests check the pages; these, the rule."""

from __future__ import annotations

import importlib.util

import pytest

from .conftest import ROOT

spec = importlib.util.spec_from_file_location("math_text", ROOT / "hooks/math_text.py")
math_text = importlib.util.module_from_spec(spec)
spec.loader.exec_module(math_text)

F = '<span class="arithmatex">x</span>'
GLUED = '<span class="md-nobreak">{}</span>'


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (f"设{F}，则", "设" + GLUED.format(f"{F}，") + "则"),
        (f"函数（{F}）的", "函数" + GLUED.format(f"（{F}）") + "的"),
        (f"函数（\n{F}）", "函数" + GLUED.format(f"（\n{F}）")),  # a source line ends after 「（」
        (f"「（{F}」。", GLUED.format(f"「（{F}」。")),
        (f"a\n{F} b", f"a\n{F} b"),  # nothing to glue
        (f"（{F}，{F}）", GLUED.format(f"（{F}，") + GLUED.format(f"{F}）")),
    ],
)
def test_punctuation_touching_inline_math_is_glued_to_it(html: str, expected: str) -> None:
    assert math_text.glue_punctuation(html) == expected
