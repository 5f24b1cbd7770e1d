"""TMX bytes to an element tree, safely (`workbench.formats.safe_xml`), and a check of the root."""

from __future__ import annotations

from xml.etree.ElementTree import Element

from workbench.errors import UserError
from workbench.formats.safe_xml import XML_LANG, Lines, decode_xml, parse_xml_safely

__all__ = ["XML_LANG", "Lines", "decode_tmx", "parse_tmx_xml"]


def decode_tmx(data: bytes, origin: str) -> str:
    return decode_xml(data, origin, "the translation memory")


def parse_tmx_xml(text: str, origin: str) -> tuple[Element, Lines]:
    """The <tmx> root and where its elements are; one-line UserError (with the line) if refused."""
    root, lines = parse_xml_safely(text, origin)
    if root.tag != "tmx":
        raise UserError(f"{origin} is XML but its root element is <{root.tag}>, not <tmx>; choose a TMX file")
    return root, lines
