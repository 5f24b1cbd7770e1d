"""Writing rows the way an older workbench did, for migration tests (no history, no revision)."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa


def insert_old_translation(engine: sa.Engine, article_id: int, segment_id: str, lang: str, text: str,
                           status: str = "translated", author: str = "t",
                           at: dt.datetime | None = None) -> None:
    """A translation row as schema versions 1-3 stored it (their columns only)."""
    with engine.begin() as conn:
        conn.execute(sa.text(
            "INSERT INTO translations (article_id, segment_id, target_lang, text, status, author, updated_at) "
            "VALUES (:a, :s, :l, :t, :st, :au, :at)"),
            {"a": article_id, "s": segment_id, "l": lang, "t": text, "st": status, "au": author,
             "at": at or dt.datetime.now(dt.UTC)})
