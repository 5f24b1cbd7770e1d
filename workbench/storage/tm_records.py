"""The translation memory kept in step with the translations it is made of.

Every translation a translator confirms (status "translated"; later states once review exists)
is a unit of the desk's memory: its source, target, the previous segment's source (for
in-context matches), who and when. The units are written in the SAME transaction as the
translation change that makes them, so the memory can never disagree with the translations;
un-confirming or emptying a translation removes its unit. A `tm_version` counter in `meta`
moves whenever units change: an index held in memory re-reads the units when it moved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa

from workbench.storage.meta_values import bump_counter
from workbench.storage.schema import articles, meta, segments, translations
from workbench.storage.tm_schema import tm_units

CONFIRMED_STATUSES = ("translated",)
ARTICLE_ORIGIN = "article"


@dataclass(frozen=True)
class TmUnitRow:
    id: int
    source_lang: str
    target_lang: str
    source_text: str
    target_text: str
    previous_source: str
    origin: str
    article_id: int | None
    segment_id: str | None
    tuid: str | None
    created_by: str
    created_at: dt.datetime
    changed_by: str
    changed_at: dt.datetime
    extra: dict


def sync_segment_units(conn: sa.Connection, article_id: int, target_lang: str,
                       segment_ids: Iterable[str] | None = None) -> int:
    """Make the article's units for `target_lang` (those segments, or all) match its confirmed
    translations, in the caller's transaction; the number of units changed."""
    scope = None if segment_ids is None else sorted(set(segment_ids))
    units = _units_by_segment(conn, article_id, target_lang, scope)
    current = _translations(conn, article_id, target_lang, scope)
    if not units and not any(_confirmed(row) for row in current.values()):
        return 0  # the common keystroke: a draft with no unit behind it
    source_lang = conn.scalar(sa.select(articles.c.source_lang).where(articles.c.id == article_id))
    if source_lang is None:
        return 0
    sources, previous = _sources(conn, article_id)
    changed = 0
    for segment_id in sorted(set(units) | set(current)):
        unit, row = units.get(segment_id), current.get(segment_id)
        if row is None or not _confirmed(row):
            if unit is not None:
                conn.execute(tm_units.delete().where(tm_units.c.id == unit["id"]))
                changed += 1
            continue
        if segment_id not in sources:
            continue  # the sentence left the article: its unit keeps the source it was confirmed for
        wanted = {"source_text": sources[segment_id], "target_text": row["text"],
                  "previous_source": previous.get(segment_id, ""), "changed_by": row["author"],
                  "changed_at": row["updated_at"]}
        if unit is None:
            conn.execute(tm_units.insert().values(
                source_lang=source_lang, target_lang=target_lang, origin=ARTICLE_ORIGIN, article_id=article_id,
                segment_id=segment_id, created_by=row["author"], created_at=row["updated_at"], extra={}, **wanted))
            changed += 1
        elif any(unit[key] != value for key, value in wanted.items() if key != "changed_at"):
            conn.execute(tm_units.update().where(tm_units.c.id == unit["id"]).values(**wanted))
            changed += 1
    if changed:
        bump_tm_version(conn)
    return changed


def sync_article_units(conn: sa.Connection, article_id: int) -> int:
    """Every language's units of one article (after a re-import moved or changed its sentences)."""
    languages = set(conn.scalars(sa.select(translations.c.target_lang).where(translations.c.article_id == article_id)))
    languages |= set(conn.scalars(sa.select(tm_units.c.target_lang).where(tm_units.c.article_id == article_id)))
    return sum(sync_segment_units(conn, article_id, lang) for lang in sorted(languages))


def move_segment_units(conn: sa.Connection, article_id: int, moves: dict[str, str]) -> None:
    """Units follow their translations to new segment ids (through temporary ids, so ids can swap)."""
    column = tm_units.c.segment_id
    mine = tm_units.c.article_id == article_id
    for old, new in [*((old, f"~{old}") for old in moves), *((f"~{old}", new) for old, new in moves.items())]:
        conn.execute(tm_units.update().where(mine, column == old).values(segment_id=new))


def bump_tm_version(conn: sa.Connection) -> None:
    bump_counter(conn, "tm_version")


def tm_version(conn: sa.Connection) -> int:
    return int(conn.scalar(sa.select(meta.c.value).where(meta.c.key == "tm_version")) or 0)


def read_units(conn: sa.Connection, source_lang: str | None = None, target_lang: str | None = None) -> list[TmUnitRow]:
    query = sa.select(tm_units).order_by(tm_units.c.id)
    if source_lang is not None:
        query = query.where(tm_units.c.source_lang == source_lang)
    if target_lang is not None:
        query = query.where(tm_units.c.target_lang == target_lang)
    return [TmUnitRow(**{**row, "extra": row["extra"] or {}}) for row in conn.execute(query).mappings()]


def _confirmed(row) -> bool:
    return row["status"] in CONFIRMED_STATUSES and bool(row["text"].strip())


def _units_by_segment(conn: sa.Connection, article_id: int, target_lang: str, scope: list[str] | None) -> dict:
    table = tm_units.c
    query = sa.select(table.id, table.segment_id, table.source_text, table.target_text, table.previous_source,
                      table.changed_by).where(table.article_id == article_id, table.target_lang == target_lang)
    return {row["segment_id"]: row for chunk in _chunks(scope) for row in
            conn.execute(query if chunk is None else query.where(table.segment_id.in_(chunk))).mappings()}


def _translations(conn: sa.Connection, article_id: int, target_lang: str, scope: list[str] | None) -> dict:
    table = translations.c
    query = sa.select(table.segment_id, table.text, table.status, table.author, table.updated_at).where(
        table.article_id == article_id, table.target_lang == target_lang)
    return {row["segment_id"]: row for chunk in _chunks(scope) for row in
            conn.execute(query if chunk is None else query.where(table.segment_id.in_(chunk))).mappings()}


def _sources(conn: sa.Connection, article_id: int) -> tuple[dict[str, str], dict[str, str]]:
    """Each segment's source text, and the source of the segment before it."""
    rows = conn.execute(sa.select(segments.c.segment_id, segments.c.text).where(segments.c.article_id == article_id)
                        .order_by(segments.c.position)).all()
    sources = {segment_id: text for segment_id, text in rows}
    previous = {rows[i][0]: rows[i - 1][1] for i in range(1, len(rows))}
    return sources, previous


def _chunks(scope: list[str] | None) -> list[list[str] | None]:
    return [None] if scope is None else [scope[i:i + 500] for i in range(0, len(scope), 500)]
