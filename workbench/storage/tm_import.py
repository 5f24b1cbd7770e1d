"""Units from an exchange file (TMX) into the translation memory, all or nothing; units out for export.

`import_units` runs in the caller's transaction: a refused or failed import leaves the memory as
it was, and a successful one moves `tm_version` once (`tm_records.bump_tm_version`), so an
index held in memory reloads once.

**Deduplication.** An imported unit is the same as a stored one when both come from the same
origin (the file's name) and have the same language pair, tuid (or none), source and target:
that unit is updated with what the file says now (dates, authors, context, extra) when anything
differs ("updated"), else left alone ("unchanged"), so importing a file again changes nothing.
A unit with a tuid that is unique in the file also finds the stored unit of the same origin,
pair and tuid when its text changed (a later export of the same memory): that unit is updated.
Everything else is added ("new"). The same unit twice in one file is stored once. Units of
other origins (articles, other files) are never touched.

Dates and authors a file does not give: a new unit gets the time of the import and the
importing user; a unit updated keeps its own.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Iterable
from dataclasses import dataclass, field

import sqlalchemy as sa

from workbench.storage.tm_records import TmUnitRow, bump_tm_version
from workbench.storage.tm_schema import tm_units

_CHUNK = 5000


@dataclass(frozen=True)
class ImportedUnit:
    """A unit as an exchange file gives it (None: the file does not say)."""

    source_lang: str
    target_lang: str
    source_text: str
    target_text: str
    previous_source: str = ""
    tuid: str | None = None
    created_by: str | None = None
    created_at: dt.datetime | None = None
    changed_by: str | None = None
    changed_at: dt.datetime | None = None
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ImportCounts:
    units: int
    new: int
    updated: int
    unchanged: int


def import_units(conn: sa.Connection, origin: str, units: Iterable[ImportedUnit], actor: str,
                 now: dt.datetime | None = None) -> ImportCounts:
    """Store the units of one file (`origin`) in the caller's transaction; the counts."""
    now = now or dt.datetime.now(dt.UTC)
    incoming = list({_identity(unit): unit for unit in units}.values())  # one file's duplicates: the last wins
    tuids: dict[tuple, int] = {}
    for unit in incoming:
        if unit.tuid is not None:
            tuids[_tuid_key(unit)] = tuids.get(_tuid_key(unit), 0) + 1
    stored, by_tuid = _stored(conn, origin)
    claimed = {key for key in map(_identity, incoming) if key in stored}
    inserts: list[dict] = []
    updates: list[dict] = []
    unchanged = 0
    for unit in incoming:
        row = stored.get(_identity(unit))
        if row is None and unit.tuid is not None and tuids[_tuid_key(unit)] == 1:
            candidates = [r for r in by_tuid.get(_tuid_key(unit), ()) if _identity_of_row(r) not in claimed]
            if len(candidates) == 1:
                row = candidates[0]
                claimed.add(_identity_of_row(row))
        if row is None:
            inserts.append(_new_row(unit, origin, actor, now))
            continue
        wanted = _wanted(unit, row)
        if wanted:
            updates.append({"_id": row.id, **_full(row, wanted)})
        else:
            unchanged += 1
    _insert_many(conn, inserts)
    if updates:
        statement = tm_units.update().where(tm_units.c.id == sa.bindparam("_id"))
        conn.execute(statement, updates)
    if inserts or updates:
        bump_tm_version(conn)
    return ImportCounts(len(incoming), len(inserts), len(updates), unchanged)


def export_rows(conn: sa.Connection, target_lang: str | None = None, since: dt.datetime | None = None) -> list[TmUnitRow]:
    """The memory's units in the order they were added: of one target language, changed at or
    after `since`, when asked."""
    query = sa.select(tm_units).order_by(tm_units.c.id)
    if target_lang is not None:
        query = query.where(tm_units.c.target_lang == target_lang)
    if since is not None:
        query = query.where(tm_units.c.changed_at >= since)
    return [TmUnitRow(**{**row, "extra": row["extra"] or {}}) for row in conn.execute(query).mappings()]


def utc(value: dt.datetime) -> dt.datetime:
    """A stored or given time as naive UTC, for comparing (SQLite returns naive UTC)."""
    return value.astimezone(dt.UTC).replace(tzinfo=None) if value.tzinfo is not None else value


