"""The arrays behind the translation-memory index: units' token ids, word hashes, bigram postings.

A block holds units sorted by length (in tokens), so the units a length bound admits are one
run of positions. Per position: the unit, its token ids (int32, CSR: `offsets`), a hash of its
word tokens, and whether it is still alive (removed units are only marked). Each unit is also
indexed by its *padded token bigrams* (start-w1, w1-w2, …, wL-end): `gram_codes` (sorted,
unique) with `gram_starts` point into `postings`, the sorted positions holding that bigram.
Nothing here is a Python object per token.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter

import numpy as np

from workbench.tm.model import Unit

_HASH_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)  # odd: a polynomial hash over 2^64 loses nothing to it


def _hash_powers(count: int) -> np.ndarray:
    """K^1 … K^count modulo 2^64 (unsigned products wrap around, which is the point)."""
    return np.cumprod(np.full(max(count, 1), _HASH_MULTIPLIER, dtype=np.uint64), dtype=np.uint64)


def word_hash(word_ids: np.ndarray) -> int:
    """The hash `Block.word_hashes` holds, for one unit's word-token ids (0 for no words)."""
    if len(word_ids) == 0:
        return 0
    values = (word_ids.astype(np.uint64) + np.uint64(1)) * _hash_powers(len(word_ids))
    return int(np.sum(values, dtype=np.uint64))


def gram_codes_of(ids: np.ndarray, base: int) -> np.ndarray:
    """The padded bigram codes of one token-id array (ids < base - 1), as `Block` indexes them."""
    shifted = np.concatenate(([0], ids.astype(np.int64) + 1, [0]))
    return shifted[:-1] * base + shifted[1:]


