"""Writing TBX v3, dialect TBX-Basic, DCA style: the writing half of the mapping in `workbench.formats.tbx`."""

from __future__ import annotations

import re
from itertools import groupby

from workbench.formats.tbx_entries import unique
from workbench.formats.tbx_xml import TBX_NAMESPACE
from workbench.glossary.model import (
    ABBREVIATION,
    APPROVED,
    CASE_AUTO,
    DEPRECATED,
    FORBIDDEN,
    FULL,
    PROPOSED,
    REJECTED,
    VARIANT,
    Entry,
    Rendering,
    Term,
)
from workbench.lang.languages import language

MARK = "workbench:"
STATUS_TO_TBX = {  # see the module docstring of workbench.formats.tbx
    APPROVED: "preferredTerm-admn-sts", PROPOSED: "admittedTerm-admn-sts", DEPRECATED: "deprecatedTerm-admn-sts",
    FORBIDDEN: "deprecatedTerm-admn-sts", REJECTED: "notRecommendedTerm-admn-sts",
}
_MARKED_STATUSES = (FORBIDDEN, REJECTED)  # their administrative status alone reads back otherwise
KIND_TO_TBX = {FULL: "fullForm", ABBREVIATION: "abbreviation", VARIANT: "variant"}

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
_PAD = " " * 8  # concept and language-section members
_TERM_PAD = " " * 12


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
            ids.append(unique(f"entry-{len(ids) + 1}", used))
            used.add(ids[-1])
    return ids


def _concept_lines(entry: Entry, xml_id: str) -> list[str]:
    lines = [f'      <conceptEntry id="{_attribute(xml_id)}">']
    if xml_id != entry.id:
        lines.append(_element(_PAD, "note", MARK + "id=" + entry.id))
    if entry.domain:
        lines.append(_element(_PAD, "descrip", entry.domain, type="subjectField"))
    if entry.definition and not entry.terms:
        lines.append(_element(_PAD, "descrip", entry.definition, type="definition"))
    lines.extend(_element(_PAD, "admin", source, type="source") for source in entry.sources)
    lines.extend(_user_notes(_PAD, entry.note))
    if entry.terms:
        lines.extend(_lang_sec("en", entry.definition, [line for term in entry.terms for line in _term_lines(term)]))
    definitions = dict(entry.definitions)
    for lang, group in groupby(entry.renderings, key=lambda rendering: rendering.lang):
        members = [line for rendering in group for line in _rendering_lines(rendering)]
        lines.extend(_lang_sec(lang, definitions.pop(lang, ""), members))
    for lang, definition in definitions.items():  # a language with a definition and no rendering
        lines.extend(_lang_sec(lang, definition, []))
    lines.append("      </conceptEntry>")
    return lines


def _lang_sec(lang: str, definition: str, members: list[str]) -> list[str]:
    tag = "en" if lang == "en" else language(lang).tag
    lines = [f'{_PAD}<langSec xml:lang="{_attribute(tag)}">']
    if definition:
        lines.append(_element(_PAD + "  ", "descrip", definition, type="definition"))
    return lines + members + [f"{_PAD}</langSec>"]


def _term_lines(term: Term) -> list[str]:
    marks = [f"case={term.case}"] if term.case != CASE_AUTO else []
    marks += ["before-name"] if term.context.before_name else []
    marks += [f"not-followed-by={word}" for word in term.context.not_followed_by]
    marks += [f"not-preceded-by={word}" for word in term.context.not_preceded_by]
    notes = [("termType", KIND_TO_TBX[term.kind])]
    notes += [("administrativeStatus", f"{term.status}Term-admn-sts")] if term.status else []
    notes += [("partOfSpeech", term.part_of_speech)] if term.part_of_speech else []
    return _term_section(term.text, notes, marks, term.source, term.note)


def _rendering_lines(rendering: Rendering) -> list[str]:
    marks = [f"status={rendering.status}"] if rendering.status in _MARKED_STATUSES else []
    marks += ["do-not-translate"] if rendering.do_not_translate else []
    marks += ["honorific"] if rendering.honorific else []
    notes = [("administrativeStatus", STATUS_TO_TBX[rendering.status])]
    notes += [("partOfSpeech", rendering.part_of_speech)] if rendering.part_of_speech else []
    return _term_section(rendering.text, notes, marks, rendering.source, rendering.note)


def _term_section(text: str, term_notes: list[tuple[str, str]], marks: list[str], source: str, note: str) -> list[str]:
    lines = ["          <termSec>", _element(_TERM_PAD, "term", text)]
    lines.extend(_element(_TERM_PAD, "termNote", value, type=kind) for kind, value in term_notes)
    if source:
        lines.append(_element(_TERM_PAD, "admin", source, type="source"))
    lines.extend(_element(_TERM_PAD, "note", MARK + mark) for mark in marks)
    lines.extend(_user_notes(_TERM_PAD, note))
    lines.append("          </termSec>")
    return lines


def _user_notes(pad: str, note: str) -> list[str]:
    if not note:
        return []
    return [_element(pad, "note", MARK + "note=" + note if note.startswith(MARK) else note)]


def _element(pad: str, name: str, text: str, **attributes: str) -> str:
    attrs = "".join(f' {key}="{_attribute(value)}"' for key, value in attributes.items())
    return f"{pad}<{name}{attrs}>{_escape(text)}</{name}>"


def _escape(text: str) -> str:
    # "\r" as a character reference: a parser turns a literal CR (or CRLF) into LF.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _attribute(text: str) -> str:
    return _escape(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")
