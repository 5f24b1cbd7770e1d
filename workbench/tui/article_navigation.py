"""Which segments the article grid shows, and moving between them by what they need.

`f` cycles the grid's filter (all, untranslated, draft, translated, with QA issues); `n` goes
to the next segment with an error-level QA issue, `N` to the next with a warning, `u` to the next untranslated
one (empty or not confirmed). The grid's rows are `rows` (indices into the view's segments),
so every part of the screen asks `cursor_index()` / `show_segment()` instead of using grid
rows as segment numbers. A segment that stops matching the filter after an edit stays in the
grid until the filter is applied again (it does not vanish under the translator's cursor).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import DataTable

from workbench.app import editing
from workbench.qa.base import ERROR, WARNING, Issue
from workbench.tui.safe_editing import SafeEditing

FILTERS = ("all", "untranslated", "draft", "translated", "issues")
FILTER_LABELS = {"all": "all segments", "untranslated": "untranslated", "draft": "drafts",
                 "translated": "translated", "issues": "with QA issues"}
UNTRANSLATED_CHECK = "untranslated"  # the empty-translation warning: the "untranslated" filter covers it


class GridRows(SafeEditing):
    """The grid's filter and the moves by status or QA issue; ArticleScreen builds the grid."""

    grid_filter: str = "all"
    rows: list[int] = []  # the segments shown, as indices into view.segments (set when the grid is built)

    # Provided by the article screen.
    def segment_issues(self, segment: editing.SegmentView) -> list[Issue]:
        raise NotImplementedError

    def _build_grid(self) -> None:
        raise NotImplementedError

    def filtered_rows(self) -> list[int]:
        if (view := self.view) is None:
            return []
        return [index for index, segment in enumerate(view.segments) if self.shows(segment)]

    def shows(self, segment: editing.SegmentView) -> bool:
        """Whether the grid's filter keeps this segment."""
        kind = self.grid_filter
        if kind == "untranslated":
            return segment.status != "translated"
        if kind in ("draft", "translated"):
            return segment.status == kind
        if kind == "issues":
            return any(issue.check_id != UNTRANSLATED_CHECK for issue in self.segment_issues(segment))
        return True

    def cursor_index(self) -> int | None:
        """The segment under the grid's cursor (an index into view.segments)."""
        table = self.query_one("#segments", DataTable)
        if self.view is None or not table.row_count or not 0 <= table.cursor_row < len(self.rows):
            return None
        return self.rows[table.cursor_row]

    def show_segment(self, index: int) -> None:
        """Put the cursor on a segment; one the filter hides brings back every segment."""
        if index not in self.rows:
            self.grid_filter = "all"
            self._build_grid()
            self.notify("Filter off: showing all segments", severity="information", timeout=3)
        self.query_one("#segments", DataTable).move_cursor(row=self.rows.index(index))

    def action_cycle_filter(self) -> None:
        """`f`: the next filter; one that matches no segment is skipped (and said)."""
        at = FILTERS.index(self.grid_filter)
        current = self.cursor_index()
        skipped = []
        for step in range(1, len(FILTERS) + 1):
            self.grid_filter = FILTERS[(at + step) % len(FILTERS)]
            if self.grid_filter == "all" or self.filtered_rows():
                break
            skipped.append(FILTER_LABELS[self.grid_filter])
        self._build_grid()
        table = self.query_one("#segments", DataTable)
        if current is not None and current in self.rows:
            table.move_cursor(row=self.rows.index(current))
        elif table.row_count:
            table.move_cursor(row=0)
        if skipped:
            self.notify(f"No segments {', '.join(skipped)}", severity="information", timeout=3)

    def _move_to(self, wanted: Callable[[editing.SegmentView], bool], backwards: bool, nothing: str) -> None:
        """The next (previous) segment after the cursor, wrapping, for which `wanted` holds."""
        if (view := self.view) is None or not view.segments:
            return
        count = len(view.segments)
        here = self.cursor_index()
        start = here if here is not None else (0 if backwards else -1)
        for step in range(1, count + 1):
            index = (start - step if backwards else start + step) % count
            if wanted(view.segments[index]):
                self.show_segment(index)
                return
        self.notify(nothing, severity="information", timeout=3)

    def _has_error(self, segment: editing.SegmentView) -> bool:
        return any(issue.severity == ERROR for issue in self.segment_issues(segment))

    def action_next_error(self) -> None:
        self._move_to(self._has_error, False, "No QA errors in this article")

    def _has_warning(self, segment: editing.SegmentView) -> bool:
        # The plain "untranslated" warning would stop at every empty segment: `u` goes to those.
        return any(issue.severity == WARNING and issue.check_id != UNTRANSLATED_CHECK
                   for issue in self.segment_issues(segment))

    def action_next_warning(self) -> None:
        self._move_to(self._has_warning, False, "No QA warnings in this article (besides untranslated segments)")

    def action_next_untranslated(self) -> None:
        self._move_to(lambda segment: segment.status != "translated", False,
                      "Every segment of this article is translated")
