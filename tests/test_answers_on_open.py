"""hooks/answers_on_open.py: what a closed <details> holds is sent as a <noscript>'s text; open ones
and everything else are left as they are. The browser tests check the pages a reader opens."""

from __future__ import annotations

import importlib.util
from html.parser import HTMLParser

import pytest

from .conftest import ROOT

spec = importlib.util.spec_from_file_location("answers_on_open", ROOT / "hooks/answers_on_open.py")
answers_on_open = importlib.util.module_from_spec(spec)
spec.loader.exec_module(answers_on_open)
hold = answers_on_open.hold_closed_details

ANSWER = '<p>令 <span class="katex"><math><mi>x</mi></math></span></p>\n<div class="highlight"><pre><code>a &lt; b</code></pre></div>\n'


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # Material's ??? block
        (
            f'<details class="success">\n<summary>答案</summary>\n{ANSWER}</details>',
            f'<details class="success">\n<summary>答案</summary><noscript>\n{ANSWER}</noscript></details>',
        ),
        # ???+ is open: the reader sees it at once
        (f'<details class="note" open="open">\n<summary>注</summary>{ANSWER}</details>', None),
        (f"<details open><summary>注</summary>{ANSWER}</details>", None),
        # a closed block inside a closed one travels with it
        (
            f"<details><summary>a</summary>x<details><summary>b</summary>{ANSWER}</details>y</details>",
            f"<details><summary>a</summary><noscript>x<details><summary>b</summary>{ANSWER}</details>y</noscript></details>",
        ),
        # a closed block inside an open one is held on its own
        (
            f"<details open><summary>a</summary>x<details><summary>b</summary>{ANSWER}</details>y</details>",
            f"<details open><summary>a</summary>x<details><summary>b</summary><noscript>{ANSWER}</noscript></details>y</details>",
        ),
        # what a <noscript> cannot carry: another one's end, a script that would never run
        (f"<details><summary>a</summary><noscript>n</noscript>{ANSWER}</details>", None),
        ("<details><summary>a</summary><script>s()</script></details>", None),
        ("<details><summary>a</summary><NOSCRIPT>n</NOSCRIPT></details>", None),
        # a <details> inside a comment or a script is not a block
        (
            "<details><summary>a</summary>x<!-- </details> -->y</details>",
            "<details><summary>a</summary><noscript>x<!-- </details> -->y</noscript></details>",
        ),
        (
            '<script>s("<details>")</script><details><summary>a</summary>x</details>',
            '<script>s("<details>")</script><details><summary>a</summary><noscript>x</noscript></details>',
        ),
        # no summary: not a block the theme made, left alone
        (f"<details>{ANSWER}</details>", None),
        ("<p>no details</p>", None),
    ],
)
def test_closed_details_are_held(html: str, expected: str | None) -> None:
    assert hold(html) == (html if expected is None else expected)


class Texts(HTMLParser):
    """What a browser with scripting on reads from a page: a <noscript>'s content is one run of text."""

    def __init__(self) -> None:
        super().__init__()
        self.in_noscript, self.noscripts = False, []

    def handle_starttag(self, tag, attrs):
        if tag == "noscript":
            self.in_noscript = True
            self.noscripts.append("")
            self.set_cdata_mode("noscript")

    def handle_endtag(self, tag):
        self.in_noscript = self.in_noscript and tag != "noscript"

    def handle_data(self, data):
        if self.in_noscript:
            self.noscripts[-1] += data


def test_held_text_is_the_answer_verbatim() -> None:
    """The script puts the <noscript>'s text back as HTML: it must be the answer's HTML, byte for byte
    (character references such as &lt; are not decoded inside it)."""
    page = f'<article><details class="success"><summary>答案</summary>{ANSWER}</details></article>'
    texts = Texts()
    texts.feed(hold(page))
    assert texts.noscripts == [ANSWER]
