"""Where a segment is in an article's grid, found by its kind or words: the header lines (headline,
byline, outlet, dateline) are segments too and come first, so the rows of sentences move with them.

Both take what the app holds (`editing.SegmentView`) or what the store holds (`SegmentRow`)."""

from __future__ import annotations

from collections.abc import Sequence

from workbench.app.editing import SegmentView
from workbench.storage.store import SegmentRow


def first_body_row(segments: Sequence[SegmentView | SegmentRow]) -> int:
    """The grid row (0-based) of the article's first sentence, after its header lines."""
    return next(index for index, segment in enumerate(segments) if segment.kind == "body")


def row_of(segments: Sequence[SegmentView | SegmentRow], words: str) -> int:
    """The grid row (0-based) of the first segment whose English contains `words`."""
    return next(index for index, segment in enumerate(segments) if words in _english(segment))


def _english(segment: SegmentView | SegmentRow) -> str:
    return segment.source if isinstance(segment, SegmentView) else segment.text