# ------------------------------------------------------------------------------------------------

_COLUMNS = ("source_text", "target_text", "previous_source", "tuid", "created_by", "created_at", "changed_by",
            "changed_at", "extra")


def _insert_many(conn: sa.Connection, rows: list[dict]) -> None:
    """One compiled INSERT run with the driver's executemany, the columns' own bind processing
    (dates, JSON) applied here, once per distinct date: SQLAlchemy's per-row parameter handling
    was most of an import's time."""
    if not rows:
        return
    dialect = conn.dialect
    keys = list(rows[0])
    compiled = tm_units.insert().compile(dialect=dialect, column_keys=keys)
    order = list(compiled.positiontup or ()) if compiled.positional else keys
    processed = []
    for position, key in enumerate(order):
        process = tm_units.c[key].type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None:
            processed.append((position, _memo(process) if isinstance(tm_units.c[key].type, sa.DateTime) else process))
    pick = operator.itemgetter(*order)
    sql = str(compiled)
    for start in range(0, len(rows), _CHUNK):
        parameters: list = []
        for row in rows[start:start + _CHUNK]:
            values = list(pick(row))
            for position, process in processed:
                values[position] = process(values[position])
            parameters.append(tuple(values) if compiled.positional else dict(zip(order, values, strict=True)))
        conn.exec_driver_sql(sql, parameters)


def _memo(process):
    cache: dict = {}

    def memoised(value):
        found = cache.get(value)
        if found is None:
            found = cache[value] = process(value)
        return found

    return memoised


def _identity(unit: ImportedUnit) -> tuple:
    return (unit.source_lang, unit.target_lang, unit.tuid, unit.source_text, unit.target_text)


def _identity_of_row(row) -> tuple:
    return (row.source_lang, row.target_lang, row.tuid, row.source_text, row.target_text)


def _tuid_key(unit) -> tuple:
    return (unit.source_lang, unit.target_lang, unit.tuid)


def _stored(conn: sa.Connection, origin: str) -> tuple[dict[tuple, sa.Row], dict[tuple, list[sa.Row]]]:
    table = tm_units.c
    rows = conn.execute(sa.select(table.id, table.source_lang, table.target_lang, *(table[name] for name in _COLUMNS))
                        .where(table.origin == origin).order_by(table.id)).all()
    stored: dict[tuple, sa.Row] = {}
    by_tuid: dict[tuple, list[sa.Row]] = {}
    for row in rows:
        stored.setdefault(_identity_of_row(row), row)
        if row.tuid is not None:
            by_tuid.setdefault(_tuid_key(row), []).append(row)
    return stored, by_tuid


def _new_row(unit: ImportedUnit, origin: str, actor: str, now: dt.datetime) -> dict:
    created_by = unit.created_by or unit.changed_by or actor
    created_at = unit.created_at or unit.changed_at or now
    return {"source_lang": unit.source_lang, "target_lang": unit.target_lang, "source_text": unit.source_text,
            "target_text": unit.target_text, "previous_source": unit.previous_source, "origin": origin,
            "article_id": None, "segment_id": None, "tuid": unit.tuid, "created_by": created_by,
            "created_at": created_at, "changed_by": unit.changed_by or created_by,
            "changed_at": unit.changed_at or created_at, "extra": unit.extra}


def _wanted(unit: ImportedUnit, row) -> dict:
    """The columns the file says differently from the stored unit (a date or author the file
    does not give is not a difference)."""
    wanted: dict = {}
    for name in ("source_text", "target_text", "previous_source", "tuid", "extra"):
        if getattr(unit, name) != getattr(row, name):
            wanted[name] = getattr(unit, name)
    for name in ("created_by", "changed_by"):
        value = getattr(unit, name)
        if value is not None and value != getattr(row, name):
            wanted[name] = value
    for name in ("created_at", "changed_at"):
        value = getattr(unit, name)
        if value is not None and utc(value) != utc(getattr(row, name)):
            wanted[name] = value
    return wanted


def _full(row, wanted: dict) -> dict:
    """Every updatable column (an executemany needs the same keys in every row)."""
    return {name: wanted.get(name, getattr(row, name)) for name in _COLUMNS}