@dataclass
class Block:
    units: list[Unit]  # by position
    ids: np.ndarray  # int64 unit id by position
    offsets: np.ndarray  # int64, len n + 1
    lengths: np.ndarray  # int64 tokens per position (sorted: the block is ordered by length)
    tokens: np.ndarray  # int32 token ids
    length_starts: np.ndarray  # int64: first position of each length 0..max+1
    word_hashes: np.ndarray  # uint64 by position
    hash_order: np.ndarray  # positions sorted by word hash
    sorted_hashes: np.ndarray  # word_hashes[hash_order]
    alive: np.ndarray  # bool by position
    gram_base: int  # codes are left * base + right, with token ids + 1 (0 pads the ends)
    gram_codes: np.ndarray  # int64, sorted unique
    gram_starts: np.ndarray  # int64, len(gram_codes) + 1
    postings: np.ndarray  # int32 positions
    id_order: np.ndarray  # positions sorted by unit id

    @classmethod
    def build(cls, units: list[Unit], tokens: np.ndarray, lengths: np.ndarray, is_word: np.ndarray) -> Block:
        """A block of `units` whose token ids are `tokens`, cut by `lengths` (in the units' order)."""
        order = np.argsort(lengths, kind="stable")
        lengths = lengths[order].astype(np.int64)
        offsets = np.zeros(len(units) + 1, dtype=np.int64)
        np.cumsum(lengths, out=offsets[1:])
        old_offsets = np.zeros(len(units) + 1, dtype=np.int64)
        old_lengths = np.empty_like(lengths)
        old_lengths[order] = lengths
        np.cumsum(old_lengths, out=old_offsets[1:])
        gather = np.repeat(old_offsets[:-1][order] - offsets[:-1], lengths) + np.arange(offsets[-1], dtype=np.int64)
        tokens = tokens[gather].astype(np.int32)
        del gather
        base = int(len(is_word)) + 2
        word_hashes = _word_hashes(tokens, offsets, is_word)
        codes, starts, postings = _bigram_postings(tokens, lengths, base)
        ids = np.fromiter(map(attrgetter("id"), units), dtype=np.int64, count=len(units))[order]
        id_order = np.argsort(ids, kind="stable")
        if len(ids) > 1 and np.any(ids[id_order][1:] == ids[id_order][:-1]):
            raise ValueError("two units with the same id")
        max_length = int(lengths[-1]) if len(lengths) else 0
        hash_order = np.argsort(word_hashes, kind="stable")
        return cls(
            units=_reordered(units, order), ids=ids, offsets=offsets, lengths=lengths, tokens=tokens,
            length_starts=np.searchsorted(lengths, np.arange(max_length + 2), side="left"),
            word_hashes=word_hashes, hash_order=hash_order, sorted_hashes=word_hashes[hash_order],
            alive=np.ones(len(units), dtype=bool), gram_base=base,
            gram_codes=codes, gram_starts=starts, postings=postings, id_order=id_order,
        )

    def position_of(self, unit_id: int) -> int | None:
        at = int(np.searchsorted(self.ids, unit_id, sorter=self.id_order))
        if at < len(self.ids) and self.ids[self.id_order[at]] == unit_id:
            position = int(self.id_order[at])
            return position if self.alive[position] else None
        return None

    def positions_of_length(self, shortest: int, longest: int) -> tuple[int, int]:
        last = len(self.length_starts) - 1
        return int(self.length_starts[min(max(shortest, 0), last)]), int(self.length_starts[min(longest + 1, last)])

    def token_ids(self, position: int) -> np.ndarray:
        return self.tokens[self.offsets[position]:self.offsets[position + 1]]

    def gathered(self, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The token ids of the units at `positions`, side by side, and where each unit's begin and end."""
        lengths = self.lengths[positions]
        bounds = np.zeros(len(positions) + 1, dtype=np.int64)
        np.cumsum(lengths, out=bounds[1:])
        gather = np.repeat(self.offsets[positions] - bounds[:-1], lengths) + np.arange(int(bounds[-1]))
        return self.tokens[gather], bounds

    def positions_with_word_hash(self, value: int) -> np.ndarray:
        first = np.searchsorted(self.sorted_hashes, np.uint64(value), side="left")
        last = np.searchsorted(self.sorted_hashes, np.uint64(value), side="right")
        return self.hash_order[first:last]

    def gram_postings(self, code: int, first: int, last: int) -> np.ndarray:
        """The positions in [first, last) whose unit has the bigram `code`."""
        at = int(np.searchsorted(self.gram_codes, code))
        if at == len(self.gram_codes) or self.gram_codes[at] != code:
            return self.postings[:0]
        run = self.postings[self.gram_starts[at]:self.gram_starts[at + 1]]
        return run[np.searchsorted(run, first):np.searchsorted(run, last)]


def _reordered(units: list[Unit], order: np.ndarray) -> list[Unit]:
    """`[units[i] for i in order]`, without a Python int per unit (it leaves the heap fragmented)."""
    held = np.empty(len(units), dtype=object)
    held[:] = units
    return held[order].tolist()


def _word_hashes(tokens: np.ndarray, offsets: np.ndarray, is_word: np.ndarray) -> np.ndarray:
    """`word_hash` of every unit at once: Σ (id + 1)·K^(rank+1) over its word tokens, mod 2^64."""
    count = len(offsets) - 1
    mask = is_word[tokens]
    words = tokens[mask].astype(np.uint64) + np.uint64(1)
    words_before = np.concatenate(([0], np.cumsum(mask, dtype=np.int64)))[offsets]
    per_unit = np.diff(words_before)
    rank = np.arange(len(words), dtype=np.int64) - np.repeat(words_before[:-1], per_unit)
    values = words * _hash_powers(int(per_unit.max()) if count else 1)[rank]
    hashes = np.zeros(count, dtype=np.uint64)
    has_words = per_unit > 0
    if len(values):
        hashes[has_words] = np.add.reduceat(values, words_before[:-1][has_words])
    return hashes


def _bigram_postings(tokens: np.ndarray, lengths: np.ndarray, base: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sorted unique padded-bigram codes, their starts, and the positions (deduplicated, sorted)."""
    count = len(lengths)
    # One sequence 0 u1 0 u2 0 … un 0 (ids + 1): its consecutive pairs are every unit's
    # padded bigrams, unit k's starting at offsets[k] + k.
    shifted = np.zeros(len(tokens) + count + 1, dtype=np.int64)
    slots = np.arange(len(tokens), dtype=np.int64) + np.repeat(np.arange(count, dtype=np.int64), lengths) + 1
    shifted[slots] = tokens.astype(np.int64) + 1
    del slots
    codes = shifted[:-1] * base + shifted[1:]
    del shifted
    positions = np.repeat(np.arange(count, dtype=np.int64), lengths + 1)
    position_bits = max(1, (count - 1).bit_length())
    if (base * base).bit_length() + position_bits <= 63:
        # Sort code and position packed in one integer: no argsort index array to hold.
        codes <<= position_bits
        codes |= positions
        del positions
        codes.sort()
        keep = np.ones(len(codes), dtype=bool)
        keep[1:] = codes[1:] != codes[:-1]
        codes = codes[keep]
        postings = (codes & ((1 << position_bits) - 1)).astype(np.int32)
        codes >>= position_bits
    else:
        order = np.lexsort((positions, codes))
        codes, positions = codes[order], positions[order]
        keep = np.ones(len(codes), dtype=bool)
        keep[1:] = (codes[1:] != codes[:-1]) | (positions[1:] != positions[:-1])
        codes, postings = codes[keep], positions[keep].astype(np.int32)
    new_gram = np.ones(len(codes), dtype=bool)
    new_gram[1:] = codes[1:] != codes[:-1]
    starts = np.flatnonzero(new_gram)
    return codes[starts], np.append(starts, len(codes)).astype(np.int64), postings
