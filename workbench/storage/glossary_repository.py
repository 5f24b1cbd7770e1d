"""Glossary entries in the database: read whole entries, write them with an audit trail."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa

from workbench.glossary.model import Entry, Rendering, Term
from workbench.storage.glossary_rows import (
    entry_from_row,
    entry_values,
    insert_rows,
    rendering_from_row,
    rendering_rows,
    term_from_row,
    term_rows,
)
from workbench.storage.glossary_schema import (
    glossary_entries,
    glossary_history,
    glossary_renderings,
    glossary_terms,
    users,
)
from workbench.storage.meta_values import bump_counter
from workbench.storage.schema import meta


@dataclass(frozen=True)
class HistoryEvent:
    entry_id: str
    at: dt.datetime
    actor: str
    action: str
    lang: str | None
    rendering: str | None
    old_status: str | None
    new_status: str | None
    reason: str
    revision: int


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class GlossaryRepository:
    """Reads and writes termbase rows; the rules of who may do what live in workflow.py."""

    def __init__(self, engine: sa.Engine):
        self.engine = engine

    # -- reading -----------------------------------------------------------
    def entries(self) -> list[Entry]:
        with self.engine.connect() as conn:
            return _load_entries(conn, None)

    def entry(self, entry_id: str) -> Entry | None:
        with self.engine.connect() as conn:
            found = _load_entries(conn, entry_id)
        return found[0] if found else None

    def entry_and_revision(self, entry_id: str) -> tuple[Entry, int] | None:
        """The entry and its revision, read together (one snapshot)."""
        with self.engine.connect() as conn:
            revision = conn.scalar(sa.select(glossary_entries.c.revision).where(glossary_entries.c.id == entry_id))
            found = _load_entries(conn, entry_id)
        return (found[0], int(revision)) if found and revision is not None else None

    def revision(self, entry_id: str) -> int | None:
        with self.engine.connect() as conn:
            return conn.scalar(sa.select(glossary_entries.c.revision).where(glossary_entries.c.id == entry_id))

    def version(self) -> int:
        """Bumped by every glossary change: matchers and caches rebuild when it moves."""
        with self.engine.connect() as conn:
            value = conn.scalar(sa.select(meta.c.value).where(meta.c.key == "glossary_version"))
        return int(value or 0)

    def history(self, entry_id: str) -> list[HistoryEvent]:
        query = sa.select(glossary_history).where(glossary_history.c.entry_id == entry_id).order_by(glossary_history.c.id)
        with self.engine.connect() as conn:
            return [HistoryEvent(**{k: v for k, v in row.items() if k != "id"}) for row in conn.execute(query).mappings()]

    def pending_count(self) -> int:
        query = sa.select(sa.func.count()).select_from(glossary_renderings).where(glossary_renderings.c.status == "proposed")
        with self.engine.connect() as conn:
            return int(conn.scalar(query) or 0)

    def role(self, name: str) -> str | None:
        with self.engine.connect() as conn:
            return conn.scalar(sa.select(users.c.role).where(users.c.name == name))

    def users(self) -> list[tuple[str, str]]:
        with self.engine.connect() as conn:
            return [tuple(row) for row in conn.execute(sa.select(users.c.name, users.c.role).order_by(users.c.name))]

    # -- writing (each call is one transaction) -----------------------------
    def set_role(self, name: str, role: str, actor: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(users.delete().where(users.c.name == name))
            conn.execute(users.insert().values(name=name, role=role, updated_at=_now(), updated_by=actor))

    def write(self, entry: Entry, actor: str, events: list[dict], expected_revision: int | None = None) -> int:
        """Replace an entry's rows and append its history events; return the new revision.

        With `expected_revision`, the write happens only if nobody changed the entry
        since that revision; otherwise nothing is written and StaleRevision is raised.
        """
        with self.engine.begin() as conn:
            revision = _write_entry(conn, entry, actor, events, expected_revision)
            _bump_glossary_version(conn)
        return revision

    def modify(self, entry_id: str, change: Callable[[Entry, int], tuple[Entry, list[dict]]], actor: str,
               expected_revision: int | None = None) -> int | None:
        """Read the entry, `change` it and write it in ONE transaction that holds the write lock
        from the start, so the revision read cannot move before the write; None if no such entry.

        `change(entry, revision)` returns the new entry and its history events (or raises).
        StaleRevision when the entry is not at `expected_revision`.
        """
        with self.engine.begin() as conn:
            _bump_glossary_version(conn)  # the first write takes SQLite's lock before anything is read
            query = sa.select(glossary_entries.c.revision).where(glossary_entries.c.id == entry_id)
            if conn.dialect.name != "sqlite":
                query = query.with_for_update()
            revision = conn.scalar(query)
            found = _load_entries(conn, entry_id) if revision is not None else []
            if not found or revision is None:
                return None
            entry, events = change(found[0], int(revision))  # may refuse first (e.g. no such revision)
            if expected_revision is not None and expected_revision != revision:
                raise StaleRevision(entry_id, expected_revision, revision)
            return _write_entry(conn, entry, actor, events, int(revision))

    def write_many(self, changes: list[tuple[Entry, list[dict], int | None]], actor: str) -> list[str]:
        """Write several entries in ONE transaction, each based on the revision given with it
        (0: the entry must not exist yet; None: no check). An entry that moved on since is not
        written; its id is returned. Everything else applies whole or, on failure, not at all."""
        from workbench.storage.glossary_bulk import write_entries

        if not changes:
            return []
        with self.engine.begin() as conn:
            # Bumping the glossary version first takes the write lock before revisions are read.
            return write_entries(conn, changes, actor, _bump_glossary_version)

    def entries_with_revisions(self) -> tuple[list[Entry], dict[str, int]]:
        """Every entry and every revision, read together (one snapshot)."""
        with self.engine.connect() as conn:
            revisions = {entry_id: revision for entry_id, revision in conn.execute(sa.select(glossary_entries.c.id, glossary_entries.c.revision))}
            return _load_entries(conn, None), revisions


def remove_entry(engine: sa.Engine, entry_id: str, actor: str, reason: str, expected_revision: int) -> None:
    """Delete an entry on the revision the caller read; its history stays (with a "remove" event)."""
    with engine.begin() as conn:
        removed = conn.execute(glossary_entries.delete().where(glossary_entries.c.id == entry_id,
                                                               glossary_entries.c.revision == expected_revision))
        if not removed.rowcount:
            current = conn.scalar(sa.select(glossary_entries.c.revision).where(glossary_entries.c.id == entry_id))
            raise StaleRevision(entry_id, expected_revision, current)
        conn.execute(glossary_history.insert().values(
            entry_id=entry_id, at=_now(), actor=actor, action="remove", reason=reason, revision=expected_revision + 1))
        _bump_glossary_version(conn)


class StaleRevision(Exception):
    def __init__(self, entry_id: str, expected: int, current: int | None):
        super().__init__(f"{entry_id}: expected revision {expected}, found {current}")
        self.entry_id, self.expected, self.current = entry_id, expected, current


def _write_entry(conn: sa.Connection, entry: Entry, actor: str, events: list[dict], expected: int | None) -> int:
    revision = _bump_revision(conn, entry, actor, expected)
    _replace_children(conn, entry)
    for event in events:
        row = {"reason": "", **event, "entry_id": entry.id, "at": _now(), "actor": actor, "revision": revision}
        conn.execute(glossary_history.insert().values(row))
    return revision


def _bump_revision(conn: sa.Connection, entry: Entry, actor: str, expected: int | None) -> int:
    table = glossary_entries
    values = entry_values(entry, actor, _now())
    del values["id"]
    current = conn.scalar(sa.select(table.c.revision).where(table.c.id == entry.id))
    if expected is not None and (current or 0) != expected:
        raise StaleRevision(entry.id, expected, current)
    if current is None:
        conn.execute(table.insert().values(id=entry.id, revision=1, **values))
        return 1
    updated = conn.execute(
        table.update().where(table.c.id == entry.id, table.c.revision == current)
        .values(revision=current + 1, **values)
    ).rowcount
    if not updated:  # another writer got in between our read and our update
        raise StaleRevision(entry.id, current, None)
    return current + 1


def _replace_children(conn: sa.Connection, entry: Entry) -> None:
    conn.execute(glossary_terms.delete().where(glossary_terms.c.entry_id == entry.id))
    conn.execute(glossary_renderings.delete().where(glossary_renderings.c.entry_id == entry.id))
    insert_rows(conn, glossary_terms, term_rows([entry]))
    insert_rows(conn, glossary_renderings, rendering_rows([entry]))


def _bump_glossary_version(conn: sa.Connection) -> None:
    # Also the write lock glossary writers queue on (SQLite's database lock, PostgreSQL's row lock).
    bump_counter(conn, "glossary_version")


def _load_entries(conn: sa.Connection, entry_id: str | None) -> list[Entry]:
    def only(table):
        return (table.c.entry_id == entry_id,) if entry_id is not None else ()

    def ordered(table):
        return sa.select(table).where(*only(table)).order_by(table.c.entry_id, table.c.position)

    terms: dict[str, list[Term]] = {}
    for row in conn.execute(ordered(glossary_terms)).mappings():
        terms.setdefault(row["entry_id"], []).append(term_from_row(row))
    renderings: dict[str, list[Rendering]] = {}
    for row in conn.execute(ordered(glossary_renderings)).mappings():
        renderings.setdefault(row["entry_id"], []).append(rendering_from_row(row))
    query = sa.select(glossary_entries).order_by(glossary_entries.c.id)
    if entry_id is not None:
        query = query.where(glossary_entries.c.id == entry_id)
    return [entry_from_row(row, terms.get(row["id"], ()), renderings.get(row["id"], ()))
            for row in conn.execute(query).mappings()]
