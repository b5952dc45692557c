"""The math fonts cut down to the characters the site's formulas use.

Each KaTeX font holds every glyph KaTeX may need (AMS alone is 27 KB, for the one ℝ a page shows),
and a page with math loads four to six of them: more than half of a page's weight. The fonts the
site serves keep only the characters that appear in its rendered formulas, plus printable ASCII
(KaTeX's stylesheet writes equation numbers and the like itself); a font is about half its size.

The same goes for STIX Two Math, which inline formulas (MathML) are drawn with: its MATH table
(sizes, script positions, stretchy glyphs) is kept for the glyphs that stay.

Only the WOFF2 files are cut, the ones every current browser loads; KaTeX's WOFF and TTF fallbacks
stay whole. Cut fonts are kept by content hash in .cache/katex/fonts/: a build whose formulas use no
new character cuts nothing.
"""

from __future__ import annotations

import hashlib
import html
import io
import re
from importlib import metadata
from pathlib import Path

MATHML = re.compile(r"(?s)<span\s+class=\"katex-mathml\">.*?</math></span>")
TAG = re.compile(r"<[^>]+>")
ASCII = {chr(code) for code in range(0x20, 0x7F)}


def formula_characters(rendered_html: str) -> set[str]:
    """The characters KaTeX's HTML for one formula shows (its MathML, read by screen readers only, left out)."""
    return set(html.unescape(TAG.sub("", MATHML.sub("", rendered_html))))


def subset_fonts(sources: list[Path], target_dir: Path, characters: set[str], cache: FontCache) -> None:
    """Write each WOFF2 font of ``sources`` to ``target_dir``, under its own name, holding only ``characters``."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    wanted = sorted(characters)
    salt = f"fonttools {metadata.version('fonttools')}\n{''.join(wanted)}".encode()
    target_dir.mkdir(parents=True, exist_ok=True)
    for source in sorted(sources):
        data = source.read_bytes()
        cached = cache.directory / f"{hashlib.sha256(salt + data).hexdigest()[:24]}.woff2"
        cache.used.add(cached.name)
        if not cached.is_file():
            # The font's own bounding box and ranges are kept: recomputed for the subset, they moved
            # glyphs by a fraction of a pixel in Chromium (a thin minus drawn as two grey rows).
            font = TTFont(io.BytesIO(data), recalcBBoxes=False)
            cmap = font.getBestCmap()
            options = subset.Options()
            options.flavor = "woff2"
            options.layout_features = ["*"]
            options.notdef_outline = True
            options.prune_unicode_ranges = False
            options.prune_codepage_ranges = False
            subsetter = subset.Subsetter(options)
            subsetter.populate(unicodes=[ord(ch) for ch in wanted if ord(ch) in cmap])
            subsetter.subset(font)
            out = io.BytesIO()
            font.save(out)
            cached.write_bytes(out.getvalue())
        (target_dir / source.name).write_bytes(cached.read_bytes())


class FontCache:
    """Cut fonts by content hash in one folder; a build's cuts are noted, and the others removed after it."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.used: set[str] = set()
        directory.mkdir(parents=True, exist_ok=True)

    def remove_unused(self) -> None:
        for stale in self.directory.glob("*.woff2"):  # cut for characters the site no longer uses
            if stale.name not in self.used:
                stale.unlink()
