"""TBX (TermBase eXchange, ISO 30042) for glossary entries: bytes in, entries out, and back.

Reading accepts TBX v3 (`<tbx>`, ISO 30042:2019, any dialect; DCA-style data categories) and
TBX v2 (`<martif type="TBX">` with `termEntry` / `langSet` / `tig` or `ntig`). Writing produces
TBX v3, dialect TBX-Basic, DCA style. Use `glossary_io`, which checks entries before writing.

Safety. XML is parsed with defusedxml: a file that declares entities (XXE, "billion laughs",
any `<!ENTITY>`) is refused with a UserError and nothing is expanded or fetched. A plain
`<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">` is allowed (the DTD is never loaded).
Malformed XML is reported with its line and column; bytes that do not match the encoding
(declared, from the byte-order mark, or UTF-8 by default) are reported with their offset.

Mapping (Entry -> TBX-Basic; reading maps back):

    Entry.id           conceptEntry/@id; an id that is not an XML name (NCName), such as
                       "2020-election", gets a generated @id plus <note>workbench:id=...</note>
    Entry.domain       <descrip type="subjectField"> (concept level)
    Entry.definition   <descrip type="definition"> (concept level; read also from the English langSec)
    Entry.sources      one <admin type="source"> per source (concept level)
    Entry.note         <note> (concept level)
    Term               <termSec> in <langSec xml:lang="en">, in order
      kind             <termNote type="termType">: full = fullForm, abbreviation = abbreviation,
                       variant = variant. Read: acronym / abbreviation / shortForm / initialism /
                       clippedTerm -> abbreviation; fullForm / phrase / none -> full; others -> variant
    Rendering          <termSec> in <langSec xml:lang="LANG">; consecutive renderings of one
                       language share a langSec, so the order of renderings survives
      status           <termNote type="administrativeStatus">:
                         approved   = preferredTerm-admn-sts
                         proposed   = admittedTerm-admn-sts
                         deprecated = deprecatedTerm-admn-sts
                         forbidden  = deprecatedTerm-admn-sts      + <note>workbench:status=forbidden</note>
                         rejected   = notRecommendedTerm-admn-sts  + <note>workbench:status=rejected</note>
                       Read without a workbench note: preferred / standardized / legal / regulated
                       -> approved; admitted / missing / unknown -> proposed (the desk reviews
                       foreign terms); deprecated / superseded / notRecommended -> deprecated.
                       Short forms ("preferred") and v2 normativeAuthorization are accepted.
      source           <admin type="source">
      note             <note>

Workbench notes. What TBX-Basic has no data category for is a `<note>` whose text starts with
"workbench:" (valid TBX-Basic, shown as a note by other tools):
    term:      workbench:case=exact|ignore (auto is not written), workbench:before-name,
               workbench:not-followed-by=WORD, workbench:not-preceded-by=WORD (one note a word)
    rendering: workbench:status=..., workbench:do-not-translate, workbench:honorific
    entry:     workbench:id=...
A user's note that itself starts with "workbench:" is written as "workbench:note=TEXT".
Other notes are user notes; several are joined with a line break.

Reading foreign files: elements and attributes not named above are ignored; terms in
English (xml:lang "en" or "en-XX") become Terms, other languages Renderings; a concept
without an id gets one from `entry_id_for` of its first English term (made unique).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field, replace
from itertools import groupby
from xml.etree.ElementTree import Element, ParseError
from xml.parsers.expat import errors as expat_errors

from defusedxml import DefusedXmlException, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import fromstring

from workbench.errors import UserError
from workbench.glossary.model import (
    ABBREVIATION,
    APPROVED,
    CASE_AUTO,
    CASE_RULES,
    DEPRECATED,
    FORBIDDEN,
    FULL,
    PROPOSED,
    REJECTED,
    STATUSES,
    VARIANT,
    ContextRule,
    Entry,
    Rendering,
    Term,
    entry_id_for,
)
from workbench.lang.languages import language, language_at

TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_MARK = "workbench:"

STATUS_TO_TBX = {  # see the module docstring
    APPROVED: "preferredTerm-admn-sts", PROPOSED: "admittedTerm-admn-sts", DEPRECATED: "deprecatedTerm-admn-sts",
    FORBIDDEN: "deprecatedTerm-admn-sts", REJECTED: "notRecommendedTerm-admn-sts",
}
_MARKED_STATUSES = (FORBIDDEN, REJECTED)  # their administrative status alone reads back otherwise
_TBX_TO_STATUS = {
    "preferred": APPROVED, "standardized": APPROVED, "legal": APPROVED, "regulated": APPROVED,
    "admitted": PROPOSED, "deprecated": DEPRECATED, "superseded": DEPRECATED, "notrecommended": DEPRECATED,
}
KIND_TO_TBX = {FULL: "fullForm", ABBREVIATION: "abbreviation", VARIANT: "variant"}
_ABBREVIATIONS = {"abbreviation", "acronym", "shortForm", "initialism", "clippedTerm"}
_FULL_FORMS = {"", "fullForm", "phrase"}


# ---------------------------------------------------------------- reading

def parse_tbx(data: bytes, origin: str) -> list[Entry]:
    """The concept entries of a TBX v3 or v2 document; every problem is a UserError."""
    root = _parse_xml(_decode_xml(data, origin), origin)
    body = next((el for el in root.iter("body")), None)
    if body is None:
        raise UserError(f"{origin} has no <text><body> element, so it holds no concepts; check it is a complete TBX file")
    concepts = [_read_concept(el, origin) for el in body if el.tag in ("conceptEntry", "termEntry")]
    return _with_ids(concepts, origin)


def _decode_xml(data: bytes, origin: str) -> str:
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


def _parse_xml(text: str, origin: str) -> Element:
    try:
        root = fromstring(text, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except EntitiesForbidden as error:
        raise UserError(f"{origin} declares XML entities ({error.name!r}); refusing to expand them — "
                        "remove the <!ENTITY> declarations from its DOCTYPE and try again") from None
    except ExternalReferenceForbidden as error:
        raise UserError(f"{origin} refers to an external resource ({error.sysid!r}); refusing to load it — "
                        "remove the reference and try again") from None
    except DefusedXmlException as error:
        raise UserError(f"{origin} uses an XML feature refused for safety ({error}); remove it and try again") from None
    except ParseError as error:
        line, column = error.position
        reason = expat_errors.messages.get(error.code, "not well-formed")
        raise UserError(f"{origin} is not well-formed XML (line {line}, column {column + 1}: {reason}); "
                        "the file may be truncated or damaged — export it again") from None
    name = root.tag.rpartition("}")[2]
    if name not in ("tbx", "martif"):
        raise UserError(f"{origin} is XML but its root element is <{name}>, not <tbx> (TBX v3) or "
                        "<martif> (TBX v2); choose a TBX file")
    if root.tag.startswith("{"):  # TBX elements (the root's namespace) by plain name
        prefix = root.tag.partition("}")[0] + "}"
        for element in root.iter():
            if isinstance(element.tag, str) and element.tag.startswith(prefix):
                element.tag = element.tag[len(prefix):]
    return root


@dataclass
class _Section:
    """What one element level (concept, termSec, tig, ntig) says, before mapping."""

    text: str = ""
    term_notes: dict[str, str] = field(default_factory=dict)
    descrips: dict[str, list[str]] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    marks: list[tuple[str, str]] = field(default_factory=list)
    lang_secs: list[Element] = field(default_factory=list)

    def mark(self, key: str) -> str | None:
        return next((value for name, value in self.marks if name == key), None)

    def user_note(self) -> str:
        return "\n".join(self.notes + [value for name, value in self.marks if name == "note"])


def _members(element: Element):
    """Child elements, looking into term / termNote groups and the main item of descrip / admin groups."""
    for child in element:
        if not isinstance(child.tag, str):
            continue
        if child.tag in ("termGrp", "termNoteGrp"):
            yield from _members(child)
        elif child.tag in ("descripGrp", "adminGrp"):
            yield from (first for first in list(child)[:1] if isinstance(first.tag, str))
        else:
            yield child


_SECTION_TAGS = {"term", "termNote", "descrip", "admin", "note"}


def _text(element: Element) -> str:
    return "".join(element.itertext()) if len(element) else element.text or ""


def _read_section(element: Element) -> _Section:
    section = _Section()
    for child in _members(element):
        if child.tag in ("langSec", "langSet"):
            section.lang_secs.append(child)
            continue
        if child.tag not in _SECTION_TAGS:
            continue
        text = _text(child)
        kind = child.get("type", "")
        if child.tag == "term" and not section.text:
            section.text = text
        elif child.tag == "termNote":
            section.term_notes.setdefault(kind, text.strip())
        elif child.tag == "descrip":
            section.descrips.setdefault(kind, []).append(text)
        elif child.tag == "admin" and kind == "source":
            section.sources.append(text)
        elif child.tag == "note" and text.startswith(_MARK):
            key, _, value = text[len(_MARK):].partition("=")
            section.marks.append((key.strip(), value))
        elif child.tag == "note" and text:
            section.notes.append(text)
    return section


def _read_concept(element: Element, origin: str) -> tuple[str | None, Entry]:
    """The concept's id (None when it has none) and its entry (with an id still to be given)."""
    concept = _read_section(element)
    xml_id = concept.mark("id") or element.get("id") or None
    where = f"{origin}: concept {xml_id or '(no id)'}"
    terms: list[Term] = []
    renderings: list[Rendering] = []
    english_definitions: list[str] = []
    for lang_sec in concept.lang_secs:
        raw = (lang_sec.get(_XML_LANG) or lang_sec.get("lang") or "").strip()
        if not raw:
            raise UserError(f'{where} has a language section without xml:lang; add xml:lang="en" (or its code)')
        lang = language_at(raw, f"{where}, xml:lang")
        english = lang.is_english
        for child in _members(lang_sec):
            if child.tag in ("termSec", "tig", "ntig") and english:
                terms.append(_term(_read_section(child), where))
            elif child.tag in ("termSec", "tig", "ntig"):
                renderings.append(_rendering(lang.code, _read_section(child), where))
            elif english and child.tag == "descrip" and child.get("type") == "definition":
                english_definitions.append(_text(child))
    definition = "\n".join(concept.descrips.get("definition", []) or english_definitions)
    sources = (re.sub(r"\r\n|\r|\n", " ", source).strip() for source in concept.sources)
    domain = "; ".join(concept.descrips.get("subjectField", []))
    return xml_id, Entry("", tuple(terms), tuple(renderings), domain, definition, concept.user_note(),
                         tuple(source for source in sources if source))


