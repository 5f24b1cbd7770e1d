"""Translation-memory tables (schema version 6): the desk's translation units."""

from __future__ import annotations

import sqlalchemy as sa

from workbench.storage.schema import metadata

# One row per translation unit and language pair. Units fed by the workbench name the article
# segment they come from (article_id, segment_id: unique per target language); units from a TMX
# file name it in `origin` and keep its tuid, dates, authors and prop/note data in `extra`.
# No foreign key to articles: the memory outlives the articles it was made from.
tm_units = sa.Table(
    "tm_units",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("source_lang", sa.String(16), nullable=False),
    sa.Column("target_lang", sa.String(16), nullable=False),
    sa.Column("source_text", sa.Text, nullable=False),
    sa.Column("target_text", sa.Text, nullable=False),
    sa.Column("previous_source", sa.Text, nullable=False, default=""),  # for in-context (101) matches
    sa.Column("origin", sa.Text, nullable=False),  # "article" or the TMX file's name
    sa.Column("article_id", sa.Integer),
    sa.Column("segment_id", sa.String(40)),
    sa.Column("tuid", sa.Text),
    sa.Column("created_by", sa.String(100), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("changed_by", sa.String(100), nullable=False),
    sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("extra", sa.JSON, nullable=False, default=dict),
    sa.UniqueConstraint("article_id", "segment_id", "target_lang", name="tm_units_segment"),
    sa.Index("tm_units_pair", "source_lang", "target_lang"),
)


def create_version_6(connection: sa.Connection) -> None:
    metadata.create_all(connection, tables=[tm_units])
