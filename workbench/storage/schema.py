"""Database tables (SQLAlchemy Core) and the ordered list of schema migrations."""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa

metadata = sa.MetaData()

meta = sa.Table(
    "meta",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("origin", sa.Text, nullable=False),  # workbench.app.importing.origin_of: seed file name, else the full path
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("title_derived", sa.Boolean, nullable=False, default=False),
    sa.Column("byline", sa.Text),
    sa.Column("source", sa.Text),
    sa.Column("published", sa.Date),
    # Schema version 7: "day", or "month" for a date given as "November 2021" (stored as the 1st).
    sa.Column("published_precision", sa.String(8), nullable=False, default="day", server_default="day"),
    sa.Column("source_lang", sa.String(16), nullable=False, default="en"),
    sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
)

segments = sa.Table(
    "segments",
    metadata,
    sa.Column("article_id", sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("segment_id", sa.String(40), primary_key=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("paragraph_index", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    # Schema version 7: title, standfirst, byline, source, dateline or body (workbench.articles.headers).
    sa.Column("kind", sa.String(16), nullable=False, default="body", server_default="body"),
)

# Keyed by the source text's hash, not the segment: the same sentence is translated once.
machine_translations = sa.Table(
    "machine_translations",
    metadata,
    sa.Column("source_hash", sa.String(64), primary_key=True),
    sa.Column("source_lang", sa.String(16), primary_key=True),
    sa.Column("target_lang", sa.String(16), primary_key=True),
    sa.Column("engine", sa.String(32), primary_key=True),
    sa.Column("model_id", sa.String(200), primary_key=True),
    sa.Column("model_version", sa.String(64), primary_key=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

# Keyed by segment id (derived from the text), so edits survive re-importing an article.
translations = sa.Table(
    "translations",
    metadata,
    sa.Column("article_id", sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("segment_id", sa.String(40), primary_key=True),
    sa.Column("target_lang", sa.String(16), primary_key=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),  # draft | translated
    sa.Column("author", sa.String(100), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    # Bumped by every write (schema version 4): a write based on an older revision is refused.
    sa.Column("revision", sa.Integer, nullable=False, default=1, server_default="1"),
)

# Every version of every translation, append-only (schema version 4): text, status, who, when
# and how the change was made (typed, mt, glossary, import, converted, marked, restored, …).
translation_history = sa.Table(
    "translation_history",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("article_id", sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    sa.Column("segment_id", sa.String(40), nullable=False),
    sa.Column("target_lang", sa.String(16), nullable=False),
    sa.Column("revision", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("author", sa.String(100), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("how", sa.String(20), nullable=False),
    sa.Column("detail", sa.Text, nullable=False, default=""),
    sa.Index("translation_history_segment", "article_id", "target_lang", "segment_id"),
)

VERSION_1_TABLES = (meta, articles, segments, machine_translations, translations)


def _create_version_1(connection: sa.Connection) -> None:
    metadata.create_all(connection, tables=list(VERSION_1_TABLES))


def _create_version_2(connection: sa.Connection) -> None:
    from workbench.storage.glossary_schema import create_version_2

    create_version_2(connection)


def _canonical_language_codes(connection: sa.Connection) -> None:
    from workbench.storage.language_migration import migrate_language_codes

    migrate_language_codes(connection)


def _translation_revisions(connection: sa.Connection) -> None:
    """Version 4: a revision per translation and the append-only translation history."""
    columns = {column["name"] for column in sa.inspect(connection).get_columns("translations")}
    if "revision" not in columns:  # a database created before version 4
        connection.execute(sa.text("ALTER TABLE translations ADD COLUMN revision INTEGER NOT NULL DEFAULT 1"))
    metadata.create_all(connection, tables=[translation_history])
    # What was there before history began is its first version.
    connection.execute(translation_history.insert().from_select(
        ["article_id", "segment_id", "target_lang", "revision", "text", "status", "author", "at", "how", "detail"],
        sa.select(translations.c.article_id, translations.c.segment_id, translations.c.target_lang,
                  translations.c.revision, translations.c.text, translations.c.status, translations.c.author,
                  translations.c.updated_at, sa.literal("before-history"), sa.literal("")),
    ))


def _termbase_fields(connection: sa.Connection) -> None:
    from workbench.storage.glossary_schema import add_version_5_columns

    add_version_5_columns(connection)


def _translation_memory(connection: sa.Connection) -> None:
    """Version 6: the translation memory, filled from the translations already confirmed."""
    from workbench.storage.tm_records import sync_article_units
    from workbench.storage.tm_schema import create_version_6

    create_version_6(connection)
    for article_id in connection.scalars(sa.select(translations.c.article_id).distinct()):
        sync_article_units(connection, article_id)


def _segment_kinds(connection: sa.Connection) -> None:
    from workbench.storage.header_migration import add_version_7

    add_version_7(connection)


def _foreign_files(connection: sa.Connection) -> None:
    from workbench.storage.foreign_schema import create_version_8

    create_version_8(connection)


# Migration N brings a database from version N-1 to N. Append, never edit, once released.
MIGRATIONS: dict[int, Callable[[sa.Connection], None]] = {
    1: _create_version_1,
    2: _create_version_2,
    3: _canonical_language_codes,
    4: _translation_revisions,
    5: _termbase_fields,
    6: _translation_memory,
    7: _segment_kinds,
    8: _foreign_files,
}
SCHEMA_VERSION = max(MIGRATIONS)
