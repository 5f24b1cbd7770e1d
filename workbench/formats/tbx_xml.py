"""TBX bytes to an element tree with line numbers, safely (see `workbench.formats.tbx`).

Decoding follows the byte-order mark, else the declared encoding, else UTF-8. Parsing first runs
defusedxml's parser with the settings of `defusedxml.ElementTree.fromstring` (DTD allowed but never
loaded, entities and external references refused) over the prolog, where every declaration is,
then builds the tree with ElementTree's C builder (several times faster than the pure-Python
parser defusedxml wraps).
Line numbers of elements, for reports, are worked out on demand (`Lines`).
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

TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"


def decode_xml(data: bytes, origin: str) -> str:
    if not data.strip():
        raise UserError(f"{origin} is empty; export the glossary again or choose another file")
    bom = next((name for mark, name in _BOMS if data.startswith(mark)), None)
    declared = _declared_encoding(data, bom)
    family = _codec_family(declared, origin) if declared else None
    if bom and family and family != _codec_family(bom, origin):
        raise UserError(f"{origin} starts with a {bom} byte-order mark but declares encoding {declared!r}; "
                        "save it as UTF-8 with a matching declaration")
    if not bom and (b"\x00" in data[:4] or family in (("utf", "16"), ("utf", "32"))):
        raise UserError(f"{origin} looks like UTF-16 or UTF-32 without a byte-order mark; save it as UTF-8")
    encoding = bom or declared or "utf-8"
    try:
        return data.decode(encoding).lstrip("\ufeff")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        label = codecs.lookup(encoding).name.upper().removesuffix("-SIG")
        raise UserError(
            f"{origin} is not valid {label} text (byte 0x{data[error.start]:02X} at offset {error.start}, "
            f"line {line}); save the file as UTF-8 (or declare its real encoding) and try again"
        ) from None


_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))  # UTF-32 LE first: it starts like UTF-16 LE


def _declared_encoding(data: bytes, bom: str | None) -> str | None:
    head = data[:400].decode(bom or "latin-1", errors="ignore").lstrip("\ufeff")
    match = re.match(r"\s*<\?xml[^>]*?\sencoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']", head)
    return match.group(1) if match else None


def _codec_family(encoding: str, origin: str) -> tuple[str, ...]:
    """("utf", "8") for utf-8 and utf-8-sig, ("utf", "16") for utf-16 / utf-16-le, and so on."""
    try:
        return tuple(codecs.lookup(encoding).name.split("-")[:2])
    except LookupError:
        raise UserError(f"{origin} declares the unknown encoding {encoding!r}; save it as UTF-8") from None


class Lines:
    """The line each element starts on, worked out only when a report asks (most imports never do).

    Elements in document order are the start tags in text order; a start tag is a "<" followed by
    a name character outside comments, CDATA sections and processing instructions (entity
    declarations, the only other place one could appear, are refused before).
    """

    _TAG = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?]]>|<\?.*?\?>|<!DOCTYPE(?:[^\[>]|\[.*?])*>|(<)(?=[^!?/])", re.S)

    def __init__(self, text: str, root: Element):
        self._text = text
        self._elements = root.iter()  # read only as far as the elements asked for: examples come early
        self._tags = self._TAG.finditer(text)
        self._order: dict[Element, int] = {}
        self._starts: list[int] = []

    def line(self, element: Element) -> int:
        order, starts = self._order, self._starts
        while element not in order:
            found = next(self._elements, None)
            if found is None:
                return 0
            order[found] = len(order)
        index = order[element]
        while len(starts) <= index:
            match = next(self._tags, None)
            if match is None:
                return 0
            if match.group(1):
                starts.append(match.start())
        return self._text.count("\n", 0, starts[index]) + 1


def parse_xml(text: str, origin: str) -> tuple[Element, Lines]:
    """The root (TBX-namespace tags made plain names) and where its elements are; UserError if refused.

    Two passes: defusedxml's parser (its entity and external-reference guards, with no tree
    built) checks the prolog, where the DOCTYPE is, then the C tree builder, which only ever sees
    a document that declares no entity, builds the tree.
    """
    try:
        _defused_check(text)
        parser = XMLParser(target=TreeBuilder())
        parser.feed(_plain_root(text))
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
        raise UserError(f"{origin} is not well-formed XML (line {line}, column {column + 1}: {reason}); "
                        "the file may be truncated or damaged — export it again") from None
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
    return root, Lines(text, root)


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


class _NoTree:
    def close(self) -> None:
        return None


class _RootReached(Exception):
    """The prolog is over: every declaration a document can make is behind."""


def _defused_check(text: str) -> None:
    """Run defusedxml's parser, configured as `defusedxml.ElementTree.fromstring` configures it, over
    the prolog: it raises on any entity declaration or external reference.

    Entities (and so external references) can only be declared in the DOCTYPE, before the root
    element; the check stops at the root's start tag. After it, a declaration is not well-formed
    XML, and a reference to an undeclared entity is an error of the tree builder.
    """
    defused = DefusedXMLParser(target=_NoTree(), forbid_dtd=False, forbid_entities=True, forbid_external=True)
    expat = defused.parser
    expat.DefaultHandlerExpand = None  # ElementTree's text handler: nothing to build here
    expat.StartElementHandler = _stop
    try:
        expat.Parse(text, True)
    except _RootReached:
        pass


def _stop(name: str, attributes: object) -> None:
    raise _RootReached
