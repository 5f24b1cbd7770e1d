"""The `meta` table's values and counters, written in one statement each on every database.

A counter (glossary_version, tm_version) moves by an INSERT … ON CONFLICT DO UPDATE: under
PostgreSQL's READ COMMITTED a read-then-write would let two writers both write the same next
value, or collide on the key and fail; the one statement instead takes the row's lock, so
concurrent writers queue behind each other and every bump counts (SQLite's write lock does
the same for the whole database).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa

from workbench.storage.schema import meta

if TYPE_CHECKING:
    from sqlalchemy.dialects import postgresql, sqlite


def set_meta(conn: sa.Connection, key: str, value: str) -> None:
    _upsert(conn, key, value, value)


def bump_counter(conn: sa.Connection, key: str) -> None:
    """Add one to the counter `key` (a missing one becomes 1), in the caller's transaction."""
    _upsert(conn, key, "1", sa.cast(sa.cast(meta.c.value, sa.Integer) + 1, sa.Text))


def _upsert(conn: sa.Connection, key: str, new: str, existing: str | sa.ColumnElement) -> None:
    statement: postgresql.Insert | sqlite.Insert
    if conn.dialect.name == "postgresql":  # the dialect modules load only for the database in use
        from sqlalchemy.dialects.postgresql import insert as postgresql_insert

        statement = postgresql_insert(meta)
    elif conn.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        statement = sqlite_insert(meta)
    else:  # another database: the portable two statements (fine without concurrent writers)
        if not conn.execute(meta.update().where(meta.c.key == key).values(value=existing)).rowcount:
            conn.execute(meta.insert().values(key=key, value=new))
        return
    conn.execute(statement.values(key=key, value=new)
                 .on_conflict_do_update(index_elements=[meta.c.key], set_={"value": existing}))
