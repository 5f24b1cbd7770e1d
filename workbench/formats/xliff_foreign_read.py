"""A foreign XLIFF file (Xcode, Angular, memoQ, Trados, Okapi, OmegaT, a CMS) read as an article's
segments, keeping everything the export needs to write the file back with only its targets changed.

Each 2.x `<segment>` and each 1.2 `<trans-unit>` to translate is a segment (a 1.2 unit segmented by its
tool, as Trados and Okapi do, is one segment per `<mrk mtype="seg">` of its `<seg-source>`, with
Trados's `sdl:seg conf` as its state), numbered by its place in the file (`at`), which is how the
export finds it again in the stored original. Units marked
translate="no" (or inside a group or file so marked), and units with nothing to translate, are left
alone. States map as the workbench's own XLIFF import maps them (`workbench.formats.xliff`); inline
codes become tags (`workbench.formats.xliff_foreign_codes`). Everything goes through the one safe XML
reader: entities are refused, a file that is not well-formed is refused with its line.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from xml.etree.ElementTree import Element

from workbench.errors import UserError
from workbench.formats.safe_xml import Lines, decode_xml, parse_xml_safely
from workbench.formats.tmx_codes import Codes
from workbench.formats.translation_exchange import DRAFT, TRANSLATED
from workbench.formats.xliff import REVIEW_STATES, XLIFF_1_NAMESPACE, XLIFF_1_STATES, XLIFF_2_NAMESPACES, XLIFF_2_STATES
from workbench.formats.xliff_foreign_codes import CodeReader, local_name
from workbench.formats.xliff_foreign_spans import Spans

_DECLARED = re.compile(r"\s*<\?xml[^>]*?\sencoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']")
SDL_NAMESPACE = "http://sdl.com/FileTypes/SdlXliff/1.0"
# Trados's confirmation levels (sdl:seg conf), as the workbench's statuses and the file's own state.
SDL_CONF = {"Translated": (TRANSLATED, ""), "ApprovedTranslation": (TRANSLATED, "reviewed"),
            "ApprovedSignOff": (TRANSLATED, "signed-off"), "Draft": (DRAFT, ""), "Unspecified": (DRAFT, ""),
            "RejectedTranslation": (DRAFT, ""), "RejectedSignOff": (DRAFT, "")}
_MAX_DEPTH = 64  # groups nested deeper than any tool writes: refused


@dataclass(frozen=True)
class ForeignSegment:
    at: int  # its place among the file's segments
    unit_id: str
    unit_index: int  # the unit it is part of (a unit's segments are one paragraph)
    source: str  # with code tags
    target: str  # with code tags; "" for none
    status: str  # the workbench's: draft or translated
    file_state: str  # the file's own state when the workbench has no equal of it
    notes: tuple[str, ...]
    # Where it starts, worked out when a message asks (line numbers of a large file cost a scan).
    locate: Callable[[], int] = field(compare=False, repr=False)
    codes: Codes = field(compare=False)
    problem: str = ""

    @property
    def line(self) -> int:
        return self.locate()


@dataclass
class Located:
    """The elements of one segment in the parsed original (what the export changes)."""

    unit: Element
    holder: Element  # 2.x <segment>, 1.2 <trans-unit>
    source: Element
    target: Element | None
    segment: ForeignSegment
    unit_target: Element | None = None  # the 1.2 <target> that holds a segment's <mrk>
    marked: bool = False  # source and target are <mrk mtype="seg"> of a 1.2 <seg-source> and <target>


@dataclass
class ForeignXliff:
    version: str
    major: int
    source_lang: str
    target_lang: str  # "" when the file names none
    title: str
    text: str
    encoding: str
    root: Element
    spans: Spans
    located: list[Located]
    left_alone: int  # units not to translate (translate="no", nothing to translate)

    @property
    def segments(self) -> list[ForeignSegment]:
        return [item.segment for item in self.located]


def encoding_of(data: bytes) -> str:
    """The codec the file was written in, to write it back the same way."""
    for mark, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(mark):
            return name
    if data[:2] == b"<\x00":
        return "utf-16-le"
    if data[:2] == b"\x00<":
        return "utf-16-be"
    declared = _DECLARED.match(data[:200].decode("latin-1"))
    return declared.group(1) if declared else "utf-8"


def read_foreign(data: bytes, origin: str) -> ForeignXliff:
    """The file's segments and structure; one-line UserError when it cannot be used."""
    text = decode_xml(data, origin, "the XLIFF file")
    root, lines = parse_xml_safely(text, origin)
    namespace, _, name = root.tag[1:].partition("}") if root.tag.startswith("{") else ("", "", root.tag)
    if name != "xliff":
        raise UserError(f"{origin} is XML but its root element is <{name}>, not <xliff>; choose an XLIFF file")
    version = root.get("version", "")
    if namespace in XLIFF_2_NAMESPACES or (not namespace and version.startswith("2.")):
        major = 2
    elif namespace.startswith(XLIFF_1_NAMESPACE[:-2]) or (not namespace and version.startswith("1.")):
        major = 1
    else:
        raise UserError(f"{origin}: XLIFF version {version or '?'} (namespace {namespace or 'none'}) is not one the "
                        "workbench reads (1.2 or 2.x); save it from its tool as XLIFF 1.2 or 2.1")
    reader = _Reader(origin, lines, major, namespace, Spans(text, root))
    return reader.document(root, version or ("2.0" if major == 2 else "1.2"), text, encoding_of(data))


