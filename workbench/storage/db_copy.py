"""Table-level copying between two workbench databases (SQLite, PostgreSQL, either way): every
table of the schema in foreign-key order, streamed in chunks (written by COPY into PostgreSQL,
by one executemany a chunk into SQLite), and a checksum per table computed the same way on both
sides.

Values pass through each column's SQLAlchemy type, so booleans, dates and times (UTC: naive on
SQLite, timestamptz on PostgreSQL) are converted between the two databases' forms, except JSON:
its stored text is moved as it is, so a JSON value arrives byte for byte, never re-encoded.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
import json
import pkgutil
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal

import sqlalchemy as sa

from workbench.storage import schema

CHUNK_ROWS = 1000  # rows held in memory at once, whatever the table's size
RowsDone = Callable[[int], None]  # told how many more rows were copied or checked


def workbench_tables() -> list[sa.Table]:
    """Every table of the schema, parents before children. Each storage module is imported first:
    the migrations import their tables' modules only when they run, so without this a table a
    current database already has (one of a newer migration too) would be missing here."""
    import workbench.storage as package

    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")
    return list(schema.metadata.sorted_tables)


def unknown_tables(conn: sa.Connection, tables: list[sa.Table]) -> list[str]:
    """Tables in the database that `tables` lacks (a copy would leave them behind)."""
    known = {table.name for table in tables}
    return sorted(name for name in sa.inspect(conn).get_table_names()
                  if name not in known and not name.startswith("sqlite_"))


def first_table_with_rows(conn: sa.Connection, tables: list[sa.Table]) -> str | None:
    """The first of `tables` holding a row, or None when the database is empty. The schema
    version a migration records in `meta` does not count: an empty migrated database has it."""
    existing = set(sa.inspect(conn).get_table_names())
    for table in tables:
        if table.name not in existing:
            continue
        query = sa.select(sa.literal(1)).select_from(table).limit(1)
        if table is schema.meta:
            query = query.where(schema.meta.c.key != "schema_version")
        if conn.scalar(query) is not None:
            return table.name
    return None


def row_count(conn: sa.Connection, table: sa.Table) -> int:
    return int(conn.scalar(sa.select(sa.func.count()).select_from(table)) or 0)


def drop_schema_version(conn: sa.Connection) -> None:
    """Delete the one row an empty migrated database holds (`first_table_with_rows` lets it
    pass), in the copy's transaction: the copied `meta` brings it again."""
    conn.execute(schema.meta.delete().where(schema.meta.c.key == "schema_version"))


def copy_table(source: sa.Connection, target: sa.Connection, table: sa.Table,
               rows_done: RowsDone | None = None, chunk: int = CHUNK_ROWS) -> tuple[int, str]:
    """Insert every row of `table` from `source` into `target`, `chunk` rows at a time: the
    `table_checksum` of the rows read (computed on the way, so the source is read once)."""
    write = _copy_writer(target, table) if _copyable(table, target.dialect) else _insert_writer(target, table)
    checksum = _Checksum()
    for rows in _chunks(source, table, chunk):
        write(rows)
        checksum.add(rows)
        if rows_done is not None:
            rows_done(len(rows))
    return checksum.rows, checksum.digest.hexdigest()


def _insert_writer(target: sa.Connection, table: sa.Table) -> Callable[[Sequence[sa.Row]], None]:
    """Rows written by one compiled INSERT and the driver's executemany, each value through its
    column's bind processing, applied here: SQLAlchemy's per-row parameter handling took most
    of the time (as in `tm_import._insert_many`)."""
    dialect = target.dialect
    columns = list(table.columns)
    names = [f"value_{index}" for index in range(len(columns))]
    compiled = table.insert().values({column.key: _written(column, index, dialect)
                                      for index, column in enumerate(columns)}).compile(dialect=dialect)
    processors = [compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names]
    order = [names.index(name) for name in compiled.positiontup or ()] if compiled.positional else None
    sql = str(compiled)

    def write(rows: Sequence[sa.Row]) -> None:
        processed = [[value if process is None or value is None else process(value)
                      for process, value in zip(processors, row, strict=True)] for row in rows]
        if order is None:
            target.exec_driver_sql(sql, [dict(zip(names, values, strict=True)) for values in processed])
        else:
            target.exec_driver_sql(sql, [tuple(values[index] for index in order) for values in processed])

    return write


def _copyable(table: sa.Table, dialect: sa.Dialect) -> bool:
    """PostgreSQL's COPY can take the rows as read when no column's type changes a value on the
    way in (JSON goes as its text, booleans are already bool): several times faster than INSERT."""
    if dialect.name != "postgresql":
        return False
    return all(isinstance(column.type, sa.JSON | sa.Boolean)
               or column.type.dialect_impl(dialect).bind_processor(dialect) is None for column in table.columns)


