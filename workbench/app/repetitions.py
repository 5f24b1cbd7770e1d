"""Repetitions: a confirmed translation fills the article's empty copies of the same sentence.

Two segments of an article are repetitions when their sources are the same after
`workbench.qa.consistency.source_key` (NFC, whitespace collapsed; case and punctuation count,
as in OmegaT and memoQ). When a translator confirms one (its status becomes translated:
`editing.toggle_translated`, or a restore/undo back to a translated version), every repetition
that is still empty takes the same text, status translated, recorded in its history as
`propagated` with the segment it came from in `detail`; ctrl+z undoes it like any change.

Only empty repetitions are written, never one with text. The writes are ONE compare-and-set
batch on the revisions the view read (0: no translation yet), so they happen all or not at all.
A repetition someone filled meanwhile makes the batch stale: nothing is written, the view is
refreshed, that repetition is left as it is (and reported), and the batch is tried again
without it. Typing into a confirmed segment does not propagate (each keystroke is saved, and a
half-typed sentence must not spread); un-confirming does not take propagated text back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench.qa.consistency import source_key
from workbench.storage.store import Store
from workbench.storage.translation_records import StaleTranslation, TranslationChange

if TYPE_CHECKING:
    from workbench.app.editing import ArticleView, SegmentView

ATTEMPTS = 3  # batches tried when repetitions keep being filled by others meanwhile


@dataclass(frozen=True)
class Propagation:
    """What confirming one segment did to its repetitions in the article."""

    source: SegmentView  # the confirmed segment the text came from
    filled: tuple[SegmentView, ...]  # empty repetitions that took its text (the view shows them now)
    left: tuple[SegmentView, ...]  # repetitions filled by someone else meanwhile: untouched

    @property
    def notice(self) -> str:
        """"propagated to 3 repetitions: 5, 9, 14", and the repetitions left alone, if any."""
        parts = []
        if self.filled:
            parts.append(f"propagated to {_count(len(self.filled))}: {_numbers(self.filled)}")
        if self.left:
            parts.append(f"{_count(len(self.left))} changed meanwhile, left as they are: {_numbers(self.left)}")
        return "; ".join(parts)


def _count(n: int) -> str:
    return f"{n} repetition{'s' if n != 1 else ''}"


def _numbers(segments: tuple[SegmentView, ...]) -> str:
    return ", ".join(str(segment.number) for segment in segments)


def repetitions(view: ArticleView, segment: SegmentView) -> list[SegmentView]:
    """The other segments of the article with the same source (by `source_key`), in order."""
    key = source_key(segment.source)
    return [other for other in view.segments if other is not segment and source_key(other.source) == key]


def _empty(segment: SegmentView) -> bool:
    return not segment.translation.strip()


def propagate(store: Store, view: ArticleView, segment: SegmentView, author: str) -> Propagation | None:
    """Fill the empty repetitions of a confirmed segment with its text (one batch); None when it
    has no repetitions or is not confirmed. The view's segments are refreshed to what is stored."""
    if segment.status != "translated" or _empty(segment):
        return None
    copies = repetitions(view, segment)
    if not copies:
        return None
    wanted = [copy for copy in copies if _empty(copy)]
    left: list[SegmentView] = []
    detail = f"from segment {segment.number} ({segment.segment_id} r{segment.revision})"
    for _attempt in range(ATTEMPTS):
        if not wanted:
            break
        changes = [TranslationChange(copy.segment_id, segment.translation, "translated", copy.revision,
                                     "propagated", detail) for copy in wanted]
        try:
            rows = store.save_translations(view.article_id, view.target_lang, changes, author)
        except StaleTranslation as stale:
            for change, current in stale.stale:  # as stored now: filled ones drop out, emptied ones stay
                copy = view.find(change.segment_id)
                copy.translation, copy.status, copy.revision = (
                    (current.text, current.status, current.revision) if current else ("", "", 0))
            left += [copy for copy in wanted if not _empty(copy)]
            wanted = [copy for copy in wanted if _empty(copy)]
            continue
        for copy, row in zip(wanted, rows, strict=True):
            copy.translation, copy.status, copy.revision = row.text, row.status, row.revision
        return Propagation(segment, tuple(wanted), _in_order(left, copies))
    left += wanted  # still moving after every attempt: left to the translator
    return Propagation(segment, (), _in_order(left, copies))


def _in_order(segments: list[SegmentView], order: list[SegmentView]) -> tuple[SegmentView, ...]:
    return tuple(segment for segment in order if any(segment is s for s in segments))
