"""Translations with revisions and their append-only history.

Every write says which revision it is based on (0: the segment has no translation yet) and is
a compare-and-set in one transaction: `UPDATE … WHERE revision = :expected` that touches no
row means someone else wrote first, and the write is refused with `StaleTranslation`, never
applied. The same statement works on PostgreSQL under READ COMMITTED. Each accepted write
appends one row to `translation_history` in the same transaction: text, status, who, when, how.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa

from workbench.storage.schema import segments, translation_history, translations
from workbench.storage.tm_records import TmUnitRow, read_units, sync_segment_units, tm_version

TRANSLATION_STATUSES = ("draft", "translated")
# How a translation changed, as the history shows it.
HOW = ("typed", "mt", "tm", "glossary", "import", "converted", "marked", "restored", "propagated", "before-history")


@dataclass(frozen=True)
class TranslationRow:
    segment_id: str
    text: str
    status: str
    author: str
    updated_at: dt.datetime
    revision: int = 1


@dataclass(frozen=True)
class TranslationChange:
    """One write a caller asks for, based on the revision it read (0: none yet)."""

    segment_id: str
    text: str
    status: str
    expected_revision: int | None
    how: str = "typed"
    detail: str = ""  # e.g. the file an import came from, or the revision restored


@dataclass(frozen=True)
class HistoryRow:
    segment_id: str
    revision: int
    text: str
    status: str
    author: str
    at: dt.datetime
    how: str
    detail: str


class StaleTranslation(Exception):
    """Writes based on revisions that are no longer current; nothing was written."""

    def __init__(self, stale: list[tuple[TranslationChange, TranslationRow | None]]):
        self.stale = stale
        first, current = stale[0]
        found = current.revision if current else 0
        super().__init__(f"segment {first.segment_id}: based on revision {first.expected_revision}, now {found}")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _key(article_id: int, target_lang: str) -> tuple:
    return translations.c.article_id == article_id, translations.c.target_lang == target_lang


class TranslationRecords:
    """The translation half of the Store (it needs `self.engine`)."""

    engine: sa.Engine

    def translations(self, article_id: int, target_lang: str) -> dict[str, TranslationRow]:
        with self.engine.connect() as conn:
            return _current(conn, article_id, target_lang, None)

    def translation(self, article_id: int, segment_id: str, target_lang: str) -> TranslationRow | None:
        with self.engine.connect() as conn:
            return _current(conn, article_id, target_lang, [segment_id]).get(segment_id)

    def save_translation(self, article_id: int, segment_id: str, target_lang: str, text: str, status: str,
                         author: str, *, expected_revision: int | None = None, how: str = "typed",
                         detail: str = "") -> TranslationRow:
        """Write one segment's translation and commit it before returning.

        With `expected_revision` the write is refused (StaleTranslation) unless the stored
        revision is that one; None writes over whatever is there (setup and tests only).
        """
        change = TranslationChange(segment_id, text, status, expected_revision, how, detail)
        return self.save_translations(article_id, target_lang, [change], author)[0]

    def save_translations(self, article_id: int, target_lang: str, changes: Sequence[TranslationChange],
                          author: str) -> list[TranslationRow]:
        """Write every change in ONE transaction: all of them, or (stale or failing) none."""
        for change in changes:
            if change.status not in TRANSLATION_STATUSES:
                raise ValueError(f"unknown status {change.status!r}")
            if change.how not in HOW:
                raise ValueError(f"unknown kind of change {change.how!r}")
        try:
            with self.engine.begin() as conn:
                return self._compare_and_set(conn, article_id, target_lang, changes, author)
        except (sa.exc.IntegrityError, _Moved):
            # A change was not based on the stored revision (its UPDATE touched no row), or another
            # writer inserted the same segment's first translation first (the INSERT collided): the
            # transaction is rolled back, nothing was written; say which changes are stale now.
            current = self.translations(article_id, target_lang)
            stale = [(c, current.get(c.segment_id)) for c in changes if not _based_on_current(c, current)]
            raise StaleTranslation(stale or [(c, current.get(c.segment_id)) for c in changes]) from None

    def _compare_and_set(self, conn: sa.Connection, article_id: int, target_lang: str,
                         changes: Sequence[TranslationChange], author: str) -> list[TranslationRow]:
        """Each write is the compare-and-set itself (no read first): `UPDATE … WHERE revision = base`,
        or an INSERT for base 0 that the table's key refuses when a row exists. Only writes with no
        base (None) read the stored revision first."""
        now = _now()
        unbased = [c.segment_id for c in changes if c.expected_revision is None]
        current = _current(conn, article_id, target_lang, unbased) if unbased else {}
        written: dict[int, TranslationRow] = {}
        # Rows are written (and locked) in one order, the segments', whatever the caller's: two
        # batches over the same segments then wait for each other instead of deadlocking.
        for index, change in sorted(enumerate(changes), key=lambda item: item[1].segment_id):
            base = change.expected_revision
            if base is None:
                base = row.revision if (row := current.get(change.segment_id)) else 0
            row = _write(conn, article_id, target_lang, change, base, author, now)
            if row is None:  # the stored revision is not the base: roll everything back
                raise _Moved
            written[index] = row
        sync_segment_units(conn, article_id, target_lang, sorted(c.segment_id for c in changes))  # the memory, in step
        return [written[index] for index in range(len(changes))]

    def tm_units(self, source_lang: str | None = None, target_lang: str | None = None) -> list[TmUnitRow]:
        """The translation memory's units (of one language pair, or all), oldest first."""
        with self.engine.connect() as conn:
            return read_units(conn, source_lang, target_lang)

    def tm_version(self) -> int:
        """Moves whenever a unit is added, changed or removed (an index re-reads the units then)."""
        with self.engine.connect() as conn:
            return tm_version(conn)

    def last_change(self) -> int:
        """A number that moves whenever any translation is written, by anyone (one indexed read).

        Open screens poll it to see others' changes; it works the same on every database."""
        with self.engine.connect() as conn:
            return int(conn.scalar(sa.select(sa.func.max(translation_history.c.id))) or 0)

    def segment_statuses(self, target_lang: str) -> dict[int, list[tuple[str, str]]]:
        """Every article's segments as (source text, status in `target_lang`, "" when untranslated),
        in order, in one read: what a list of every article's progress counts."""
        joined = segments.outerjoin(translations, sa.and_(
            translations.c.article_id == segments.c.article_id, translations.c.segment_id == segments.c.segment_id,
            translations.c.target_lang == target_lang))
        query = (sa.select(segments.c.article_id, segments.c.text, translations.c.status).select_from(joined)
                 .order_by(segments.c.article_id, segments.c.position))
        found: dict[int, list[tuple[str, str]]] = {}
        with self.engine.connect() as conn:
            for article_id, text, status in conn.execute(query):
                found.setdefault(article_id, []).append((text, status or ""))
        return found

    def articles_changed_since(self, marker: int, target_lang: str) -> set[int]:
        """The articles with a translation into `target_lang` written (by anyone) after `marker`,
        a `last_change` value: what a list of counts needs to read again (one indexed read)."""
        table = translation_history.c
        query = sa.select(table.article_id).distinct().where(table.id > marker, table.target_lang == target_lang)
        with self.engine.connect() as conn:
            return {int(article_id) for article_id in conn.scalars(query)}

    def translation_history(self, article_id: int, target_lang: str,
                            segment_id: str | None = None) -> list[HistoryRow]:
        """Every version, oldest first (by segment when none is named)."""
        table = translation_history.c
        query = sa.select(translation_history).where(table.article_id == article_id, table.target_lang == target_lang)
        if segment_id is not None:
            query = query.where(table.segment_id == segment_id)
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(table.id)).mappings()
            return [HistoryRow(row["segment_id"], row["revision"], row["text"], row["status"], row["author"],
                               row["at"], row["how"], row["detail"]) for row in rows]


