"""Reading TMX 1.4b (and OmegaT's TMX 1.1) into units; the rules are in `workbench.formats.tmx`."""

from __future__ import annotations

import datetime as dt
import gc
import re
from pathlib import Path
from typing import NamedTuple
from xml.etree.ElementTree import Element

from workbench.errors import UserError
from workbench.files import read_user_file
from workbench.formats.tmx import CONTEXT_PROPS, MAX_TMX_BYTES, TMX_CHOOSE, TMX_KIND, TmxFile, TmxRows, UnitRow, parse_tmx_date
from workbench.formats.tmx_codes import CodeError, number_codes, read_segment, segment_text
from workbench.formats.tmx_scan import scan_tmx
from workbench.formats.tmx_xml import XML_LANG, Lines, decode_tmx, parse_tmx_xml
from workbench.lang.languages import Language, language

ALL = "*all*"
_LANG_ATTRIBUTES = (XML_LANG, "lang")


def read_tmx(path: Path, target_lang: str | None = None, max_bytes: int = MAX_TMX_BYTES) -> TmxFile:
    """The units of a TMX file (only those into `target_lang`, a desk code, when given); UserError
    (one line, with the file and line) for a file that cannot be read whole."""
    return read_tmx_rows(path, target_lang, max_bytes).file()


def read_tmx_rows(path: Path, target_lang: str | None = None, max_bytes: int = MAX_TMX_BYTES) -> TmxRows:
    """`read_tmx` with each unit as its fields (what an import stores: no `TmxUnit` made)."""
    data = read_user_file(path, TMX_KIND, TMX_CHOOSE, max_bytes)
    return parse_tmx_rows(data, str(path), target_lang)


def parse_tmx(data: bytes, origin: str, target_lang: str | None = None) -> TmxFile:
    return parse_tmx_rows(data, origin, target_lang).file()


def parse_tmx_rows(data: bytes, origin: str, target_lang: str | None = None) -> TmxRows:
    """The plain <tu>s straight from the text (`workbench.formats.tmx_scan`), else the whole tree."""
    # The units are hundreds of thousands of new objects that all live on: the cyclic
    # collector, run again and again over them while they are made, would find nothing to free
    # (it doubled the time of a 100,000-unit file).
    collecting = gc.isenabled()
    gc.disable()
    try:
        text = decode_tmx(data, origin)
        found = scan_tmx(text, origin, lambda root, lines: _Reader(root, lines, origin, target_lang))
        return read_tree(text, origin, target_lang) if found is None else found
    finally:
        if collecting:
            gc.enable()


def read_tree(text: str, origin: str, target_lang: str | None = None) -> TmxRows:
    """The units of a decoded file read as one element tree: every file `scan_tmx` declines, and
    the reference its results are tested against."""
    root, lines = parse_tmx_xml(text, origin)
    return _Reader(root, lines, origin, target_lang).read()


