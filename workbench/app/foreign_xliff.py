"""Articles from other tools' XLIFF files (Xcode, Angular, memoQ, Trados, Okapi, OmegaT, a CMS):
`workbench import FILE.xlf` and the export that writes the file back with its targets filled.

Import reads the file (`workbench.formats.xliff_foreign_read`), makes each unit's segments the
article's segments (one paragraph per unit) and saves, in one transaction, the article, the original
file and the targets it already had, with their states. Export rebuilds the stored original with the
article's translations (`workbench.formats.xliff_foreign_write`). `translations import FILE --article
ID` reads such a file back into its article through the workbench's own import checks.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.errors import UserError
from workbench.files import read_user_file
from workbench.formats.translation_exchange import DRAFT, ExchangeDocument, ExchangeUnit, Note
from workbench.formats.xliff import MAX_XLIFF_BYTES, WB_ARTICLE
from workbench.formats.xliff_foreign_read import ForeignSegment, ForeignXliff, read_foreign
from workbench.formats.xliff_foreign_write import Filled, foreign_bytes
from workbench.storage.foreign_files import (
    FileTranslation,
    ForeignArticle,
    ForeignFileRow,
    ImportRace,
    foreign_file,
    save_foreign_articles,
)
from workbench.storage.store import SegmentRow, Store

if TYPE_CHECKING:
    from workbench.app.workspace import Workspace

# What `workbench import` reads as XLIFF (by name; memoQ and Trados name theirs).
XLIFF_FILE_SUFFIXES = (".xlf", ".xliff", ".mqxliff", ".sdlxliff")


def is_xliff_file(path: Path) -> bool:
    return path.suffix.lower() in XLIFF_FILE_SUFFIXES


@dataclass(frozen=True)
class ForeignImport:
    article_id: int
    replaced: bool
    kind: str
    title: str
    segments: int
    translations: int  # written now (the file's targets that differ from what was stored)
    target_lang: str | None
    notes: tuple[str, ...]  # what the user should be told


@dataclass(frozen=True)
class ForeignFile:
    """A foreign XLIFF file read and checked, before anything is stored."""

    path: Path
    data: bytes
    document: ForeignXliff


def read_foreign_file(path: Path) -> ForeignFile:
    """The file read and checked; one-line UserError if it cannot be imported."""
    data = read_user_file(path, "an XLIFF file", "a .xlf file", MAX_XLIFF_BYTES)
    document = read_foreign(data, str(path))
    own = _own_export(document)
    if own is not None:
        raise UserError(f"{path} is the workbench's own export of article {own}; read its translations back with "
                        f"`workbench translations import {path}` (nothing was imported)")
    _check_units(path, document)
    return ForeignFile(path, data, document)


def _own_export(document: ForeignXliff) -> str | None:
    """The article a file exported by the workbench itself (`--xliff`) names; None for another tool's file."""
    return next((file.get(WB_ARTICLE) for file in document.root if file.get(WB_ARTICLE) is not None), None)


def _check_units(path: Path, document: ForeignXliff) -> None:
    for segment in document.segments:
        if segment.problem:
            raise UserError(f"{path}:{segment.line}: unit {segment.unit_id or '?'}: {segment.problem}; nothing was "
                            "imported: correct that unit (or export it again from its tool)")
    if not document.segments:
        raise UserError(f"{path}: none of its {document.left_alone} units has anything to translate (all empty or "
                        "marked translate=\"no\"); nothing was imported")


def import_foreign(store: Store, files: list[ForeignFile], author: str) -> list[ForeignImport]:
    """Save each file's article, original and translations, all in one transaction (or nothing)."""
    prepared = [_prepared(file) for file in files]
    try:
        saved = save_foreign_articles(store, [article for article, _notes in prepared], author, _renamed_repeats)
    except ImportRace:
        raise UserError(f"{files[0].path}: a translation of the article was saved while the file was being imported; "
                        "nothing was imported: import it again") from None
    return [ForeignImport(article_id, replaced, article.original.kind, article.fields["title"], len(article.rows),
                          written, article.target_lang, tuple(notes))
            for (article_id, replaced, written), (article, notes) in zip(saved, prepared, strict=True)]


