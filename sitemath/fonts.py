"""The math font cut down to the characters the site's formulas draw.

STIX Two Math holds some 4,600 characters (400 KB as WOFF2); a site's formulas draw a few hundred.
The font the site serves keeps only those, with what MathML needs of its MATH table for them (sizes,
script positions, the larger and assembled forms of brackets and other stretchy glyphs): about 25 KB.
Cut fonts are kept by content hash in .cache/katex/fonts/: a build whose formulas draw no new
character cuts nothing.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from importlib import metadata
from pathlib import Path


def subset_font(source: Path, target_dir: Path, characters: set[str], cache_dir: Path) -> None:
    """Write the WOFF2 font ``source`` to ``target_dir``, under its own name, holding only ``characters``."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    wanted = "".join(sorted(characters))
    data = source.read_bytes()
    salt = f"fonttools {metadata.version('fonttools')}\n{wanted}".encode()
    cache_dir.mkdir(parents=True, exist_ok=True)
    cached = cache_dir / f"{hashlib.sha256(salt + data).hexdigest()[:24]}.woff2"
    if cached.is_file():
        subset_bytes = cached.read_bytes()
    else:
        # The font's own bounding box and ranges are kept: recomputed for the subset, they moved glyphs by
        # a fraction of a pixel in Chromium (seen with KaTeX's fonts: a thin minus drawn as two grey rows).
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
        subset_bytes = out.getvalue()
        # Written whole or not at all: a build stopped half-way must not leave a cut-off font to reuse.
        with tempfile.NamedTemporaryFile(dir=cache_dir, suffix=".part", delete=False) as part:
            part.write(subset_bytes)
        os.replace(part.name, cached)
    for stale in cache_dir.glob("*.woff2"):  # cut for characters the site no longer uses
        if stale != cached:
            stale.unlink(missing_ok=True)  # another build (serve beside build) may have removed it
    target_dir.mkdir(parents=True, exist_ok=True)
    (target_dir / source.name).write_bytes(subset_bytes)
