"""XML exchange files (TBX, TMX) to an element tree with line numbers, safely: the one XML reader.

Decoding follows the byte-order mark, else the XML spec's autodetection of UTF-16 without a mark
(`<` and the next character as 16-bit units: Trados and memoQ save UTF-16, not always with a
BOM), else the declared encoding, else UTF-8. Parsing first runs defusedxml's parser with the
settings of `defusedxml.ElementTree.fromstring` (DTD allowed but never loaded, entities and
external references refused) over the prolog, where every declaration is, then builds the tree
with ElementTree's C builder (several times faster than the pure-Python parser defusedxml wraps),
which so only ever sees a document that declares no entity. Line numbers of elements, for
reports, are worked out on demand (`Lines`).
"""

from __future__ import annotations

import codecs
import re
from xml.etree.ElementTree import Element, ParseError, TreeBuilder, XMLParser
from xml.parsers.expat import ExpatError
from xml.parsers.expat import errors as expat_errors

from defusedxml import DefusedXmlException, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import DefusedXMLParser

from workbench.errors import UserError

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# What XML 1.0 cannot hold: C0 controls but tab, LF and CR; lone surrogates; U+FFFE, U+FFFF.
# Every writer of XML (TBX, TMX, XLIFF) refuses text with one of these.
NOT_XML_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))  # UTF-32 LE first: it starts like UTF-16 LE


def decode_xml(data: bytes, origin: str, what: str) -> str:
    """The text of an XML file; `what` it holds ("the glossary") names what to export again."""
    if not data.strip(b" \t\r\n\x00"):
        raise UserError(f"{origin} is empty; export {what} again or choose another file")
    bom = next((name for mark, name in _BOMS if data.startswith(mark)), None)
    unmarked = None if bom else _unmarked_utf16(data)
    declared = _declared_encoding(data, bom or unmarked)
    family = _family(declared, origin) if declared else None
    detected = bom or unmarked
    if detected and family and family[:2] != _family(detected, origin)[:2]:
        raise UserError(f"{origin} is {_label(detected)} text but declares encoding {declared!r}; "
                        "save it as UTF-8 (or UTF-16) with a matching declaration")
    if not detected and b"\x00" in data[:4]:
        raise UserError(f"{origin} looks like UTF-16 or UTF-32 but does not start with '<'; save it as UTF-8")
    if not detected and family and family[:2] in (("utf", "16"), ("utf", "32")):
        raise UserError(f"{origin} declares encoding {declared!r} but is written in single bytes; "
                        "correct the declaration (or save it as UTF-8) and try again")
    encoding = detected or declared or "utf-8"
    try:
        return data.decode(encoding).lstrip("\ufeff")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        if error.end >= len(data) and "end of data" in error.reason:
            raise UserError(f"{origin}:{line}: ends in the middle of a character; the file is cut short or "
                            "damaged, so nothing was imported — export it again") from None
        raise UserError(
            f"{origin}:{line}: not valid {_label(encoding)} text (byte 0x{data[error.start]:02X} at offset "
            f"{error.start}); save the file as UTF-8 (or declare its real encoding) and try again") from None


def _unmarked_utf16(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark, told by its first character, "<" (XML 1.0, appendix F)."""
    if data[:2] == b"<\x00" and data[3:4] == b"\x00" and data[2:3] != b"\x00":
        return "utf-16-le"
    if data[:2] == b"\x00<" and data[2:3] == b"\x00" and data[3:4] != b"\x00":
        return "utf-16-be"
    return None


def _label(encoding: str) -> str:
    return codecs.lookup(encoding).name.upper().removesuffix("-SIG")


def _declared_encoding(data: bytes, encoding: str | None) -> str | None:
    head = data[:800].decode(encoding or "latin-1", errors="ignore").lstrip("\ufeff")
    match = re.match(r"\s*<\?xml[^>]*?\sencoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']", head)
    return match.group(1) if match else None


def _family(encoding: str, origin: str) -> tuple[str, ...]:
    try:
        return tuple(codecs.lookup(encoding).name.split("-"))
    except LookupError:
        raise UserError(f"{origin} declares the unknown encoding {encoding!r}; save it as UTF-8") from None


class Lines:
    """The line each element starts on, worked out only when a report asks (most imports never do).

    Elements in document order are the start tags in text order (outside comments, CDATA,
    processing instructions and the DOCTYPE).
    """

    _TAG = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?]]>|<\?.*?\?>|<!DOCTYPE(?:[^\[>]|\[.*?])*>|(<)(?=[^!?/])", re.S)

    def __init__(self, text: str, root: Element):
        self._text = text
        self._elements = root.iter()
        self._tags = self._TAG.finditer(text)
        self._order: dict[int, int] = {}
        self._starts: list[int] = []

    def line(self, element: Element) -> int:
        order, starts = self._order, self._starts
        while id(element) not in order:
            found = next(self._elements, None)
            if found is None:
                return 0
            order[id(found)] = len(order)
        index = order[id(element)]
        while len(starts) <= index:
            match = next(self._tags, None)
            if match is None:
                return 0
            if match.group(1):
                starts.append(match.start())
        return self._text.count("\n", 0, starts[index]) + 1


def parse_xml_safely(text: str, origin: str, built: str | None = None) -> tuple[Element, Lines]:
    """The root element of `text` and where its elements are; one-line UserError (with the line)
    if refused. `built`: the text the tree is built from when it differs from `text` only in
    ways that leave lines and tags where they are (TBX leaves out its default namespace)."""
    try:
        _defused_check(text)
        parser = XMLParser(target=TreeBuilder())
        parser.feed(text if built is None else built)
        root = parser.close()
    except EntitiesForbidden as error:
        raise UserError(f"{origin} declares XML entities ({error.name!r}); refusing to expand them — "
                        "remove the <!ENTITY> declarations from its DOCTYPE and try again") from None
    except ExternalReferenceForbidden as error:
        raise UserError(f"{origin} refers to an external resource ({error.sysid!r}); refusing to load it — "
                        "remove the reference and try again") from None
    except DefusedXmlException as error:
        raise UserError(f"{origin} uses an XML feature refused for safety ({error}); remove it and try again") from None
    except (ParseError, ExpatError) as error:
        line, column = error.position if isinstance(error, ParseError) else (error.lineno, error.offset)
        reason = expat_errors.messages.get(error.code, "not well-formed")
        raise UserError(f"{origin}:{line}: not well-formed XML (column {column + 1}: {reason}); the file may be "
                        "cut short or damaged, so nothing was imported — export it again") from None
    return root, Lines(text, root)


class _NoTree:
    def close(self) -> None:
        return None


class _RootReached(Exception):
    """The prolog is over: every declaration a document can make is behind."""


def _defused_check(text: str) -> None:
    """defusedxml's parser, configured as `defusedxml.ElementTree.fromstring` configures it, over the
    prolog (entities can only be declared in the DOCTYPE, before the root element)."""
    defused = DefusedXMLParser(target=_NoTree(), forbid_dtd=False, forbid_entities=True, forbid_external=True)
    expat = defused.parser
    expat.DefaultHandlerExpand = None
    expat.StartElementHandler = _stop
    try:
        expat.Parse(text, True)
    except _RootReached:
        pass


def _stop(name: str, attributes: object) -> None:
    raise _RootReached
