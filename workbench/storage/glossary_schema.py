"""Glossary tables (schema version 2): entries, terms, renderings, audit history, users."""

from __future__ import annotations

import sqlalchemy as sa

from workbench.storage.schema import metadata

glossary_entries = sa.Table(
    "glossary_entries",
    metadata,
    sa.Column("id", sa.String(120), primary_key=True),
    sa.Column("domain", sa.String(60), nullable=False, default=""),
    sa.Column("definition", sa.Text, nullable=False, default=""),
    sa.Column("note", sa.Text, nullable=False, default=""),
    sa.Column("sources", sa.JSON, nullable=False, default=list),
    # Schema version 5: definitions in languages other than English, [[lang, text], ...].
    sa.Column("definitions", sa.JSON, nullable=False, default=list, server_default="[]"),
    # Bumped by every change: a second editor acting on an old revision is told, not overwritten.
    sa.Column("revision", sa.Integer, nullable=False, default=1),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_by", sa.String(100), nullable=False),
)

glossary_terms = sa.Table(
    "glossary_terms",
    metadata,
    sa.Column("entry_id", sa.ForeignKey("glossary_entries.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("case_rule", sa.String(10), nullable=False),
    sa.Column("context", sa.JSON, nullable=False, default=dict),
    # Schema version 5: what a termbase says of an English term (TBX status, part of speech, …).
    sa.Column("status", sa.String(20), nullable=False, default="", server_default=""),
    sa.Column("part_of_speech", sa.String(40), nullable=False, default="", server_default=""),
    sa.Column("note", sa.Text, nullable=False, default="", server_default=""),
    sa.Column("source", sa.Text, nullable=False, default="", server_default=""),
)

glossary_renderings = sa.Table(
    "glossary_renderings",
    metadata,
    sa.Column("entry_id", sa.ForeignKey("glossary_entries.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("lang", sa.String(16), primary_key=True),
    sa.Column("text", sa.Text, primary_key=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("do_not_translate", sa.Boolean, nullable=False, default=False),
    sa.Column("honorific", sa.Boolean, nullable=False, default=False),
    sa.Column("note", sa.Text, nullable=False, default=""),
    sa.Column("source", sa.Text, nullable=False, default=""),
    sa.Column("part_of_speech", sa.String(40), nullable=False, default="", server_default=""),  # schema version 5
)

# Append-only: who did what, when and why. Never updated, never deleted.
glossary_history = sa.Table(
    "glossary_history",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("entry_id", sa.String(120), nullable=False, index=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("actor", sa.String(100), nullable=False),
    sa.Column("action", sa.String(20), nullable=False),
    sa.Column("lang", sa.String(16)),
    sa.Column("rendering", sa.Text),
    sa.Column("old_status", sa.String(16)),
    sa.Column("new_status", sa.String(16)),
    sa.Column("reason", sa.Text, nullable=False, default=""),
    sa.Column("revision", sa.Integer, nullable=False),
)

users = sa.Table(
    "users",
    metadata,
    sa.Column("name", sa.String(100), primary_key=True),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_by", sa.String(100), nullable=False),
)

VERSION_2_TABLES = (glossary_entries, glossary_terms, glossary_renderings, glossary_history, users)


def create_version_2(connection: sa.Connection) -> None:
    metadata.create_all(connection, tables=list(VERSION_2_TABLES))


VERSION_5_COLUMNS = (glossary_entries.c.definitions, glossary_terms.c.status, glossary_terms.c.part_of_speech,
                     glossary_terms.c.note, glossary_terms.c.source, glossary_renderings.c.part_of_speech)


def add_version_5_columns(connection: sa.Connection) -> None:
    """Version 5: room for everything a termbase says (a database made at version 2–4 lacks it)."""
    inspector = sa.inspect(connection)
    for column in VERSION_5_COLUMNS:
        table = column.table.name
        if column.name in {found["name"] for found in inspector.get_columns(table)}:
            continue  # made by create_version_2 from today's table definitions
        kind = column.type.compile(dialect=connection.dialect)
        default = column.server_default.arg if isinstance(column.server_default, sa.DefaultClause) else ""
        connection.execute(sa.text(f"ALTER TABLE {table} ADD COLUMN {column.name} {kind} NOT NULL DEFAULT '{default}'"))
