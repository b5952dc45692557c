"""Print the whole tutorial to a PDF with headless Chromium, math and figures intact.

    .venv/bin/mkdocs build && .venv/bin/python scripts/pdf.py [--site site] [--out dist/深度学习中的微积分.pdf]

It serves the built site on 127.0.0.1, opens the print version (print_page/), waits until every
figure and font has loaded, prints it as A4, and mends the PDF's text layer (see fix_cjk_text).
"""

from __future__ import annotations

import argparse
import re
import unicodedata
from pathlib import Path

from local_browser import CHROMIUM, CHROMIUM_ARGS, serve
from playwright.sync_api import sync_playwright
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject

ROOT = Path(__file__).resolve().parents[1]
READY = "() => document.fonts.ready.then(() => [...document.images].every(img => img.complete && img.naturalWidth > 0))"


def print_pdf(site: Path, out: Path, browser=None) -> Path:
    """Print ``site``'s print_page/ to ``out``; ``browser`` is a Playwright browser to reuse, if any."""
    if not (site / "print_page/index.html").is_file():
        raise SystemExit(f"pdf: {site}/print_page/index.html not found: build the site first (.venv/bin/mkdocs build)")
    with serve(site) as base:
        url = f"{base}print_page/"
        if browser is not None:
            _print(browser, url, out)
        else:
            with sync_playwright() as playwright:
                own = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                _print(own, url, out)
                own.close()
    return out


def _print(browser, url: str, out: Path) -> None:
    page = browser.new_page()
    page.goto(url, wait_until="networkidle")
    page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(img => img.loading = 'eager')")
    page.wait_for_function(READY, timeout=60_000)
    page.emulate_media(media="print")
    out.parent.mkdir(parents=True, exist_ok=True)
    margin = {"top": "18mm", "bottom": "18mm", "left": "15mm", "right": "15mm"}
    page.pdf(path=str(out), format="A4", print_background=True, margin=margin)
    page.close()
    fix_cjk_text(out)


# --- The PDF's text layer: ideographs, not radicals --------------------------------------------
#
# CJK fonts (Noto Sans/Serif CJK among them) draw a Kangxi radical and the ideograph it looks like
# with one glyph: 目 (U+76EE) and ⽬ (U+2F6C), 页 (U+9875) and ⻚ (U+2EDA). Chromium's PDF writer maps
# each glyph back to the lowest code point that uses it, so copying or searching the PDF finds
# radicals: 「⽬录」, not 「目录」. The text layer (each font's ToUnicode map) is rewritten to the
# ideographs. Kangxi radicals (U+2F00–U+2FD5) have NFKC equivalents; the CJK Radicals Supplement
# has none, so its pairs are listed here (radical, ideograph), as Noto CJK's glyph sharing gives them.
RADICALS_SUPPLEMENT = (
    "⺂乛⺃乚⺅亻⺇𠘨⺉刂⺋㔾⺍𭕄⺎兀⺏尣⺐尢⺒巳⺓幺⺔彑⺕彐⺖忄⺘扌⺙攵⺛旡⺞歺⺟母⺠民⺡氵⺣灬⺤爫⺦丬⺨犭⺩𤣩⺫罒"
    "⺭礻⺮𥫗⺯糹⺰纟⺱罓⺲罒⺳㓁⺹耂⺺肀⺽𦥑⺾艹⺿艹⻀艹⻁虎⻂衤⻃覀⻄西⻅见⻆角⻇𧢲⻈讠⻉贝⻊𧾷⻋车⻌辶⻍辶⻎辶"
    "⻐钅⻑長⻒镸⻓长⻔门⻕𨸏⻖阝⻘青⻙韦⻚页⻛风⻜飞⻝食⻞𩙿⻟飠⻠饣⻡𩠐⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉"
    "⻬齐⻭歯⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟"
)
IDEOGRAPH_OF_RADICAL = {
    **{chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0x2F00, 0x2FD6)},
    **dict(zip(RADICALS_SUPPLEMENT[::2], RADICALS_SUPPLEMENT[1::2], strict=True)),
}
RADICAL = re.compile("[\u2e80-\u2fdf]")
BFCHAR = re.compile(r"(?s)\d+\s+beginbfchar(?P<body>.*?)endbfchar\s*")
BFRANGE = re.compile(r"(?s)\d+\s+beginbfrange(?P<body>.*?)endbfrange\s*")
CHAR_ENTRY = re.compile(r"<(?P<src>[0-9A-Fa-f]+)>\s*<(?P<dst>[0-9A-Fa-f]*)>")
RANGE_ENTRY = re.compile(
    r"<(?P<lo>[0-9A-Fa-f]+)>\s*<(?P<hi>[0-9A-Fa-f]+)>\s*(?:<(?P<dst>[0-9A-Fa-f]*)>|\[(?P<list>[^\]]*)\])"
)


