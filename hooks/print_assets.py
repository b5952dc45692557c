"""MkDocs hook: the print version's CSS and JS stay on the print page.

mkdocs-print-site adds its two stylesheets and its script to every page; on the ordinary pages
they only block rendering (Lighthouse counted ~5 points of performance for them). The print page
is written by the plugin itself after on_post_page, so it keeps them.
"""

from __future__ import annotations

import re

PRINT_ASSETS = re.compile(
    r"""(?x)
    <link\b[^>]*\bhref="[^"]*css/print-site(?:-material)?\.css"[^>]*>
    | <script\b[^>]*\bsrc="[^"]*js/print-site\.js"[^>]*>\s*</script>
    """
)


def on_post_page(output: str, page, config) -> str:
    return PRINT_ASSETS.sub("", output)