def _prepared(file: ForeignFile) -> tuple[ForeignArticle, list[str]]:
    from workbench.app.importing import origin_of
    from workbench.articles.segmentation import segment_ids
    from workbench.lang.languages import language_at

    document, path = file.document, file.path
    source_lang = language_at(document.source_lang or "en", f"{path}: its source language").code
    target, notes = _target_language(document, path)
    segments = _unicode_targets(document.segments, target, path, notes)
    ids = segment_ids([segment.source for segment in segments])
    paragraphs = {unit: index for index, unit in enumerate(dict.fromkeys(s.unit_index for s in segments))}
    rows = [SegmentRow(segment_id, position, paragraphs[segment.unit_index], segment.source)
            for position, (segment_id, segment) in enumerate(zip(ids, segments, strict=True))]
    found = [FileTranslation(segment_id, segment.target, segment.status)
             for segment_id, segment in zip(ids, segments, strict=True) if segment.target.strip()]
    original = ForeignFileRow(f"XLIFF {document.version}", str(path), file.data,
                              [{"id": segment_id, "at": segment.at, "notes": list(segment.notes)}
                               for segment_id, segment in zip(ids, segments, strict=True)])
    fields = {"origin": origin_of(path), "title": Path(document.title).name or path.name, "title_derived": False,
              "byline": None, "source": None, "published": None, "published_precision": "day",
              "source_lang": source_lang}
    notes += _state_notes(path, [segment for segment in segments if segment.target.strip()], document.left_alone)
    return ForeignArticle(fields, rows, original, target, found), notes


def _renamed_repeats(stored: list[SegmentRow]) -> dict[str, str]:
    from workbench.articles.segmentation import renamed_repeats

    return renamed_repeats([(row.segment_id, row.text) for row in stored])


def _target_language(document: ForeignXliff, path: Path) -> tuple[str | None, list[str]]:
    from workbench.app.exchange import target_language_of

    if not document.target_lang:
        with_target = next((segment for segment in document.segments if segment.target.strip()), None)
        if with_target is not None:
            raise UserError(f"{path}:{with_target.line}: the file has translations but names no target language; "
                            "add it (XLIFF 2: trgLang=\"my\" on <xliff>; 1.2: target-language=\"my\" on <file>)")
        return None, []
    exchange = ExchangeDocument(document.target_lang, None, "", [], kind=f"XLIFF {document.version}")
    return target_language_of(exchange, path)


def _unicode_targets(segments: list[ForeignSegment], target: str | None, path: Path,
                     notes: list[str]) -> list[ForeignSegment]:
    """Zawgyi targets converted as the workbench's own import converts them."""
    from workbench.app.exchange import unicode_document

    if target is None:
        return segments
    document = ExchangeDocument(target, None, "", [ExchangeUnit(str(s.at), s.source, s.target, locate=s.locate)
                                                   for s in segments], foreign=True)
    converted, said = unicode_document(document, path)
    notes += said
    return [replace(segment, target=unit.target) for segment, unit in zip(segments, converted.units, strict=True)]


def _state_notes(path: Path, translated: list[ForeignSegment], left_alone: int) -> list[str]:
    notes = [f"{path}: {_units(left_alone)} left alone (marked translate=\"no\", or nothing to translate); "
             "the export writes them back as they are"] if left_alone else []
    states = Counter(segment.file_state for segment in translated if segment.file_state)
    for state, count in sorted(states.items()):
        imported = "drafts" if state.startswith("x-") else "translated (the workbench has no review states yet)"
        notes.append(f"{path}: {_units(count)} marked {state} imported as {imported}")
    return notes


def _units(count: int) -> str:
    return f"{count} unit" if count == 1 else f"{count} units"


