"""Exchange an article's translations as PO or XLIFF files: what the CLI and the TUI share.

Export writes every segment (translated, draft, or empty) as a unit of an `ExchangeDocument`, which a
format (`workbench.formats.translation_exchange`) writes; import checks every unit of a document read
from a file against the article as it is now and returns the rows to save, refusing the whole file on
the first problem (one `UserError`, nothing written).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.app.repetitions import imported_propagation
from workbench.errors import UserError
from workbench.formats.po import PoUnit
from workbench.formats.translation_exchange import (
    DRAFT,
    REVISION_NOTE,
    ExchangeDocument,
    ExchangeUnit,
    Note,
    po_revision,
)
from workbench.storage.translation_records import StaleTranslation, TranslationChange

if TYPE_CHECKING:
    from workbench.app.workspace import Workspace

__all__ = ["REVISION_NOTE", "export_document", "exported_revision", "header_article", "import_rows",
           "save_imported", "target_language_of", "unicode_document"]


def export_document(workspace: Workspace, article_id: int, target: str, with_mt: bool = False,
                    with_checks: bool = False) -> ExchangeDocument:
    """Every segment of the article as a unit, in article order; `with_checks`: with its QA issues
    and glossary hits as notes."""
    from workbench.lang.languages import language

    article = workspace.article(article_id)
    saved = workspace.store.translations(article_id, target)
    _model, mt = workspace.stored_mt(article_id, target)
    index = workspace.glossary_index() if with_checks else None
    units = []
    for segment in workspace.store.segments(article_id):
        machine = mt[segment.segment_id].text if segment.segment_id in mt else ""
        row = saved.get(segment.segment_id)
        notes = [Note(_location(segment), "location")]
        notes += [Note(f"MT: {machine}", "mt", "target")] if machine else []
        if row is not None and row.text:
            text, status, from_mt = row.text, row.status, False
        elif with_mt and machine:
            text, status, from_mt = machine, DRAFT, True
        else:
            text, status, from_mt = "", DRAFT, False
        if index is not None:
            notes += _check_notes(article_id, segment.segment_id, segment.text, text, target, index)
        # The revision the file is based on: importing it over a later edit is refused, not applied.
        units.append(ExchangeUnit(segment.segment_id, segment.text, text, status if text else DRAFT,
                                  row.revision if row else 0, tuple(notes), machine=from_mt))
    title = f"{article.title} — {language(target).english_name}"
    return ExchangeDocument(target, article_id, article.origin or "", units, title=title)


def _location(segment) -> str:
    """Where the segment is: its paragraph, or its part of the header (title, byline…) once articles have one."""
    kind = getattr(segment, "kind", "body")
    return f"paragraph {segment.paragraph_index + 1}" if kind == "body" else kind


def _check_notes(article_id: int, segment_id: str, source: str, text: str, target: str, index) -> list[Note]:
    """The segment's glossary hits and the QA issues of its translation, one note each."""
    from workbench.app.checking import segment_issues

    hits = index.hits(source, target)
    notes = [Note(_hit_line(hit), "glossary", "source") for hit in hits]
    notes += [Note(f"QA {issue.severity} ({issue.check_id}): {issue.message}", "qa", "target")
              for issue in segment_issues(article_id, segment_id, source, text, target, hits)]
    return notes


def _hit_line(hit) -> str:
    if hit.retired:
        return f"glossary: {hit.source_text} is a {hit.retired} term; use {hit.use_instead}"
    if hit.do_not_translate:
        return f"glossary: {hit.source_text}: do not translate"
    parts = [f"glossary: {hit.source_text}"]
    if hit.approved:
        parts.append(f"→ {' / '.join(hit.approved)} (approved)")
    if hit.proposals:
        parts.append(f"proposed: {' / '.join(hit.proposals)}")
    if hit.forbidden:
        parts.append(f"forbidden: {' / '.join(hit.forbidden)}")
    return " ".join(parts) if len(parts) > 1 else f"{parts[0]}: no rendering yet"


def target_language_of(document: ExchangeDocument, path: Path) -> tuple[str, list[str]]:
    """The desk's code for the file's language ("my_MM" or "MY" is Burmese, stored as "my"), and a note if it was rewritten."""
    from workbench.lang.languages import target_language

    raw = document.target_lang
    try:
        code = target_language(raw).code
    except UserError:
        if document.kind == "PO":
            raise UserError(f"{path}: the PO header's Language {raw!r} is not a target language code; "
                            "set it to the target language, e.g. \"Language: my\\n\"") from None
        raise UserError(f"{path}: the XLIFF target language {raw!r} is not a target language code; "
                        "set it to the target language, e.g. trgLang=\"my\"") from None
    return code, ([f"{path}: Language {raw} read as {code}"] if code != raw else [])


def unicode_document(document: ExchangeDocument, path: Path) -> tuple[ExchangeDocument, list[str]]:
    """Zawgyi translations converted (and said so); text too short to judge kept, with a warning."""
    from dataclasses import replace

    from workbench.lang.languages import language
    from workbench.myanmar.encoding import classify, to_unicode

    units: list[ExchangeUnit] = []
    converted: list[str] = []
    notes: list[str] = []
    if not language(document.target_lang).is_burmese:
        return document, notes  # Zawgyi is a Burmese font hack: Shan, Mon… in the same script are left alone
    for unit in document.units:
        verdict = classify(unit.target)
        if verdict.is_zawgyi:
            conversion = to_unicode(unit.target)
            converted.append(str(unit.line))
            unit = replace(unit, target=conversion.text)
        elif verdict.is_unsure:
            notes.append(f"workbench: warning: {path}:{unit.line}: may be Zawgyi ({unit.target[:20]!r}), "
                         "too short to be sure; kept as written: check it in the editor (F8 converts)")
        units.append(unit)
    if converted:
        notes.insert(0, f"converted {len(converted)} Zawgyi translations in {path} to Unicode "
                        f"(entries at lines {', '.join(converted[:10])}{'…' if len(converted) > 10 else ''})")
    return replace(document, units=units), notes


