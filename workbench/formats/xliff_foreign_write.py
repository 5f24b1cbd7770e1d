"""A foreign XLIFF file written back with its targets filled: every other character as it was.

The export changes the stored original's text only where a translation differs from what the file
held: the target's content (inline code tags written back as the exact XML they came from, a tag
that is no code of the segment written as text), its state (2.x `state` on the `<segment>`, 1.2
`state` on the `<target>`, and `approved="yes"` withdrawn from a unit that is now a draft), a
`<target>` added after the `<source>` where there was none, and the target language where the file
named none; in a unit segmented into `<mrk mtype="seg">`, the target `<mrk>` of each segment and
Trados's `sdl:seg conf` (Translated, Draft). Elements, attributes, namespaces, prefixes, extensions, skeletons, notes, comments and
whitespace are copied as they were; the file keeps its encoding.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.errors import UserError
from workbench.formats.safe_xml import NOT_XML_TEXT
from workbench.formats.tmx_codes import quote_attribute, write_segment
from workbench.formats.translation_exchange import DRAFT
from workbench.formats.xliff_foreign_read import SDL_NAMESPACE, ForeignXliff, Located
from workbench.formats.xliff_foreign_spans import with_attribute

_STATES = {2: {DRAFT: "initial"}, 1: {DRAFT: "needs-review-translation"}}  # anything else: "translated"


@dataclass(frozen=True)
class Filled:
    """A translation to write into the segment at `at`."""

    at: int
    text: str
    status: str


def foreign_bytes(original: ForeignXliff, filled: list[Filled], target_lang: str) -> bytes:
    """The original file with these translations; UserError before anything is written."""
    edits: list[tuple[int, int, str]] = []
    marked: dict[int, list[tuple[Located, Filled]]] = {}
    by_place = {item.segment.at: item for item in original.located}
    for translation in filled:
        item = by_place[translation.at]
        found = NOT_XML_TEXT.search(translation.text)
        if found:
            raise UserError(f"segment {translation.at + 1} (unit {item.segment.unit_id}): its translation holds "
                            f"U+{ord(found.group()):04X}, which XML cannot carry; correct it and export again "
                            "(nothing was written)")
        if (translation.text, translation.status) == (item.segment.target, item.segment.status):
            continue
        if item.marked:
            marked.setdefault(id(item.holder), []).append((item, translation))
        else:
            edits += _segment_edits(original, item, translation)
    if marked:
        by_at = {item.at: item for item in filled}
        parts: dict[int, list[Located]] = {}
        for item in original.located:
            parts.setdefault(id(item.holder), []).append(item)
        for key, changes in marked.items():
            edits += _marked_edits(original, changes, parts[key], by_at)
    if filled and not original.target_lang:
        edits += _language_edits(original, target_lang)
    return _spliced(original.text, edits).encode(original.encoding, errors="xmlcharrefreplace")


def _spliced(text: str, edits: list[tuple[int, int, str]]) -> str:
    """The text with each (start, end) range replaced; the ranges never overlap."""
    out, at = [], 0
    for start, end, replacement in sorted(edits):
        out += [text[at:start], replacement]
        at = end
    out.append(text[at:])
    return "".join(out)


def _segment_edits(original: ForeignXliff, item: Located, translation: Filled) -> list[tuple[int, int, str]]:
    spans, major = original.spans, original.major
    state = quote_attribute(_STATES[major].get(translation.status, "translated"))
    content = write_segment(translation.text, item.segment.codes)
    lead = ""
    if item.target is not None:
        span = spans[item.target]
        start_tag = spans.start_tag(item.target)
        end_tag = f"</{span.qname}>" if span.empty else spans.end_tag(item.target)
        if span.empty:
            start_tag = start_tag[:-2].rstrip() + ">"
        where = (span.start, span.end)
    else:
        prefix = spans[item.source].qname[: -len("source")]
        start_tag, end_tag = f"<{prefix}target>", f"</{prefix}target>"
        # 1.2 puts a <seg-source> (Trados, Okapi) between the source and the target
        after = next((child for child in item.holder if child.tag == item.source.tag.replace("}source", "}seg-source")
                      or child.tag == "seg-source"), item.source)
        where = (spans[after].end, spans[after].end)
        lead = _indent(original, item.source)
    if major == 1:
        start_tag = with_attribute(start_tag, "state", state)
    edits = [(*where, f"{lead}{start_tag}{content}{end_tag}")]
    if major == 2:
        edits.append(_attribute_edit(original, item.holder, "state", state))
    elif translation.status == DRAFT and item.unit.get("approved") == "yes":
        edits.append(_attribute_edit(original, item.unit, "approved", '"no"'))
    return edits


def _marked_edits(original: ForeignXliff, changes: list[tuple[Located, Filled]], unit_parts: list[Located],
                  filled: dict[int, Filled]) -> list[tuple[int, int, str]]:
    """The changed <mrk mtype="seg"> segments of one 1.2 unit: each target <mrk>'s content (a <target>
    made from the <seg-source> where the unit had none), the SDL confirmation of each, the unit's state."""
    spans = original.spans
    first = changes[0][0]
    statuses = [filled[item.segment.at].status if item.segment.at in filled else DRAFT for item in unit_parts]
    state = quote_attribute("translated" if all(status != DRAFT for status in statuses) else _STATES[1][DRAFT])
    edits = [edit for item, translation in changes if (edit := _conf_edit(original, item, translation.status)) is not None]
    if first.unit_target is None:
        return [*edits, _new_marked_target(original, unit_parts, filled, state)]
    for item, translation in changes:
        content = write_segment(translation.text, item.segment.codes)
        if item.target is None:  # a segment the target lacks: its <mrk> added at the end
            mark = spans.start_tag(item.source)
            edits.append((spans[first.unit_target].close_start, spans[first.unit_target].close_start,
                          f"{mark}{content}</{spans[item.source].qname}>"))
        elif spans[item.target].empty:
            edits.append((spans[item.target].start, spans[item.target].end,
                          f"{spans.start_tag(item.target)[:-2].rstrip()}>{content}</{spans[item.target].qname}>"))
        else:
            edits.append((spans[item.target].open_end, spans[item.target].close_start, content))
    edits.append(_attribute_edit(original, first.unit_target, "state", state))
    return edits


