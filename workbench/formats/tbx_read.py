"""Reading TBX: concept entries, and what was not imported (the mapping is in `workbench.formats.tbx`).

Each level (concept, language section, term section) is read into a `tbx_entries.Level`: the data
categories it holds, whether written DCA style (`<descrip type="definition">`) or DCT style
(`<basic:definition>`, any module namespace, matched on the local name), looking into every
member of termGrp / termNoteGrp / descripGrp / adminGrp. `tbx_entries` maps levels to entries.
"""

from __future__ import annotations

import gc
import re
from xml.etree.ElementTree import Element

from workbench.errors import UserError
from workbench.formats.tbx_entries import KEYS as _TYPE_KEYS
from workbench.formats.tbx_entries import Level, Parts, key_of, rendering_of, term_of, with_ids
from workbench.formats.tbx_losses import Losses
from workbench.formats.tbx_xml import decode_xml, parse_xml
from workbench.glossary.model import Entry
from workbench.lang.languages import language_at

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MARK = "workbench:"

LANG_SECS = frozenset({"langSec", "langSet"})
TERM_SECS = frozenset({"termSec", "tig", "ntig"})
NO_SUBS: frozenset[str] = frozenset()
_GROUPS = frozenset({"termGrp", "termNoteGrp", "descripGrp", "adminGrp"})  # members belong to the enclosing level
_TYPED = frozenset({"termNote", "descrip", "admin", "ref", "xref", "transac", "descripNote", "adminNote", "transacNote"})

# Data categories the termbase has a place for (keys: lower case, without spaces, "-" or "_").
_NOTES = frozenset({"note", "usagenote", ""})  # "": a <descrip> without a type (Weblate's explanation)
_TERM_LEVEL = frozenset({"termtype", "administrativestatus", "normativeauthorization", "partofspeech"})
# Known TBX data categories with no place in the termbase: reported as "<name> not kept".
NOT_KEPT = {key.lower(): key for key in (
    "context", "grammaticalGender", "grammaticalNumber", "geographicalUsage", "customerSubset", "projectSubset",
    "crossReference", "externalCrossReference", "xGraphic", "responsibility", "termLocation", "reliabilityCode",
    "processStatus", "relatedConcept", "relatedTerm", "transactionType", "date", "example", "explanation",
    "register", "abbreviatedFormFor", "shortFormFor", "transferComment", "termProvenance", "conceptOrigin",
    "superordinateConceptGeneric", "subordinateConceptGeneric", "superordinateConceptPartitive",
    "subordinateConceptPartitive", "languagePlanningQualifier", "antonymConcept", "homograph", "image", "figure")}
def parse_tbx(data: bytes, origin: str) -> list[Entry]:
    """Every concept entry of a TBX v3 or v2 document (also those without English terms); problems are UserErrors."""
    return _read(data, origin)[0]


def read_tbx(data: bytes, origin: str) -> tuple[list[Entry], Losses]:
    """What an import takes: the entries with English terms, and what the file holds that they do not
    (kinds, counts, file:line). A file with concepts but no English term at all is refused."""
    entries, elements, losses = _read(data, origin)
    kept = [entry for entry in entries if entry.terms]
    if entries and not kept:
        root_lang = losses.root_lang
        source = f"its source language is {root_lang!r}" if root_lang else "no concept has an English language section"
        raise UserError(f"{origin}: none of its {len(entries)} concepts has an English term ({source}), and the "
                        "workbench's terms are English: export the termbase with English (xml:lang=\"en\") terms "
                        "and import it again; nothing was imported")
    for entry, element in zip(entries, elements, strict=True):
        if not entry.terms:
            losses.add("concept without an English term (not imported)", element, f"concept {entry.id}")
    return kept, losses


def _read(data: bytes, origin: str) -> tuple[list[Entry], list[Element], Losses]:
    # A large file is a million elements and objects made from them, none in a cycle: CPython's
    # cyclic collector would walk them all again and again (40% of the time); it waits instead.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _read_all(data, origin)
    finally:
        if paused:
            gc.enable()


def _read_all(data: bytes, origin: str) -> tuple[list[Entry], list[Element], Losses]:
    text = decode_xml(data, origin)
    root, lines = parse_xml(text, origin)
    body = next((el for el in root.iter("body")), None)
    if body is None:
        raise UserError(f"{origin} has no <text><body> element, so it holds no concepts; check it is a complete TBX file")
    root_lang = (root.get(_XML_LANG) or root.get("lang") or "").strip()
    losses = Losses(origin, lines.line, root_lang)
    walker = _Walker(origin, losses, root_lang)
    concepts, elements = [], []
    for element in body:
        if element.tag in ("conceptEntry", "termEntry"):
            concepts.append(walker.concept(element))
            elements.append(element)
        elif isinstance(element.tag, str):
            losses.add(f"unknown element {label_of(element)} in <body>", element)
    return with_ids(concepts, origin), elements, losses


_TAG_KEYS: dict[str, str] = {tag: "group" for tag in _GROUPS} | {tag: "typed" for tag in _TYPED} | {
    "note": "note", "term": "term", "transacGrp": "transaction"}


def _tag_key(tag: str) -> str:
    """What an element's name says: a DCT data category's key (its local name), or "element"."""
    key = _TAG_KEYS[tag] = key_of(tag.rpartition("}")[2]) if tag[0] == "{" else "element"
    return key