def _term(section: _Section, where: str) -> Term:
    term_type = section.term_notes.get("termType", "")
    kind = ABBREVIATION if term_type in _ABBREVIATIONS else FULL if term_type in _FULL_FORMS else VARIANT
    case = section.mark("case") or CASE_AUTO
    if case not in CASE_RULES:
        raise UserError(f"{where}: term {section.text!r} has workbench:case={case!r}; use one of {', '.join(CASE_RULES)}")
    context = ContextRule(
        before_name=section.mark("before-name") is not None,
        not_followed_by=tuple(value for key, value in section.marks if key == "not-followed-by"),
        not_preceded_by=tuple(value for key, value in section.marks if key == "not-preceded-by"),
    )
    return Term(section.text, kind, case, context)


def _rendering(lang: str, section: _Section, where: str) -> Rendering:
    status = section.mark("status")
    if status is None:
        raw = section.term_notes.get("administrativeStatus") or section.term_notes.get("normativeAuthorization", "")
        key = raw.removesuffix("-admn-sts").removesuffix("Term").replace("-", "").lower()
        status = _TBX_TO_STATUS.get(key, PROPOSED)
    elif status not in STATUSES:
        raise UserError(f"{where}: rendering {section.text!r} has workbench:status={status!r}; "
                        f"use one of {', '.join(STATUSES)}")
    return Rendering(
        lang=lang, text=section.text, status=status,
        do_not_translate=section.mark("do-not-translate") is not None,
        honorific=section.mark("honorific") is not None,
        note=section.user_note(), source="; ".join(section.sources),
    )


