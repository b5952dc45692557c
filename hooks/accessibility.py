"""MkDocs hook: small accessibility fixes to the theme's HTML that its configuration cannot make."""

from __future__ import annotations

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def on_post_page(output: str, page, config) -> str:
    # The search overlay is a dialog without a name; screen readers announce it as "dialog" only.
    return output.replace(SEARCH_DIALOG, SEARCH_DIALOG.replace('role="dialog"', 'role="dialog" aria-label="搜索"'), 1)