class _Reader:
    def __init__(self, origin: str, lines: Lines, major: int, namespace: str, spans: Spans) -> None:
        self.origin, self.lines, self.major, self.spans = origin, lines, major, spans
        self.ns = f"{{{namespace}}}" if namespace else ""
        self.codes = CodeReader(major, spans, self.where)
        self.left_alone = 0

    def where(self, element: Element) -> str:
        return f"{self.origin}:{self.lines.line(element)}"

    def document(self, root: Element, version: str, text: str, encoding: str) -> ForeignXliff:
        files = root.findall(f"{self.ns}file")
        if not files:
            raise UserError(f"{self.where(root)}: the XLIFF file has no <file> element, so nothing to translate; "
                            "choose the file its tool exported")
        langs = (root, root) if self.major == 2 else (files[0], files[0])
        source_lang = (langs[0].get("srcLang" if self.major == 2 else "source-language") or "").strip()
        target_lang = (langs[1].get("trgLang" if self.major == 2 else "target-language") or "").strip()
        located: list[Located] = []
        units = (unit for file in files for unit in self._units(file, file.get("translate", "yes"), 0))
        for unit_index, (unit, translate) in enumerate(units):
            located += self._located(unit, translate, unit_index, len(located))
        title = next((file.get("original", "") for file in files if file.get("original")), "")
        return ForeignXliff(version, self.major, source_lang, target_lang, title, text, encoding, root, self.spans,
                            located, self.left_alone)

    def _units(self, parent: Element, translate: str, depth: int) -> Iterator[tuple[Element, str]]:
        if depth > _MAX_DEPTH:
            raise UserError(f"{self.where(parent)}: groups nested more than {_MAX_DEPTH} deep; no tool writes that: "
                            "this file is damaged or hostile, so nothing was imported")
        body = parent.find(f"{self.ns}body") if self.major == 1 and local_name(parent.tag) == "file" else parent
        unit_tag = f"{self.ns}unit" if self.major == 2 else f"{self.ns}trans-unit"
        for child in body if body is not None else ():
            if child.tag == unit_tag:
                yield child, child.get("translate", translate)
            elif child.tag == f"{self.ns}group":
                yield from self._units(child, child.get("translate", translate), depth + 1)

    def _located(self, unit: Element, translate: str, unit_index: int, first: int) -> list[Located]:
        holders = [part for part in unit if part.tag == f"{self.ns}segment"] if self.major == 2 else [unit]
        found: list[Located] = []
        for holder in holders if translate != "no" else ():
            source = holder.find(f"{self.ns}source")
            if source is None or not "".join(source.itertext()).strip():
                continue
            target = holder.find(f"{self.ns}target")
            pairs = self._marked(holder, target) or [(source, target, None)]
            status, file_state, problem = self._state(unit, holder, target)
            for part_source, part_target, conf in pairs:
                source_text, target_text, codes = self.codes.texts(part_source, part_target)
                part_status, part_state = _conf_status(conf, status, file_state) if conf is not None else (status, file_state)
                line = partial(self.lines.line, holder if part_source is source else part_source)
                segment = ForeignSegment(first + len(found), unit.get("id", ""), unit_index, source_text, target_text,
                                         part_status if target_text else DRAFT, part_state, self._notes(unit), line,
                                         codes, problem)
                found.append(Located(unit, holder, part_source, part_target, segment, target, part_source is not source))
        if not found:
            self.left_alone += 1
        return found

    def _marked(self, holder: Element, target: Element | None) -> list[tuple[Element, Element | None, Element | None]]:
        """1.2 segmentation (Trados, Okapi): each <mrk mtype="seg"> of the <seg-source> is a segment, its
        target the target's <mrk> of the same mid, its state the SDL <sdl:seg> of that id, if any."""
        seg_source = holder.find(f"{self.ns}seg-source") if self.major == 1 else None
        if seg_source is None:
            return []
        marks = [mark for mark in seg_source.iter(f"{self.ns}mrk") if mark.get("mtype") == "seg"]
        targets = {mark.get("mid"): mark for mark in (target.iter(f"{self.ns}mrk") if target is not None else ())
                   if mark.get("mtype") == "seg"}
        confs = {seg.get("id"): seg for seg in holder.iter(f"{{{SDL_NAMESPACE}}}seg")}
        return [(mark, targets.get(mark.get("mid")), confs.get(mark.get("mid"))) for mark in marks
                if "".join(mark.itertext()).strip()]

    def _state(self, unit: Element, holder: Element, target: Element | None) -> tuple[str, str, str]:
        """(status, file state, problem), as `workbench.formats.xliff_read` maps them (no target: a draft)."""
        if target is None and self.major == 1:
            return DRAFT, "", ""
        if self.major == 2:
            state = holder.get("state", "initial")
            status = XLIFF_2_STATES.get(state)
            if status is None:
                return DRAFT, "", f"its state {state!r} is not an XLIFF 2 state (initial, translated, reviewed, final)"
            return status, state if state in REVIEW_STATES else "", ""
        state = target.get("state", "") if target is not None else ""
        if unit.get("approved") == "yes":
            return TRANSLATED, "approved", ""
        if not state:
            return TRANSLATED, "", ""  # a target with no state: what 1.2 tools write for a finished one
        if state.startswith("x-"):
            return DRAFT, state, ""  # another tool's own state: a person confirms it here
        status = XLIFF_1_STATES.get(state)
        if status is None:
            return DRAFT, "", f"its target state {state!r} is not an XLIFF 1.2 state"
        return status, state if state in REVIEW_STATES else "", ""

    def _notes(self, unit: Element) -> tuple[str, ...]:
        holder = unit.find(f"{self.ns}notes") if self.major == 2 else unit
        notes = holder.findall(f"{self.ns}note") if holder is not None else []
        return tuple(" ".join("".join(note.itertext()).split()) for note in notes)


def _conf_status(conf: Element, status: str, file_state: str) -> tuple[str, str]:
    return SDL_CONF.get(conf.get("conf", ""), (status, file_state))