def _with_ids(concepts: list[tuple[str | None, Entry]], origin: str) -> list[Entry]:
    """Entries with their ids: duplicates refused, missing ones derived from the first term."""
    used: set[str] = set()
    for xml_id, _entry in concepts:
        if xml_id in used:
            raise UserError(f"{origin}: two concepts have the id {xml_id!r}; give each concept its own id")
        used.update([xml_id] if xml_id is not None else [])
    entries = []
    for xml_id, entry in concepts:
        if xml_id is None:
            xml_id = _unique(entry_id_for(entry.preferred if entry.terms else ""), used)
            used.add(xml_id)
        entries.append(replace(entry, id=xml_id))
    return entries


def _unique(base: str, used: set[str]) -> str:
    candidate, number = base, 1
    while candidate in used:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


# ---------------------------------------------------------------- writing

_HEADER = f"""<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="{TBX_NAMESPACE}">
  <tbxHeader>
    <fileDesc><sourceDesc><p>Glossary exported by the translation workbench</p></sourceDesc></fileDesc>
  </tbxHeader>
  <text>
    <body>"""
_FOOTER = """    </body>
  </text>
</tbx>
"""
_NCNAME = re.compile(r"[A-Za-z_][A-Za-z0-9._-]*\Z")


def render_tbx(entries: list[Entry]) -> bytes:
    """A TBX v3 TBX-Basic document (UTF-8) holding the entries."""
    lines = [_HEADER]
    for entry, xml_id in zip(entries, _xml_ids(entries), strict=False):
        lines.extend(_concept_lines(entry, xml_id))
    lines.append(_FOOTER)
    return "\n".join(lines).encode("utf-8")


