"""`workbench import FILE.xlf` (another tool's XLIFF file as an article) and the export that writes it
back; the work is in `workbench.app.foreign_xliff`."""

from __future__ import annotations

import sys
from pathlib import Path

from workbench.app.config import Settings
from workbench.errors import UserError
from workbench.safe_text import visible


def import_xliff_files(settings: Settings, paths: list[Path]) -> int:
    """Every file read and checked before any is saved; all saved in one transaction."""
    from workbench.app.foreign_xliff import import_foreign, is_xliff_file, read_foreign_file
    from workbench.app.workspace import open_checked

    others = [path for path in paths if not is_xliff_file(path)]
    if others:
        raise UserError(f"{others[0]}: XLIFF files are imported on their own; import the plain-text articles "
                        "in a separate `workbench import` (nothing was imported)")
    files = [read_foreign_file(path) for path in paths]
    workspace = open_checked(settings)
    try:
        results = import_foreign(workspace.store, files, settings.user)
    finally:
        workspace.close()
    for path, result in zip(paths, results, strict=True):
        verb = "re-imported" if result.replaced else "imported"
        language = f", {result.translations} translations ({result.target_lang}) saved" if result.target_lang else ""
        print(f"{verb} {path} ({result.kind}) as article {result.article_id}: {visible(result.title)} "
              f"({result.segments} segments{language})")
        for note in result.notes:
            print(note, file=sys.stderr)
    return 0


def export_xliff_file(settings: Settings, article_ref: str, target: str, path: Path, with_mt: bool) -> bool:
    """Write the article's original XLIFF file with its translations; False (nothing written) for an
    article that did not come from one."""
    from workbench.app.foreign_xliff import export_foreign
    from workbench.app.workspace import open_checked
    from workbench.files import write_atomically

    workspace = open_checked(settings)
    try:
        article = workspace.article(article_ref)
        written = export_foreign(workspace, article.id, target, with_mt)
    finally:
        workspace.close()
    if written is None:
        return False
    data, segments, translated = written
    write_atomically(path, data)
    print(f"wrote {path}: the article's XLIFF file, {segments} segments, {translated} with a translation")
    return True


def import_xliff_translations(settings: Settings, path: Path, article_ref: str) -> int | None:
    """`translations import FILE.xlf --article ID` for an article made from another tool's XLIFF file;
    None (nothing done) for any other article or file."""
    from workbench.app.foreign_xliff import import_foreign_translations
    from workbench.app.workspace import open_checked

    workspace = open_checked(settings)
    try:
        article = workspace.article(article_ref)
        done = import_foreign_translations(workspace, article.id, path, settings.user)
    finally:
        workspace.close()
    if done is None:
        return None
    target, rows, unchanged, notes = done
    for note in notes:
        print(note, file=sys.stderr)
    drafts = sum(1 for row in rows if row.status == "draft")
    print(f"imported {len(rows)} translations into article {article.id} ({target}): "
          f"{len(rows) - drafts} translated, {drafts} drafts; {unchanged} unchanged or empty")
    return 0
