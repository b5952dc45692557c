"""MkDocs hook: notebook pages (mkdocs-jupyter) carry a small stylesheet of ours, not JupyterLab's.

mkdocs-jupyter inlines about 580 KB of CSS in every notebook page (JupyterLab's whole theme, the
Blueprint widgets, a second copy of the Pygments styles), which made these pages twice as heavy as
any other and slow to show on a phone. The pages use a handful of those rules; they are replaced by
stylesheets/notebook.css, which styles the cells with the site's own colours, light and dark.
"""

from __future__ import annotations

import re

from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

STYLE = re.compile(r"(?s)<style\b[^>]*>.*?</style>")
STYLESHEET = "stylesheets/notebook.css"


def _is_notebook(page) -> bool:
    return page.file.src_uri.endswith(".ipynb")


@event_priority(-100)  # after mkdocs-jupyter and the katex plugin have made the page
def on_page_content(html: str, page, config, files) -> str:
    return STYLE.sub("", html) if _is_notebook(page) else html


def on_post_page(output: str, page, config) -> str:
    if not _is_notebook(page):
        return output
    link = f'<link rel="stylesheet" href="{get_relative_url(STYLESHEET, page.url)}">'
    return output.replace("</head>", f"{link}</head>", 1)
