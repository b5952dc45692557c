"""MkDocs hook: code blocks and 「输出」 blocks stay out of the search index; the prose around them is kept.

Every page's examples are whole Python files with their printed output, more than half of all the text
Material's search plugin would index. The browser loads that index on every page's first view
(search/search_index.json), so the code pushed each page past its 250 KB budget; and a query rarely
wants a line of code: the prose names every function it shows (inline code stays in the index).
Material's parser skips an element marked ``data-search-exclude``; this hook marks each code block's
outer ``div.highlight`` (the 「输出」 block is one too) before the search plugin reads the page.
"""

from __future__ import annotations

import re

# The opening tag of a Material/pymdownx code block, and of docexec's 「输出」 block.
CODE_BLOCK = re.compile(r'<div class="((?:[^"]* )?highlight)"')


def on_page_content(html: str, page, config, files) -> str:
    return CODE_BLOCK.sub(r'<div class="\1" data-search-exclude', html)