def import_rows(workspace: Workspace, article_id: int, target: str, document: ExchangeDocument,
                path: Path) -> tuple[list[TranslationChange], int, list[str]]:
    """The changes to save (each based on the revision read now), checked against the article, the
    rows left as they were, and what the user should be told; UserError before any write."""
    segments = {segment.segment_id: segment for segment in workspace.store.segments(article_id)}
    saved = workspace.store.translations(article_id, target)
    rows: list[TranslationChange] = []
    unchanged = 0
    left_alone: Counter[str] = Counter()
    above: Counter[str] = Counter()
    for unit in _units_by_segment(document.units, path):
        segment = segments.get(unit.segment_id)
        if segment is None or unit.skipped:
            if unit.skipped or document.foreign:
                left_alone[unit.skipped or "not a segment of the article"] += 1
                continue
            raise UserError(f"{path}:{unit.line}: article {article_id} has no segment {unit.segment_id}; "
                            "was this file exported from another article? use --article or export again")
        if unit.problem:
            raise UserError(f"{path}:{unit.line}: segment {unit.segment_id}: {unit.problem}; nothing was changed: "
                            "correct that unit (or export it again) and import the file again")
        if segment.text != unit.source:
            raise UserError(f"{path}:{unit.line}: segment {unit.segment_id} no longer reads as in the file "
                            "(the article changed since the export); export it again and redo this entry")
        current = saved.get(unit.segment_id)
        if not unit.target.strip() or (current and (current.text, current.status) == (unit.target, unit.status)):
            unchanged += 1
            continue
        now = current.revision if current else 0
        if unit.based_on is not None and unit.based_on != now:
            raise UserError(f"{path}:{unit.line}: segment {unit.segment_id} was changed in the workbench since this file "
                            f"was exported (revision {unit.based_on}, now {now}); nothing was changed: export it again, "
                            "redo this entry, and import that file")
        if unit.file_state:
            above[unit.file_state] += 1
        rows.append(TranslationChange(unit.segment_id, unit.target, unit.status, now, "import", str(path)))
    if left_alone and not rows and not unchanged:
        raise UserError(f"{path}: none of the file's {sum(left_alone.values())} units is a segment of article "
                        f"{article_id}; was it exported from another article? use --article, or export it again")
    notes = _import_notes(path, left_alone, above)
    propagated = imported_propagation(list(segments.values()), saved, rows, str(path))
    if propagated:
        notes.append(f"{path}: propagated to {len(propagated)} empty repetition{'s' if len(propagated) != 1 else ''} "
                     f"of translated sentences (segments {_numbers_of(segments, propagated)})")
    return rows + propagated, unchanged, notes


def _numbers_of(segments: dict, changes: list[TranslationChange]) -> str:
    number = {segment_id: n for n, segment_id in enumerate(segments, start=1)}
    shown = [str(number[change.segment_id]) for change in changes[:10]]
    return ", ".join(shown) + ("…" if len(changes) > 10 else "")


def _import_notes(path: Path, left_alone: Counter[str], above: Counter[str]) -> list[str]:
    notes = [f"{path}: {count} units left alone ({why})" for why, count in sorted(left_alone.items())]
    reviewed = sorted(state for state in above if state in ("reviewed", "final", "signed-off", "approved"))
    if reviewed:
        count = sum(above[state] for state in reviewed)
        notes.append(f"{path}: {count} units marked {' or '.join(reviewed)} were imported as translated "
                     "(the workbench has no review states yet)")
    for state in sorted(set(above) - set(reviewed)):
        notes.append(f"{path}: {above[state]} units in the other tool's state {state} were imported as drafts")
    return notes


def _units_by_segment(units: list[ExchangeUnit], path: Path) -> list[ExchangeUnit]:
    """The units, each segment once; the same segment twice is a mistake worth a clear line."""
    seen: set[str] = set()
    for unit in units:
        if unit.segment_id in seen:
            raise UserError(f"{path}:{unit.line}: segment {unit.segment_id} appears twice; keep one entry for it")
        seen.add(unit.segment_id)
    return units


def exported_revision(unit: PoUnit) -> int | None:
    """The translation revision an exported PO entry was based on; None for files from elsewhere."""
    return po_revision(unit.comments)


def save_imported(workspace: Workspace, article_id: int, target: str, changes: list[TranslationChange],
                  author: str, path: Path) -> None:
    """Every change in one transaction; if any segment changed meanwhile, none is saved."""
    try:
        workspace.store.save_translations(article_id, target, changes, author)
    except StaleTranslation as stale:
        where = ", ".join(change.segment_id for change, _current in stale.stale[:3])
        raise UserError(f"{path}: segment {where} changed while the file was being imported; nothing was "
                        "changed: import it again") from None


def header_article(document: ExchangeDocument, path: Path) -> str:
    if document.article_id is None:
        raise UserError(f"{path}: the file does not say which article it belongs to; add --article ID")
    return str(document.article_id)
