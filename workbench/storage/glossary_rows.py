"""Glossary entries as table rows and back: the one mapping every glossary write and read uses.

Also `insert_rows` / `execute_rows`: many rows in one driver-level executemany. SQLAlchemy's
per-row parameter processing cost about 1.5 s of a 10,000-entry import (70,000 rows); here each
column's bind processor (JSON, dates on SQLite) is looked up once and applied in a tight loop.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from operator import itemgetter
from typing import Any

import sqlalchemy as sa

from workbench.glossary.model import ContextRule, Entry, Rendering, Term


def entry_values(entry: Entry, actor: str, now: dt.datetime) -> dict[str, Any]:
    """The glossary_entries columns an entry sets (all but the revision)."""
    return {"id": entry.id, "domain": entry.domain, "definition": entry.definition, "note": entry.note,
            "sources": list(entry.sources), "definitions": [list(pair) for pair in entry.definitions],
            "updated_at": now, "updated_by": actor}


def term_rows(entries: Iterable[Entry]) -> list[dict[str, Any]]:
    return [{"entry_id": entry.id, "position": i, "text": t.text, "kind": t.kind, "case_rule": t.case,
             "context": context_to_json(t.context), "status": t.status, "part_of_speech": t.part_of_speech,
             "note": t.note, "source": t.source}
            for entry in entries for i, t in enumerate(entry.terms)]


def rendering_rows(entries: Iterable[Entry]) -> list[dict[str, Any]]:
    return [{"entry_id": entry.id, "position": i, "lang": r.lang, "text": r.text, "status": r.status,
             "do_not_translate": r.do_not_translate, "honorific": r.honorific, "note": r.note,
             "source": r.source, "part_of_speech": r.part_of_speech}
            for entry in entries for i, r in enumerate(entry.renderings)]


def term_from_row(row: Mapping[Any, Any]) -> Term:
    return Term(row["text"], row["kind"], row["case_rule"], context_from_json(row["context"]),
                status=row["status"] or "", part_of_speech=row["part_of_speech"] or "",
                note=row["note"] or "", source=row["source"] or "")


def rendering_from_row(row: Mapping[Any, Any]) -> Rendering:
    return Rendering(row["lang"], row["text"], row["status"], bool(row["do_not_translate"]), bool(row["honorific"]),
                     row["note"], row["source"], part_of_speech=row["part_of_speech"] or "")


def entry_from_row(row: Mapping[Any, Any], terms: Sequence[Term], renderings: Sequence[Rendering]) -> Entry:
    return Entry(id=row["id"], terms=tuple(terms), renderings=tuple(renderings), domain=row["domain"],
                 definition=row["definition"], note=row["note"], sources=tuple(row["sources"] or ()),
                 definitions=tuple((str(lang), str(text)) for lang, text in row["definitions"] or ()))


def context_to_json(context: ContextRule) -> dict[str, Any]:
    return {"before_name": context.before_name, "not_followed_by": list(context.not_followed_by),
            "not_preceded_by": list(context.not_preceded_by)}


def context_from_json(raw: dict | None) -> ContextRule:
    raw = raw or {}
    return ContextRule(bool(raw.get("before_name")), tuple(raw.get("not_followed_by", ())),
                       tuple(raw.get("not_preceded_by", ())))


def insert_rows(conn: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    """INSERT every row (all with the same keys) in one executemany."""
    if rows:
        execute_rows(conn, table.insert(), rows)


def execute_rows(conn: sa.Connection, statement: sa.Executable, rows: list[dict[str, Any]]) -> None:
    """Run `statement` once per row in one driver executemany, with the dialect's own conversions."""
    if not rows:
        return
    keys = list(rows[0])
    compiled = statement.compile(dialect=conn.dialect, column_keys=keys)  # type: ignore[attr-defined]
    names = list(compiled.positiontup or ()) if compiled.positional else list(compiled.binds)
    converters = [(at, convert) for at, name in enumerate(names)
                  if (convert := _bind_processor(compiled.binds[name].type, conn.dialect)) is not None]
    ordered = itemgetter(*names) if len(names) > 1 else (lambda row: (row[names[0]],))
    values: list[Any] = [ordered(row) for row in rows]
    if converters:
        values = [list(row_values) for row_values in values]
        for row_values in values:
            for at, convert in converters:
                row_values[at] = convert(row_values[at])
    params: list[Any] = [tuple(row_values) for row_values in values] if compiled.positional else \
        [dict(zip(names, row_values, strict=True)) for row_values in values]
    conn.exec_driver_sql(compiled.string, params)


def _bind_processor(column_type: sa.types.TypeEngine, dialect: sa.Dialect):
    """The conversion a value needs before the driver takes it. SQLite's driver takes datetimes
    as they are (measured faster than SQLAlchemy's formatting in bench/glossary_import.py); other
    drivers need the dialect's own type (psycopg: JSON must be wrapped, not passed as a list)."""
    chosen = column_type if dialect.name == "sqlite" else column_type.dialect_impl(dialect)
    return chosen.bind_processor(dialect)
