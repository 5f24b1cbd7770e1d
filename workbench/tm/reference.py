"""Brute-force lookups: every unit scored with the scorer, the yardstick the index must equal.

`brute_force_lookup` is the definition, literally: `score` for every unit, keep those at or
above the threshold, order by `rank_key`, take the first `limit`. `ExhaustiveScan` computes
the same for a million units in reasonable time (the benchmark's reference): the token edit
distance to *every* unit at once with rapidfuzz's `cdist`, and word equality with every
unit, then the scorer's formula on all of them — no filter, no index, nothing skipped.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from workbench.tm.model import (
    DEFAULT_LIMIT,
    DEFAULT_MIN_SCORE,
    FUZZY_CEILING,
    TmMatch,
    Unit,
    check_lookup_arguments,
    rank_key,
)
from workbench.tm.scoring import Segment, evaluate, near_exact_score, same_context, score
from workbench.tm.tokens import WORD, kind_of_key, token_keys


def brute_force_lookup(units: Iterable[Unit], query: str, min_score: int = DEFAULT_MIN_SCORE, limit: int = DEFAULT_LIMIT,
                       previous_source: str | None = None) -> list[TmMatch]:
    """The best `limit` units for `query` by scoring each one (slow: for tests)."""
    check_lookup_arguments(min_score, limit)
    segment = Segment.of(query)
    if not segment.keys:
        return []
    scored = []
    for unit in units:
        value = score(segment, Segment.of(unit.source), same_context(unit.previous_source, previous_source))
        if value >= min_score:
            scored.append((unit, value))
    scored.sort(key=lambda pair: rank_key(pair[1], pair[0].id))
    return [evaluate(segment, unit, previous_source) for unit, _ in scored[:limit]]


class ExhaustiveScan:
    """Every unit's tokens as one string each (a character per token), scanned in full per query."""

    def __init__(self, units: Iterable[Unit]) -> None:
        self.units = list(units)
        self._codes: dict[str, str] = {}  # token key → its character
        self._word_codes: set[str] = set()
        self._keys = [self._encode(token_keys(unit.source)) for unit in self.units]
        self._words = ["".join(c for c in keys if c in self._word_codes) for keys in self._keys]
        self._lengths = np.array([len(keys) for keys in self._keys], dtype=np.int64)

    def _encode(self, keys: list[str]) -> str:
        codes = self._codes
        for key in keys:
            if key not in codes:
                codes[key] = chr(len(codes))
                if kind_of_key(key) == WORD:
                    self._word_codes.add(codes[key])
        return "".join(codes[key] for key in keys)

    def _encode_query(self, keys: tuple[str, ...]) -> str:
        unseen: dict[str, str] = {}  # tokens no unit has: characters past every unit's
        return "".join(self._codes.get(k) or unseen.setdefault(k, chr(len(self._codes) + len(unseen))) for k in keys)

    def lookup(self, query: str, min_score: int = DEFAULT_MIN_SCORE, limit: int = DEFAULT_LIMIT,
               previous_source: str | None = None) -> list[TmMatch]:
        check_lookup_arguments(min_score, limit)
        segment = Segment.of(query)
        if not segment.keys:
            return []
        keys = self._encode_query(segment.keys)
        words = "".join(c for c, token in zip(keys, segment.tokens, strict=True) if token.kind == WORD)
        distances = process.cdist([keys], self._keys, scorer=Levenshtein.distance, dtype=np.int32, workers=1)[0]
        longest = np.maximum(self._lengths, len(keys))
        values = np.minimum(FUZZY_CEILING, 100 * (longest - distances) // longest)
        if words:
            word_distances = process.cdist([words], self._words, scorer=Levenshtein.distance, dtype=np.int32,
                                           score_cutoff=0, workers=1)[0]
            same = np.flatnonzero(word_distances == 0)
        else:
            same = np.flatnonzero(distances == 0)  # without words: the same tokens
        for i in same.tolist():
            unit = self.units[i]
            context = same_context(unit.previous_source, previous_source)
            values[i] = near_exact_score(segment, Segment.of(unit.source), context)
        chosen = np.flatnonzero(values >= min_score).tolist()
        chosen.sort(key=lambda i: rank_key(int(values[i]), self.units[i].id))
        return [evaluate(segment, self.units[i], previous_source) for i in chosen[:limit]]
