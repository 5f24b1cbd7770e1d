"""The translation-memory scorer: how alike a unit's source is to the segment being translated.

Both texts are cut into tokens (`workbench.tm.tokens`: words, numbers, punctuation, tags;
Burmese by syllables) and compared on their normalised keys (case-folded, NFC, any digits).

**Similarity** is OmegaT's formula over the token arrays, in integer arithmetic::

    d          = Levenshtein distance between the two key arrays (insert, delete, substitute a token: 1 each)
    similarity = floor(100 · (max(len_q, len_s) − d) / max(len_q, len_s))      (0 when both are empty)

**Score** then puts the match in memoQ's classes. Let *words* be the keys of the word tokens
only (numbers, tags and punctuation left out):

- the words of both are the same (for a text without words, such as "2022.", all its tokens):
  - the texts are identical (NFC, leading and trailing spaces stripped):
    **101** if the previous segment's source is identical too (a context match), else **100**;
  - otherwise **100 − min(5, max(1, e))**, where e is the Levenshtein distance between the
    arrays of the tokens *as written* (so a changed number, tag or punctuation mark, or a
    token in another case, costs 1 each; a difference in spaces alone gives e = 0):
    e ≤ 1 → 99, 2 → 98, 3 → 97, 4 → 96, 5 or more → 95;
- otherwise **min(94, similarity)**: 95 and above always means "the same words".

Examples: "Reporters confirmed it on Monday." against itself is 100; against
"Reporters confirmed it on Tuesday." d = 1 over 6 tokens, floor(100·5/6) = 83;
"He paid 500 kyat." against "He paid 600 kyat." has the same words and e = 1: 99.

When a match differs from the query only in numbers (the same tokens except numbers), its
target is given with those numbers replaced (`TmMatch.adjusted_target`), each written in the
digits the target used (a Burmese target with ၅၀၀ gets Myanmar digits). Numbers found on one
side only are reported either way. All functions here are pure.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from workbench.tm.model import (
    CONTEXT_SCORE,
    EXACT_SCORE,
    FUZZY_CEILING,
    NEAR_EXACT_FLOOR,
    DiffPart,
    TmMatch,
    Unit,
)
from workbench.tm.tokens import NUMBER, Token, normalize_text, tokenize, word_keys


@dataclass(frozen=True, slots=True)
class Segment:
    """A text cut into tokens once, to be compared with many others."""

    nfc: str  # the NFC text the tokens' offsets point into
    tokens: tuple[Token, ...]
    keys: tuple[str, ...]
    words: tuple[str, ...]

    @classmethod
    def of(cls, text: str) -> Segment:
        tokens = tuple(tokenize(text))
        return cls(unicodedata.normalize("NFC", text), tokens, tuple(t.key for t in tokens), word_keys(list(tokens)))

    @property
    def text(self) -> str:
        """What exact and context matches compare: `normalize_text` of the original."""
        return self.nfc.strip()


def similarity(distance: int, len_a: int, len_b: int) -> int:
    """OmegaT's 100·(max(len) − distance)/max(len), rounded down."""
    longest = max(len_a, len_b)
    return 0 if longest == 0 else 100 * (longest - distance) // longest


def token_distance(a: Sequence[str], b: Sequence[str]) -> int:
    """Levenshtein distance between two token arrays, exact (tokens compared by equality)."""
    ids: dict[str, int] = {}
    return Levenshtein.distance([ids.setdefault(k, len(ids)) for k in a], [ids.setdefault(k, len(ids)) for k in b])


def same_context(unit_previous: str | None, query_previous: str | None) -> bool:
    return unit_previous is not None and query_previous is not None and normalize_text(unit_previous) == normalize_text(query_previous)


def near_exact_score(query: Segment, source: Segment, context: bool) -> int:
    """The score of a source with the same words as the query: 95–99, 100 or 101."""
    if query.text == source.text:
        return CONTEXT_SCORE if context else EXACT_SCORE
    written = token_distance([t.text for t in query.tokens], [t.text for t in source.tokens])
    return EXACT_SCORE - min(EXACT_SCORE - NEAR_EXACT_FLOOR, max(1, written))


def same_words(query: Segment, source: Segment) -> bool:
    """The same word tokens; for texts without words (a bare number or date), the same tokens."""
    return query.words == source.words and (bool(query.words) or query.keys == source.keys)


def score(query: Segment, source: Segment, context: bool = False) -> int:
    """The score of `source` for `query` (module docstring); `context`: the previous sources agree."""
    if same_words(query, source):
        return near_exact_score(query, source, context)
    distance = token_distance(query.keys, source.keys)
    return min(FUZZY_CEILING, similarity(distance, len(query.keys), len(source.keys)))