class _Reader:
    def __init__(self, root: Element, lines: Lines, origin: str, target_lang: str | None):
        self.root, self.lines, self.origin, self.wanted = root, lines, origin, target_lang
        self.languages: dict[str, Language] = {}
        self.dates: dict[str, dt.datetime | None] = {}
        self.facts: dict[str, tuple[Language, bool, bool] | None] = {}  # raw code -> language, English?, raw kept?
        self.found: set[str] = set()
        self.counts = {"untranslated": 0, "empty": 0, "other English": 0, "reversed": 0}

    def fail(self, element: Element, message: str) -> UserError:
        return UserError(f"{self.origin}:{self.lines.line(element)}: {message}; nothing was imported")

    def read(self) -> TmxRows:
        body = self.begin()
        units: list[UnitRow] = []
        for tu in body:
            if tu.tag != "tu":
                raise self.fail(tu, f"<{tu.tag}> in <body>, where only <tu> elements may be")
            units.extend(self.tu(tu))
        return self.result(units)

    def begin(self) -> Element:
        """Check the root and read the header; the <body>."""
        root = self.root
        version = root.get("version", "")
        if not re.fullmatch(r"1\.[1-4][a-z]?", version):
            raise self.fail(root, f"TMX version {version!r} is not read (1.1 to 1.4b are)")
        header, body = root.find("header"), root.find("body")
        if header is None or body is None:
            raise self.fail(root, "a TMX file needs a <header> and a <body>")
        self.srclang = header.get("srclang") or ALL
        self.reversed = self.srclang.lower() != ALL and not _is_english(self.srclang)  # a <tu> without srclang
        self.header_defaults = {name: header.get(name) for name in ("creationdate", "creationid", "changedate", "changeid")}
        self.header_extra = _props_and_notes(header)
        return body

    def result(self, units: list[UnitRow]) -> TmxRows:
        return TmxRows(units, self.notes(), tuple(sorted(self.found)))

    def notes(self) -> list[str]:
        counts, notes = self.counts, []
        if counts["reversed"]:
            notes.append(f"{self.origin}: {counts['reversed']} units come from <tu>s whose srclang is not English; "
                         "their English variant is the source (the desk translates from English)")
        if counts["untranslated"]:
            notes.append(f"{self.origin}: {counts['untranslated']} <tu> with no translation left out")
        if counts["empty"]:
            notes.append(f"{self.origin}: {counts['empty']} empty segments left out")
        if counts["other English"]:
            notes.append(f"{self.origin}: {counts['other English']} further English variants left out "
                         "(the source is the first English one)")
        return notes

    def language(self, raw: str | None, element: Element) -> Language:
        if raw is None:
            raise self.fail(element, "a <tuv> without xml:lang (or lang)")
        found = self.languages.get(raw)
        if found is None:
            try:
                found = language(raw)
            except UserError as error:
                raise self.fail(element, str(error)) from None
            self.languages[raw] = found
        return found

    def date(self, raw: str | None) -> dt.datetime | None:
        if raw is None:
            return None
        if raw not in self.dates:
            self.dates[raw] = parse_tmx_date(raw)
        return self.dates[raw]

    def tu(self, tu: Element) -> list[UnitRow]:
        # Most <tu>s are two <tuv>s of one <seg> each, with text only: they take `plain`, which
        # gives what `full` would (`full` also gives every refusal, so `plain` declines them).
        if len(tu) == 2:
            first, second = tu
            if first.tag == "tuv" and second.tag == "tuv" and len(first) == 1 and len(second) == 1:
                seg, other = first[0], second[0]
                if seg.tag == "seg" and other.tag == "seg" and not len(seg) and not len(other):
                    pair = self.pair(first.attrib, second.attrib)
                    if pair is not None:
                        return self.plain(pair, tu.attrib, seg.text or "", other.text or "")
        return self.full(tu)

    def pair(self, first: dict[str, str], second: dict[str, str]) -> _Pair | None:
        """What the units of a plain <tu> (one English and one other variant, text only) take from
        the attributes of its two <tuv>s; None for a <tu> `full` must read (or refuse)."""
        raw = first.get(XML_LANG)
        if raw is None:
            raw = first.get("lang")
        other_raw = second.get(XML_LANG)
        if other_raw is None:
            other_raw = second.get("lang")
        if raw is None or other_raw is None:
            return None
        facts = self.facts
        for code in (raw, other_raw):
            if code not in facts:
                facts[code] = _facts_of(code)
        known, other_known = facts[raw], facts[other_raw]
        if known is None or other_known is None or known[1] == other_known[1]:
            return None  # a code refused, both English or neither: `full` refuses (with the line) or counts it
        source_first = known[1]
        (source, source_raw, source_known), (target, target_raw, target_known) = (
            ((first, raw, known), (second, other_raw, other_known)) if source_first
            else ((second, other_raw, other_known), (first, raw, known)))
        lang = target_known[0]
        self.found.add(lang.code)
        defaults = self.header_defaults
        # the header's defaults, written back on the <tu> when neither it nor the target gives them
        written = tuple((name, value) for name, value in defaults.items() if value is not None and name not in target)
        stamp = tuple(defaults[name] if target.get(name) is None else target[name]
                      for name in ("creationid", "creationdate", "changeid", "changedate"))
        return _Pair(source_first, source_known[0].code, lang.code, self.wanted is not None and lang.code != self.wanted,
                     _plain_variant_extra(source, source_raw, source_known[2]),
                     _plain_variant_extra(target, target_raw, target_known[2]), written, stamp)

    def plain(self, pair: _Pair, tu: dict[str, str], first_text: str, second_text: str) -> list[UnitRow]:
        """The unit of a plain <tu>: its attributes, the texts of its two <seg>s. The unit's extra
        shares the header's and the variants' parts with the other units of the same variants."""
        source_text, target_text = (first_text, second_text) if pair.source_first else (second_text, first_text)
        declared = tu.get("srclang")
        if (self.reversed if not declared else declared.lower() != ALL and not _is_english(declared)):
            self.counts["reversed"] += 1
        if pair.skipped:
            return []
        if not source_text.strip() or not target_text.strip():
            self.counts["empty"] += 1
            return []
        attributes = dict(tu)
        tuid = attributes.pop("tuid", None)
        for name, value in pair.written:
            if name not in attributes:
                attributes[name] = value
        extra: dict = {}
        if self.header_extra:
            extra["header"] = self.header_extra
        if attributes:
            extra["tu"] = {"attrs": attributes}
        if pair.source_extra:
            extra["source"] = pair.source_extra
        if pair.target_extra:
            extra["target"] = pair.target_extra
        get, (created_by, created, changed_by, changed), dates = tu.get, pair.stamp, self.dates
        created_by, created, changed_by, changed = (get("creationid", created_by), get("creationdate", created),
                                                    get("changeid", changed_by), get("changedate", changed))
        created_at = None if created is None else dates[created] if created in dates else self.date(created)
        changed_at = None if changed is None else dates[changed] if changed in dates else self.date(changed)
        return [(pair.source_lang, pair.target_lang, source_text, target_text, "", tuid, created_by, created_at,
                 changed_by, changed_at, {"tmx": extra} if extra else {})]

    def full(self, tu: Element) -> list[UnitRow]:
        attributes = dict(tu.attrib)
        tuid = attributes.pop("tuid", None)
        declared = tu.get("srclang") or self.srclang
        variants = []
        for child in tu:
            if child.tag == "tuv":
                raw = next((child.get(name) for name in _LANG_ATTRIBUTES if child.get(name) is not None), None)
                variants.append((child, raw, self.language(raw, child)))
            elif child.tag not in ("prop", "note"):
                raise self.fail(child, f"<{child.tag}> in a <tu>, where only <tuv>, <prop> and <note> may be")
        if len(variants) < 2:
            self.counts["untranslated"] += 1
            return []
        english = [variant for variant in variants if variant[2].is_english]
        if not english:
            codes = ", ".join(dict.fromkeys(variant[1] or "" for variant in variants))
            reason = f"srclang is {declared!r} and " if declared.lower() != ALL and not _is_english(declared) else ""
            raise self.fail(tu, f"{reason}this <tu> has no English variant ({codes}); the desk's memory is "
                                "English → target: export the memory with English as the source language")
        source = next((variant for variant in english if (variant[1] or "").lower() == declared.lower()), english[0])
        self.counts["other English"] += len(english) - 1
        targets = [variant for variant in variants if not variant[2].is_english]
        if not targets:
            self.counts["untranslated"] += 1
            return []
        if declared.lower() != ALL and not _is_english(declared):
            self.counts["reversed"] += len(targets)
        for _element, _raw, lang in targets:
            self.found.add(lang.code)
        if self.wanted is not None:
            targets = [variant for variant in targets if variant[2].code == self.wanted]
            if not targets:
                return []
        segments = [self.segment(variant[0]) for variant in (source, *targets)]
        number_codes(segments[0][1], [pieces for _parts, pieces in segments[1:]],
                     [part for parts, _pieces in segments for part in parts if isinstance(part, str)])
        source_text, source_codes = segment_text(segments[0][0])
        if not source_text.strip():
            self.counts["empty"] += len(targets)
            return []
        tu_extra = _props_and_notes(tu)
        previous = _previous_source(tu_extra.get("props", ()))
        for name, value in self.header_defaults.items():  # the header's defaults, written back on the <tu>
            if value is not None and name not in attributes and all(t[0].get(name) is None for t in targets):
                attributes[name] = value
        if attributes:
            tu_extra["attrs"] = attributes
        source_extra = _variant_extra(source[0], source[1], source[2], source_codes)
        units = []
        for (element, raw, lang), (parts, _pieces) in zip(targets, segments[1:], strict=True):
            target_text, target_codes = segment_text(parts)
            if not target_text.strip():
                self.counts["empty"] += 1
                continue
            extra = _unit_extra(self.header_extra, tu_extra, source_extra,
                                _variant_extra(element, raw, lang, target_codes))
            created_by, created_at, changed_by, changed_at = self.stamp(tu, element)
            units.append((source[2].code, lang.code, source_text, target_text, previous, tuid, created_by,
                          created_at, changed_by, changed_at, {"tmx": extra} if extra else {}))
        return units

    def segment(self, tuv: Element) -> tuple[list, list]:
        seg = None
        for child in tuv:
            if child.tag == "seg":
                if seg is not None:
                    raise self.fail(child, "a <tuv> with two <seg> elements")
                seg = child
            elif child.tag not in ("prop", "note"):
                raise self.fail(child, f"<{child.tag}> in a <tuv>, where only <seg>, <prop> and <note> may be")
        if seg is None:
            raise self.fail(tuv, "a <tuv> without <seg>")
        if not len(seg):
            return [seg.text or ""], []
        try:
            return read_segment(seg)
        except CodeError as error:
            raise self.fail(seg, str(error)) from None

    def stamp(self, tu: Element, tuv: Element) -> tuple:
        """created_by, created_at, changed_by, changed_at: the tu's, else the target tuv's, else the header's."""
        defaults = self.header_defaults

        def pick(name: str) -> str | None:
            value = tu.get(name)
            if value is None:
                value = tuv.get(name)
            return defaults[name] if value is None else value

        return (pick("creationid"), self.date(pick("creationdate")), pick("changeid"), self.date(pick("changedate")))


