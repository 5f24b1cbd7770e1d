"""Nothing typed is lost in the TUI: undo, the history panel, asking before MT replaces own text,
others' saves shown within two seconds, and a conflict keeps both texts (Textual Pilot)."""

from __future__ import annotations

import asyncio

from textual.widgets import DataTable, TextArea

from workbench.app.config import load_settings
from workbench.storage.store import Store
from workbench.tui.app import WorkbenchApp
from workbench.tui.segment_dialogs import ConfirmScreen, ConflictScreen, HistoryScreen

SIZE = (120, 40)


def cell(table: DataTable, row: int, column: str) -> str:
    return str(table.get_cell_at((row, table.get_column_index(column))))


async def _open_first_article(pilot) -> None:
    await pilot.press("enter")
    await pilot.pause()


async def _wait_for(pilot, condition, seconds: float = 4.0) -> None:
    for _ in range(int(seconds / 0.1)):
        if condition():
            return
        await asyncio.sleep(0.1)
        await pilot.pause()
    raise AssertionError("the screen did not change in time")


def _other_translator_saves(article: int, segment_id: str, text: str) -> None:
    """Another process's connection writing the segment (its own Store on the same file)."""
    store = Store(load_settings().db_url)
    current = store.translation(article, segment_id, "my")
    store.save_translation(article, segment_id, "my", text, "draft", "other",
                           expected_revision=current.revision if current else 0)
    store.close()


async def test_ctrl_z_undoes_mark_and_typing_and_the_history_restores_a_version(workspace):
    app = WorkbenchApp(workspace)
    segment = workspace.store.segments(1)[0].segment_id
    async with app.run_test(size=SIZE) as pilot:
        await _open_first_article(pilot)
        await pilot.press("e", *"ok", "escape", "m")
        await pilot.pause()
        grid = app.screen.query_one("#segments", DataTable)
        assert (cell(grid, 0, "translation"), cell(grid, 0, "status")) == ("ok", "✓")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert cell(grid, 0, "status") != "✓" and cell(grid, 0, "translation") == "ok"
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        table = app.screen.query_one("#history-table", DataTable)
        table.move_cursor(row=table.row_count - 1)  # the oldest version: "o"
        await pilot.press("enter")
        await pilot.pause()
        assert cell(app.screen.query_one("#segments", DataTable), 0, "translation") == "o"
    hows = [row.how for row in workspace.store.translation_history(1, "my", segment)]
    assert hows == ["typed", "typed", "marked", "restored", "restored"]


async def test_accepting_mt_over_own_text_asks_first(workspace):
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await _open_first_article(pilot)
        screen = app.screen
        screen.view.segments[0].mt = "စက်ဘာသာပြန်"  # as if MT had run
        await pilot.press("e", *"mine", "escape", "a")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        grid = screen.query_one("#segments", DataTable)
        assert cell(grid, 0, "translation") == "mine"
        await pilot.press("a", "y")
        await pilot.pause()
        assert cell(grid, 0, "translation") == "စက်ဘာသာပြန်"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert cell(grid, 0, "translation") == "mine"


async def test_a_save_made_elsewhere_shows_within_two_seconds(workspace):
    app = WorkbenchApp(workspace)
    second = workspace.store.segments(1)[1].segment_id
    async with app.run_test(size=SIZE) as pilot:
        await _open_first_article(pilot)
        grid = app.screen.query_one("#segments", DataTable)
        _other_translator_saves(1, second, "ရုံးက ပြင်သည်")
        await _wait_for(pilot, lambda: cell(grid, 1, "translation") == "ရုံးက ပြင်သည်", seconds=2.5)
        await pilot.press("down", "e", *"x")  # typing on top of what is shown now: no conflict
        await pilot.pause()
    assert workspace.store.translation(1, second, "my").text == "ရုံးက ပြင်သည်x"


async def test_typing_into_a_segment_someone_else_just_saved_keeps_both_texts(workspace):
    app = WorkbenchApp(workspace)
    first = workspace.store.segments(1)[0].segment_id
    async with app.run_test(size=SIZE) as pilot:
        await _open_first_article(pilot)
        await pilot.press("e", *"abc")
        await pilot.pause()
        _other_translator_saves(1, first, "theirs")
        await _wait_for(pilot, lambda: isinstance(app.screen, ConflictScreen))
        conflict = app.screen
        assert (conflict.theirs, conflict.mine) == ("theirs", "abc")
        await pilot.press("k")  # keep mine, on top of theirs
        await pilot.pause()
        assert app.screen.query_one("#editor", TextArea).text == "abc"
    texts = [row.text for row in workspace.store.translation_history(1, "my", first)]
    assert texts[-2:] == ["theirs", "abc"] and "ab" in texts  # every version kept, in order
