"""Which languages an article's segments are translated into (for writes that touch them all)."""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa

from workbench.storage.schema import translations


def translated_languages(engine: sa.Engine, article_id: int, segment_ids: Iterable[str]) -> list[str]:
    """The target languages holding a translation of any of these segments, sorted."""
    table = translations.c
    query = (sa.select(table.target_lang).distinct()
             .where(table.article_id == article_id, table.segment_id.in_(sorted(segment_ids))))
    with engine.connect() as conn:
        return sorted(conn.scalars(query))
