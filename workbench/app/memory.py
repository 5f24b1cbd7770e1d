"""The desk's translation memory: fuzzy matches and concordance over the units in the database.

The units live in the workspace database (`tm_units`, fed by confirmed translations and TMX
imports). Lookups go through one in-memory index per language pair (`workbench.tm.index`), built
on first use and brought up to date whenever the database's `tm_version` has moved: only the
units added, changed or removed since are applied to it (`_UnitChanges`), so a confirmation
elsewhere shows in the next lookup without rebuilding the index. Finding those units still reads
the pair's rows and compares them with the ones held: the storage layer keeps no per-unit version
to ask for "the units changed since version N" (which is all `_changes_since` would then be).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from workbench.errors import UserError
from workbench.lang.languages import SOURCE_LANGUAGE, target_language
from workbench.storage.store import Store
from workbench.storage.tm_records import TmUnitRow
from workbench.tm.index import TranslationMemoryIndex
from workbench.tm.model import CONTEXT_SCORE, DEFAULT_LIMIT, DEFAULT_MIN_SCORE, TmMatch, Unit
from workbench.tm.tokens import tokenize

MIN_SCORE_VARIABLE = "WORKBENCH_TM_MIN"


@dataclass(frozen=True)
class MemoryMatch:
    """A match with where its unit came from: an article segment or a TMX file, who, when."""

    match: TmMatch
    row: TmUnitRow

    @property
    def origin(self) -> str:
        if self.row.article_id is not None:
            return f"article {self.row.article_id}"
        return self.row.origin

    @property
    def target(self) -> str:
        """What inserting the match puts in: numbers replaced when only they differ."""
        return self.match.adjusted_target or self.row.target_text


@dataclass(frozen=True)
class ConcordanceHit:
    row: TmUnitRow
    source_spans: tuple[tuple[int, int], ...]  # where the words are, in the NFC source
    target_spans: tuple[tuple[int, int], ...]  # … and in the NFC target


def min_score_setting(raw: str | None = None) -> int:
    """WORKBENCH_TM_MIN (default 75): the lowest score a match is shown with."""
    value = os.environ.get(MIN_SCORE_VARIABLE, "") if raw is None else raw
    if value == "":
        return DEFAULT_MIN_SCORE
    if not value.isdigit() or not 1 <= int(value) <= CONTEXT_SCORE:
        raise UserError(f"{MIN_SCORE_VARIABLE}={value!r} is not a score; set a whole number from 1 to 101, such as 75")
    return int(value)


class Memory:
    """Lookups in the workspace's translation memory (one per workspace; not shared across threads)."""

    def __init__(self, store: Store):
        self.store = store
        self._indexes: dict[tuple[str, str], tuple[int, TranslationMemoryIndex, dict[int, TmUnitRow]]] = {}

    def matches(self, text: str, lang: str, previous_source: str | None = None, min_score: int | None = None,
                limit: int = DEFAULT_LIMIT, source_lang: str = SOURCE_LANGUAGE) -> list[MemoryMatch]:
        """The best matches for `text` among the units into `lang`, best first."""
        wanted = min_score_setting() if min_score is None else min_score
        if not 1 <= wanted <= CONTEXT_SCORE:
            raise UserError(f"--min {wanted} is not a score; give a whole number from 1 to 101")
        if limit < 1:
            raise UserError(f"--limit {limit} must be at least 1")
        index, rows = self._index(source_lang, target_language(lang).code)
        found = index.lookup(text, min_score=wanted, limit=limit, previous_source=previous_source)
        return [MemoryMatch(match, rows[match.unit.id]) for match in found]

    def concordance(self, words: str, lang: str, limit: int = 50,
                    source_lang: str = SOURCE_LANGUAGE) -> list[ConcordanceHit]:
        """Units whose source or target holds the words (all of them, in any order) or, quoted,
        the phrase: compared token by token, so Burmese is found by whole syllables."""
        phrase = len(words.strip()) > 1 and words.strip()[0] == words.strip()[-1] == '"'
        wanted = [token.key for token in tokenize(words.strip().strip('"')) if token.kind != "punct"]
        if not wanted:
            raise UserError("give the words to look for, or a \"quoted phrase\"")
        if limit < 1:
            raise UserError(f"--limit {limit} must be at least 1")
        rows = self._rows(source_lang, target_language(lang).code)  # a scan: no index needed
        hits = []
        for row in sorted(rows.values(), key=lambda unit: -unit.id):  # newest first
            source, target = _spans(row.source_text, wanted, phrase), _spans(row.target_text, wanted, phrase)
            if source or target:
                hits.append(ConcordanceHit(row, source, target))
                if len(hits) >= limit:
                    break
        return hits

    def _rows(self, source_lang: str, target_lang: str) -> dict[int, TmUnitRow]:
        """The pair's units: those the index holds when it is current, else read from the database."""
        held = self._indexes.get((source_lang, target_lang))
        if held is not None and held[0] == self.store.tm_version():
            return held[2]
        return {row.id: row for row in self.store.tm_units(source_lang, target_lang)}

    def _index(self, source_lang: str, target_lang: str) -> tuple[TranslationMemoryIndex, dict[int, TmUnitRow]]:
        version = self.store.tm_version()
        held = self._indexes.get((source_lang, target_lang))
        if held is not None and held[0] == version:
            return held[1], held[2]
        if held is None:
            rows = {row.id: row for row in self.store.tm_units(source_lang, target_lang)}
            index = TranslationMemoryIndex(_unit(row) for row in rows.values())
        else:
            _, index, rows = held
            _changes_since(self.store, source_lang, target_lang, rows).apply(index, rows)
        self._indexes[(source_lang, target_lang)] = (version, index, rows)
        return index, rows


