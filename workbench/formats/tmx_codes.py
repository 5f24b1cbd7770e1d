"""TMX inline codes as protected tags in a segment's text, and back to the exact XML.

A `<seg>` holds text and inline codes (`bpt`/`ept`, `ph`, `it`, `ut`, `hi`). The workbench keeps
the segment as one string in which each code is a short tag of the OmegaT kind, which
`workbench.tm.tokens` reads as one TAG token (so matching treats it as a protected placeholder,
and a match inserted into a translation carries it whole):

- a `bpt` … `ept` pair (same `i`) is `<gN>` … `</gN>`;
- `hi` (highlighted text, its content translatable) is `<hN>` … `</hN>`;
- every other code (`ph`, `it`, `ut`, a `bpt` or `ept` without its partner) is `<xN/>`.

N is the code's number in the source variant (1, 2, … in order); a code of the target that is
the same code as one of the source (the same `i` or `x`, else the same element with the same
content) gets the source's number, so the tags of a unit's source and target correspond. The
original XML of every code (its native data and `sub` elements included) is kept, by tag, in
the unit's `extra` JSON (`codes`), and the writer puts it back in place of the tag: a tag that
is not in `codes` is text (written escaped). If the text itself holds something that reads like
one of these tags, the numbers start at 101 (or 201…) so that a tag is never also text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from xml.etree.ElementTree import Element, tostring

CODE_ELEMENTS = frozenset({"bpt", "ept", "ph", "it", "ut", "hi"})

Codes = dict[str, str]  # tag as it stands in the text -> the XML written in its place


class CodeError(ValueError):
    """A `<seg>` child that is not an inline code (the message names it)."""


class CodePiece:
    """A code as read, before numbering: what it is, how it aligns, where it goes."""

    __slots__ = ("element", "form", "identity", "number", "xml")

    def __init__(self, element: Element, form: str, identity: tuple, xml: str):
        # identity: what the piece is the same code as (both ends of a pair share one)
        self.element, self.form, self.identity, self.xml = element, form, identity, xml
        self.number = 0


def read_segment(seg: Element) -> tuple[list[str | CodePiece], list[CodePiece]]:
    """The seg's content as text and code pieces in order (numbered later by `number_codes`)."""
    parts: list[str | CodePiece] = []
    pieces: list[CodePiece] = []
    pairs = {element.get("i") for element in seg.iter("ept")} & {element.get("i") for element in seg.iter("bpt")}
    seen: dict[tuple, int] = {}
    _walk(seg, parts, pieces, pairs, seen)
    return parts, pieces


def _walk(parent: Element, parts: list, pieces: list, pairs: set, seen: dict) -> None:
    if parent.text:
        parts.append(parent.text)
    for child in parent:
        name = child.tag
        if name not in CODE_ELEMENTS:
            raise CodeError(f"<{name}> is not an inline code TMX allows in a segment (bpt, ept, ph, it, ut, hi)")
        if name == "hi":
            identity = ("hi", *_key(child, "x", seen))
            start = CodePiece(child, "open", identity, _start_tag(child))
            end = CodePiece(child, "close", identity, "</hi>")
            pieces.extend((start, end))
            parts.append(start)
            _walk(child, parts, pieces, pairs, seen)
            parts.append(end)
        else:
            paired = name in ("bpt", "ept") and child.get("i") in pairs
            form = ("open" if name == "bpt" else "close") if paired else "empty"
            if name in ("bpt", "ept"):
                identity = ("pair", *_key(child, "i", seen)) if paired else (name, *_key(child, "i", seen))
            else:
                identity = (name, child.get("pos") or "", *_key(child, "x", seen))
            piece = CodePiece(child, form, identity, _xml(child))
            pieces.append(piece)
            parts.append(piece)
        if child.tail:
            parts.append(child.tail)


def _key(element: Element, attribute: str, seen: dict) -> tuple:
    """How a code is recognised in the other variant: its i/x, else its content and occurrence."""
    value = element.get(attribute)
    if value is not None:
        return ("id", value)
    content = _xml(element)
    count = seen.get((element.tag, content), 0)
    seen[(element.tag, content)] = count + 1
    return ("content", content, count)


def number_codes(source: list[CodePiece], targets: Iterable[list[CodePiece]], texts: Iterable[str]) -> None:
    """Give every piece its number: source order, target pieces aligned to the source's."""
    others = list(targets)
    for pieces in (source, *others):
        _distinct(pieces)
    numbers: dict[tuple, int] = {}
    for piece in source:
        if piece.identity not in numbers:
            numbers[piece.identity] = len(numbers) + 1
        piece.number = numbers[piece.identity]
    for pieces in others:
        local = dict(numbers)
        for piece in pieces:
            if piece.identity not in local:
                local[piece.identity] = max(local.values(), default=0) + 1
            piece.number = local[piece.identity]
    literal = "".join(texts)
    if "<" in literal:
        offset = 0
        everything = [*source, *(piece for pieces in others for piece in pieces)]
        while any(_tag(piece, offset) in literal for piece in everything):
            offset += 100
        for piece in everything:
            piece.number += offset


def _distinct(pieces: list[CodePiece]) -> None:
    """Two codes of one variant that claim the same i or x (a damaged file) stay two codes."""
    used: dict[tuple, int] = {}
    for piece in pieces:
        slot = (piece.identity, piece.form)
        count = used.get(slot, 0)
        used[slot] = count + 1
        if count:
            piece.identity = (*piece.identity, "again", count)
            if piece.form == "open":  # its closing end, still ahead, follows it
                for later in pieces[pieces.index(piece) + 1:]:
                    if later.element is piece.element and later.form == "close":
                        later.identity = piece.identity
                        used[(piece.identity, "close")] = 0
                        break


def segment_text(parts: list[str | CodePiece]) -> tuple[str, Codes]:
    """The text with tags, and the XML behind each tag."""
    out: list[str] = []
    codes: Codes = {}
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        else:
            tag = _tag(part, 0)
            out.append(tag)
            codes[tag] = part.xml
    return "".join(out), codes


def _tag(piece: CodePiece, offset: int) -> str:
    number = piece.number + offset
    if piece.element.tag == "hi":
        return f"<h{number}>" if piece.form == "open" else f"</h{number}>"
    if piece.form == "open":
        return f"<g{number}>"
    if piece.form == "close":
        return f"</g{number}>"
    return f"<x{number}/>"


def _xml(element: Element) -> str:
    tail, element.tail = element.tail, None
    try:
        return tostring(element, encoding="unicode")
    finally:
        element.tail = tail


def _start_tag(element: Element) -> str:
    attributes = "".join(f" {name}={quote_attribute(value)}" for name, value in element.attrib.items())
    return f"<{element.tag}{attributes}>"


_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTRIBUTE_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                                    "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def escape_text(text: str) -> str:
    # A CR would be read back as LF (end-of-line handling): it is written as a reference.
    return text.translate(_TEXT_ESCAPES).replace("\r", "&#13;")


def quote_attribute(value: str) -> str:
    return f'"{value.translate(_ATTRIBUTE_ESCAPES)}"'


def write_segment(text: str, codes: Codes | None) -> str:
    """The `<seg>` content for a text: each tag in `codes` as its XML, everything else escaped."""
    if not codes:
        return escape_text(text)
    pattern = re.compile("|".join(re.escape(tag) for tag in sorted(codes, key=len, reverse=True)))
    out: list[str] = []
    at = 0
    for match in pattern.finditer(text):
        out.append(escape_text(text[at:match.start()]))
        out.append(codes[match.group()])
        at = match.end()
    out.append(escape_text(text[at:]))
    return "".join(out)
