"""The translation memory exchanged as TMX: `workbench tm import` and `workbench tm export`.

An import reads the whole file first (a refused file changes nothing), then stores its units in
one transaction (`workbench.storage.tm_import`: deduplicated, tm_version moved once). The origin
of the units is the file's name, so importing the same file again (from any folder) updates the
units it gave instead of adding them twice. An export writes the memory's units (all of them,
or one target language's, or those changed since a date) atomically.
"""

from __future__ import annotations

import datetime as dt
import gc
import re
from dataclasses import dataclass
from pathlib import Path

from workbench.app.workspace import Workspace
from workbench.errors import UserError
from workbench.files import write_atomically
from workbench.formats.tmx import TmxUnit
from workbench.formats.tmx_read import read_tmx_rows
from workbench.formats.tmx_write import tmx_bytes
from workbench.lang.languages import target_language
from workbench.storage.tm_import import ImportCounts, export_rows, import_rows
from workbench.storage.tm_records import TmUnitRow

TMX_SUFFIX = ".tmx"


@dataclass(frozen=True)
class TmxImport:
    path: Path
    counts: ImportCounts
    notes: list[str]


@dataclass(frozen=True)
class TmxExport:
    path: Path
    units: int
    languages: tuple[str, ...]


def tmx_path(raw: str | Path) -> Path:
    path = Path(raw)
    if path.suffix.lower() != TMX_SUFFIX:
        raise UserError(f"{raw}: the translation memory is exchanged as TMX; use a name ending in {TMX_SUFFIX}")
    return path


def import_tmx(workspace: Workspace, raw_path: str | Path, lang: str | None = None, actor: str | None = None) -> TmxImport:
    """Read the file whole, then store its units in one transaction (of `lang` only, when given)."""
    path = tmx_path(raw_path)
    wanted = None if lang is None else target_language(lang).code
    # The units, their rows and the stored units they are compared with are hundreds of
    # thousands of objects that live until the end: the cyclic collector, run again and again
    # while they are made, would find nothing to free (see `tmx_read.parse_tmx`).
    collecting = gc.isenabled()
    gc.disable()
    try:
        found = read_tmx_rows(path, wanted)
        if wanted is not None and not found.rows and found.languages:
            raise UserError(f"{path} has no {wanted} translations (it has {', '.join(found.languages)}); "
                            "nothing was imported")
        with workspace.store.engine.begin() as conn:
            counts = import_rows(conn, path.name, found.rows, actor or workspace.settings.user)
    finally:
        if collecting:
            gc.enable()
    return TmxImport(path, counts, found.notes)


def export_tmx(workspace: Workspace, raw_path: str | Path, lang: str | None = None,
               since: dt.datetime | None = None) -> TmxExport:
    path = tmx_path(raw_path)
    wanted = None if lang is None else target_language(lang).code
    with workspace.store.engine.connect() as conn:
        rows = export_rows(conn, wanted, since)
    units = [_exported(row) for row in rows]
    data = tmx_bytes(units, lambda index, unit: _describe(rows[index]))
    write_atomically(path, data)
    return TmxExport(path, len(units), tuple(sorted({row.target_lang for row in rows})))


def parse_since(raw: str) -> dt.datetime:
    """`--since` as a date (YYYY-MM-DD, the day's start in UTC) or a time (YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM])."""
    text = raw.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        text += "T00:00"
    try:
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace(" ", "T"))
    except ValueError:
        raise UserError(f"--since {raw!r} is not a date; give one such as 2024-03-01 or 2024-03-01T09:30Z") from None
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _exported(row: TmUnitRow) -> TmxUnit:
    return TmxUnit(row.source_lang, row.target_lang, row.source_text, row.target_text, row.previous_source, row.tuid,
                   row.created_by, _aware(row.created_at), row.changed_by, _aware(row.changed_at), row.extra)


def _aware(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value


def _describe(row: TmUnitRow) -> str:
    where = f"article {row.article_id}, segment {row.segment_id}" if row.article_id is not None else row.origin
    return f"unit {row.id} ({where}, {row.target_lang})"