def evaluate(query: Segment, unit: Unit, previous_source: str | None = None) -> TmMatch:
    """Everything a translator is shown about `unit` as a match for `query`."""
    source = Segment.of(unit.source)
    distance = token_distance(query.keys, source.keys)
    only_in_match, only_in_query = _unmatched_numbers(source, query)
    return TmMatch(
        unit=unit,
        score=score(query, source, same_context(unit.previous_source, previous_source)),
        similarity=similarity(distance, len(query.keys), len(source.keys)),
        distance=distance,
        differences=differences(source, query),
        numbers_only_in_match=only_in_match,
        numbers_only_in_query=only_in_query,
        adjusted_target=_target_with_query_numbers(source, query, unit.target),
    )


def differences(source: Segment, query: Segment) -> tuple[DiffPart, ...]:
    """The word-by-word edit script from the match's source to the query, for highlighting."""
    ids: dict[str, int] = {}
    a = [ids.setdefault(k, len(ids)) for k in source.keys]
    b = [ids.setdefault(k, len(ids)) for k in query.keys]
    return tuple(
        DiffPart(op.tag, *_span(source.tokens, op.src_start, op.src_end), *_span(query.tokens, op.dest_start, op.dest_end),
                 _text(source, op.src_start, op.src_end), _text(query, op.dest_start, op.dest_end))
        for op in Levenshtein.opcodes(a, b)
    )


def _span(tokens: tuple[Token, ...], first: int, last: int) -> tuple[int, int]:
    if first < last:
        return tokens[first].start, tokens[last - 1].end
    at = tokens[first].start if first < len(tokens) else (tokens[-1].end if tokens else 0)
    return at, at


def _text(segment: Segment, first: int, last: int) -> str:
    start, end = _span(segment.tokens, first, last)
    return segment.nfc[start:end]


def _value(number_key: str) -> str:
    """A number's value for comparing: "500,000" and "500000" (and ၅၀၀,၀၀၀) are the same."""
    return number_key.replace(",", "")


def _unmatched_numbers(source: Segment, query: Segment) -> tuple[tuple[str, ...], tuple[str, ...]]:
    in_source = [t for t in source.tokens if t.kind == NUMBER]
    in_query = [t for t in query.tokens if t.kind == NUMBER]
    source_left = Counter(_value(t.key) for t in in_source) - Counter(_value(t.key) for t in in_query)
    query_left = Counter(_value(t.key) for t in in_query) - Counter(_value(t.key) for t in in_source)
    return _take(in_source, source_left), _take(in_query, query_left)


def _take(tokens: list[Token], wanted: Counter[str]) -> tuple[str, ...]:
    taken = []
    for token in tokens:
        if wanted[_value(token.key)] > 0:
            wanted[_value(token.key)] -= 1
            taken.append(token.text)
    return tuple(taken)


def _number_changes(source: Segment, query: Segment) -> dict[str, str] | None:
    """{value in the source: number in the query} when only numbers differ, else None."""
    if len(source.keys) != len(query.keys) or source.keys == query.keys:
        return None
    changes: dict[str, str] = {}
    for old, new in zip(source.tokens, query.tokens, strict=True):
        if old.key == new.key:
            continue
        if old.kind != NUMBER or new.kind != NUMBER or changes.setdefault(_value(old.key), new.key) != new.key:
            return None  # a word differs, or one number became two different ones
    return changes


def _target_with_query_numbers(source: Segment, query: Segment, target: str) -> str | None:
    changes = _number_changes(source, query)
    if not changes:
        return None
    text = unicodedata.normalize("NFC", target)
    pieces, last, found = [], 0, set()
    for token in tokenize(text):
        value = _value(token.key)
        if token.kind == NUMBER and value in changes:
            pieces += [text[last:token.start], _in_digits_of(changes[value], token.text)]
            last = token.end
            found.add(value)
    if found != set(changes):
        return None  # a number of the source is not in the target (spelled out, or left out)
    return "".join(pieces) + text[last:]


def _in_digits_of(latin_number: str, written: str) -> str:
    """`latin_number` written in the digits of `written` (Myanmar ၀-၉ for "၅၀၀", else as is)."""
    digit = next((c for c in written if c.isdecimal()), "0")
    zero = ord(digit) - int(digit)
    return "".join(chr(zero + int(c)) if c.isdecimal() else c for c in latin_number)
