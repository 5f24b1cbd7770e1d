"""The article screen's grid and editor, each with the keys that work where it has the focus.

The footer shows the bindings of the focused widget and its parents, so keys live where they
act: the grid's letter keys (which the editor would type as text) on the grid, the editor's
control keys on the editor, and keys that work in both on the screen (article_screen.py).
Every binding names a screen action ("screen.…"): the screen owns the state they change.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import DataTable, TextArea


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


class SegmentEditor(TextArea):
    """The translation of the segment under the grid's cursor; every change is saved at once."""

    BINDINGS = [
        Binding("escape", "screen.leave_editor", "Grid"),
        Binding("ctrl+t", "screen.toggle_translated", "Done", tooltip="mark translated, or back to draft"),
        Binding("ctrl+o", "screen.insert_term", "Insert term"),
        Binding("f8", "screen.convert_zawgyi", "Zawgyi→Unicode"),
    ]
