"""What the translation memory holds and what a lookup gives back."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MIN_SCORE = 75
DEFAULT_LIMIT = 5
CONTEXT_SCORE = 101  # exact, and the previous segment's source is the same
EXACT_SCORE = 100
NEAR_EXACT_FLOOR = 95  # 95–99: the same words; only numbers, tags, punctuation, spaces or case differ
FUZZY_CEILING = 94  # a match whose words differ never scores above this


@dataclass(frozen=True, slots=True)
class Unit:
    """One translation unit: an id (higher = added later), the source, the target, and the
    source of the segment before it (for context matches), when known."""

    id: int
    source: str
    target: str
    previous_source: str | None = None


@dataclass(frozen=True, slots=True)
class DiffPart:
    """One stretch of the word-by-word comparison of a match's source with the query.

    `op` is "equal", "replace", "delete" (only in the match's source) or "insert" (only in
    the query). Offsets are character offsets into the NFC form of each text.
    """

    op: str
    source_start: int
    source_end: int
    query_start: int
    query_end: int
    source_text: str
    query_text: str


@dataclass(frozen=True, slots=True)
class TmMatch:
    """A unit found for a query, with its score and what differs (see `workbench.tm.scoring`)."""

    unit: Unit
    score: int
    similarity: int  # OmegaT's 100·(max(len) − distance)/max(len), before the classes
    distance: int  # token edit distance on the normalised tokens
    differences: tuple[DiffPart, ...]
    numbers_only_in_match: tuple[str, ...]  # as written in the match's source
    numbers_only_in_query: tuple[str, ...]  # as written in the query
    # When the match differs from the query only in numbers: its target with those numbers
    # replaced, each in the digits the target wrote it in. None when the numbers are the
    # same, when something else differs too, or when a number is not found in the target.
    adjusted_target: str | None = None

    @property
    def numbers_replaced(self) -> bool:
        return self.adjusted_target is not None

    @property
    def kind(self) -> str:
        if self.score == CONTEXT_SCORE:
            return "context"
        if self.score == EXACT_SCORE:
            return "exact"
        return "near-exact" if self.score >= NEAR_EXACT_FLOOR else "fuzzy"


def rank_key(score: int, unit_id: int) -> tuple[int, int]:
    """The order of matches: higher score first; among equal scores the newer (higher id) unit."""
    return (-score, -unit_id)


def check_lookup_arguments(min_score: int, limit: int) -> None:
    if not 1 <= min_score <= CONTEXT_SCORE:
        raise ValueError(f"min_score must be between 1 and {CONTEXT_SCORE}, not {min_score}")
    if limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