def export_foreign(workspace: Workspace, article_id: int, target: str, with_mt: bool = False) -> tuple[bytes, int, int] | None:
    """The article's original file with its translations (bytes, segments, segments with a translation);
    None when the article did not come from a foreign XLIFF file."""
    stored = foreign_file(workspace.store, article_id)
    if stored is None:
        return None
    document = read_foreign(stored.original, stored.name)
    _check_language(document, target, stored.name)
    places = _places(workspace, article_id, stored, document)
    saved = workspace.store.translations(article_id, target)
    machine = workspace.stored_mt(article_id, target)[1] if with_mt else {}
    filled = []
    for segment_id, at in places.items():
        row = saved.get(segment_id)
        if row is not None and row.text:
            filled.append(Filled(at, row.text, row.status))
        elif segment_id in machine:
            filled.append(Filled(at, machine[segment_id].text, DRAFT))
    return foreign_bytes(document, filled, target), len(places), len(filled)


def _check_language(document: ForeignXliff, target: str, name: str) -> None:
    from workbench.lang.languages import language_at

    if document.target_lang and language_at(document.target_lang, name).code != target:
        code = language_at(document.target_lang, name).code
        raise UserError(f"the article's XLIFF file ({name}) is for {code}, not {target}; export it with --to {code}, "
                        "or with --xliff 2.1 for the workbench's own XLIFF")


def _places(workspace: Workspace, article_id: int, stored: ForeignFileRow, document: ForeignXliff) -> dict[str, int]:
    """Segment id → place in the file; refused if the article and its stored file no longer agree."""
    places = {item["id"]: int(item["at"]) for item in stored.segments}
    current = [segment.segment_id for segment in workspace.store.segments(article_id)]
    count = len(document.located)
    if current != list(places) or any(at >= count for at in places.values()):
        raise UserError(f"article {article_id} no longer matches the XLIFF file it was imported from ({stored.name}); "
                        "import that file again, or export with --xliff 2.1 for the workbench's own XLIFF")
    return places


def foreign_notes(store: Store, article_id: int) -> dict[str, tuple[str, ...]]:
    """The notes the foreign file has for each segment (for the app's show and check views)."""
    stored = foreign_file(store, article_id)
    return {item["id"]: tuple(item["notes"]) for item in stored.segments if item["notes"]} if stored else {}


def foreign_document(path: Path, article_id: int, document: ForeignXliff, workspace: Workspace) -> ExchangeDocument:
    """A foreign file read for `translations import` into an article made from it: units by segment id."""
    from workbench.articles.segmentation import segment_ids

    stored = foreign_file(workspace.store, article_id)
    if stored is None:
        raise UserError(f"{path}: article {article_id} was not imported from an XLIFF file; import {path} with "
                        "`workbench import` to make it an article")
    ids = segment_ids([segment.source for segment in document.segments])
    units = [ExchangeUnit(segment_id, s.source, s.target, s.status, None, tuple(Note(note) for note in s.notes),
                          file_state=s.file_state, problem=s.problem, locate=s.locate)
             for segment_id, s in zip(ids, document.segments, strict=True)]
    return ExchangeDocument(document.target_lang.replace("-", "_"), article_id, stored.name, units, foreign=True,
                            kind=f"XLIFF {document.version}")


def import_foreign_translations(workspace: Workspace, article_id: int, path: Path,
                                author: str) -> tuple[str, list, int, list[str]] | None:
    """`translations import FILE --article ID` of a foreign XLIFF file into the article made from it:
    (language, rows saved, unchanged, notes); None when this is not such an article and file (the
    workbench's own import reads it then). Checked and saved as the workbench's own import does."""
    from workbench.app.exchange import import_rows, save_imported, target_language_of, unicode_document

    if foreign_file(workspace.store, article_id) is None:
        return None
    read = read_foreign(read_user_file(path, "an XLIFF file", "a .xlf file", MAX_XLIFF_BYTES), str(path))
    if _own_export(read) is not None:
        return None  # the workbench's own export (--xliff), not the article's original file
    _check_units(path, read)
    document = foreign_document(path, article_id, read, workspace)
    target, notes = target_language_of(document, path)
    document, encoding_notes = unicode_document(document, path)
    rows, unchanged, import_notes = import_rows(workspace, article_id, target, document, path)
    save_imported(workspace, article_id, target, rows, author, path)
    return target, rows, unchanged, [*notes, *encoding_notes, *import_notes]
