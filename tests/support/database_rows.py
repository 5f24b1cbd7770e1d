"""A desk's work seeded into a workspace, and every row of every workbench table read back
independently of `workbench db copy`'s own checksums."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import sqlalchemy as sa

from workbench.app import editing
from workbench.app.memory_exchange import import_tmx
from workbench.storage.db_copy import workbench_tables
from workbench.storage.store import MTKey, Store

TMX = Path(__file__).parents[1] / "fixtures" / "tmx"
FOREIGN = Path(__file__).parents[1] / "fixtures" / "xliff_foreign"
SAGAING_MY = "စစ်ကိုင်းတိုင်း"


def seed_desk_work(workspace) -> None:
    """What a desk leaves in a workspace: translations with history, a confirmed one (a memory
    unit), glossary proposals and decisions, roles, cached MT, a TMX file's units and an XLIFF
    file imported from another tool (kept whole, as bytes)."""
    store = workspace.store
    view = workspace.article_view(1, "my")
    first, second = view.segments[0].segment_id, view.segments[1].segment_id
    editing.save_edit(store, view, first, "ကိုယ်ပိုင် စာ။", "tin")
    editing.toggle_translated(store, view, first, "tin")
    editing.save_edit(store, view, second, "ဒုတိယ စာ", "mya")
    editing.save_edit(store, view, second, "ဒုတိယ စာ ပြင်ပြီး", "mya")
    creator = workspace.workflow()
    creator.set_role("tin", "translator")
    creator.set_role("mya", "editor")
    entry = workspace.workflow("tin").propose("Sagaing Region", "my", SAGAING_MY, note="as in DVB")
    workspace.workflow("mya").decide("approve", entry.id, "my", SAGAING_MY, reason="house style")
    store.save_mt(MTKey("en", "my", "argos", "translate-en_my", "1.0"), {"Hello.": "မင်္ဂလာပါ။"})
    import_tmx(workspace, TMX / "okapi_multi.tmx")
    from workbench.app.foreign_xliff import import_foreign, read_foreign_file  # schema version 8: a file's bytes

    import_foreign(store, [read_foreign_file(FOREIGN / "omegat_2_1.xlf")], "tin")


def _plain(value: object) -> object:
    """Times as aware UTC (SQLite gives naive UTC, PostgreSQL aware): equal when the instant is."""
    if isinstance(value, dt.datetime):
        return (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).astimezone(dt.UTC)
    return value


def all_rows(url: str) -> dict[str, list[tuple]]:
    """{table: its rows as typed values (JSON parsed), sorted by primary key in Python}."""
    store = Store(url)
    try:
        with store.engine.connect() as conn:
            found = {}
            for table in workbench_tables():
                keys = [list(table.columns).index(column) for column in table.primary_key.columns]
                rows = [tuple(_plain(value) for value in row) for row in conn.execute(sa.select(table))]
                found[table.name] = sorted(rows, key=lambda row: tuple(row[index] for index in keys))
            return found
    finally:
        store.close()


def json_texts(url: str) -> dict[str, list[str]]:
    """Every JSON column's stored text (not parsed), per table and column, sorted."""
    store = Store(url)
    try:
        with store.engine.connect() as conn:
            found = {}
            for table in workbench_tables():
                for column in table.columns:
                    if isinstance(column.type, sa.JSON):
                        raw = sa.cast(column, sa.Text) if conn.dialect.name == "postgresql" else sa.type_coerce(column, sa.Text)
                        found[f"{table.name}.{column.name}"] = sorted(conn.scalars(sa.select(raw)))
            return found
    finally:
        store.close()


def table_names(url: str) -> set[str]:
    store = Store(url)
    try:
        with store.engine.connect() as conn:
            return {name for name in sa.inspect(conn).get_table_names() if not name.startswith("sqlite_")}
    finally:
        store.close()
