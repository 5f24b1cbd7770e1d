"""Articles from another tool's XLIFF file: the article, its original file and the file's translations
saved in one transaction; the original read back for the export (`workbench.storage.foreign_schema`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import sqlalchemy as sa

from workbench.storage import translation_records
from workbench.storage.foreign_schema import foreign_files
from workbench.storage.store import SegmentRow, Store, _save_article
from workbench.storage.translation_records import StaleTranslation, TranslationChange, _current


@dataclass(frozen=True)
class ForeignFileRow:
    kind: str  # "XLIFF 1.2", "XLIFF 2.0"…
    name: str  # the file it came from
    original: bytes
    segments: list[dict]  # {"id": segment id, "at": place in the file, "notes": [...]}, in article order


@dataclass(frozen=True)
class FileTranslation:
    segment_id: str
    text: str
    status: str


@dataclass(frozen=True)
class ForeignArticle:
    fields: dict  # the article's row, as `Store.save_article` takes it
    rows: Sequence[SegmentRow]
    original: ForeignFileRow
    target_lang: str | None  # None: the file names no target language (and has no targets)
    found: Sequence[FileTranslation]  # the file's targets


def save_foreign_articles(store: Store, articles: Sequence[ForeignArticle], author: str,
                          renamed: Callable[[list[SegmentRow]], dict[str, str]] | None = None) -> list[tuple[int, bool, int]]:
    """(article id, replaced, translations written) of each: all of it is saved in ONE transaction, or none.

    A target of the file that differs from the stored translation is written over it, based on the
    revision read in this same transaction (its history says which file it came from)."""
    # A translation written by someone else between this transaction's read and its write refuses the
    # write (the compare-and-set; its exception differs between versions of translation_records).
    raced = (StaleTranslation, sa.exc.IntegrityError, getattr(translation_records, "_Moved", StaleTranslation))
    try:
        with store.engine.begin() as conn:
            return [_save_one(store, conn, article, author, renamed) for article in articles]
    except raced:
        raise ImportRace from None


class ImportRace(Exception):
    """A translation of the article was written while the file was being saved; nothing was saved."""


def _save_one(store: Store, conn: sa.Connection, article: ForeignArticle, author: str,
              renamed: Callable[[list[SegmentRow]], dict[str, str]] | None) -> tuple[int, bool, int]:
    article_id, replaced = _save_article(conn, article.fields, article.rows, renamed)
    original = article.original
    conn.execute(foreign_files.delete().where(foreign_files.c.article_id == article_id))
    conn.execute(foreign_files.insert().values(
        article_id=article_id, kind=original.kind, name=original.name, original=original.original,
        segments=original.segments, stored_at=dt.datetime.now(dt.UTC)))
    if article.target_lang is None or not article.found:
        return article_id, replaced, 0
    current = _current(conn, article_id, article.target_lang, [item.segment_id for item in article.found])
    changes = [TranslationChange(item.segment_id, item.text, item.status,
                                 current[item.segment_id].revision if item.segment_id in current else 0,
                                 "import", original.name)
               for item in article.found
               if item.segment_id not in current
               or (current[item.segment_id].text, current[item.segment_id].status) != (item.text, item.status)]
    if changes:
        store._compare_and_set(conn, article_id, article.target_lang, changes, author)
    return article_id, replaced, len(changes)


def foreign_file(store: Store, article_id: int) -> ForeignFileRow | None:
    """The original file of an article imported from a foreign XLIFF file; None for any other article."""
    table = foreign_files.c
    with store.engine.connect() as conn:
        if not sa.inspect(conn).has_table("foreign_files"):
            return None  # a database not yet migrated has no such article
        row = conn.execute(sa.select(table.kind, table.name, table.original, table.segments)
                           .where(table.article_id == article_id)).first()
    if row is None:
        return None
    return ForeignFileRow(row.kind, row.name, bytes(row.original), list(row.segments))
