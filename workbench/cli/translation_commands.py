"""`workbench translations export|import`: an article's translations as a PO or XLIFF file.

Export writes every segment (translated, draft, or empty) so a translator can work in any PO
editor or XLIFF tool; import reads the file back and saves its translations in one transaction,
after checking every unit against the article as it is now. The format comes from the file name
(.po, .xlf, .xliff; `--xliff 2.1|1.2` for the XLIFF version) and, on import, from the content.
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
from workbench.cli.article_commands import checked_article_id, is_xliff_name
from workbench.errors import UserError
from workbench.formats.translation_exchange import XLIFF_VERSIONS, format_for_export, format_of_file


def add_translations_parsers(commands) -> None:
    parser = commands.add_parser(
        "translations", help="export or import an article's translations (PO, XLIFF)",
        description="Exchange an article's translations with other tools as gettext PO or XLIFF 2.1/1.2 files.")
    actions = parser.add_subparsers(dest="translations_command", metavar="ACTION", required=True)
    export = actions.add_parser("export", help="write an article's translations to a PO or XLIFF file",
                                description="Write one entry per segment: the segment id, the English, the translation "
                                            "and its state (PO: msgctxt, msgid, msgstr, fuzzy; XLIFF: unit id, source, "
                                            "target, state, with the QA issues and glossary hits as notes).")
    export.add_argument("article", metavar="ARTICLE", help="an article id from `workbench articles`")
    export.add_argument("--to", required=True, metavar="LANG", help="target language code, e.g. my")
    export.add_argument("--out", required=True, metavar="FILE",
                        help="the file to write, FILE.po or FILE.xlf (replaced atomically)")
    export.add_argument("--xliff", choices=XLIFF_VERSIONS, metavar="VERSION",
                        help=f"the XLIFF version of a .xlf file: {' or '.join(XLIFF_VERSIONS)} (default {XLIFF_VERSIONS[0]})")
    export.add_argument("--mt", action="store_true",
                        help="fill untranslated segments with the stored machine translation, marked as drafts (fuzzy)")
    importer = actions.add_parser("import", help="save the translations from a PO or XLIFF file",
                                  description="Read a PO or XLIFF (1.2 or 2.x) file and save its translations: fuzzy "
                                              "entries and XLIFF initial/needs-* states as drafts, the others as translated.")
    importer.add_argument("file", metavar="FILE", help="FILE.po, FILE.xlf or FILE.xliff")
    importer.add_argument("--article", metavar="ID", help="the article, when the file does not name it")
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
    path = Path(args.out)
    if args.xliff is None and is_xliff_name(args.out):
        from workbench.cli.foreign_commands import export_xliff_file

        if export_xliff_file(settings, checked_article_id(args.article), target, path, args.mt):
            return 0  # an article from another tool's XLIFF file: that file, its targets filled
    exchange = format_for_export(path, args.xliff)
    workspace = open_checked(settings)
    try:
        article = workspace.article(checked_article_id(args.article))
        document = export_document(workspace, article.id, target, with_mt=args.mt, with_checks=exchange.carries_checks)
    finally:
        workspace.close()
    write_atomically(path, exchange.write(document))
    done = sum(1 for unit in document.units if unit.target)
    print(f"wrote {path}: {len(document.units)} segments, {done} with a translation")
    return 0


def _import(settings: Settings, args: argparse.Namespace) -> int:
    from workbench.app.workspace import open_checked

    path = Path(args.file)
    if not path.exists():
        raise UserError(f"{args.file} does not exist; check the file name and folder, then try again")
    if args.article and is_xliff_name(args.file):
        from workbench.cli.foreign_commands import import_xliff_translations

        done = import_xliff_translations(settings, path, checked_article_id(args.article))
        if done is not None:
            return done  # into an article made from another tool's XLIFF file
    exchange, notes = format_of_file(path)
    document = exchange.read(path)
    target, language_notes = target_language_of(document, path)
    notes += language_notes
    workspace = open_checked(settings)
    try:
        article = workspace.article(checked_article_id(args.article or header_article(document, path)))
        document, encoding_notes = unicode_document(document, path)
        notes += encoding_notes
        rows, unchanged, import_notes = import_rows(workspace, article.id, target, document, path)
        notes += import_notes
        save_imported(workspace, article.id, target, rows, settings.user, path)
    finally:
        workspace.close()
    for note in notes:
        print(note, file=sys.stderr)
    propagated = sum(1 for row in rows if row.how == "propagated")
    drafts = sum(1 for row in rows if row.status == "draft")
    filled = f", {propagated} repetitions filled" if propagated else ""
    print(f"imported {len(rows) - propagated} translations into article {article.id} ({target}): "
          f"{len(rows) - propagated - drafts} translated, {drafts} drafts{filled}; {unchanged} unchanged or empty")
    return 0
