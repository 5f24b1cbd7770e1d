"""Marking a segment in the TUI fills its empty repetitions, says so, and ctrl+z undoes one (Pilot)."""

from __future__ import annotations

from textual.widgets import DataTable

from workbench.app.importing import import_article_text
from workbench.tui.app import WorkbenchApp
from workbench.tui.article_screen import ArticleScreen

SIZE = (120, 40)
SENTENCE = "Reporters confirmed it on Monday."
# No headline or byline: they would be segments 1 and 2, and these row numbers are the sentences'.
ARTICLE = f"""{SENTENCE} The army denied it.

{SENTENCE}

Others said nothing. {SENTENCE}
"""


def cell(table: DataTable, row: int, column: str) -> str:
    return str(table.get_cell_at((row, table.get_column_index(column))))


async def test_marking_propagates_to_the_empty_repetitions_and_says_so(workspace):
    article = import_article_text(workspace.store, ARTICLE, "repetitions.txt").article_id
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        articles = app.screen.query_one("#articles", DataTable)
        articles.move_cursor(row=articles.row_count - 1)  # imported last
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ArticleScreen) and screen.article_id == article
        await pilot.press("e", *"ok", "escape", "m")
        await pilot.pause()
        grid = screen.query_one("#segments", DataTable)
        assert [(cell(grid, row, "translation"), cell(grid, row, "status")) for row in (0, 2, 4)] == [("ok", "✓")] * 3
        assert cell(grid, 1, "translation") == "" and cell(grid, 3, "translation") == ""
        messages = [str(n.message) for n in app._notifications]
        assert "Segment 1 propagated to 2 repetitions: 3, 5" in messages
        grid.move_cursor(row=2)
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert cell(grid, 2, "translation") == "" and cell(grid, 4, "translation") == "ok"
    segment = workspace.store.segments(article)[2].segment_id
    assert [row.how for row in workspace.store.translation_history(article, "my", segment)] == ["propagated", "restored"]
