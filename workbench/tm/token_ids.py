"""Token ids for many texts at once: the index's build, which is mostly cutting texts into tokens.

`TokenIds.encode(texts)` gives, for every text in order, the ids of `token_keys(text)` — the
same ids a loop over the texts would give — as one int32 array and a length per text. It is
several times faster than that loop:

- texts in `fast_form` are cut in batches, joined by a marker, instead of one call per text;
- the pieces between spaces ("the", "said,", "defectors.") repeat across a memory far more
  than the texts do, so each distinct piece is cut by the token pattern once and kept as its
  ids. This is exact because no token of a fast-form text holds a space, except a tag such as
  `<ph id="1">`: a text with `<` is cut on its own (as is one holding the marker);
- the pieces' ids are laid side by side with numpy, not a Python loop per token.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from itertools import repeat

import numpy as np

from workbench.tm.tokens import ASCII_TOKEN_PATTERN, LEFT_QUOTE_KEY, LEFT_QUOTE_STAND_IN, fast_form, token_keys

_MARKER = "\x00"  # between two texts of a batch: a piece of its own, as it is not a space
_JOINER = f" {_MARKER} "
_BATCH = 4096  # texts per batch: big enough that per-batch costs vanish, small enough to stay in cache
_UNSEEN = -(2**62)  # a piece code for a piece not cut yet
_MARKER_CODE = -1  # piece codes: an id ≥ 0 (one token), this, or −2 − an entry of the multi-token table


class TokenIds:
    """Cuts texts into token ids; `id_of(key)` gives a key's id, adding it to the vocabulary if new."""

    def __init__(self, id_of: Callable[[str], int]) -> None:
        self._id_of = id_of
        self._codes: dict[str, int] = {_MARKER: _MARKER_CODE}
        self._multi_ids = array("i")  # the ids of pieces of several tokens, side by side
        self._multi_starts = array("q", [0])

    def encode(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """(ids of every text's tokens side by side, int32; the number of tokens of each text, int32)."""
        # Grown in place (amortised), not concatenated at the end: one buffer, no second copy.
        ids, lengths = array("i"), array("i")
        for start in range(0, len(texts), _BATCH):
            batch_ids, batch_lengths = self._batch(texts[start:start + _BATCH])
            ids.frombytes(batch_ids.astype(np.int32, copy=False).tobytes())
            lengths.frombytes(batch_lengths.astype(np.int32, copy=False).tobytes())
        return (np.frombuffer(ids, dtype=np.int32) if ids else np.zeros(0, np.int32),
                np.frombuffer(lengths, dtype=np.int32) if lengths else np.zeros(0, np.int32))

    def _batch(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        joined = _JOINER.join(texts)
        form = _batch_form(joined, len(texts) - 1)  # the usual case: every text of the batch is fast, checked at once
        if form is not None:
            return self._laid_out(self._piece_codes(form))
        forms = [_batch_form(text) for text in texts]
        fast = [i for i, one in enumerate(forms) if one is not None]
        if not fast:
            return self._with_the_others(texts, fast, np.zeros(0, np.int32), np.zeros(0, np.int32))
        fast_ids, fast_lengths = self._laid_out(self._piece_codes(_JOINER.join([forms[i] for i in fast])))  # type: ignore[misc]
        return self._with_the_others(texts, fast, fast_ids, fast_lengths)

    def _piece_codes(self, form: str) -> np.ndarray:
        pieces = form.lower().split()
        codes = np.fromiter(map(self._codes.get, pieces, repeat(_UNSEEN)), dtype=np.int64, count=len(pieces))
        unseen = np.flatnonzero(codes == _UNSEEN)
        for at in unseen.tolist():  # in the order they come: the same ids every run
            if pieces[at] not in self._codes:
                self._learn(pieces[at])
            codes[at] = self._codes[pieces[at]]
        return codes

    def _learn(self, piece: str) -> None:
        keys = ASCII_TOKEN_PATTERN.findall(piece)
        ids = [self._id_of(LEFT_QUOTE_KEY if key == LEFT_QUOTE_STAND_IN else key) for key in keys]
        if len(ids) == 1:
            self._codes[piece] = ids[0]
            return
        self._codes[piece] = -2 - (len(self._multi_starts) - 1)
        self._multi_ids.extend(ids)
        self._multi_starts.append(len(self._multi_ids))

    def _laid_out(self, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The ids the piece codes stand for, side by side, and the number of them before, between
        and after the markers (one text more than markers)."""
        # Views of the tables: local, so that the tables can grow again once this returns.
        multi_starts = np.frombuffer(self._multi_starts, dtype=np.int64)
        multi_ids = np.frombuffer(self._multi_ids, dtype=np.int32) if len(self._multi_ids) else np.zeros(0, np.int32)
        several = np.flatnonzero(codes < _MARKER_CODE)
        entries = -2 - codes[several]
        entry_lengths = multi_starts[entries + 1] - multi_starts[entries]
        counts = (codes >= 0).astype(np.int64)
        counts[several] = entry_lengths
        ends = np.cumsum(counts)
        starts = ends - counts
        ids = np.empty(int(ends[-1]) if len(ends) else 0, dtype=np.int32)
        single = codes >= 0
        ids[starts[single]] = codes[single]
        if len(several):
            within = np.arange(int(entry_lengths.sum())) - np.repeat(np.cumsum(entry_lengths) - entry_lengths, entry_lengths)
            ids[np.repeat(starts[several], entry_lengths) + within] = multi_ids[np.repeat(multi_starts[entries], entry_lengths) + within]
        bounds = np.concatenate(([0], starts[codes == _MARKER_CODE], [len(ids)]))
        return ids, np.diff(bounds).astype(np.int32)

    def _with_the_others(self, texts: list[str], fast: list[int], fast_ids: np.ndarray,
                         fast_lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The batch in order: the fast texts' ids put in place, the others cut one by one."""
        others = sorted(set(range(len(texts))).difference(fast))
        other_ids = [np.array([self._id_of(key) for key in token_keys(texts[i])], dtype=np.int32) for i in others]
        lengths = np.zeros(len(texts), dtype=np.int32)
        lengths[fast] = fast_lengths
        lengths[others] = [len(one) for one in other_ids]
        starts = np.concatenate(([0], np.cumsum(lengths, dtype=np.int64)))
        ids = np.empty(int(starts[-1]), dtype=np.int32)
        fast_starts = np.concatenate(([0], np.cumsum(fast_lengths, dtype=np.int64)))[:-1]
        ids[np.repeat(starts[fast] - fast_starts, fast_lengths) + np.arange(len(fast_ids))] = fast_ids
        for i, one in zip(others, other_ids, strict=True):
            ids[starts[i]:starts[i + 1]] = one
        return ids, lengths


def _batch_form(text: str, markers: int = 0) -> str | None:
    """`fast_form(text)` when cutting it piece by piece is the same, and it holds no marker but
    the `markers` put between the texts it joins (fast_form works character by character)."""
    if "<" in text or text.count(_MARKER) != markers:
        return None
    return fast_form(text)
