"""KaTeX at build time, through real `mkdocs build` runs of tiny sites."""

from __future__ import annotations

import pytest

from .sites import mkdocs_build

MKDOCS_YML = """\
site_name: t
plugins:
  - katex
markdown_extensions:
  - pymdownx.arithmatex:
      generic: true
"""


pytestmark = pytest.mark.slow  # every test here runs `mkdocs build`


def test_formulas_become_mathml_with_the_math_font(make_site) -> None:
    root = make_site({"mkdocs.yml": MKDOCS_YML, "docs/index.md": "# t\n\nInline $x^2$ and\n\n$$\n\\frac{a}{b}\n$$\n"})
    build = mkdocs_build(root)
    assert build.returncode == 0, build.stderr
    html = (root / "site/index.html").read_text(encoding="utf-8")
    assert html.count('class="katex"') == 2 and "\\frac" not in html.split("<math")[0]
    assert html.count("<math") == 2 and 'display="block"' in html
    assert (root / "site/assets/katex/mathml.css").is_file()
    assert (root / "site/assets/katex/fonts/stix-two-math-latin-400-normal.woff2").is_file()
    assert 'href="assets/katex/mathml.css"' in html


def test_tex_error_fails_the_build_naming_page_and_line(make_site) -> None:
    root = make_site({"mkdocs.yml": MKDOCS_YML, "docs/index.md": "# t\n\nfine $x$\n\n$$\n\\frac{a}{b\n$$\n"})
    build = mkdocs_build(root)
    assert build.returncode != 0
    assert "docs/index.md:6: TeX error: KaTeX parse error" in build.stderr
    assert "\\frac{a}{b" in build.stderr