def _new_marked_target(original: ForeignXliff, parts: list[Located], filled: dict[int, Filled],
                       state: str) -> tuple[int, int, str]:
    """A <target> for a segmented unit that had none: the <seg-source> with each segment's translation."""
    spans, text = original.spans, original.text
    seg_source = next(child for child in parts[0].holder if child.tag.endswith("seg-source"))
    outer = spans[seg_source]
    out, at = [], outer.open_end
    for item in parts:
        mark = spans[item.source]
        translation = filled.get(item.segment.at)
        out += [text[at:mark.open_end], write_segment(translation.text, item.segment.codes) if translation else "",
                "" if mark.empty else spans.end_tag(item.source)]
        at = mark.end
    out.append(text[at:outer.close_start])
    prefix = outer.qname[: -len("seg-source")]
    lead = _indent(original, seg_source)
    start = with_attribute(f"<{prefix}target>", "state", state)
    return outer.end, outer.end, f"{lead}{start}{''.join(out)}</{prefix}target>"


def _conf_edit(original: ForeignXliff, item: Located, status: str) -> tuple[int, int, str] | None:
    """Trados's own confirmation of the segment (sdl:seg conf), where the file has one."""
    mid = item.source.get("mid")
    conf = next((seg for seg in item.holder.iter(f"{{{SDL_NAMESPACE}}}seg") if seg.get("id") == mid), None)
    if conf is None:
        return None
    return _attribute_edit(original, conf, "conf", quote_attribute("Draft" if status == DRAFT else "Translated"))


def _indent(original: ForeignXliff, source) -> str:
    """The whitespace the file puts before the <source>, to put before an added <target>."""
    text, start = original.text, original.spans[source].start
    before = text[text.rfind(">", 0, start) + 1:start]
    return before if not before.strip() else ""


def _attribute_edit(original: ForeignXliff, element, name: str, quoted: str) -> tuple[int, int, str]:
    span = original.spans[element]
    return span.start, span.open_end, with_attribute(original.spans.start_tag(element), name, quoted)


def _language_edits(original: ForeignXliff, target_lang: str) -> list[tuple[int, int, str]]:
    """The target language, where the file did not name one (2.x on <xliff>, 1.2 on each <file>)."""
    code = quote_attribute(target_lang.replace("_", "-"))
    if original.major == 2:
        return [_attribute_edit(original, original.root, "trgLang", code)]
    files = [child for child in original.root if child.tag.rpartition("}")[2] == "file"]
    return [_attribute_edit(original, file, "target-language", code) for file in files if not file.get("target-language")]
