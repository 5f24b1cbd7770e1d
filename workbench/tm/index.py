"""The translation-memory index: the best matches for a segment among a million units, exactly.

`lookup` returns what a scan scoring every unit with `workbench.tm.scoring.score` would
return (`workbench.tm.reference`): the same units, scores and order — score high to low, then
the newer unit (higher id) first. It gets there without scoring every unit:

1. **Same words** (scores 95–101): units whose word tokens equal the query's, found by a hash
   of the word-token ids and checked token by token. A memory can hold thousands of them (a
   sentence with only its numbers changed), so they are not all scored: written tokens differ
   at least where their keys do, so the key distance e_k (cheap for all at once) bounds the
   score by 100 − min(5, max(1, e_k)), and units are scored by the scorer in (bound, id) order
   until the `limit`-th best so far ranks above every unit left. When there are at least
   `limit` of them, nothing below 95 can be among the best, and it stops.
2. **Fuzzy** (scores up to 94, only when `min_score` ≤ 94). For a unit of length L and a query
   of length lq, with M = max(L, lq), a score ≥ t needs distance d ≤ D(M) = ⌊M·(100 − t)/100⌋:
   - *length*: |L − lq| ≤ d, so L lies in [lq − D(lq), ⌊100·lq/t⌋] — one run of positions,
     since units are stored by length;
   - *bigram count*: each edit destroys at most 2 of a text's L + 1 padded token bigrams, so
     a unit shares at least C(M) = M + 1 − 2·D(M) bigrams with the query (as multisets);
   - *prefix*: so a unit must hold at least one of the query's first G − C_min + 1 bigrams
     in rarest-first order (G = lq + 1 query bigrams; C_min the least C(M) over the admissible
     lengths, as C is not monotone in M). More bigrams are probed while their postings stay
     small (`_PROBE_BUDGET`), and a unit must then hit C(M) − (bigrams not probed) of them;
   - *verification*: the token Levenshtein distance of the survivors (rapidfuzz, with the
     largest D as cut-off), then the score formula on it. Of those scoring enough (in
     repetitive memories thousands), only the best `limit` by (capped score, id) are kept.
   When the bigram bound cannot prune (t below about 50), every unit of admissible length
   is verified: still exact, slower.
Units added, changed or removed after the build go to a small delta that is scanned in full;
once it outgrows `max(1000, size/500)` units, the next lookup folds it into a rebuilt block.
One index serves one language pair; it is not safe to change it while another thread looks up.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from operator import attrgetter
from typing import Any

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from workbench.tm.model import (
    CONTEXT_SCORE,
    DEFAULT_LIMIT,
    DEFAULT_MIN_SCORE,
    EXACT_SCORE,
    FUZZY_CEILING,
    NEAR_EXACT_FLOOR,
    TmMatch,
    Unit,
    check_lookup_arguments,
    rank_key,
)
from workbench.tm.postings import Block, gram_codes_of, word_hash
from workbench.tm.scoring import Segment, evaluate, near_exact_score, same_context, similarity
from workbench.tm.token_ids import TokenIds
from workbench.tm.tokens import WORD, kind_of_key, normalize_text, token_keys

_PROBE_BUDGET = 60_000  # postings read beyond the prefix: more filtering, until it costs more than it saves
_MAX_CODE_POINT = 0x10FFFF  # token ids up to this are verified as str characters (fast in rapidfuzz)


class TranslationMemoryIndex:
    """Units of one language pair, and the best matches for a segment among them."""

    def __init__(self, units: Iterable[Unit] = ()) -> None:
        self._vocabulary: dict[str, int] = {}
        self._is_word = bytearray()
        self._word_flag_cache = np.zeros(0, dtype=bool)
        self._delta: dict[int, tuple[Unit, np.ndarray]] = {}
        self._main = self._build(list(units))

    # -- changes ---------------------------------------------------------------------

    def __len__(self) -> int:
        return int(self._main.alive.sum()) + len(self._delta)

    def get(self, unit_id: int) -> Unit | None:
        if unit_id in self._delta:
            return self._delta[unit_id][0]
        position = self._main.position_of(unit_id)
        return None if position is None else self._main.units[position]

    def add(self, unit: Unit) -> None:
        if self.get(unit.id) is not None:
            raise ValueError(f"unit {unit.id} is already in the memory")
        self._delta[unit.id] = (unit, self._token_ids(unit.source))

    def remove(self, unit_id: int) -> None:
        if self._delta.pop(unit_id, None) is not None:
            return
        position = self._main.position_of(unit_id)
        if position is None:
            raise KeyError(unit_id)
        self._main.alive[position] = False

    def update(self, unit: Unit) -> None:
        """Replace the unit with `unit.id` (a confirmed translation changed)."""
        self.remove(unit.id)
        self.add(unit)

    def compact(self) -> None:
        """Fold the delta and removals into a new block (lookups do it when the delta is large)."""
        main, delta = self._main, list(self._delta.values())
        alive = np.flatnonzero(main.alive)
        tokens, bounds = main.gathered(alive)  # the kept units' ids, already cut: no tokenising again
        units = [main.units[p] for p in alive.tolist()] + [unit for unit, _ in delta]
        tokens = np.concatenate([tokens, *(unit_ids for _, unit_ids in delta)]).astype(np.int32)
        lengths = np.concatenate([np.diff(bounds), [len(unit_ids) for _, unit_ids in delta]]).astype(np.int32)
        self._main = Block.build(units, tokens, lengths, self._block_word_flags())
        self._delta = {}

    # -- lookup ----------------------------------------------------------------------

    def lookup(self, query: str, min_score: int = DEFAULT_MIN_SCORE, limit: int = DEFAULT_LIMIT,
               previous_source: str | None = None) -> list[TmMatch]:
        """The best `limit` matches scoring at least `min_score`, best first (module docstring)."""
        check_lookup_arguments(min_score, limit)
        if len(self._delta) > max(1000, len(self._main.units) // 500):
            self.compact()
        segment = Segment.of(query)
        if not segment.keys:
            return []
        ids = self._query_ids(segment)
        scored, same = self._same_words(segment, ids, previous_source, min_score, limit)
        # Below 95 only when the words differ; a text without words has its exact matches there too.
        if len(scored) < limit and (min_score <= FUZZY_CEILING or not segment.words):
            search_score = min(min_score, EXACT_SCORE)
            excluded = np.fromiter(same, dtype=np.int64, count=len(same))
            found = self._fuzzy_main(ids, search_score, excluded, limit) + self._fuzzy_delta(ids, search_score)
            for unit, value, distance in found:
                if unit.id in same:
                    continue
                if distance == 0 and not segment.words:  # the same tokens, no words: scored as same words
                    value = near_exact_score(segment, Segment.of(unit.source), same_context(unit.previous_source, previous_source))
                else:
                    value = min(value, FUZZY_CEILING)
                if value >= min_score:
                    scored.append((unit, value))
        scored.sort(key=lambda pair: rank_key(pair[1], pair[0].id))
        return [evaluate(segment, unit, previous_source) for unit, _ in scored[:limit]]

    def _same_words(self, segment: Segment, ids: np.ndarray, previous: str | None, min_score: int,
                    limit: int) -> tuple[list[tuple[Unit, int]], set[int]]:
        """The best `limit` units with the query's words that score ≥ min_score (all of them when
        fewer), unordered, and the ids of every unit with the query's words.

        A memory can hold thousands of units with the same words (a sentence with only its
        numbers changed), so they are not all scored: the token-key distance e_k, cheap for all
        of them at once, bounds the score (written tokens differ at least where keys do), and
        units are scored in bound order until no remaining one can enter the best `limit`.
        """
        if not segment.words:
            return [], set()
        words = ids[np.array([token.kind == WORD for token in segment.tokens])]
        units, sequences = self._units_with_words(words)
        if not units:
            return [], set()
        key_distances = process.cdist([_as_sequence(ids)], sequences, scorer=Levenshtein.distance, dtype=np.int32,
                                      score_cutoff=EXACT_SCORE - NEAR_EXACT_FLOOR, workers=1)[0]
        bounds = EXACT_SCORE - np.clip(key_distances, 1, EXACT_SCORE - NEAR_EXACT_FLOOR)
        known: dict[int, int] = {}  # index → score, for the texts identical to the query (100, 101)
        for i in np.flatnonzero(key_distances == 0).tolist():
            if normalize_text(units[i].source) == segment.text:
                known[i] = CONTEXT_SCORE if same_context(units[i].previous_source, previous) else EXACT_SCORE
                bounds[i] = known[i]
        unit_ids = np.fromiter((unit.id for unit in units), dtype=np.int64, count=len(units))
        best: list[tuple[tuple[int, int], int]] = []  # (rank key, index), best first
        cut: dict[str, Segment] = {segment.text: segment}  # a memory holds the same sentence many times: cut it once
        for i in np.lexsort((-unit_ids, -bounds)).tolist():  # bound high to low, then the newer unit
            bound = int(bounds[i])
            if bound < min_score or (len(best) >= limit and best[limit - 1][0] < rank_key(bound, int(unit_ids[i]))):
                break  # neither this unit nor any after it can score enough or rank among the best
            value = known.get(i)
            if value is None:
                text = normalize_text(units[i].source)
                source = cut.get(text)
                if source is None:
                    source = cut[text] = Segment.of(units[i].source)
                value = near_exact_score(segment, source, False)
            if value >= min_score:
                bisect.insort(best, (rank_key(value, units[i].id), i))
        return [(units[i], -key[0]) for key, i in best], {unit.id for unit in units}

    def _units_with_words(self, words: np.ndarray) -> tuple[list[Unit], list[str] | list[list[int]]]:
        """The units whose word tokens are `words`, and their token ids as `_as_sequence` gives them."""
        main = self._main
        positions = main.positions_with_word_hash(word_hash(words))
        positions = np.sort(positions[main.alive[positions]])
        tokens, bounds = main.gathered(positions)
        is_word = self._word_flags()[tokens]
        words_before = np.concatenate(([0], np.cumsum(is_word, dtype=np.int64)))
        counts = words_before[bounds[1:]] - words_before[bounds[:-1]]
        # A hash collision is possible: compare the words of those with as many as the query.
        fits = counts == len(words)
        unit_of_token = np.repeat(np.arange(len(positions)), np.diff(bounds))
        chosen = tokens[is_word & fits[unit_of_token]].reshape(-1, len(words))
        fits[np.flatnonzero(fits)[~(chosen == words).all(axis=1)]] = False
        kept = np.flatnonzero(fits)
        units = [main.units[p] for p in positions[kept].tolist()]
        sequences: list = []
        if len(kept):
            sequences = list(_as_sequences(*main.gathered(positions[kept])))
        for unit, unit_ids in self._delta.values():
            if np.array_equal(self._words_of(unit_ids), words):
                units.append(unit)
                sequences.append(_as_sequence(unit_ids))
        return units, sequences

    def _fuzzy_main(self, ids: np.ndarray, min_score: int, excluded: np.ndarray, limit: int) -> list[tuple[Unit, int, int]]:
        """(unit, similarity, distance) of the units of the block with similarity ≥ min_score whose
        id is not `excluded`: those at distance 0, and the best `limit` others."""
        main, lq = self._main, len(ids)
        shortest, longest = lq - _max_distance(lq, min_score), 100 * lq // min_score
        first, last = main.positions_of_length(shortest, longest)
        if first >= last:
            return []
        lengths = np.arange(max(lq, shortest), longest + 1)
        need = lengths + 1 - 2 * _max_distance(lengths, min_score)  # C(M) for each admissible M ≥ lq
        if need.min() < 1:
            candidates = np.arange(first, last)
        else:
            candidates = self._bigram_candidates(ids, first, last, int(need.min()), min_score)
        candidates = candidates[main.alive[candidates]]
        positions, scores, distances = self._verify(ids, candidates, min_score)
        if len(excluded):
            kept = ~np.isin(main.ids[positions], excluded)
            positions, scores, distances = positions[kept], scores[kept], distances[kept]
        # Only the best can be shown: a fuzzy score is capped at 94, then the newer unit wins. A
        # distance of 0 (no words, the same tokens) is scored as same words by the caller.
        others = np.flatnonzero(distances != 0)
        order = np.lexsort((-main.ids[positions[others]], -np.minimum(scores[others], FUZZY_CEILING)))
        chosen = np.concatenate((np.flatnonzero(distances == 0), others[order[:limit]]))
        return [(main.units[p], s, d) for p, s, d in
                zip(positions[chosen].tolist(), scores[chosen].tolist(), distances[chosen].tolist(), strict=True)]

    def _bigram_candidates(self, ids: np.ndarray, first: int, last: int, least_shared: int, min_score: int) -> np.ndarray:
        """Positions in [first, last) that can share enough padded bigrams with the query."""
        main = self._main
        codes = _query_gram_codes(ids, main.gram_base).tolist()
        runs = {c: main.gram_postings(c, first, last) if c >= 0 else main.postings[:0] for c in set(codes)}
        ordered = sorted(codes, key=lambda c: (len(runs[c]), c))  # rarest first; a multiset, repeats adjacent
        probed = len(ordered) - least_shared + 1  # the prefix: a unit holding none of these shares too few
        seen = set(ordered[:probed])
        read = sum(len(runs[c]) for c in seen)
        while probed < len(ordered):  # probe further while postings are cheap: a tighter count below
            extra = 0 if ordered[probed] in seen else len(runs[ordered[probed]])
            if extra and read + extra > _PROBE_BUDGET:
                break
            seen.add(ordered[probed])
            read, probed = read + extra, probed + 1
        hits = np.zeros(last - first, dtype=np.int32)
        for code in seen:
            # A posting lists a position once, so the fancy-index add loses nothing.
            hits[runs[code] - first] += ordered[:probed].count(code)
        # Shared ≥ C(M); the bigrams not probed can add at most one each. C(M) ≥ least_shared, and
        # the prefix makes least_shared − unprobed ≥ 1: a unit with no hit is never a candidate.
        unprobed = len(ordered) - probed
        positions = np.flatnonzero(hits >= max(1, least_shared - unprobed)) + first
        longest = np.maximum(main.lengths[positions], len(ids))
        need = longest + 1 - 2 * _max_distance(longest, min_score) - unprobed
        return positions[hits[positions - first] >= need]

    def _verify(self, ids: np.ndarray, positions: np.ndarray, min_score: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The positions whose similarity is ≥ min_score, with their similarities and distances."""
        main = self._main
        if len(positions) == 0:
            return positions, positions, positions
        longest = np.maximum(main.lengths[positions], len(ids))
        cutoff = int(_max_distance(longest, min_score).max())
        choices = _as_sequences(*main.gathered(positions))
        distances = process.cdist([_as_sequence(ids)], choices, scorer=Levenshtein.distance, score_cutoff=cutoff,
                                  dtype=np.int32, workers=1)[0]
        scores = 100 * (longest - distances) // longest
        good = (distances <= cutoff) & (scores >= min_score)
        return positions[good], scores[good], distances[good]

    def _fuzzy_delta(self, ids: np.ndarray, min_score: int) -> list[tuple[Unit, int, int]]:
        found = []
        query = _as_sequence(ids)
        for unit, unit_ids in self._delta.values():
            longest = max(len(unit_ids), len(ids))
            cutoff = int(_max_distance(longest, min_score))
            if abs(len(unit_ids) - len(ids)) > cutoff:
                continue
            distance = Levenshtein.distance(query, _as_sequence(unit_ids), score_cutoff=cutoff)
            value = similarity(distance, len(unit_ids), len(ids))
            if distance <= cutoff and value >= min_score:
                found.append((unit, value, distance))
        return found

    # -- tokens ----------------------------------------------------------------------

    def _token_ids(self, text: str) -> np.ndarray:
        return np.array([self._id_of(key) for key in token_keys(text)], dtype=np.int32)

    def _id_of(self, key: str) -> int:
        found = self._vocabulary.get(key)
        if found is None:
            found = self._vocabulary[key] = len(self._vocabulary)
            self._is_word.append(kind_of_key(key) == WORD)
        return found

    def _query_ids(self, segment: Segment) -> np.ndarray:
        # Tokens the memory has never seen get ids of their own past the vocabulary: they match nothing.
        unseen: dict[str, int] = {}
        ids = []
        for key in segment.keys:
            found = self._vocabulary.get(key)
            ids.append(found if found is not None else unseen.setdefault(key, len(self._vocabulary) + len(unseen)))
        return np.array(ids, dtype=np.int64)

    def _word_flags(self) -> np.ndarray:
        """Whether each token id is a word (cached: the vocabulary only grows)."""
        if len(self._word_flag_cache) != len(self._is_word):
            self._word_flag_cache = np.array(self._is_word, dtype=bool)
        return self._word_flag_cache

    def _words_of(self, ids: np.ndarray) -> np.ndarray:
        return ids[self._word_flags()[ids]]

    def _build(self, units: list[Unit]) -> Block:
        tokens, lengths = TokenIds(self._id_of).encode(list(map(attrgetter("source"), units)))
        return Block.build(units, tokens, lengths, self._block_word_flags())

    def _block_word_flags(self) -> np.ndarray:
        """`_word_flags`, never empty (a block's bigram coding counts on one id at least)."""
        return self._word_flags() if self._is_word else np.zeros(1, dtype=bool)


