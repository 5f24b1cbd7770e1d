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

An imported file (PO, XLIFF) propagates the same way, inside the import's own batch
(`imported_propagation`): a translated entry fills the article's repetitions that are empty and
that the file leaves empty too, unless the file translates the same sentence two ways (then none
is chosen for the translator; the inconsistent-translation check shows both).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench.qa.consistency import source_key
from workbench.storage.store import SegmentRow, Store
from workbench.storage.translation_records import StaleTranslation, TranslationChange, TranslationRow

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


def imported_propagation(segments: Sequence[SegmentRow], saved: Mapping[str, TranslationRow],
                         changes: Sequence[TranslationChange], origin: str) -> list[TranslationChange]:
    """The writes that fill, with an imported translated entry's text, the article's empty
    repetitions the file does not give (each based on the revision read now), in article order."""
    number = {segment.segment_id: n for n, segment in enumerate(segments, start=1)}
    key_of = {segment.segment_id: source_key(segment.text) for segment in segments}
    given = {change.segment_id for change in changes}
    donors: dict[str, TranslationChange] = {}
    ambiguous: set[str] = set()
    for change in changes:
        if change.status != "translated" or not change.text.strip():
            continue
        key = key_of[change.segment_id]
        donor = donors.setdefault(key, change)
        if donor.text != change.text:
            ambiguous.add(key)
    filled: list[TranslationChange] = []
    for segment in segments:
        key, current = key_of[segment.segment_id], saved.get(segment.segment_id)
        source = donors.get(key)
        if source is None or key in ambiguous or segment.segment_id in given or (current and current.text.strip()):
            continue
        detail = f"from segment {number[source.segment_id]} ({source.segment_id}) in {origin}"
        filled.append(TranslationChange(segment.segment_id, source.text, "translated",
                                        current.revision if current else 0, "propagated", detail))
    return filled