def _text(hex_utf16: str) -> str:
    return bytes.fromhex(hex_utf16).decode("utf-16-be", errors="surrogatepass")


def _hex(text: str) -> str:
    return text.encode("utf-16-be", errors="surrogatepass").hex().upper()


def to_unicode_entries(cmap: str) -> dict[str, str]:
    """A ToUnicode CMap's mappings, code (hex, as written) → text; ranges expanded."""
    entries: dict[str, str] = {}
    for block in BFCHAR.finditer(cmap):
        for entry in CHAR_ENTRY.finditer(block["body"]):
            entries[entry["src"].upper()] = _text(entry["dst"])
    for block in BFRANGE.finditer(cmap):
        for entry in RANGE_ENTRY.finditer(block["body"]):
            width, lo, hi = len(entry["lo"]), int(entry["lo"], 16), int(entry["hi"], 16)
            listed = [_text(h) for h in re.findall(r"<([0-9A-Fa-f]*)>", entry["list"] or "")]
            for offset, code in enumerate(range(lo, hi + 1)):
                if entry["list"] is not None:
                    text = listed[offset] if offset < len(listed) else ""
                else:
                    first = _text(entry["dst"])
                    text = first[:-1] + chr(ord(first[-1]) + offset) if first else ""
                entries[f"{code:0{width}X}"] = text
    return entries


def mend_to_unicode(cmap: str) -> str | None:
    """The CMap with radicals mapped to their ideographs, or None when it maps to no radical."""
    entries = to_unicode_entries(cmap)
    if not any(RADICAL.search(text) for text in entries.values()):
        return None
    mended = {code: RADICAL.sub(lambda m: IDEOGRAPH_OF_RADICAL.get(m[0], m[0]), t) for code, t in entries.items()}
    items = sorted(mended.items())
    blocks = "".join(
        f"{len(chunk)} beginbfchar\n" + "".join(f"<{c}> <{_hex(t)}>\n" for c, t in chunk) + "endbfchar\n"
        for chunk in (items[i : i + 100] for i in range(0, len(items), 100))
    )
    kept = BFRANGE.sub("", BFCHAR.sub("", cmap))
    return kept.replace("endcmap", blocks + "endcmap", 1)


def fix_cjk_text(pdf: Path) -> int:
    """Rewrite ``pdf`` so that its text extracts as ideographs; returns how many fonts were mended."""
    writer = PdfWriter(clone_from=PdfReader(pdf))
    mended = 0
    seen: set[int] = set()

    def visit(resources) -> None:
        nonlocal mended
        if not isinstance(resources, DictionaryObject):
            return
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            to_unicode = font.get("/ToUnicode")
            if to_unicode is None or id(to_unicode) in seen:
                continue
            seen.add(id(to_unicode))
            cmap = mend_to_unicode(to_unicode.get_data().decode("latin-1"))
            if cmap is not None:
                to_unicode.set_data(cmap.encode("latin-1"))
                mended += 1
        for xobject in (resources.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form" and id(xobject) not in seen:
                seen.add(id(xobject))
                visit(xobject.get("/Resources"))

    for page in writer.pages:
        visit(page.get("/Resources"))
    if mended:
        with pdf.open("wb") as stream:
            writer.write(stream)
    return mended


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / "深度学习中的微积分.pdf")
    args = parser.parse_args()
    out = print_pdf(args.site, args.out)
    print(f"pdf: {out} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
