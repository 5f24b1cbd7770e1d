"""Schema version 8: the original of an article imported from another tool's XLIFF file.

The export writes that file back with its targets filled (`workbench.formats.xliff_foreign_write`),
so the original is kept whole, as its bytes: every element, attribute, namespace, skeleton and note
the workbench does not change comes from here. `segments` lists, in article order, each segment's
id, its place among the file's segments (`at`) and its notes.
"""

from __future__ import annotations

import sqlalchemy as sa

from workbench.storage.schema import metadata

foreign_files = sa.Table(
    "foreign_files",
    metadata,
    sa.Column("article_id", sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("kind", sa.String(16), nullable=False),  # "XLIFF 1.2", "XLIFF 2.1"…
    sa.Column("name", sa.Text, nullable=False),  # the file it was imported from
    sa.Column("original", sa.LargeBinary, nullable=False),
    sa.Column("segments", sa.JSON, nullable=False),
    sa.Column("stored_at", sa.DateTime(timezone=True), nullable=False),
)


def create_version_8(connection: sa.Connection) -> None:
    metadata.create_all(connection, tables=[foreign_files])