def _max_distance(longest: Any, min_score: int) -> Any:
    """D(M): the most edits a pair whose longer side has M tokens can have and still score ≥ t."""
    return longest * (100 - min_score) // 100


def _query_gram_codes(ids: np.ndarray, base: int) -> np.ndarray:
    """The query's padded bigram codes in the block's coding; -1 for one with a token newer than the block."""
    fresh = ids >= base - 2
    codes = gram_codes_of(np.where(fresh, 0, ids), base)
    codes[np.concatenate(([False], fresh)) | np.concatenate((fresh, [False]))] = -1
    return codes


def _as_sequence(ids: np.ndarray) -> str | list[int]:
    """Token ids as rapidfuzz compares them fastest: one character per token (ids fit in Unicode)."""
    if len(ids) and int(ids.max()) > _MAX_CODE_POINT:
        return ids.tolist()
    return ids.astype("<u4").tobytes().decode("utf-32-le", "surrogatepass")


def _as_sequences(tokens: np.ndarray, bounds: np.ndarray) -> list[str] | list[list[int]]:
    if len(tokens) and int(tokens.max()) > _MAX_CODE_POINT:
        return [tokens[a:b].tolist() for a, b in zip(bounds[:-1], bounds[1:], strict=True)]
    text = tokens.astype("<u4").tobytes().decode("utf-32-le", "surrogatepass")
    edges = bounds.tolist()
    return [text[a:b] for a, b in zip(edges[:-1], edges[1:], strict=True)]
