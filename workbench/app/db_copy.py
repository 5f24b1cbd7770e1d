"""`workbench db copy`: the workspace's whole database moved into another, empty one (SQLite to
PostgreSQL or back), verified by row counts and checksums before it is committed.

All or nothing: the rows are written in one transaction on the target and compared there, table
by table, with the source (read as one snapshot); any difference or failure rolls it back. The
target is migrated to the current schema first; a SQLite file made for the copy is removed when
the copy fails, so nothing is left of it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from workbench.app.config import Settings
from workbench.app.errors import database_refused, database_unreachable
from workbench.errors import UserError
from workbench.storage import db_copy
from workbench.storage.schema import SCHEMA_VERSION
from workbench.storage.store import Store, shown_url

COPYING, VERIFYING = "copying", "verifying"
# Told the stage (COPYING, VERIFYING: the target read back), the rows done in it and its total.
CopyProgress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class TableCopy:
    name: str
    rows: int
    checksum: str  # SHA-256 over the rows in primary-key order, equal on both sides


@dataclass(frozen=True)
class DatabaseCopy:
    source: str  # URLs with any password hidden
    target: str
    schema_version: int
    tables: tuple[TableCopy, ...]

    @property
    def rows(self) -> int:
        return sum(table.rows for table in self.tables)


def copy_database(settings: Settings, target_url: str, on_progress: CopyProgress | None = None) -> DatabaseCopy:
    """Copy the configured database into the empty database at `target_url`; refused, with
    nothing written, when the target holds any row or the source is not at the current schema."""
    if _same_database(settings.db_url, target_url):
        raise UserError(f"{shown_url(target_url)} is the workspace's own database; pass --to another, empty database")
    _require_source_file(settings.db_url)
    tables = db_copy.workbench_tables()
    source = Store(settings.db_url)
    try:
        with _reached(settings.db_url, "--db / WORKBENCH_DB"):
            _check_source(source, tables)
        return _copy_into(source, target_url, tables, on_progress or _quiet)
    finally:
        source.close()


def _copy_into(source: Store, target_url: str, tables: list[sa.Table], on_progress: CopyProgress) -> DatabaseCopy:
    new_file = _sqlite_file(target_url)
    made_here = new_file is not None and not new_file.exists()
    target = Store(target_url)
    try:
        with _reached(target_url, "the --to URL"):
            if not made_here:  # before the migration writes anything
                with target.engine.connect() as conn:
                    _check_target_empty(conn, tables, target_url)
            target.migrate()
        try:
            return _copy(source, target, tables, on_progress)
        except sa.exc.DBAPIError as error:
            raise UserError(f"the copy to {shown_url(target_url)} failed: {database_refused(error)}; "
                            "nothing was copied (rolled back)") from None
    except BaseException:
        if made_here and new_file is not None:
            target.close()
            _remove_sqlite_file(new_file)
        raise
    finally:
        target.close()


def _copy(source: Store, target: Store, tables: list[sa.Table], on_progress: CopyProgress) -> DatabaseCopy:
    with _snapshot(source) as reading, target.engine.begin() as writing:
        counts = {table.name: db_copy.row_count(reading, table) for table in tables}
        total = sum(counts.values())
        _check_target_empty(writing, tables, target.url)  # again, now in the transaction that fills it
        db_copy.drop_schema_version(writing)
        copied = _Counter(COPYING, total, on_progress)
        read = {table.name: db_copy.copy_table(reading, writing, table, copied.add) for table in tables}
        db_copy.reset_counters(writing, tables)
        checked = _Counter(VERIFYING, total, on_progress)
        done = tuple(_verified(writing, table, counts[table.name], read[table.name], checked.add, shown_url(target.url))
                     for table in tables)
    return DatabaseCopy(shown_url(source.url), shown_url(target.url), SCHEMA_VERSION, done)


def _verified(writing: sa.Connection, table: sa.Table, counted: int, read: tuple[int, str],
              rows_done: db_copy.RowsDone, target: str) -> TableCopy:
    """The table as written, read back and compared with the rows read from the source."""
    rows, checksum = read
    copied_rows, copied_checksum = db_copy.table_checksum(writing, table, rows_done)
    if rows != counted or copied_rows != rows:
        raise UserError(f"the copy to {target} does not match: table {table.name} has {copied_rows} rows there and "
                        f"{rows} here; nothing was copied (rolled back): try again")
    if copied_checksum != checksum:
        raise UserError(f"the copy to {target} does not match: table {table.name} has other values there "
                        "(checksums differ); nothing was copied (rolled back): report this")
    return TableCopy(table.name, rows, checksum)


class _Counter:
    def __init__(self, stage: str, total: int, on_progress: CopyProgress):
        self.stage, self.total, self.on_progress, self.done = stage, total, on_progress, 0
        on_progress(stage, 0, total)

    def add(self, rows: int) -> None:
        self.done += rows
        self.on_progress(self.stage, self.done, self.total)


def _quiet(_stage: str, _done: int, _total: int) -> None:
    pass


@contextlib.contextmanager
def _snapshot(store: Store) -> Iterator[sa.Connection]:
    """A connection that reads the source as it was when the copy began, writers or not."""
    with store.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
            conn.exec_driver_sql("SET TRANSACTION READ ONLY")
        elif conn.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN")  # Python's sqlite3 would start none for reads
        try:
            yield conn
        finally:
            conn.rollback()


@contextlib.contextmanager
def _reached(url: str, named_by: str) -> Iterator[None]:
    """A database that cannot be reached is one line, naming where its URL came from."""
    try:
        yield
    except sa.exc.OperationalError as error:
        message = database_unreachable(error, url)
        if message is None:
            raise
        raise UserError(message.replace("check --db / WORKBENCH_DB", f"check {named_by}")) from None


def _check_source(source: Store, tables: list[sa.Table]) -> None:
    version = source.schema_version()
    where = shown_url(source.url)
    if version == 0:
        raise UserError(f"{where} is not a workbench database (no schema version); nothing to copy: "
                        "check --db / WORKBENCH_DB")
    if version != SCHEMA_VERSION:
        action = "run `workbench db migrate` first" if version < SCHEMA_VERSION else "upgrade the workbench"
        raise UserError(f"{where} is at schema version {version}, this workbench's is {SCHEMA_VERSION}; {action}")
    with source.engine.connect() as conn:
        left = db_copy.unknown_tables(conn, tables)
    if left:
        raise UserError(f"{where} has tables this workbench does not know ({', '.join(left)}); a copy would "
                        "leave them behind: use the workbench that made them")


def _check_target_empty(conn: sa.Connection, tables: list[sa.Table], url: str) -> None:
    holding = db_copy.first_table_with_rows(conn, tables)
    if holding is not None:
        raise UserError(f"{shown_url(url)} is not empty (table {holding} has rows); nothing was changed: "
                        "copy into a new, empty database")


def _same_database(first: str, second: str) -> bool:
    try:
        one, other = sa.engine.make_url(first), sa.engine.make_url(second)
    except (sa.exc.ArgumentError, ValueError):  # ValueError: a port that is not a number
        return first == second
    files = _sqlite_file(first), _sqlite_file(second)
    if files[0] is not None and files[1] is not None:
        return files[0].resolve() == files[1].resolve()
    return one == other


def _sqlite_file(url: str) -> Path | None:
    """The file a sqlite:/// URL names, or None (another database, an in-memory one)."""
    try:
        parsed = sa.engine.make_url(url)
    except (sa.exc.ArgumentError, ValueError):
        return None
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


def _require_source_file(url: str) -> None:
    path = _sqlite_file(url)
    if path is not None and not path.is_file():
        raise UserError(f"there is no workspace database at {path}; nothing to copy: check --db / WORKBENCH_DB "
                        "(or --data-dir)")


def _remove_sqlite_file(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"),
                     path.with_name(path.name + "-journal")):
        leftover.unlink(missing_ok=True)