def _copy_writer(target: sa.Connection, table: sa.Table) -> Callable[[Sequence[sa.Row]], None]:
    """Rows written by COPY … FROM STDIN on the target's own connection, in its transaction."""
    quote = target.dialect.identifier_preparer
    names = ", ".join(quote.quote(column.name) for column in table.columns)
    statement = f"COPY {quote.format_table(table)} ({names}) FROM STDIN"
    driver = target.connection.driver_connection
    assert driver is not None  # an open connection has its driver's

    def write(rows: Sequence[sa.Row]) -> None:
        with driver.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)

    return write


def reset_counters(conn: sa.Connection, tables: list[sa.Table]) -> None:
    """Move PostgreSQL's sequences past the copied keys, so the next row inserted gets a new
    one (SQLite takes max(rowid) + 1 by itself)."""
    if conn.dialect.name != "postgresql":
        return
    for table in tables:
        column = table.autoincrement_column
        if column is None:
            continue
        name = conn.dialect.identifier_preparer.format_table(table)
        highest = sa.select(sa.func.coalesce(sa.func.max(column), 0)).scalar_subquery()
        conn.execute(sa.select(sa.func.setval(sa.func.pg_get_serial_sequence(name, column.name), highest + 1, False)))


def table_checksum(conn: sa.Connection, table: sa.Table, rows_done: RowsDone | None = None,
                   chunk: int = CHUNK_ROWS) -> tuple[int, str]:
    """(row count, SHA-256 over the rows in primary-key order): each row as one JSON line of its
    values in a form both databases give alike (times in UTC, JSON as stored)."""
    checksum = _Checksum()
    for rows in _chunks(conn, table, chunk):
        checksum.add(rows)
        if rows_done is not None:
            rows_done(len(rows))
    return checksum.rows, checksum.digest.hexdigest()


def _chunks(conn: sa.Connection, table: sa.Table, chunk: int) -> Iterator[Sequence[sa.Row]]:
    """The table's rows in primary-key order, streamed `chunk` at a time (a server-side cursor on
    PostgreSQL), never all in memory."""
    query = sa.select(*(_read(column, conn.dialect) for column in table.columns)).order_by(*key_order(table, conn.dialect))
    yield from conn.execution_options(yield_per=chunk).execute(query).partitions(chunk)


class _Checksum:
    _AS_IS = frozenset({str, int, bool, type(None)})  # most values: alike in JSON on both sides
    _LINE = json.JSONEncoder(ensure_ascii=False, default=repr)  # repr: a value of another type (PickleType's)

    def __init__(self) -> None:
        self.digest = hashlib.sha256()
        self.rows = 0

    def add(self, rows: Sequence[sa.Row]) -> None:
        as_is, encode, update = self._AS_IS, self._LINE.encode, self.digest.update
        for row in rows:
            update(encode([value if type(value) in as_is else _canonical(value) for value in row]).encode("utf-8") + b"\n")
        self.rows += len(rows)


def key_order(table: sa.Table, dialect: sa.Dialect) -> list[sa.ColumnElement]:
    """The primary key as an ORDER BY that sorts alike on both databases: text by its code points
    (SQLite's BINARY order; PostgreSQL's "C" collation, whatever the database's own locale)."""
    order: list[sa.ColumnElement] = []
    for column in table.primary_key.columns:
        textual = isinstance(column.type, sa.String) and dialect.name == "postgresql"
        order.append(sa.collate(column, "C") if textual else column)
    return order


def _read(column: sa.Column, dialect: sa.Dialect) -> sa.ColumnElement:
    """The column as selected: its JSON as the stored text, anything else through its type."""
    if not isinstance(column.type, sa.JSON):
        return column
    if dialect.name == "postgresql":
        return sa.cast(column, sa.Text).label(column.key)
    return sa.type_coerce(column, sa.Text).label(column.key)


def _written(column: sa.Column, index: int, dialect: sa.Dialect) -> sa.ColumnElement:
    """The value inserted: stored JSON text made JSON again by the database itself, not re-encoded."""
    if not isinstance(column.type, sa.JSON):
        return sa.bindparam(f"value_{index}", type_=column.type)
    text = sa.bindparam(f"value_{index}", type_=sa.Text)
    # SQLite's CAST to JSON would take the text as a number (JSON has NUMERIC affinity there).
    return sa.cast(text, column.type) if dialect.name == "postgresql" else text


def _canonical(value: object) -> object:
    """A value as the checksum sees it: the same on both databases for the same stored value."""
    if isinstance(value, dt.datetime):
        aware = value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)  # SQLite: naive UTC
        return aware.astimezone(dt.UTC).isoformat(timespec="microseconds")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return {"bytes": bytes(value).hex()}
    if isinstance(value, float | Decimal):
        return repr(value) if isinstance(value, float) else str(value)
    return value
