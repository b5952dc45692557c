"""Figures made inert: an SVG from a snippet's process may carry no script, handler or outside link.

Matplotlib writes plain drawing elements; a snippet can still add links (``artist.set_url``) or
write its own "figure". Figures are shown as <img> (where scripts never run) but also opened on
their own and inlined in notebooks, so every figure is rebuilt from an allow-list before it is used.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
# Drawing elements matplotlib's SVG backend writes, plus its metadata block.
ALLOWED_ELEMENTS = {
    "svg", "g", "defs", "path", "use", "clipPath", "style", "rect", "circle", "ellipse", "line", "polyline",
    "polygon", "text", "tspan", "image", "linearGradient", "radialGradient", "stop", "pattern", "mask",
    "symbol", "title", "desc", "metadata", "RDF", "Work", "format", "type", "date", "creator", "agent",
}  # fmt: skip
# References inside the figure, and raster images embedded as data (imshow).
SAFE_REFERENCE = re.compile(r"^(#|data:image/(png|jpeg);base64,)")
OUTSIDE_URL = re.compile(r"(?i)url\(\s*['\"]?(?!#)")
DOCTYPE = re.compile(r"(?s)<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1\.1//EN\"\s*\"[^\"]*\">")
CDATA = re.compile(r"(?s)<!\[CDATA\[(.*?)\]\]>")

ET.register_namespace("", SVG)
ET.register_namespace("xlink", XLINK)
ET.register_namespace("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#")
ET.register_namespace("cc", "http://creativecommons.org/ns#")
ET.register_namespace("dc", "http://purl.org/dc/elements/1.1/")


class UnsafeFigure(ValueError):
    """The figure could not be read as plain SVG; it is dropped and the snippet fails."""


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _clean(element: ET.Element) -> None:
    for child in list(element):
        if _local(child.tag) in ALLOWED_ELEMENTS:
            _clean(child)
        elif _local(child.tag) == "a":  # keep what a link wraps, drop the link
            index = list(element).index(child)
            element.remove(child)
            for offset, grandchild in enumerate(child):
                element.insert(index + offset, grandchild)
            _clean(element)
            return
        else:
            element.remove(child)
    for name, value in list(element.attrib.items()):
        local = _local(name).lower()
        if (
            local.startswith("on")
            or (local == "href" and not SAFE_REFERENCE.match(value.strip()))
            or OUTSIDE_URL.search(value)
            or "javascript:" in value.lower()
        ):
            del element.attrib[name]
    if (
        _local(element.tag) == "style"
        and element.text
        and (OUTSIDE_URL.search(element.text) or "@import" in element.text)
    ):
        element.text = ""


def make_inert(svg: str) -> str:
    """The same drawing, with anything that could run, link out or load something removed."""
    body = DOCTYPE.sub("", svg, count=1)
    if "<!DOCTYPE" in body or "<!ENTITY" in body:
        raise UnsafeFigure("the figure declares its own DTD or entities")
    body = re.sub(r"^<\?xml[^>]*\?>", "", body.lstrip())
    try:
        root = ET.fromstring(body)
    except ET.ParseError as error:
        raise UnsafeFigure(f"the figure is not well-formed SVG: {error}") from None
    if _local(root.tag) != "svg":
        raise UnsafeFigure("the figure is not an <svg> element")
    _clean(root)
    text = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="utf-8" standalone="no"?>\n' + text + "\n"