@dataclass(frozen=True)
class _UnitChanges:
    """The units of a pair added or changed (new rows) and removed (ids) since an index was made."""

    changed: list[TmUnitRow]
    removed: list[int]

    def apply(self, index: TranslationMemoryIndex, rows: dict[int, TmUnitRow]) -> None:
        """Bring the index and the rows it was made from up to date, in place."""
        for unit_id in self.removed:
            index.remove(unit_id)
            del rows[unit_id]
        for row in self.changed:
            old = rows.get(row.id)
            if old is None:
                index.add(_unit(row))
            elif _matched_as(old) != _matched_as(row):
                index.update(_unit(row))
            rows[row.id] = row  # who and when may have changed too: matches show them


def _changes_since(store: Store, source_lang: str, target_lang: str, held: dict[int, TmUnitRow]) -> _UnitChanges:
    now = {row.id: row for row in store.tm_units(source_lang, target_lang)}
    return _UnitChanges(changed=[row for unit_id, row in now.items() if held.get(unit_id) != row],
                        removed=[unit_id for unit_id in held if unit_id not in now])


def _unit(row: TmUnitRow) -> Unit:
    return Unit(row.id, row.source_text, row.target_text, row.previous_source or None)


def _matched_as(row: TmUnitRow) -> tuple[str, str, str]:
    """What the index holds of a row: a change elsewhere (who, when, notes) needs no index update."""
    return row.source_text, row.target_text, row.previous_source


def _spans(text: str, wanted: list[str], phrase: bool) -> tuple[tuple[int, int], ...]:
    tokens = tokenize(text)
    keys = [token.key for token in tokens]
    if phrase:
        size = len(wanted)
        return tuple((tokens[i].start, tokens[i + size - 1].end) for i in range(len(keys) - size + 1)
                     if keys[i:i + size] == wanted)
    words = set(wanted)
    if not words <= set(keys):
        return ()
    return tuple((token.start, token.end) for token in tokens if token.key in words)


def when(moment: dt.datetime) -> str:
    """A unit's date as lists show it."""
    return moment.strftime("%Y-%m-%d")
