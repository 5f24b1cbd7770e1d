"""An article's translations as XLIFF 2.1 or 1.2 (UTF-8); `workbench.formats.xliff` says what goes where."""

from __future__ import annotations

from collections.abc import Iterable

from workbench import __version__
from workbench.errors import UserError
from workbench.formats.safe_xml import NOT_XML_TEXT as NOT_XML
from workbench.formats.tmx_codes import escape_text, quote_attribute
from workbench.formats.translation_exchange import DRAFT, ExchangeDocument, ExchangeUnit, Note
from workbench.formats.xliff import WB_NAMESPACE, XLIFF_1_NAMESPACE, XLIFF_2_NAMESPACES, unit_id, xml_language

_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


def xliff_2_bytes(document: ExchangeDocument) -> bytes:
    _check(document)
    root = _attributes(xmlns=XLIFF_2_NAMESPACES[0], **{"xmlns:wb": WB_NAMESPACE}, version="2.1", srcLang="en",
                       trgLang=xml_language(document.target_lang))
    file = _attributes(id=f"article-{document.article_id}" if document.article_id is not None else "f1",
                       original=document.origin or None, canResegment="no",
                       **{"xml:space": "preserve", **_file_marks(document)})
    out = [_DECLARATION, f"<xliff{root}>\n", f"  <file{file}>\n"]
    if document.title:
        out.append(f'    <notes>\n      <note category="title">{escape_text(document.title)}</note>\n    </notes>\n')
    for unit in document.units:
        out.append(_unit_2(unit))
    out.append("  </file>\n</xliff>\n")
    return "".join(out).encode("utf-8")


def _unit_2(unit: ExchangeUnit) -> str:
    marks = {"wb:revision": str(unit.based_on)} if unit.based_on is not None else {}
    out = [f"    <unit{_attributes(id=unit_id(unit.segment_id), **marks)}>\n"]
    if unit.notes:
        out.append("      <notes>\n")
        out += [f"        <note{_attributes(category=note.category or None, appliesTo=note.applies_to or None)}>"
                f"{escape_text(note.text)}</note>\n" for note in unit.notes]
        out.append("      </notes>\n")
    state = "initial" if not unit.target or unit.status == DRAFT else "translated"
    out.append(f'      <segment state="{state}">\n        <source>{escape_text(unit.source)}</source>\n')
    if unit.target:
        out.append(f"        <target>{escape_text(unit.target)}</target>\n")
    out.append("      </segment>\n    </unit>\n")
    return "".join(out)


def xliff_1_bytes(document: ExchangeDocument) -> bytes:
    _check(document)
    root = _attributes(version="1.2", xmlns=XLIFF_1_NAMESPACE, **{"xmlns:wb": WB_NAMESPACE})
    original = document.origin or (f"article-{document.article_id}" if document.article_id is not None else "article")
    file = _attributes(original=original, **{"source-language": "en", "target-language": xml_language(document.target_lang)},
                       datatype="plaintext", **_file_marks(document))
    out = [_DECLARATION, f"<xliff{root}>\n", f"  <file{file}>\n", "    <header>\n",
           f'      <tool tool-id="workbench" tool-name="workbench" tool-version={quote_attribute(__version__)}/>\n']
    if document.title:
        out.append(f'      <note from="workbench">{escape_text(document.title)}</note>\n')
    out.append("    </header>\n    <body>\n")
    for unit in document.units:
        out.append(_unit_1(unit))
    out.append("    </body>\n  </file>\n</xliff>\n")
    return "".join(out).encode("utf-8")


def _unit_1(unit: ExchangeUnit) -> str:
    marks = {"wb:revision": str(unit.based_on)} if unit.based_on is not None else {}
    out = [f'      <trans-unit{_attributes(id=unit.segment_id, **{"xml:space": "preserve"}, **marks)}>\n',
           f"        <source>{escape_text(unit.source)}</source>\n"]
    if not unit.target:
        state = {"state": "needs-translation"}
    elif unit.status == DRAFT:
        state = {"state": "needs-review-translation", **({"state-qualifier": "mt-suggestion"} if unit.machine else {})}
    else:
        state = {"state": "translated"}
    out.append(f"        <target{_attributes(**state)}>{escape_text(unit.target)}</target>\n")
    out += [f"        {_note_1(note)}\n" for note in unit.notes]
    out.append("      </trans-unit>\n")
    return "".join(out)


def _note_1(note: Note) -> str:
    annotates = note.applies_to or "general"
    return f'<note{_attributes(**{"from": "workbench", "annotates": annotates})}>{escape_text(note.text)}</note>'


def _file_marks(document: ExchangeDocument) -> dict[str, str]:
    marks = {"wb:units": str(len(document.units))}
    if document.article_id is not None:
        marks["wb:article"] = str(document.article_id)
    return marks


def _attributes(**attributes: str | None) -> str:
    return "".join(f" {name}={quote_attribute(value)}" for name, value in attributes.items() if value is not None)


def _check(document: ExchangeDocument) -> None:
    """Refuse, before anything is written, a text that XML 1.0 cannot hold (a C0 control character)."""
    everything = "\n".join(text for unit in document.units for _label, text in _texts(unit))
    for unit in document.units if NOT_XML.search(everything) else ():  # which unit, only when one is bad
        for label, text in _texts(unit):
            found = NOT_XML.search(text)
            if found:
                raise UserError(f"segment {unit.segment_id}: its {label} holds U+{ord(found.group()):04X}, which XLIFF "
                                "(XML 1.0) cannot carry; correct it in the workbench and export again (nothing was written)")
    found = NOT_XML.search(document.title + document.origin)
    if found:
        raise UserError(f"the article's title or origin holds U+{ord(found.group()):04X}, which XLIFF cannot carry; "
                        "correct it and export again (nothing was written)")


def _texts(unit: ExchangeUnit) -> Iterable[tuple[str, str]]:
    yield "source", unit.source
    yield "translation", unit.target
    for note in unit.notes:
        yield "note", note.text
