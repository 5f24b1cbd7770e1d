"""TMX read without building the whole tree: the plain `<tu>`s straight from the text.

Most files are thousands of `<tu>`s of the same plain form: two `<tuv>`s of one `<seg>` of text
each. `scan_tmx` reads those with one strict pattern, which only matches text that is
well-formed XML by construction (XML whitespace between the tags; names without a namespace but
`xml:lang`; no character XML forbids; no markup in the text but the predefined entity and
character references, decoded here; no CR, which XML would normalise), and hands every other
part of the body (a `<tu>` with codes, props or notes, a comment…) to the safe XML reader
(`workbench.formats.safe_xml`) in runs, inside the root element's start tag so that they are
read as in the whole document. The prolog, the root and the header are read by the safe reader
too. Both kinds of `<tu>` then go through the same `_Reader` methods as the whole tree would.

Any file the pattern does not describe (a DOCTYPE, a namespace on the root, a body that is not
closed by `</body></tmx>`, anything refused in a part) gives None: the caller reads it whole with
the tree reader, which gives the same units, or refuses the file with its line. A file cut short
ends without `</tmx>` and is never read here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NamedTuple, Protocol
from xml.etree.ElementTree import Element

from workbench.errors import UserError
from workbench.formats.safe_xml import XML_LANG, Lines, parse_xml_safely
from workbench.formats.tmx import TmxRows, UnitRow

_S = "[ \t\r\n]*"
_NAME = "(?:xml:lang|(?!xmlns)[A-Za-z_][A-Za-z0-9._-]*)"
_REF = "&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);"
_DOUBLE = '[^"<&\x00-\x1f\ufffe\uffff]'  # an attribute's tab, CR or LF would be normalised: not here
_SINGLE = "[^'<&\x00-\x1f\ufffe\uffff]"
_VALUE = f'"{_DOUBLE}*(?:{_REF}{_DOUBLE}*)*"|\'{_SINGLE}*(?:{_REF}{_SINGLE}*)*\''
_ATTRIBUTES = f"(?:[ \t\r\n]+{_NAME}{_S}={_S}(?:{_VALUE}))*{_S}"
_CHAR = "[^<&\x00-\x08\x0b\x0c\x0e-\x1f\r\ufffe\uffff]"
_TEXT = f"{_CHAR}*(?:{_REF}{_CHAR}*)*"
# A <tuv>'s attributes are checked once for all the <tuv>s that have the same (`_Scan.pair`).
_TUV = f"<tuv([^<>]*)>{_S}<seg>({_TEXT})</seg>{_S}</tuv>"
_ATTRIBUTES_ONLY = re.compile(_ATTRIBUTES)
PLAIN_TU = re.compile(f"{_S}<tu({_ATTRIBUTES})>{_S}{_TUV}{_S}{_TUV}{_S}</tu>")
_ATTRIBUTE = re.compile(f"[ \t\r\n]+({_NAME}){_S}={_S}(?:\"([^\"]*)\"|'([^']*)')")

_ANY_ATTRIBUTES = "(?:[ \t\r\n]+[^ \t\r\n=/>]+[ \t\r\n]*=[ \t\r\n]*(?:\"[^\"<]*\"|'[^'<]*'))*[ \t\r\n]*"
_ROOT = re.compile("<tmx(?=[ \t\r\n>])")
_HEAD = re.compile(f"(<tmx({_ANY_ATTRIBUTES})>){_S}<header{_ANY_ATTRIBUTES}(?:/>|>(.*?)</header>){_S}<body{_S}>", re.S)
_TAIL = re.compile(f"</body>{_S}</tmx>{_S}")
_REFERENCE = re.compile(_REF)
_UNSEEN = object()
_LOOK_AHEAD = 1 << 16  # characters of the body in which the first plain <tu> is looked for
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'"}


class ScanReader(Protocol):
    """What the scan needs of `workbench.formats.tmx_read._Reader`."""

    def begin(self) -> Element: ...
    def pair(self, first: dict[str, str], second: dict[str, str]) -> Any: ...
    def plain(self, pair: Any, tu: dict[str, str], first_text: str, second_text: str) -> list[UnitRow]: ...
    def tu(self, tu: Element) -> list[UnitRow]: ...
    def result(self, units: list[UnitRow]) -> TmxRows: ...


class _Lane(NamedTuple):
    pattern: re.Pattern
    names: tuple[str, ...]  # of the <tu>'s attributes, in the pattern's groups


class _Declined(Exception):
    """The text is not of the form read here: the tree reader reads it."""


def scan_tmx(text: str, origin: str, reader_of: Callable[[Element, Lines], ScanReader]) -> TmxRows | None:
    """The file's units as the tree reader would give them, or None when the tree reader must read it."""
    try:
        return _Scan(text, origin, reader_of).read()
    except (_Declined, UserError):
        return None