def label_of(element: Element) -> str:
    """How a report names an element: <descrip type="context">, <basic:context>, <transacGrp>."""
    tag = element.tag
    if tag[0] == "{":
        uri, _, local = tag[1:].partition("}")
        module = re.split(r"[/:#]", uri.rstrip("/#"))[-1] or "ns"
        return f"<{module}:{local}>"
    if tag in _TYPED:
        return f'<{tag} type="{element.get("type", "")}">'
    return f"<{tag}>"


def text_of(element: Element) -> str:
    return "".join(element.itertext()) if len(element) else element.text or ""


class _Walker:
    """Reads each concept's levels (`Level`) and puts its entry together (`Parts`)."""

    def __init__(self, origin: str, losses: Losses, root_lang: str):
        self.origin, self.losses = origin, losses
        root = language_at(root_lang, f"{origin}: the root's xml:lang") if root_lang else None
        self.root_code = "en" if root is None or root.is_english else root.code
        self._languages: dict[str, tuple[bool, str]] = {}

    def _language_code(self, raw: str, where: str) -> tuple[bool, str]:
        lang = language_at(raw, f"{where}, xml:lang")
        found = self._languages[raw] = (lang.is_english, "en" if lang.is_english else lang.code)
        return found

    def concept(self, element: Element) -> tuple[str | None, Parts]:
        """The concept's id (None when it has none) and what its entry is made of."""
        parts, concept = Parts(), Level(element)
        self._walk(element, concept, LANG_SECS, "a concept")
        parts.define(self.root_code, concept.definitions)
        parts.domains += concept.domains
        parts.sources += concept.sources
        parts.notes += concept.notes
        xml_id = concept.mark("id") or element.get("id") or None
        where = f"{self.origin}: concept {xml_id or '(no id)'}"
        for lang_sec in concept.subs:
            self._language(lang_sec, parts, where)
        return xml_id, parts

    def _language(self, element: Element, parts: Parts, where: str) -> None:
        raw = (element.get(_XML_LANG) or element.get("lang") or "").strip()
        if not raw:
            raise UserError(f'{where} has a language section without xml:lang; add xml:lang="en" (or its code)')
        english, code = self._languages.get(raw) or self._language_code(raw, where)
        section = Level(element)
        self._walk(element, section, TERM_SECS, "a language section")
        parts.define(code, section.definitions)
        parts.domains += section.domains
        parts.sources += section.sources
        lang_notes = [] if english else section.notes
        if english:
            parts.notes += section.notes
        elif lang_notes and not section.subs:
            parts.notes += [f"{code}: {note}" for note in lang_notes]
        for term_sec in section.subs:
            level = Level(term_sec)
            self._walk(term_sec, level, NO_SUBS, "")
            if level.term_element is None:
                self.losses.add("term section without a <term> (not imported)", term_sec)
                continue
            parts.define(code, level.definitions)
            parts.domains += level.domains
            if english:
                parts.add(parts.terms, level.term, term_of(level, where, self.losses), self.losses, level.term_element)
            else:
                rendering = rendering_of(code, level, where, self.losses, lang_notes)
                parts.add(parts.renderings, (code, level.term), rendering, self.losses, level.term_element)

    def _walk(self, element: Element, level: Level, sub_tags: frozenset[str], where: str) -> None:
        """Every member of the level, groups included, into `level`; what has no place is reported."""
        keys, types = _TAG_KEYS, _TYPE_KEYS
        for child in element:
            tag = child.tag
            if tag in sub_tags:
                level.subs.append(child)
                continue
            key = keys.get(tag) if isinstance(tag, str) else "-"
            if key is None:
                key = _tag_key(tag)
            if key == "typed":
                kind = child.get("type", "")
                key = types.get(kind) or key_of(kind)
            if key == "definition":
                level.definitions.append(text_of(child))
            elif key == "source":
                level.sources.append(text_of(child))
            elif key in _TERM_LEVEL and not where:
                self._term_note(key, text_of(child).strip(), child, level)
            elif key == "group":
                self._walk(child, level, sub_tags, where)
            elif key in _NOTES:
                self._note(text_of(child), level, child.tag == "note")
            elif key == "subjectfield":
                level.domains.append(text_of(child))
            elif key == "term" and not sub_tags:
                self._term(child, level)
            elif key != "-":
                self._not_kept(key, child, where)

    def _term(self, child: Element, level: Level) -> None:
        if level.term_element is None:
            level.term, level.term_element = text_of(child), child
        else:
            self.losses.add("second <term> in one term section (not imported)", child, repr(text_of(child)))

    def _not_kept(self, key: str, child: Element, where: str) -> None:
        if key in _TERM_LEVEL:
            self.losses.add(f"{label_of(child)} on {where} not kept", child)
        elif key in NOT_KEPT:
            self.losses.add(f"{NOT_KEPT[key]} not kept", child)
        elif key == "transaction":
            self.losses.add("transaction history <transacGrp> not kept", child)
        else:
            kind = "element" if key in ("element", "term") else "data category"
            self.losses.add(f"unknown {kind} {label_of(child)}", child)

    @staticmethod
    def _term_note(key: str, text: str, child: Element, level: Level) -> None:
        if key == "termtype":
            level.term_type = level.term_type or text
        elif key == "partofspeech":
            level.part_of_speech = level.part_of_speech or text
        elif not level.status:
            level.status, level.status_element = text, child

    @staticmethod
    def _note(text: str, level: Level, element_note: bool = True) -> None:
        if element_note and text.startswith(MARK):
            name, _, value = text[len(MARK):].partition("=")
            if name.strip() == "note":
                level.notes.append(value)
            else:
                level.marks.append((name.strip(), value))
        elif text:
            level.notes.append(text)
