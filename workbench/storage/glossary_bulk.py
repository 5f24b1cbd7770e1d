"""Writing many glossary entries at once (imports, first-start seeding) in a few statements.

Per entry the ordinary path costs about seven statements; a 10,000-entry import that way held
the database's write lock for seconds, and every keystroke in an open TUI waited. Here the
whole batch is a handful of multi-row statements in one transaction. The write lock is taken
first (the glossary version is bumped before anything is read), so the revisions read next
cannot move before the batch commits: each entry is written only if it is still at the
revision its caller read, and the ids of the others are returned.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence

import sqlalchemy as sa

from workbench.glossary.model import Entry
from workbench.storage.glossary_rows import entry_values, execute_rows, insert_rows, rendering_rows, term_rows
from workbench.storage.glossary_schema import glossary_entries, glossary_history, glossary_renderings, glossary_terms

Change = tuple[Entry, list[dict], "int | None"]
_CHUNK = 500  # ids per IN (…) list: well under every database's parameter limit


def write_entries(conn: sa.Connection, changes: Sequence[Change], actor: str,
                  lock: Callable[[sa.Connection], None]) -> list[str]:
    """Write the changes that are still based on the current revision; return the ids of the others.

    `lock` is called first with the connection: it must take the database's write lock (on
    SQLite any write does; PostgreSQL rows are locked by the SELECT … FOR UPDATE below).
    """
    lock(conn)
    current = _revisions(conn, [entry.id for entry, _events, _expected in changes])
    fresh = [(entry, events, current.get(entry.id)) for entry, events, expected in changes
             if expected is None or current.get(entry.id, 0) == expected]
    stale = [entry.id for entry, _events, expected in changes
             if expected is not None and current.get(entry.id, 0) != expected]
    if fresh:
        _write_fresh(conn, fresh, actor, dt.datetime.now(dt.UTC))
    return stale


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start:start + _CHUNK]


def _revisions(conn: sa.Connection, ids: list[str]) -> dict[str, int]:
    table = glossary_entries.c
    found: dict[str, int] = {}
    for chunk in _chunks(ids):
        query = sa.select(table.id, table.revision).where(table.id.in_(chunk))
        if conn.dialect.name != "sqlite":
            query = query.with_for_update()
        found.update((entry_id, revision) for entry_id, revision in conn.execute(query))
    return found


def _write_fresh(conn: sa.Connection, fresh: list[tuple[Entry, list[dict], int | None]], actor: str,
                 now: dt.datetime) -> None:
    new = [entry for entry, _events, revision in fresh if revision is None]
    old = [(entry, revision) for entry, _events, revision in fresh if revision is not None]
    insert_rows(conn, glossary_entries, [{**entry_values(entry, actor, now), "revision": 1} for entry in new])
    if old:
        _update_entries(conn, old, actor, now)
    entries = [entry for entry, _events, _revision in fresh]
    insert_rows(conn, glossary_terms, term_rows(entries))
    insert_rows(conn, glossary_renderings, rendering_rows(entries))
    history = [{"reason": "", **event, "entry_id": entry.id, "at": now, "actor": actor,
                "revision": (revision or 0) + 1} for entry, events, revision in fresh for event in events]
    insert_rows(conn, glossary_history, _same_keys(history))


def _update_entries(conn: sa.Connection, old: list[tuple[Entry, int]], actor: str, now: dt.datetime) -> None:
    """New values and revisions for entries that exist; their terms and renderings are rewritten."""
    columns = [key for key in entry_values(old[0][0], actor, now) if key != "id"]
    statement = glossary_entries.update().where(glossary_entries.c.id == sa.bindparam("entry_id")).values(
        revision=sa.bindparam("new_revision"), **{key: sa.bindparam(f"v_{key}") for key in columns})
    execute_rows(conn, statement, [
        {"entry_id": entry.id, "new_revision": revision + 1,
         **{f"v_{key}": value for key, value in entry_values(entry, actor, now).items() if key != "id"}}
        for entry, revision in old])
    ids = [entry.id for entry, _revision in old]
    for chunk in _chunks(ids):
        conn.execute(glossary_terms.delete().where(glossary_terms.c.entry_id.in_(chunk)))
        conn.execute(glossary_renderings.delete().where(glossary_renderings.c.entry_id.in_(chunk)))


def _same_keys(rows: list[dict]) -> list[dict]:
    """executemany needs one set of keys: history events name different optional fields."""
    keys = {key for row in rows for key in row}
    return [{key: row.get(key) for key in keys} for row in rows]