class _Scan:
    def __init__(self, text: str, origin: str, reader_of: Callable[[Element, Lines], ScanReader]):
        self.text, self.origin = text, origin
        root = _ROOT.search(text)
        if root is None or "<!DOCTYPE" in text[:root.start()]:
            raise _Declined  # a DTD may declare entities or default attributes: the tree reader's case
        head = _HEAD.match(text, root.start())
        if head is None or "xmlns" in head.group(2) or "<!" in (head.group(3) or "") or "<?" in (head.group(3) or ""):
            raise _Declined
        self.root_tag, self.body_start = head.group(1), head.end()
        self.body_end = text.rfind("</body>")
        if self.body_end < self.body_start or not _TAIL.fullmatch(text, self.body_end):
            raise _Declined
        prolog = text[:head.end()] + "</body></tmx>"
        element, lines = parse_xml_safely(prolog, origin)
        if element.tag != "tmx":
            raise _Declined
        self.reader = reader_of(element, lines)
        self.reader.begin()
        self.pairs: dict[tuple[str, str], Any] = {}
        self.parts = self.plain_units = 0  # runs read by the tree reader, <tu>s read here

    def read(self) -> TmxRows:
        return self.reader.result(self.units(self.body_start, self.body_end, self.lane()))

    def lane(self) -> _Lane | None:
        """A pattern for <tu>s whose attributes are those of the first plain <tu> (a tool writes
        the same ones on every <tu>), in the same order, in double quotes, without references:
        their values are read by the pattern itself."""
        first = PLAIN_TU.search(self.text, self.body_start, min(self.body_end, self.body_start + _LOOK_AHEAD))
        if first is None:
            raise _Declined  # no plain <tu> to begin with: most likely none at all
        names = [name for name, _double, _single in _ATTRIBUTE.findall(first.group(1))]
        if len(set(names)) != len(names):
            return None
        values = "".join(f'[ \t\r\n]+{re.escape(name)}{_S}={_S}"({_DOUBLE}*)"' for name in names)
        pattern = re.compile(f"{_S}<tu{values}{_S}>{_S}{_TUV}{_S}{_TUV}{_S}</tu>")
        return _Lane(pattern, tuple(XML_LANG if name == "xml:lang" else name for name in names))

    def units(self, start: int, end: int, lane: _Lane | None) -> list[UnitRow]:
        """The units of the body between `start` and `end`: the <tu>s of the lane's pattern (else
        of `PLAIN_TU`) here, the text between them by `part`."""
        text, units, plain, pairs, pair_of = self.text, [], self.reader.plain, self.pairs, self.pair
        pattern, names = (PLAIN_TU, None) if lane is None else lane
        pending = start  # where the text not read yet starts
        for match in pattern.finditer(text, start, end):
            *tu, first, first_text, second, second_text = match.groups()
            pair = pairs.get((first, second), _UNSEEN)
            if pair is _UNSEEN:
                pair = pair_of(first, second)
            if pair is None:
                continue  # read with the text around it
            if "&" in first_text or "]]>" in first_text:
                first_text = _text(first_text)
            if "&" in second_text or "]]>" in second_text:
                second_text = _text(second_text)
            if match.start() > pending:
                units.extend(self.part(pending, match.start(), lane))
            units.extend(plain(pair, _attributes(tu[0]) if names is None else dict(zip(names, tu, strict=True)),
                               first_text, second_text))
            pending = match.end()
            self.plain_units += 1
        if end > pending:
            units.extend(self.part(pending, end, lane))
        return units

    def pair(self, first: str, second: str) -> Any:
        """The reader's `pair` for two <tuv>s' attributes (most files repeat a few pairs: kept)."""
        found = None
        if _ATTRIBUTES_ONLY.fullmatch(first) and _ATTRIBUTES_ONLY.fullmatch(second):
            found = self.reader.pair(_attributes(first), _attributes(second))
        if len(self.pairs) < 1000:
            self.pairs[(first, second)] = found
        return found

    def part(self, start: int, end: int, lane: _Lane | None) -> list[UnitRow]:
        """The units of a run of the body that is not of the lane: of `PLAIN_TU`, else read by the
        safe XML reader."""
        run = self.text[start:end]
        if not run.strip(" \t\r\n"):
            return []
        if lane is not None:
            return self.units(start, end, None)
        self.parts += 1
        if self.parts > 64 and self.parts > self.plain_units // 4:
            raise _Declined  # one tree for the whole file costs less than so many small ones
        root, _lines = parse_xml_safely(f"{self.root_tag}{run}</tmx>", self.origin)
        units: list[UnitRow] = []
        for tu in root:
            if tu.tag != "tu":
                raise _Declined
            units.extend(self.reader.tu(tu))
        return units


def _attributes(region: str) -> dict[str, str]:
    pairs = _ATTRIBUTE.findall(region)
    found = {name: double or single for name, double, single in pairs}
    if len(found) != len(pairs):
        raise _Declined  # an attribute twice: not well-formed
    if "&" in region:
        found = {name: _text(value) for name, value in found.items()}
    if "xml:lang" in found:
        found = {(XML_LANG if name == "xml:lang" else name): value for name, value in found.items()}
    return found


def _text(raw: str) -> str:
    if "]]>" in raw:
        raise _Declined  # not well-formed in text
    return _REFERENCE.sub(_character, raw)


def _character(match: re.Match) -> str:
    reference = match.group()
    named = _ENTITIES.get(reference)
    if named is not None:
        return named
    code = int(reference[3:-1], 16) if reference[2] == "x" else int(reference[2:-1])
    if not (code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF):
        raise _Declined  # a character XML forbids
    return chr(code)
