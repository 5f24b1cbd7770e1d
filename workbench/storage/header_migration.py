"""Schema version 7: segments have a kind (title, byline, ... body); articles' dates a precision.

Articles stored before version 7 have body segments only. Their stored title (unless it was
derived from the lead sentence) and byline become header segments, placed before the body, so
an existing workspace can translate its headlines at once; re-importing the article later gives
the same segments (same texts, so the same ids) plus any header line the parser now recognises.
"""

from __future__ import annotations

import sqlalchemy as sa

from workbench.articles.headers import BYLINE, TITLE
from workbench.articles.segmentation import segment_ids
from workbench.storage.schema import articles, segments


def add_version_7(connection: sa.Connection) -> None:
    _add_column(connection, "segments", "kind", "VARCHAR(16) NOT NULL DEFAULT 'body'")
    _add_column(connection, "articles", "published_precision", "VARCHAR(8) NOT NULL DEFAULT 'day'")
    for article in connection.execute(sa.select(articles.c.id, articles.c.title, articles.c.title_derived,
                                                articles.c.byline)).mappings():
        header = [] if article["title_derived"] or not (article["title"] or "").strip() else [(TITLE, article["title"])]
        if (article["byline"] or "").strip():
            header.append((BYLINE, f"By {article['byline']}"))
        if header:
            _prepend_header(connection, article["id"], header)


def _add_column(connection: sa.Connection, table: str, column: str, definition: str) -> None:
    # A database created at version 7 or later already has the column (version 1 makes today's tables).
    if column not in {found["name"] for found in sa.inspect(connection).get_columns(table)}:
        connection.execute(sa.text(f"ALTER TABLE {table} ADD COLUMN {column} {definition}"))


def _prepend_header(connection: sa.Connection, article_id: int, header: list[tuple[str, str]]) -> None:
    mine = segments.c.article_id == article_id
    body = list(connection.execute(sa.select(segments.c.segment_id, segments.c.text, segments.c.kind)
                                   .where(mine).order_by(segments.c.position)))
    if any(row.kind != "body" for row in body):
        return  # already has a header
    texts = [" ".join(text.split()) for _, text in header]
    ids = segment_ids([*texts, *(row.text for row in body)])[: len(header)]
    stored = {row.segment_id for row in body}
    if stored & set(ids):
        return  # a body sentence holds that id (stored under an older rule): leave the article as it is
    connection.execute(segments.update().where(mine).values(position=segments.c.position + len(header)))
    connection.execute(segments.insert(), [
        {"article_id": article_id, "segment_id": segment_id, "position": position,
         "paragraph_index": position - len(header), "text": text, "kind": kind}
        for position, (segment_id, (kind, _), text) in enumerate(zip(ids, header, texts, strict=True))
    ])