def _current(conn: sa.Connection, article_id: int, target_lang: str,
             segment_ids: list[str] | None) -> dict[str, TranslationRow]:
    table = translations.c
    query = sa.select(table.segment_id, table.text, table.status, table.author, table.updated_at,
                      table.revision).where(*_key(article_id, target_lang))
    found: dict[str, TranslationRow] = {}
    chunks = [None] if segment_ids is None else [segment_ids[i:i + 500] for i in range(0, len(segment_ids), 500)]
    for chunk in chunks:
        limited = query if chunk is None else query.where(table.segment_id.in_(chunk))
        for row in conn.execute(limited).mappings():
            found[row["segment_id"]] = TranslationRow(**row)
    return found


def _based_on_current(change: TranslationChange, current: dict[str, TranslationRow]) -> bool:
    if change.expected_revision is None:
        return True
    row = current.get(change.segment_id)
    return change.expected_revision == (row.revision if row else 0)


def _write(conn: sa.Connection, article_id: int, target_lang: str, change: TranslationChange,
           base: int, author: str, now: dt.datetime) -> TranslationRow | None:
    """The compare-and-set itself, on revision `base` (0: none yet): None when the row is not at it."""
    values = {"text": change.text, "status": change.status, "author": author, "updated_at": now}
    revision = base + 1
    if base == 0:
        conn.execute(translations.insert().values(article_id=article_id, segment_id=change.segment_id,
                                                  target_lang=target_lang, revision=revision, **values))
    else:
        where = (*_key(article_id, target_lang), translations.c.segment_id == change.segment_id,
                 translations.c.revision == base)
        if not conn.execute(translations.update().where(*where).values(revision=revision, **values)).rowcount:
            return None
    conn.execute(translation_history.insert().values(
        article_id=article_id, segment_id=change.segment_id, target_lang=target_lang, revision=revision,
        text=change.text, status=change.status, author=author, at=now, how=change.how, detail=change.detail))
    return TranslationRow(change.segment_id, change.text, change.status, author, now, revision)


class _Moved(Exception):
    """A write's UPDATE touched no row: the stored revision is not the one it was based on."""
