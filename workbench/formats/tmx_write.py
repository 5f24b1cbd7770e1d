"""Writing units as TMX 1.4b (UTF-8) that `workbench.formats.tmx_read` reads back to the same units.

A unit read from TMX is written from what its `extra` kept (attributes, props, notes, language
codes as the file wrote them, inline codes' XML); a unit of the workbench's own (confirmed in an
article) gets its dates and authors as `<tu>` attributes and its previous segment's source as an
`x-context-pre` prop. Consecutive units of one `<tu>` (the same tuid, source and kept `<tu>` data,
other target languages) are written as one `<tu>` again. The header is the workbench's; the
header props and notes of the units' files are written in it (each once).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from workbench import __version__
from workbench.errors import UserError
from workbench.formats.safe_xml import NOT_XML_TEXT
from workbench.formats.tmx import CONTEXT_PROPS, TmxUnit
from workbench.formats.tmx_codes import escape_text, quote_attribute, write_segment
from workbench.lang.languages import language

# What XML 1.0 cannot hold (C0 controls but tab, LF, CR; U+FFFE/U+FFFF; lone surrogates).


def tmx_bytes(units: Sequence[TmxUnit], describe=lambda index, unit: f"unit {index + 1}") -> bytes:
    """The TMX document; UserError naming the unit (`describe`) when a text cannot be XML."""
    header = _header(units)
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n', header, "  <body>\n"]
    index = 0
    while index < len(units):
        group = _group(units, index)
        for offset, unit in enumerate(group):
            _check(unit, describe(index + offset, unit))
        out.append(_tu(group))
        index += len(group)
    out.append("  </body>\n</tmx>\n")
    return "".join(out).encode("utf-8")


def tmx_date(value: dt.datetime) -> str:
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC)
    return value.strftime("%Y%m%dT%H%M%SZ")


def _header(units: Sequence[TmxUnit]) -> str:
    props: dict[str, list] = {}
    notes: dict[str, list] = {}
    for unit in units:
        kept = unit.extra.get("tmx", {}).get("header")
        if kept:
            for item in kept.get("props", ()):
                props.setdefault(json.dumps(item, sort_keys=True), item)
            for item in kept.get("notes", ()):
                notes.setdefault(json.dumps(item, sort_keys=True), item)
    attributes = {"creationtool": "workbench", "creationtoolversion": __version__, "datatype": "plaintext",
                  "segtype": "sentence", "adminlang": "en", "srclang": "en", "o-tmf": "workbench"}
    inner = _props_notes({"props": list(props.values()), "notes": list(notes.values())}, "    ")
    opening = f"  <header{_attributes(attributes)}"
    return f"{opening}>\n{inner}  </header>\n" if inner else f"{opening}/>\n"


def _shared(unit: TmxUnit) -> tuple | None:
    """What the units of one <tu> have in common, or None for a unit that is a <tu> of its own."""
    kept = unit.extra.get("tmx")
    if unit.tuid is None or kept is None:
        return None
    return (unit.tuid, unit.source_lang, unit.source_text, unit.previous_source,
            json.dumps([kept.get("tu"), kept.get("source")], sort_keys=True))


def _group(units: Sequence[TmxUnit], start: int) -> list[TmxUnit]:
    first = units[start]
    shared = _shared(first)
    group = [first]
    if shared is None:
        return group
    languages = {first.target_lang}
    for unit in units[start + 1:]:
        if unit.target_lang in languages or _shared(unit) != shared:
            break
        group.append(unit)
        languages.add(unit.target_lang)
    return group


def _check(unit: TmxUnit, name: str) -> None:
    for label, text in (("source", unit.source_text), ("target", unit.target_text),
                        ("previous source", unit.previous_source), ("author", unit.created_by or ""),
                        ("author", unit.changed_by or ""), ("tuid", unit.tuid or "")):
        found = NOT_XML_TEXT.search(text)
        if found:
            raise UserError(f"{name}: its {label} holds U+{ord(found.group()):04X}, which TMX (XML 1.0) cannot "
                            "carry; correct the text and export again (nothing was written)")


def _tu(group: list[TmxUnit]) -> str:
    first = group[0]
    kept = first.extra.get("tmx")
    if kept is not None:
        tu_kept = kept.get("tu", {})
        attributes = dict(tu_kept.get("attrs", {}))
    else:
        tu_kept = {}
        attributes = {}
        if first.created_at is not None:
            attributes["creationdate"] = tmx_date(first.created_at)
        if first.created_by:
            attributes["creationid"] = first.created_by
        if first.changed_at is not None:
            attributes["changedate"] = tmx_date(first.changed_at)
        if first.changed_by:
            attributes["changeid"] = first.changed_by
    if first.tuid is not None:
        attributes = {"tuid": first.tuid, **attributes}
    props = list(tu_kept.get("props", ()))
    if first.previous_source and not any(item[0].get("type") in CONTEXT_PROPS for item in props):
        props.append([{"type": "x-context-pre"}, first.previous_source])
    out = [f"    <tu{_attributes(attributes)}>\n", _props_notes({"props": props, "notes": tu_kept.get("notes", ())}, "      ")]
    source = (kept or {}).get("source", {})
    out.append(_tuv(first.source_lang, first.source_text, source))
    for unit in group:
        out.append(_tuv(unit.target_lang, unit.target_text, unit.extra.get("tmx", {}).get("target", {})))
    out.append("    </tu>\n")
    return "".join(out)


def _tuv(code: str, text: str, kept: dict) -> str:
    tag = kept.get("lang") or language(code).tag
    attributes = {"xml:lang": tag, **kept.get("attrs", {})}
    inner = _props_notes(kept, "        ")
    seg = f"<seg>{write_segment(text, kept.get('codes'))}</seg>"
    if inner:
        return f"      <tuv{_attributes(attributes)}>\n{inner}        {seg}\n      </tuv>\n"
    return f"      <tuv{_attributes(attributes)}>{seg}</tuv>\n"


def _props_notes(kept: dict, indent: str) -> str:
    out = []
    for name in ("prop", "note"):
        for attributes, text in kept.get(f"{name}s", ()):
            out.append(f"{indent}<{name}{_attributes(attributes)}>{escape_text(text)}</{name}>\n")
    return "".join(out)


def _attributes(attributes: dict[str, str]) -> str:
    return "".join(f" {name}={quote_attribute(str(value))}" for name, value in attributes.items())