class _Pair(NamedTuple):
    source_first: bool  # the first <tuv> is the English one
    source_lang: str
    target_lang: str
    skipped: bool  # not the language asked for
    source_extra: dict
    target_extra: dict
    written: tuple  # (name, value) of the header's defaults the <tu> takes unless it has its own
    stamp: tuple  # creationid, creationdate, changeid, changedate when the <tu> does not give them


def _facts_of(raw: str) -> tuple[Language, bool, bool] | None:
    """The language of a code, whether it is English, whether the code differs from its tag;
    None for a code refused (`full` refuses it again, naming its line)."""
    try:
        found = language(raw)
    except UserError:
        return None
    return found, found.is_english, raw != found.tag


def _is_english(code: str) -> bool:
    return code.replace("_", "-").split("-")[0].lower() == "en"


def _props_and_notes(element: Element) -> dict:
    """The element's own <prop>s and <note>s as [attributes, text] pairs, in order."""
    props, notes = [], []
    for child in element:
        if child.tag == "prop":
            props.append([_attributes(child), child.text or ""])
        elif child.tag == "note":
            notes.append([_attributes(child), child.text or ""])
    found: dict = {}
    if props:
        found["props"] = props
    if notes:
        found["notes"] = notes
    return found


def _attributes(element: Element) -> dict[str, str]:
    return {("xml:lang" if name == XML_LANG else name): value for name, value in element.attrib.items()}


