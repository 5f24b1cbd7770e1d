"""`workbench translations export|import`: an article's translations as a gettext PO file.

Export writes every segment (translated, draft, or empty) so a translator can work in any
PO editor; import reads the file back and saves its translations in one transaction, after
checking every entry against the article as it is now.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench.app.config import Settings
from workbench.errors import UserError
from workbench.formats.po import PoDocument, PoUnit, po_bytes, read_po, units_by_segment

SUPPORTED = ".po"


def add_translations_parsers(commands) -> None:
    parser = commands.add_parser(
        "translations", help="export or import an article's translations (PO)",
        description="Exchange an article's translations with other tools as gettext PO files.")
    actions = parser.add_subparsers(dest="translations_command", metavar="ACTION", required=True)
    export = actions.add_parser("export", help="write an article's translations to a PO file",
                                description="Write one entry per segment: msgctxt = segment id, msgid = English, msgstr = translation.")
    export.add_argument("article", metavar="ARTICLE", help="an article id from `workbench articles`")
    export.add_argument("--to", required=True, metavar="LANG", help="target language code, e.g. my")
    export.add_argument("--out", required=True, metavar="FILE.po", help="the PO file to write (replaced atomically)")
    export.add_argument("--mt", action="store_true", help="fill untranslated segments with the stored machine translation, marked fuzzy")
    importer = actions.add_parser("import", help="save the translations from a PO file",
                                  description="Read a PO file exported by the workbench and save its translations: fuzzy entries as drafts, the others as translated.")
    importer.add_argument("file", metavar="FILE.po")
    importer.add_argument("--article", metavar="ID", help="the article, when the file's header does not name it")


def translations(settings: Settings, args: argparse.Namespace) -> int:
    if args.translations_command == "export":
        return _export(settings, args)
    return _import(settings, args)


def _export(settings: Settings, args: argparse.Namespace) -> int:
    from workbench.app.workspace import open_checked
    from workbench.formats.files import write_atomically
    from workbench.lang.languages import language

    target = language(args.to).code
    path = _po_path(args.out)
    workspace = open_checked(settings)
    try:
        article = _article(workspace, args.article)
        document = export_document(workspace, article.id, target, with_mt=args.mt)
    finally:
        workspace.close()
    write_atomically(path, po_bytes(document, title=f"{article.title} — {language(target).english_name}"))
    done = sum(1 for unit in document.units if unit.target)
    print(f"wrote {path}: {len(document.units)} segments, {done} with a translation")
    return 0


def export_document(workspace, article_id: int, target: str, with_mt: bool = False) -> PoDocument:
    """Every segment of the article as a PO unit, in article order."""
    from workbench.app.translating import stored_mt_results

    article = workspace.store.get_article(article_id)
    saved = workspace.store.translations(article_id, target)
    _model, mt = stored_mt_results(workspace.store, workspace.engine, article_id, target, workspace.glossary_index(),
                                   workspace.settings.digits)
    units = []
    for segment in workspace.store.segments(article_id):
        machine = mt[segment.segment_id].text if segment.segment_id in mt else ""
        comments = [f"paragraph {segment.paragraph_index + 1}"] + ([f"MT: {machine}"] if machine else [])
        row = saved.get(segment.segment_id)
        if row is not None and row.text:
            units.append(PoUnit(segment.segment_id, segment.text, row.text, row.status != "translated", tuple(comments)))
        elif with_mt and machine:
            units.append(PoUnit(segment.segment_id, segment.text, machine, True, tuple(comments)))
        else:
            units.append(PoUnit(segment.segment_id, segment.text, "", False, tuple(comments)))
    return PoDocument(target, article_id, article.origin or "", units)


def _import(settings: Settings, args: argparse.Namespace) -> int:
    from workbench.app.workspace import open_checked

    path = _po_path(args.file, must_exist=True)
    document = read_po(path)
    target = _target_language(document.target_lang, path)
    workspace = open_checked(settings)
    try:
        article = _article(workspace, args.article or _header_article(document, path))
        document, notes = unicode_document(document, path)
        rows, unchanged = import_rows(workspace, article.id, target, document, path)
        workspace.store.save_translations(article.id, target, rows, settings.user)
    finally:
        workspace.close()
    for note in notes:
        print(note, file=sys.stderr)
    drafts = sum(1 for _sid, _text, status in rows if status == "draft")
    print(f"imported {len(rows)} translations into article {article.id} ({target}): "
          f"{len(rows) - drafts} translated, {drafts} drafts; {unchanged} unchanged or empty")
    return 0


def _target_language(raw: str, path: Path) -> str:
    """The desk's code for the file's Language: "my_MM" or "MY" is Burmese, stored as "my"."""
    from workbench.lang.languages import target_language

    try:
        code = target_language(raw).code
    except UserError:
        raise UserError(f"{path}: the PO header's Language {raw!r} is not a target language code; "
                        "set it to the target language, e.g. \"Language: my\\n\"") from None
    if code != raw:
        print(f"{path}: Language {raw} read as {code}", file=sys.stderr)
    return code


def unicode_document(document: PoDocument, path: Path) -> tuple[PoDocument, list[str]]:
    """Zawgyi translations converted (and said so); text too short to judge kept, with a warning."""
    from dataclasses import replace

    from workbench.lang.languages import language
    from workbench.myanmar.encoding import classify, to_unicode

    units, converted, notes = [], [], []
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


def import_rows(workspace, article_id: int, target: str, document: PoDocument, path: Path):
    """(segment id, text, status) rows to save, checked against the article; UserError before any write."""
    segments = {segment.segment_id: segment for segment in workspace.store.segments(article_id)}
    saved = workspace.store.translations(article_id, target)
    rows, unchanged = [], 0
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
        rows.append((segment_id, unit.target, status))
    return rows, unchanged


def _header_article(document: PoDocument, path: Path) -> str:
    if document.article_id is None:
        raise UserError(f"{path}: the file does not say which article it belongs to; add --article ID")
    return str(document.article_id)


def _article(workspace, raw: str):
    if not (raw.isascii() and raw.isdigit()):
        raise UserError(f"{raw!r} is not an article id; see `workbench articles` for the ids")
    article = workspace.store.get_article(int(raw))
    if article is None:
        raise UserError(f"no article with id {raw}; see `workbench articles` for the ids")
    return article


def _po_path(raw: str, must_exist: bool = False) -> Path:
    path = Path(raw)
    if path.suffix.lower() != SUPPORTED:
        raise UserError(f"{raw}: translations are exchanged as PO files; use a name ending in {SUPPORTED}")
    if must_exist and not path.exists():
        raise UserError(f"{raw} does not exist; check the file name and folder, then try again")
    return path