def _xml_ids(entries: list[Entry]) -> list[str]:
    used = {entry.id for entry in entries}
    ids = []
    for entry in entries:
        if _NCNAME.match(entry.id):
            ids.append(entry.id)
        else:
            ids.append(_unique(f"entry-{len(ids) + 1}", used))
            used.add(ids[-1])
    return ids


def _concept_lines(entry: Entry, xml_id: str) -> list[str]:
    pad = " " * 8
    lines = [f'      <conceptEntry id="{_attribute(xml_id)}">']
    if xml_id != entry.id:
        lines.append(_element(pad, "note", _MARK + "id=" + entry.id))
    if entry.domain:
        lines.append(_element(pad, "descrip", entry.domain, type="subjectField"))
    if entry.definition:
        lines.append(_element(pad, "descrip", entry.definition, type="definition"))
    lines.extend(_element(pad, "admin", source, type="source") for source in entry.sources)
    lines.extend(_user_notes(pad, entry.note))
    if entry.terms:
        lines.append(f'{pad}<langSec xml:lang="en">')
        lines.extend(line for term in entry.terms for line in _term_lines(term))
        lines.append(f"{pad}</langSec>")
    for lang, group in groupby(entry.renderings, key=lambda rendering: rendering.lang):
        lines.append(f'{pad}<langSec xml:lang="{_attribute(language(lang).tag)}">')
        lines.extend(line for rendering in group for line in _rendering_lines(rendering))
        lines.append(f"{pad}</langSec>")
    lines.append("      </conceptEntry>")
    return lines


def _term_lines(term: Term) -> list[str]:
    marks = [f"case={term.case}"] if term.case != CASE_AUTO else []
    marks += ["before-name"] if term.context.before_name else []
    marks += [f"not-followed-by={word}" for word in term.context.not_followed_by]
    marks += [f"not-preceded-by={word}" for word in term.context.not_preceded_by]
    return _term_section(term.text, ("termType", KIND_TO_TBX[term.kind]), marks)


def _rendering_lines(rendering: Rendering) -> list[str]:
    marks = [f"status={rendering.status}"] if rendering.status in _MARKED_STATUSES else []
    marks += ["do-not-translate"] if rendering.do_not_translate else []
    marks += ["honorific"] if rendering.honorific else []
    status = ("administrativeStatus", STATUS_TO_TBX[rendering.status])
    return _term_section(rendering.text, status, marks, rendering.source, rendering.note)


def _term_section(text: str, term_note: tuple[str, str], marks: list[str], source: str = "", note: str = "") -> list[str]:
    pad = " " * 12
    lines = ["          <termSec>", _element(pad, "term", text), _element(pad, "termNote", term_note[1], type=term_note[0])]
    if source:
        lines.append(_element(pad, "admin", source, type="source"))
    lines.extend(_element(pad, "note", _MARK + mark) for mark in marks)
    lines.extend(_user_notes(pad, note))
    lines.append("          </termSec>")
    return lines


def _user_notes(pad: str, note: str) -> list[str]:
    if not note:
        return []
    return [_element(pad, "note", _MARK + "note=" + note if note.startswith(_MARK) else note)]


def _element(pad: str, name: str, text: str, **attributes: str) -> str:
    attrs = "".join(f' {key}="{_attribute(value)}"' for key, value in attributes.items())
    return f"{pad}<{name}{attrs}>{_escape(text)}</{name}>"


def _escape(text: str) -> str:
    # "\r" as a character reference: a parser turns a literal CR (or CRLF) into LF.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _attribute(text: str) -> str:
    return _escape(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")
