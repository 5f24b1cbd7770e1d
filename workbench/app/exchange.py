"""Exchange an article's translations as gettext PO: what the CLI and the TUI share.

Export writes every segment (translated, draft, or empty); import checks every entry against
the article as it is now and returns the rows to save, refusing the whole file on the first
problem (one `UserError`, nothing written).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from workbench.errors import UserError
from workbench.formats.po import PoDocument, PoUnit, units_by_segment
from workbench.storage.translation_records import StaleTranslation, TranslationChange

if TYPE_CHECKING:
    from workbench.app.workspace import Workspace

REVISION_NOTE = "workbench-revision: "


def export_document(workspace: Workspace, article_id: int, target: str, with_mt: bool = False) -> PoDocument:
    """Every segment of the article as a PO unit, in article order."""
    article = workspace.article(article_id)
    saved = workspace.store.translations(article_id, target)
    _model, mt = workspace.stored_mt(article_id, target)
    units = []
    for segment in workspace.store.segments(article_id):
        machine = mt[segment.segment_id].text if segment.segment_id in mt else ""
        row = saved.get(segment.segment_id)
        # The revision the file is based on: importing it over a later edit is refused, not applied.
        comments = ([f"paragraph {segment.paragraph_index + 1}"] + ([f"MT: {machine}"] if machine else [])
                    + [f"{REVISION_NOTE}{row.revision if row else 0}"])
        if row is not None and row.text:
            units.append(PoUnit(segment.segment_id, segment.text, row.text, row.status != "translated", tuple(comments)))
        elif with_mt and machine:
            units.append(PoUnit(segment.segment_id, segment.text, machine, True, tuple(comments)))
        else:
            units.append(PoUnit(segment.segment_id, segment.text, "", False, tuple(comments)))
    return PoDocument(target, article_id, article.origin or "", units)


def target_language_of(document: PoDocument, path: Path) -> tuple[str, list[str]]:
    """The desk's code for the file's Language ("my_MM" or "MY" is Burmese, stored as "my"), and a note if it was rewritten."""
    from workbench.lang.languages import target_language

    raw = document.target_lang
    try:
        code = target_language(raw).code
    except UserError:
        raise UserError(f"{path}: the PO header's Language {raw!r} is not a target language code; "
                        "set it to the target language, e.g. \"Language: my\\n\"") from None
    return code, ([f"{path}: Language {raw} read as {code}"] if code != raw else [])


def unicode_document(document: PoDocument, path: Path) -> tuple[PoDocument, list[str]]:
    """Zawgyi translations converted (and said so); text too short to judge kept, with a warning."""
    from dataclasses import replace

    from workbench.lang.languages import language
    from workbench.myanmar.encoding import classify, to_unicode

    units: list[PoUnit] = []
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


def import_rows(workspace: Workspace, article_id: int, target: str, document: PoDocument,
                path: Path) -> tuple[list[TranslationChange], int]:
    """The changes to save (each based on the revision read now), checked against the article;
    UserError before any write."""
    segments = {segment.segment_id: segment for segment in workspace.store.segments(article_id)}
    saved = workspace.store.translations(article_id, target)
    rows: list[TranslationChange] = []
    unchanged = 0
    for segment_id, unit in units_by_segment(document.units, path).items():
        segment = segments.get(segment_id)
        if segment is None:
            raise UserError(f"{path}:{unit.line}: article {article_id} has no segment {segment_id}; "
                            "was this file exported from another article? use --article or export again")
        if segment.text != unit.source:
            raise UserError(f"{path}:{unit.line}: segment {segment_id} no longer reads as in the file "
                            "(the article changed since the export); export it again and redo this entry")
        status = "draft" if unit.fuzzy else "translated"
        current = saved.get(segment_id)
        if not unit.target.strip() or (current and (current.text, current.status) == (unit.target, status)):
            unchanged += 1
            continue
        now = current.revision if current else 0
        based_on = exported_revision(unit)
        if based_on is not None and based_on != now:
            raise UserError(f"{path}:{unit.line}: segment {segment_id} was changed in the workbench since this file "
                            f"was exported (revision {based_on}, now {now}); nothing was changed: export it again, "
                            "redo this entry, and import that file")
        rows.append(TranslationChange(segment_id, unit.target, status, now, "import", str(path)))
    return rows, unchanged


def exported_revision(unit: PoUnit) -> int | None:
    """The translation revision the exported entry was based on; None for files from elsewhere."""
    for comment in unit.comments:
        if comment.startswith(REVISION_NOTE) and comment[len(REVISION_NOTE):].isdigit():
            return int(comment[len(REVISION_NOTE):])
    return None


def save_imported(workspace: Workspace, article_id: int, target: str, changes: list[TranslationChange],
                  author: str, path: Path) -> None:
    """Every change in one transaction; if any segment changed meanwhile, none is saved."""
    try:
        workspace.store.save_translations(article_id, target, changes, author)
    except StaleTranslation as stale:
        where = ", ".join(change.segment_id for change, _current in stale.stale[:3])
        raise UserError(f"{path}: segment {where} changed while the file was being imported; nothing was "
                        "changed: import it again") from None


def header_article(document: PoDocument, path: Path) -> str:
    if document.article_id is None:
        raise UserError(f"{path}: the file does not say which article it belongs to; add --article ID")
    return str(document.article_id)
