"""The workbench as a translator drives it (Textual Pilot): list, open, edit, persist."""

from __future__ import annotations

from textual.widgets import DataTable, Select, Static, TextArea

from workbench.tui.app import WorkbenchApp
from workbench.tui.article_screen import ArticleScreen
from workbench.workspace import open_workspace

SIZE = (120, 40)


def cell(table: DataTable, row: int, column: str) -> str:
    return str(table.get_cell_at((row, table.get_column_index(column))))


async def test_article_list_shows_both_seeds_with_title_date_and_source(workspace):
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one("#articles", DataTable)
        assert table.row_count == 2
        assert cell(table, 0, "title").startswith("Myanmar’s Parallel Government")
        assert cell(table, 0, "date") == "2022-03-25"
        assert cell(table, 0, "source") == "The Irrawaddy"
        assert "(working title)" in cell(table, 1, "title")


async def test_without_a_model_the_article_opens_and_says_how_to_install_one(workspace):
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        grid = screen.query_one("#segments", DataTable)
        assert grid.row_count == len(workspace.store.segments(1))
        assert cell(grid, 0, "mt") == "(no MT model installed)"
        status = str(screen.query_one("#mt-status", Static).render())
        assert "workbench models install FILE.argosmodel" in status


async def test_edit_and_mark_translated_are_committed_and_survive_a_restart(settings, workspace):
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("down", "e")
        await pilot.press(*"ok")
        await pilot.press("escape", "m")
        await pilot.pause()
        grid = app.screen.query_one("#segments", DataTable)
        assert cell(grid, 1, "translation") == "ok"
        assert cell(grid, 1, "status") == "✓"
        second = workspace.store.segments(1)[1]
        saved = workspace.store.translations(1, "my")[second.segment_id]
        assert (saved.text, saved.status, saved.author) == ("ok", "translated", settings.user)
    workspace.close()
    reopened = open_workspace(settings)
    app = WorkbenchApp(reopened)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "down")
        await pilot.pause()
        assert app.screen.query_one("#editor", TextArea).text == "ok"
    reopened.close()


async def test_target_language_list_shows_english_and_native_names(workspace):
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        select = app.screen.query_one("#target-lang", Select)
        labels = [str(prompt) for prompt, _value in select._options]
        assert "Burmese — မြန်မာ" in labels and "French — français" in labels
        select.value = "fr"
        await pilot.pause()
        assert app.target_lang == "fr"
        grid = app.screen.query_one("#segments", DataTable)
        assert str(grid.columns["mt"].label) == "MT (fr)"