def _variant_extra(tuv: Element, raw: str | None, lang: Language, codes: dict) -> dict:
    extra = _props_and_notes(tuv) if len(tuv) > 1 else {}
    attributes = {name: value for name, value in tuv.attrib.items() if name not in _LANG_ATTRIBUTES}
    if attributes:
        extra["attrs"] = attributes
    if raw is not None and raw != lang.tag:
        extra["lang"] = raw
    if codes:
        extra["codes"] = codes
    return extra


def _plain_variant_extra(attrib: dict[str, str], raw: str, kept: bool) -> dict:
    """`_variant_extra` of a <tuv> whose only child is its <seg>, which has no codes."""
    extra: dict = {}
    if len(attrib) > 1:
        attributes = {name: value for name, value in attrib.items() if name not in _LANG_ATTRIBUTES}
        if attributes:
            extra["attrs"] = attributes
    if kept:
        extra["lang"] = raw
    return extra


def _previous_source(props) -> str:
    for kind in CONTEXT_PROPS:
        for attributes, text in props:
            if attributes.get("type") == kind:
                inner = re.fullmatch(r"\s*<seg>(.*)</seg>\s*", text, re.S)  # memoQ may wrap it
                return inner.group(1) if inner else text
    return ""


def _unit_extra(header: dict, tu: dict, source: dict, target: dict) -> dict:
    """A unit's `extra`: only the parts that hold something (most units: none)."""
    parts = (("header", header), ("tu", tu), ("source", source), ("target", target))
    return {name: value for name, value in parts if value}
