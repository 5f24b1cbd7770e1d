"""Several languages side by side (the `c` key): MT for each ticked language, filled in by a worker."""

from __future__ import annotations

import asyncio

from textual.widgets import DataTable, SelectionList, Static

from workbench.app.workspace import open_workspace
from workbench.tui.app import WorkbenchApp
from workbench.tui.compare_screen import CompareScreen

SIZE = (140, 40)


def column_texts(grid: DataTable, key: str) -> list[str]:
    index = grid.get_column_index(key)
    return [str(grid.get_cell_at((row, index))) for row in range(grid.row_count)]


async def wait_until(pilot, condition, what: str) -> None:
    for _ in range(600):
        await pilot.pause()
        if condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError(what)


async def open_compare(pilot, app) -> CompareScreen:
    await pilot.press("enter")  # first article, Burmese
    await pilot.pause()
    await pilot.press("c")
    await wait_until(pilot, lambda: isinstance(app.screen, CompareScreen), "compare screen did not open")
    return app.screen


async def test_burmese_and_french_mt_side_by_side_match_what_is_stored(settings, installed_models):
    workspace = open_workspace(settings)
    app = WorkbenchApp(workspace, auto_translate=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compare(pilot, app)
        assert screen.languages == ["my", "fr"]  # the article's language first, then those with a model
        grid = screen.query_one("#compare-grid", DataTable)
        await wait_until(pilot, lambda: all(t not in ("…", "") for key in ("my", "fr") for t in column_texts(grid, key)),
                         "MT did not fill both columns")
        await wait_until(pilot, lambda: "segments" in str(screen.query_one("#compare-status", Static).render()),
                         "status did not report both languages finished")
        for code in ("my", "fr"):
            _model, mt = workspace.stored_mt(1, code)
            segments = workspace.store.segments(1)
            assert column_texts(grid, code) == [mt[s.segment_id].text for s in segments]
        assert column_texts(grid, "my") != column_texts(grid, "fr")
        assert len(workspace.engine.loaded_models()) == 2  # both shown, both loaded
        await pilot.press("escape")
        await pilot.pause()
        loaded = workspace.engine.loaded_models()  # back on the Burmese article: French is released
        assert not any("en_fr" in name for name in loaded), loaded
        assert column_texts(grid, "source")[0] == workspace.store.segments(1)[0].text
    workspace.close()


async def test_unticking_a_language_removes_its_column_and_a_language_without_model_says_so(settings, installed_models):
    workspace = open_workspace(settings)
    app = WorkbenchApp(workspace, auto_translate=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compare(pilot, app)
        choices = screen.query_one(SelectionList)
        choices.deselect("fr")
        choices.select("ja")  # no Japanese model is installed
        await pilot.pause()
        grid = screen.query_one("#compare-grid", DataTable)
        keys = [column.key.value for column in grid.columns.values()]
        assert "fr" not in keys and "ja" in keys
        status = str(screen.query_one("#compare-status", Static).render())
        assert "Japanese: no model" in status
        await wait_until(pilot, lambda: not any("en_fr" in name for name in workspace.engine.loaded_models()),
                         "the unticked French model stayed loaded")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CompareScreen)
    workspace.close()


async def test_a_failing_run_is_reported_in_the_status(settings, installed_models):
    workspace = open_workspace(settings)

    def broken(*_args, **_kwargs):
        raise RuntimeError("model file damaged")

    workspace.engine.translate = broken  # the failure a damaged model gives, at the engine boundary
    app = WorkbenchApp(workspace, auto_translate=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compare(pilot, app)
        await wait_until(pilot, lambda: "MT failed: model file damaged" in str(
            screen.query_one("#compare-status", Static).render()), "the failure was not shown")
    workspace.close()
