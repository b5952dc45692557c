"""MkDocs hook: what a closed <details> holds (an exercise's answer) reaches the browser as the text of
a <noscript>, and becomes part of the page when the reader opens it (overrides/main.html).

The exercise pages are mostly answers: on /exercises/ 84 % of the article's elements (code blocks of
hundreds of elements, formulas of dozens) sit inside closed answers the reader may never open, and
the browser still builds every one of them, and the theme's start-up walks them, before the page
answers a tap. With scripting on, the browser reads a <noscript> as plain text, so the answer costs
a few hundred KB of text instead of ~8,000 elements; the page's script puts it in place on the first
opening (and before printing). With scripting off, the browser parses the <noscript> as HTML and the
<details> works as it always does, so no reader loses an answer.

Only the page the reader loads is changed: the search index and the print page (mkdocs-print-site)
took their copy of the content before this hook runs. Find-in-page does not see a closed answer until
it is opened; the answers are meant to stay hidden until asked for.
"""

from __future__ import annotations

import re

# Comments and scripts are read past whole: a <details> written inside one is not a block.
DETAILS = re.compile(r"<!--.*?-->|<script\b.*?</script\s*>|<details\b[^>]*>|</details>", re.DOTALL | re.IGNORECASE)
OPEN = re.compile(r"\sopen(?:[\s=>/]|$)")
SUMMARY = re.compile(r"\s*<summary\b.*?</summary>", re.DOTALL)


def on_post_page(output: str, page, config) -> str:
    return hold_closed_details(output)


def hold_closed_details(html: str) -> str:
    """Each outermost closed <details>: what follows its <summary> wrapped in a <noscript>."""
    pieces, cursor = [], 0
    depth, held_at = 0, None  # held_at: (depth, end of the summary) of the closed <details> being held
    for tag in DETAILS.finditer(html):
        if tag[0].startswith("<!--") or tag[0][:7].lower() == "<script":
            continue
        if tag[0].lower() != "</details>":
            depth += 1
            if held_at is None and not OPEN.search(tag[0][len("<details") : -1]):
                summary = SUMMARY.match(html, tag.end())
                if summary:
                    held_at = (depth, summary.end())
            continue
        if held_at and held_at[0] == depth:
            body = html[held_at[1] : tag.start()]
            # A <noscript> ends at the first </noscript>, and a script inside would never run.
            if "</noscript" not in body.lower() and "<script" not in body.lower():
                pieces += [html[cursor : held_at[1]], "<noscript>", body, "</noscript>"]
                cursor = tag.start()
            held_at = None
        depth -= 1
    pieces.append(html[cursor:])
    return "".join(pieces)
