"""The article screen's grid and editor, each with the keys that work where it has the focus.

The footer shows the bindings of the focused widget and its parents, so keys live where they
act: the grid's letter keys (which the editor would type as text) on the grid, the editor's
control keys on the editor, and keys that work in both on the screen (article_screen.py).
Every binding names a screen action ("screen.…"): the screen owns the state they change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.widgets import DataTable, TextArea
from textual.widgets.data_table import CellDoesNotExist, ColumnKey, RowKey


class SegmentGrid(DataTable):
    """The segment grid: source | MT | translation | status."""

    BINDINGS = [
        Binding("e", "screen.edit", "Edit"),
        Binding("a", "screen.accept_mt", "Accept MT"),
        Binding("m", "screen.toggle_translated", "Done", tooltip="mark translated, or back to draft"),
        Binding("i", "screen.insert_term", "Insert term"),
        Binding("n", "screen.next_error", "Next error", tooltip="the next segment with an error-level QA issue"),
        Binding("N", "screen.next_warning", "Next warning", show=False,
                tooltip="the next segment with a warning-level QA issue (not just untranslated)"),
        Binding("u", "screen.next_untranslated", "Untransl.", tooltip="the next segment not yet marked translated"),
        Binding("f", "screen.cycle_filter", "Filter", tooltip="all, untranslated, drafts, translated, with QA issues"),
        Binding("slash", "screen.search", "Search"),
        Binding("r", "app.qa_report", "QA"),
        Binding("g", "app.glossary", "Glossary"),
        Binding("greater_than_sign", "screen.next_hit", "Next hit", show=False),
        Binding("less_than_sign", "screen.previous_hit", "Previous hit", show=False),
        Binding("l", "screen.choose_language", "Language", show=False),
        Binding("c", "screen.compare", "Compare languages", show=False),
        Binding("p", "screen.propose", "Propose term", show=False),
        Binding("P", "screen.publish", "Publish", show=False, tooltip="write the finished article (txt, md, html)"),
        Binding("h", "screen.history", "History", show=False),
        Binding("question_mark", "app.help", "Help", key_display="?"),
        Binding("t", "screen.translate", "Run MT"),
    ]

    def __init__(self, **options) -> None:
        super().__init__(**options)
        self._rendered_width = -1  # the width the rendered rows are for

    def _on_resize(self, event: events.Resize) -> None:
        """A row renders the same at any height of the grid (the screen sets the columns' widths and
        builds the grid again when its width changes): when only the height changed (the detail pane
        under the grid grew or shrank, as it does from segment to segment), the rows rendered are kept
        rather than all rendered again (DataTable's own handler throws them away on every resize)."""
        if event.size.width == self._rendered_width:
            event.prevent_default()
        self._rendered_width = event.size.width

    def update_row(self, row_key: str, cells: dict[str, str | Text]) -> None:
        """New values for some cells of one row, and that row alone rendered again.

        DataTable's `update_cell` renders every row again (its render caches are keyed by one
        update count for the whole table): a keystroke in one segment, or the MT of one, would
        cost a render of the whole grid. Here only the row's cached renders are dropped.
        CellDoesNotExist when there is no such row or column (a row the filter hides)."""
        row = RowKey(row_key)
        if row not in self._row_locations:
            raise CellDoesNotExist(f"No row {row_key!r}")
        changed = False
        for column, value in cells.items():
            if (key := ColumnKey(column)) not in self._column_locations:
                raise CellDoesNotExist(f"No column {column!r}")
            if not _same(self._data[row][key], value):
                self._data[row][key] = value
                changed = True
        if changed:
            index = self._row_locations.get(row)
            assert index is not None  # checked above
            self._forget_row(row, index)
            self.refresh_row(index)

    def _forget_row(self, row: RowKey, index: int) -> None:
        _discard(self._cell_render_cache, lambda key: key[0] == row)
        _discard(self._row_render_cache, lambda key: key[0] == row)
        _discard(self._row_renderable_cache, lambda key: key[1] == index)
        self._line_cache.clear()  # keyed by screen line: rebuilt from the rows' cached renders


def _discard(cache: LRUCache[Any, Any], stale: Callable[[Any], bool]) -> None:
    for key in [key for key in cache.keys() if stale(key)]:
        cache.discard(key)


def _same(shown: object, value: str | Text) -> bool:
    """Whether a cell already holds this value (a Text's style and spans count, not only its text)."""
    if isinstance(shown, Text) and isinstance(value, Text):
        return (shown.plain, shown.style, shown.spans) == (value.plain, value.style, value.spans)
    return type(shown) is type(value) and shown == value


class SegmentEditor(TextArea):
    """The translation of the segment under the grid's cursor; every change is saved at once."""

    BINDINGS = [
        Binding("escape", "screen.leave_editor", "Grid"),
        Binding("ctrl+t", "screen.toggle_translated", "Done", tooltip="mark translated, or back to draft"),
        Binding("ctrl+o", "screen.insert_term", "Insert term"),
        Binding("f8", "screen.convert_zawgyi", "Zawgyi→Unicode"),
    ]
