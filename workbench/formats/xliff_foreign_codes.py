"""The inline codes of a foreign XLIFF source or target as the tags of `workbench.formats.tmx_codes`.

Codes that wrap translatable text (1.2 `g`, `mrk`; 2.x `pc`, `mrk`) are `<gN>` … `</gN>` around it;
paired codes (1.2 `bx`/`ex`, `bpt`/`ept`; 2.x `sc`/`ec`, `sm`/`em`) are `<gN>` and `</gN>` when both
ends are in the segment; every other code (`x`, `ph`, `it`, `cp`, an end without its partner, a
`mrk` marked protected or translate="no", an element of another tool's namespace) is `<xN/>`. A code
of the target takes the number of the same code of the source (same id), as TMX does. The XML
behind each tag is the exact text of the original file (`Spans`), so the export writes it back
character for character.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from workbench.errors import UserError
from workbench.formats.tmx_codes import CodePiece, Codes, number_codes, segment_text
from workbench.formats.xliff_foreign_spans import Spans

_WRAPPERS = {1: frozenset({"g", "mrk"}), 2: frozenset({"pc", "mrk"})}
_PAIRS = {1: {"bx": "ex", "bpt": "ept"}, 2: {"sc": "ec", "sm": "em"}}
_MAX_DEPTH = 64  # inline markup nested deeper than any tool writes: refused, never a RecursionError


def local_name(tag: str) -> str:
    return tag.rpartition("}")[2]


class CodeReader:
    """Reads the sources and targets of one file (its version and text measured once)."""

    def __init__(self, major: int, spans: Spans, where) -> None:
        self.major, self.spans, self.where = major, spans, where
        self.ends = {end: start for start, end in _PAIRS[major].items()}

    def texts(self, source: Element, target: Element | None) -> tuple[str, str, Codes]:
        """The source and the target as text with tags, and the XML behind every tag."""
        source_parts, source_pieces = self._read(source)
        target_parts, target_pieces = self._read(target) if target is not None else ([], [])
        literal = [part for part in (*source_parts, *target_parts) if isinstance(part, str)]
        number_codes(source_pieces, [target_pieces], literal)
        source_text, codes = segment_text(source_parts)
        target_text, target_codes = segment_text(target_parts)
        return source_text, target_text, {**codes, **target_codes}

    def _read(self, holder: Element) -> tuple[list[str | CodePiece], list[CodePiece]]:
        parts: list[str | CodePiece] = []
        pieces: list[CodePiece] = []
        paired = self._paired(holder)
        self._walk(holder, parts, pieces, paired, {}, 0)
        return parts, pieces

    def _paired(self, holder: Element) -> set[tuple[str, str]]:
        """(start element, key) of the pairs whose two ends are both in this source or target."""
        starts, ends = set(), set()
        for element in holder.iter():
            name = local_name(element.tag)
            if name in _PAIRS[self.major]:
                starts.add((name, self._pair_key(element, name)))
            elif name in self.ends:
                ends.add((self.ends[name], self._pair_key(element, name)))
        return starts & ends

    def _pair_key(self, element: Element, name: str) -> str:
        if self.major == 2:
            return element.get("startRef" if name in self.ends else "id", "")
        return element.get("rid") or element.get("id") or ""

    def _walk(self, parent: Element, parts: list, pieces: list, paired: set, seen: dict, depth: int) -> None:
        if depth > _MAX_DEPTH:
            raise UserError(f"{self.where(parent)}: inline codes nested more than {_MAX_DEPTH} deep; no tool writes "
                            "that: the file is damaged or hostile, so nothing was imported")
        if parent.text:
            parts.append(parent.text)
        for child in parent:
            name = local_name(child.tag)
            if name in _WRAPPERS[self.major] and not self._protected(child, name):
                identity = (name, *self._key(child, seen))
                start = CodePiece(child, "open", identity, self.spans.start_tag(child))
                end = CodePiece(child, "close", identity, "" if self.spans[child].empty else self.spans.end_tag(child))
                pieces.append(start)
                parts.append(start)
                self._walk(child, parts, pieces, paired, seen, depth + 1)
                pieces.append(end)
                parts.append(end)
            else:
                piece = CodePiece(child, *self._standalone(child, name, paired, seen), self.spans.slice(child))
                pieces.append(piece)
                parts.append(piece)
            if child.tail:
                parts.append(child.tail)

    def _standalone(self, child: Element, name: str, paired: set, seen: dict) -> tuple[str, tuple]:
        """(form, identity) of a code that holds no translatable text."""
        start_name = name if name in _PAIRS[self.major] else self.ends.get(name)
        if start_name is not None:
            key = self._pair_key(child, name)
            if (start_name, key) in paired:
                return ("open" if name == start_name else "close"), ("pair", start_name, key)
            return "empty", (name, key)
        return "empty", (name, *self._key(child, seen))

    def _protected(self, element: Element, name: str) -> bool:
        """A mrk whose text must not be translated is kept whole, as one code."""
        return name == "mrk" and (element.get("mtype") == "protected" or element.get("translate") == "no")

    def _key(self, element: Element, seen: dict) -> tuple:
        value = element.get("id") or element.get("mid")
        if value is not None:
            return ("id", value)
        content = self.spans.slice(element)
        count = seen.get(content, 0)
        seen[content] = count + 1
        return ("content", content, count)
