"""The one place that reads and writes the database. Every write commits at once."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from workbench.errors import UserError
from workbench.storage import schema
from workbench.storage.meta_values import set_meta
from workbench.storage.schema import articles, machine_translations, segments, translation_history, translations
from workbench.storage.tm_records import move_segment_units, sync_article_units
from workbench.storage.translation_records import TranslationRecords


@dataclass(frozen=True)
class ArticleRow:
    id: int
    title: str
    title_derived: bool
    byline: str | None
    source: str | None
    published: dt.date | None
    origin: str
    source_lang: str
    segment_count: int
    published_precision: str = "day"  # "month" when the source gave only month and year


@dataclass(frozen=True)
class SegmentRow:
    segment_id: str
    position: int
    paragraph_index: int
    text: str
    kind: str = "body"  # title, standfirst, byline, source, dateline (the header, first) or body


@dataclass(frozen=True)
class MTKey:
    """Everything a cached machine translation depends on."""

    source_lang: str
    target_lang: str
    engine: str
    model_id: str
    model_version: str


def source_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Store(TranslationRecords):
    """Articles, segments, cached MT and translations (workbench.storage.translation_records) in one SQL database."""

    def __init__(self, url: str):
        self.url = url
        self.engine = database_engine(url)
        self.mt_rows_saved = 0  # committed by this process: an error later must not say "nothing was changed"

    def close(self) -> None:
        self.engine.dispose()

    # -- schema -------------------------------------------------------------
    def schema_version(self) -> int:
        with self.engine.connect() as conn:
            if not sa.inspect(conn).has_table("meta"):
                return 0
            value = conn.scalar(sa.select(schema.meta.c.value).where(schema.meta.c.key == "schema_version"))
        try:
            return int(value or 0)
        except ValueError:
            raise UserError(f"database {shown_url(self.url)} has an unreadable schema version {value!r}; it is damaged "
                            "or not a workbench database: restore it from a backup or use another --db") from None

    def migrate(self) -> bool:
        """Bring the database to the current schema; True when it was created just now."""
        current = self.schema_version()
        if current > schema.SCHEMA_VERSION:
            raise UserError(
                f"database {shown_url(self.url)} has schema version {current}, newer than this workbench "
                f"({schema.SCHEMA_VERSION}); upgrade the workbench"
            )
        for version in range(current + 1, schema.SCHEMA_VERSION + 1):
            with self.engine.begin() as conn:
                schema.MIGRATIONS[version](conn)
                set_meta(conn, "schema_version", str(version))
        return current == 0

    def get_meta(self, key: str) -> str | None:
        with self.engine.connect() as conn:
            return conn.scalar(sa.select(schema.meta.c.value).where(schema.meta.c.key == key))

    def set_meta(self, key: str, value: str) -> None:
        with self.engine.begin() as conn:
            set_meta(conn, key, value)

    # -- articles -----------------------------------------------------------
    def save_article(self, fields: dict, segment_rows: Sequence[SegmentRow],
                     renamed: Callable[[list[SegmentRow]], dict[str, str]] | None = None) -> tuple[int, bool]:
        """Insert an article, or replace the one imported from the same origin.

        Returns (article id, replaced). Translations are keyed by segment id, so
        those of unchanged sentences survive the replacement. `renamed`, given the
        replaced article's stored segments, says which stored ids now have another
        id ({old: new}); their translations move with them, in the same transaction.
        """
        return self.save_articles([(fields, segment_rows)], renamed)[0]

    def save_articles(self, items: Sequence[tuple[dict, Sequence[SegmentRow]]],
                      renamed: Callable[[list[SegmentRow]], dict[str, str]] | None = None) -> list[tuple[int, bool]]:
        """`save_article` for several articles in ONE transaction: all of them are saved, or none."""
        with self.engine.begin() as conn:
            return [_save_article(conn, fields, rows, renamed) for fields, rows in items]

    def list_articles(self) -> list[ArticleRow]:
        return self._select_articles(None)

    def get_article(self, article_id: int) -> ArticleRow | None:
        rows = self._select_articles(article_id)
        return rows[0] if rows else None

    def _select_articles(self, article_id: int | None) -> list[ArticleRow]:
        count = (
            sa.select(sa.func.count())
            .where(segments.c.article_id == articles.c.id)
            .scalar_subquery()
        )
        query = sa.select(articles, count.label("segment_count")).order_by(articles.c.id)
        if article_id is not None:
            query = query.where(articles.c.id == article_id)
        with self.engine.connect() as conn:
            return [_article_row(row) for row in conn.execute(query).mappings()]

    def segments(self, article_id: int) -> list[SegmentRow]:
        with self.engine.connect() as conn:
            return _segment_rows(conn, article_id)

    # -- machine translation cache -----------------------------------------
    def cached_mt(self, key: MTKey, texts: Iterable[str]) -> dict[str, str]:
        """Cached MT for those of `texts` that have one, by source text."""
        by_hash = {source_hash(text): text for text in texts}
        found: dict[str, str] = {}
        hashes = list(by_hash)
        with self.engine.connect() as conn:
            for start in range(0, len(hashes), 500):
                chunk = hashes[start : start + 500]
                query = sa.select(machine_translations.c.source_hash, machine_translations.c.text).where(
                    machine_translations.c.source_hash.in_(chunk), *_mt_key_filter(key)
                )
                for digest, text in conn.execute(query):
                    found[by_hash[digest]] = text
        return found

    def save_mt(self, key: MTKey, results: dict[str, str]) -> None:
        if not results:
            return
        rows = [
            {"source_hash": source_hash(src), "text": out, "created_at": _now(), **key.__dict__}
            for src, out in results.items()
        ]
        with self.engine.begin() as conn:
            for row in rows:
                conn.execute(
                    machine_translations.delete().where(
                        machine_translations.c.source_hash == row["source_hash"], *_mt_key_filter(key)
                    )
                )
            conn.execute(machine_translations.insert(), rows)
        self.mt_rows_saved += len(rows)

    def mt_count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.scalar(sa.select(sa.func.count()).select_from(machine_translations)) or 0)


def shown_url(url: str) -> str:
    """The URL as a message may show it: a password in it is hidden."""
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except (sa.exc.ArgumentError, ValueError):  # not a URL SQLAlchemy reads: hide what looks like a password
        return re.sub(r"(://[^/:@]*):[^/@]*@", r"\1:***@", url)


def database_engine(url: str) -> sa.Engine:
    """The engine for a database URL; UserError (one line) for a URL or driver that cannot be used."""
    try:
        engine = sa.create_engine(url, **_engine_options(sa.engine.make_url(url)))
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, ImportError, ValueError) as error:  # ValueError: a bad port
        raise UserError(f"cannot use database URL {shown_url(url)!r}: {error}; pass a URL such as sqlite:///path/to/workbench.db "
                        "or postgresql+psycopg://user@host/database") from None
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        database = engine.url.database
        if database and database != ":memory:" and not database.startswith("file:"):
            folder = Path(database).parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise UserError(
                    f"cannot create the data folder {folder} ({error.strerror}); "
                    "set --data-dir or WORKBENCH_DATA_DIR to a writable folder") from None
    return engine


def _engine_options(url: sa.URL) -> dict:
    if url.get_backend_name() != "postgresql":
        return {}
    # READ COMMITTED is what the compare-and-set writes are made for (a stale UPDATE … WHERE
    # revision = :rev touches no row); the session's time zone is UTC, so times read back are UTC.
    return {"isolation_level": "READ COMMITTED", "pool_pre_ping": True,
            "connect_args": {"options": "-c timezone=UTC", "connect_timeout": 10}}


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")  # a killed process never loses a committed edit
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def _save_article(conn: sa.Connection, fields: dict, segment_rows: Sequence[SegmentRow],
                  renamed: Callable[[list[SegmentRow]], dict[str, str]] | None) -> tuple[int, bool]:
    existing = conn.scalar(sa.select(articles.c.id).where(articles.c.origin == fields["origin"]))
    values = {**fields, "imported_at": _now()}
    if existing is None:
        inserted = conn.execute(articles.insert().values(values)).inserted_primary_key
        assert inserted is not None  # an INSERT of one row always has a key
        article_id = inserted[0]
    else:
        article_id = existing
        if renamed is not None:
            _rename_translations(conn, existing, renamed(_segment_rows(conn, existing)))
        conn.execute(articles.update().where(articles.c.id == existing).values(values))
        conn.execute(segments.delete().where(segments.c.article_id == existing))
    conn.execute(segments.insert(), [{"article_id": article_id, **row.__dict__} for row in segment_rows])
    if existing is not None:
        sync_article_units(conn, article_id)  # sentences and their neighbours may have changed
    return article_id, existing is not None


def _segment_rows(conn: sa.Connection, article_id: int) -> list[SegmentRow]:
    query = (
        sa.select(segments.c.segment_id, segments.c.position, segments.c.paragraph_index, segments.c.text,
                  segments.c.kind)
        .where(segments.c.article_id == article_id)
        .order_by(segments.c.position)
    )
    return [SegmentRow(**row) for row in conn.execute(query).mappings()]


def _rename_translations(conn: sa.Connection, article_id: int, renames: dict[str, str]) -> None:
    """Move translations to new segment ids, through temporary ids so that two ids can swap."""
    column = translations.c.segment_id
    mine = translations.c.article_id == article_id
    # A new id already holding a translation that is not moving away keeps it: never overwrite work.
    taken = set(conn.scalars(sa.select(column).where(mine, column.in_(list(renames.values())))))
    moves = dict(renames)
    while blocked := [old for old, new in moves.items() if new in taken and new not in moves]:
        for old in blocked:
            del moves[old]
    history = translation_history.c
    for old, new in [*((old, f"~{old}") for old in moves), *((f"~{old}", new) for old, new in moves.items())]:
        conn.execute(translations.update().where(mine, column == old).values(segment_id=new))
        # The segment's history goes with it, so undo and `translations history` still find it.
        conn.execute(translation_history.update().where(history.article_id == article_id, history.segment_id == old)
                     .values(segment_id=new))
    move_segment_units(conn, article_id, moves)


def _mt_key_filter(key: MTKey) -> tuple:
    table = machine_translations.c
    return (
        table.source_lang == key.source_lang,
        table.target_lang == key.target_lang,
        table.engine == key.engine,
        table.model_id == key.model_id,
        table.model_version == key.model_version,
    )


def _article_row(row) -> ArticleRow:
    return ArticleRow(
        id=row["id"], title=row["title"], title_derived=bool(row["title_derived"]),
        byline=row["byline"], source=row["source"], published=row["published"],
        origin=row["origin"], source_lang=row["source_lang"], segment_count=row["segment_count"],
        published_precision=row["published_precision"] or "day",
    )
