"""TBX bytes to an element tree with line numbers, safely (`workbench.formats.safe_xml`), with the
root checked and TBX-namespace tags made plain names (see `workbench.formats.tbx`)."""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from workbench.errors import UserError
from workbench.formats.safe_xml import Lines, parse_xml_safely
from workbench.formats.safe_xml import decode_xml as _decode_xml

TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"


def decode_xml(data: bytes, origin: str) -> str:
    return _decode_xml(data, origin, "the glossary")


def parse_xml(text: str, origin: str) -> tuple[Element, Lines]:
    """The root (TBX-namespace tags made plain names) and where its elements are; UserError if refused."""
    root, lines = parse_xml_safely(text, origin, built=_plain_root(text))
    name = root.tag.rpartition("}")[2]
    if name not in ("tbx", "martif"):
        raise UserError(f"{origin} is XML but its root element is <{name}>, not <tbx> (TBX v3) or "
                        "<martif> (TBX v2); choose a TBX file")
    if root.tag.startswith("{"):  # TBX elements (the root's namespace) by plain name
        prefix = root.tag.partition("}")[0] + "}"
        cut = len(prefix)
        for element in root.iter():
            if element.tag.startswith(prefix):
                element.tag = element.tag[cut:]
    return root, lines


def _plain_root(text: str) -> str:
    """The text with the root's default TBX namespace declaration left out, when that is the only
    mention of the namespace: every element then parses with its plain name, and no pass over
    the tree is needed to strip "{urn:iso:std:iso:30042:ed-2}" from a million tags."""
    declaration = f'xmlns="{TBX_NAMESPACE}"'
    at = text.find(declaration)
    if at < 0 or text.count(TBX_NAMESPACE) != 1:
        return text
    opening = text.rfind("<", 0, at)
    if not re.match(r"<(tbx|martif)\s", text[opening : opening + 8]):
        return text
    return text[:at] + " " * len(declaration) + text[at + len(declaration):]
