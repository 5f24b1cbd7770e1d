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
import json
import operator
from collections.abc import Iterable
from dataclasses import dataclass, field
from json.encoder import c_make_encoder, encode_basestring_ascii  # type: ignore[attr-defined]
from typing import Protocol

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


class UnitFields(Protocol):
    """What `import_units` reads of a unit: the fields of `ImportedUnit` (a format's own unit
    class with the same fields, such as `TmxUnit`, is taken as it is)."""

    @property
    def source_lang(self) -> str: ...
    @property
    def target_lang(self) -> str: ...
    @property
    def source_text(self) -> str: ...
    @property
    def target_text(self) -> str: ...
    @property
    def previous_source(self) -> str: ...
    @property
    def tuid(self) -> str | None: ...
    @property
    def created_by(self) -> str | None: ...
    @property
    def created_at(self) -> dt.datetime | None: ...
    @property
    def changed_by(self) -> str | None: ...
    @property
    def changed_at(self) -> dt.datetime | None: ...
    @property
    def extra(self) -> dict: ...


def import_units(conn: sa.Connection, origin: str, units: Iterable[UnitFields], actor: str,
                 now: dt.datetime | None = None) -> ImportCounts:
    """Store the units of one file (`origin`) in the caller's transaction; the counts."""
    now = now or dt.datetime.now(dt.UTC)
    by_identity = {(unit.source_lang, unit.target_lang, unit.tuid, unit.source_text, unit.target_text): unit
                   for unit in units}  # as `_identity_of_row`; one file's duplicates: the last wins
    stored, by_tuid = _stored(conn, origin)
    if not stored:  # nothing of this origin yet (by_tuid is empty too): every unit is new
        inserts = list(by_identity.values())
        _insert_many(conn, [_fields(unit) for unit in inserts], origin, actor, now)
        if inserts:
            bump_tm_version(conn)
        return ImportCounts(len(inserts), len(inserts), 0, 0)
    incoming = list(by_identity.values())
    tuids: dict[tuple, int] = {}
    for unit in incoming:
        if unit.tuid is not None:
            tuids[_tuid_key(unit)] = tuids.get(_tuid_key(unit), 0) + 1
    claimed = {key for key in by_identity if key in stored}
    inserts = []
    updates: list[dict] = []
    unchanged = 0
    for key, unit in by_identity.items():
        row = stored.get(key)
        if row is None and unit.tuid is not None and tuids[_tuid_key(unit)] == 1:
            candidates = [r for r in by_tuid.get(_tuid_key(unit), ()) if _identity_of_row(r) not in claimed]
            if len(candidates) == 1:
                row = candidates[0]
                claimed.add(_identity_of_row(row))
        if row is None:
            inserts.append(unit)
            continue
        wanted = _wanted(unit, row)
        if wanted:
            updates.append({"_id": row.id, **_full(row, wanted)})
        else:
            unchanged += 1
    _insert_many(conn, [_fields(unit) for unit in inserts], origin, actor, now)
    if updates:
        statement = tm_units.update().where(tm_units.c.id == sa.bindparam("_id"))
        conn.execute(statement, updates)
    if inserts or updates:
        bump_tm_version(conn)
    return ImportCounts(len(incoming), len(inserts), len(updates), unchanged)


def import_rows(conn: sa.Connection, origin: str, rows: list[tuple], actor: str,
                now: dt.datetime | None = None) -> ImportCounts:
    """`import_units` for units given as their fields in `ImportedUnit`'s order (a reader's rows:
    no object is made for a unit unless the origin already holds units to compare them with)."""
    if _holds_units(conn, origin):
        return import_units(conn, origin, [ImportedUnit(*row) for row in rows], actor, now)
    now = now or dt.datetime.now(dt.UTC)
    inserts = list({(row[0], row[1], row[5], row[2], row[3]): row for row in rows}.values())  # as `import_units`
    _insert_many(conn, inserts, origin, actor, now)
    if inserts:
        bump_tm_version(conn)
    return ImportCounts(len(inserts), len(inserts), 0, 0)


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


# article_id and segment_id (NULL: not an article's unit) are left out: SQLite inserts 100,000
# rows about a third faster without the two NULLs bound in each (bench/tmx_import.py).
_INSERTED = ("source_lang", "target_lang", "source_text", "target_text", "previous_source", "origin", "tuid",
             "created_by", "created_at", "changed_by", "changed_at", "extra")


