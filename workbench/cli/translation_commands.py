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
from workbench.app.exchange import (
    export_document,
    header_article,
    import_rows,
    save_imported,
    target_language_of,
    unicode_document,
)
from workbench.cli.article_commands import checked_article_id
from workbench.errors import UserError
from workbench.formats.po import po_bytes, read_po

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
    from workbench.cli.repair_commands import add_history_parser

    add_history_parser(actions)


def translations(settings: Settings, args: argparse.Namespace) -> int:
    if args.translations_command == "export":
        return _export(settings, args)
    if args.translations_command == "history":
        from workbench.cli.repair_commands import translations_history

        return translations_history(settings, args)
    return _import(settings, args)


def _export(settings: Settings, args: argparse.Namespace) -> int:
    from workbench.app.workspace import open_checked
    from workbench.files import write_atomically
    from workbench.lang.languages import language

    target = language(args.to).code
    path = _po_path(args.out)
    workspace = open_checked(settings)
    try:
        article = workspace.article(checked_article_id(args.article))
        document = export_document(workspace, article.id, target, with_mt=args.mt)
    finally:
        workspace.close()
    write_atomically(path, po_bytes(document, title=f"{article.title} — {language(target).english_name}"))
    done = sum(1 for unit in document.units if unit.target)
    print(f"wrote {path}: {len(document.units)} segments, {done} with a translation")
    return 0


def _import(settings: Settings, args: argparse.Namespace) -> int:
    from workbench.app.workspace import open_checked

    path = _po_path(args.file, must_exist=True)
    document = read_po(path)
    target, notes = target_language_of(document, path)
    workspace = open_checked(settings)
    try:
        article = workspace.article(checked_article_id(args.article or header_article(document, path)))
        document, encoding_notes = unicode_document(document, path)
        notes += encoding_notes
        rows, unchanged = import_rows(workspace, article.id, target, document, path)
        save_imported(workspace, article.id, target, rows, settings.user, path)
    finally:
        workspace.close()
    for note in notes:
        print(note, file=sys.stderr)
    drafts = sum(1 for row in rows if row.status == "draft")
    print(f"imported {len(rows)} translations into article {article.id} ({target}): "
          f"{len(rows) - drafts} translated, {drafts} drafts; {unchanged} unchanged or empty")
    return 0


def _po_path(raw: str, must_exist: bool = False) -> Path:
    path = Path(raw)
    if path.suffix.lower() != SUPPORTED:
        raise UserError(f"{raw}: translations are exchanged as PO files; use a name ending in {SUPPORTED}")
    if must_exist and not path.exists():
        raise UserError(f"{raw} does not exist; check the file name and folder, then try again")
    return path