def _insert_many(conn: sa.Connection, units: list[tuple], origin: str, actor: str, now: dt.datetime) -> None:
    """The units (their fields in `ImportedUnit`'s order) as new rows (a date or author the file
    does not give: the unit's other one, else the import's `now` and `actor`): one compiled INSERT
    run with the driver's executemany, the columns' own bind processing (dates, JSON) applied
    here, once per distinct date: SQLAlchemy's per-row parameter handling was most of an
    import's time."""
    if not units:
        return
    dialect = conn.dialect
    compiled = tm_units.insert().compile(dialect=dialect, column_keys=list(_INSERTED))
    order = list(compiled.positiontup or ()) if compiled.positional else list(_INSERTED)
    processors = {}
    for key in _INSERTED:
        process = tm_units.c[key].type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None:
            processors[key] = _date_encoding(process) if isinstance(tm_units.c[key].type, sa.DateTime) else process
    if "extra" in processors:
        processors["extra"] = _json_encoding(processors["extra"])
    identity = lambda value: value  # noqa: E731
    at, by, extra = (processors.get(key, identity) for key in ("created_at", "created_by", "extra"))
    text = processors.get("source_text", identity)
    tuid_of = processors.get("tuid", identity)
    lang = _memo(processors["source_lang"]) if "source_lang" in processors else identity
    origin_value, actor_value = processors.get("origin", identity)(origin), by(actor)
    sql = str(compiled)
    arrange = None
    if not compiled.positional:
        arrange = lambda values: dict(zip(_INSERTED, values, strict=True))  # noqa: E731
    elif order != list(_INSERTED):
        arrange = operator.itemgetter(*(_INSERTED.index(key) for key in order))
    plain = not any(key in processors for key in ("source_lang", "target_lang", "source_text", "target_text",
                                                    "previous_source", "origin", "tuid", "created_by", "changed_by"))
    for start in range(0, len(units), _CHUNK):
        parameters: list = []
        if plain and arrange is None:  # SQLite: only dates and JSON are converted
            for (source_lang, target_lang, source_text, target_text, previous, tuid, created_by, created_at,
                 changed_by, changed_at, unit_extra) in units[start:start + _CHUNK]:
                created_by = created_by or changed_by or actor
                created = at(created_at or changed_at or now)
                parameters.append((source_lang, target_lang, source_text, target_text, previous, origin,
                                   tuid, created_by, created, changed_by or created_by,
                                   at(changed_at) if changed_at else created, extra(unit_extra)))
            conn.exec_driver_sql(sql, parameters)
            continue
        for (source_lang, target_lang, source_text, target_text, previous, tuid, created_by, created_at,
             changed_by, changed_at, unit_extra) in units[start:start + _CHUNK]:
            given_by = created_by or changed_by
            processed_by = by(given_by) if given_by else actor_value
            created_at = created_at or changed_at or now
            changed_by = by(changed_by) if changed_by else processed_by
            changed_at = changed_at or created_at
            values = (lang(source_lang), lang(target_lang), text(source_text), text(target_text),
                      text(previous), origin_value, tuid_of(tuid), processed_by,
                      at(created_at), changed_by, at(changed_at), extra(unit_extra))  # in _INSERTED's order
            parameters.append(values if arrange is None else arrange(values))
        conn.exec_driver_sql(sql, parameters)


def _fields(unit: UnitFields) -> tuple:
    return (unit.source_lang, unit.target_lang, unit.source_text, unit.target_text, unit.previous_source, unit.tuid,
            unit.created_by, unit.created_at, unit.changed_by, unit.changed_at, unit.extra)


def _holds_units(conn: sa.Connection, origin: str) -> bool:
    return conn.scalar(sa.select(tm_units.c.id).where(tm_units.c.origin == origin).limit(1)) is not None


def _json_encoding(process):
    """The JSON column's bind processing, with the standard library's C encoder made once instead of
    once a value (`json.dumps` makes one a call) when that processing is plain `json.dumps`. The
    parts of an `{"tmx": {...}}` extra that are the very objects of the unit before (a reader
    shares the header's and the variants' parts) are encoded once."""
    probe = {"tmx": {"attrs": {"a": "é\n", "b": ["<x1/>", 1, 2.5, None, True]}}}
    if c_make_encoder is None or process(probe) != json.dumps(probe):
        return process
    encoder = c_make_encoder(None, json.JSONEncoder().default, encode_basestring_ascii, None, ": ", ", ",
                             False, False, True)
    last: dict[str, tuple] = {}  # key -> (the part, its JSON); holding the part keeps its identity

    def encoded(value):
        if type(value) is not dict:
            return process(value)
        tmx = value.get("tmx")
        if len(value) != 1 or type(tmx) is not dict:
            return "".join(encoder(value, 0))
        parts = []
        for key, part in tmx.items():
            if type(key) is not str:
                return "".join(encoder(value, 0))
            known = last.get(key)
            if known is None or known[0] is not part:
                known = last[key] = (part, "".join(encoder(part, 0)))
            parts.append(f"{encode_basestring_ascii(key)}: {known[1]}")
        return '{"tmx": {' + ", ".join(parts) + "}}"

    return encoded


def _date_encoding(process):
    """The date column's bind processing, once per distinct date; when it is SQLite's text form
    (the fields as they are, to the microsecond), through `isoformat`, which writes the same."""
    probes = (dt.datetime(2024, 2, 29, 23, 5, 9, tzinfo=dt.UTC), dt.datetime(1, 1, 1, 0, 0, 0, 7),
              dt.datetime(2031, 12, 3, 4, 0, 0, 120000, tzinfo=dt.timezone(dt.timedelta(hours=6, minutes=30))))
    fields = process
    if all(process(probe) == probe.isoformat(" ", "microseconds")[:26] for probe in probes):
        fields = lambda value: value.isoformat(" ", "microseconds")[:26]  # noqa: E731
    cache: dict = {}

    def encoded(value):
        # Equal times of two zones are written with different fields: only UTC and naive ones are kept.
        if type(value) is not dt.datetime or (value.tzinfo is not dt.UTC and value.tzinfo is not None):
            return process(value)
        found = cache.get(value)
        if found is None:
            found = cache[value] = fields(value)
        return found

    return encoded


def _memo(process):
    cache: dict = {}

    def memoised(value):
        found = cache.get(value)
        if found is None:
            found = cache[value] = process(value)
        return found

    return memoised


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


def _wanted(unit: UnitFields, row) -> dict:
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

