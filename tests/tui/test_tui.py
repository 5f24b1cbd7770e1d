"""The workbench as a translator drives it (Textual Pilot): list, open, edit, persist."""

from __future__ import annotations

import datetime as dt

from textual.widgets import DataTable, Select, Static, TextArea

from workbench.app.workspace import open_workspace
from workbench.tui.app import WorkbenchApp
from workbench.tui.article_screen import ArticleScreen

SIZE = (120, 40)


def cell(table: DataTable, row: int, column: str) -> str:
    return str(table.get_cell_at((row, table.get_column_index(column))))


async def test_article_list_shows_both_seeds_with_title_date_and_source(workspace):
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE):
        table = app.screen.query_one("#articles", DataTable)
        assert table.row_count == 2
        assert cell(table, 0, "title").startswith("Myanmar’s Parallel Government")
        assert cell(table, 0, "date") == "Mar 25, 2022"  # Babel, English UI locale
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


async def wait_for_mt(app, pilot, timeout: float = 30.0) -> None:
    """Let the background worker finish, keeping the UI loop running meanwhile."""
    import asyncio

    for _ in range(int(timeout / 0.05)):
        await pilot.pause()
        if "translated now" in str(app.screen.query_one("#mt-status", Static).render()):
            return
        await asyncio.sleep(0.05)
    raise AssertionError("MT did not finish: " + str(app.screen.query_one("#mt-status", Static).render()))


async def test_mt_fills_in_from_a_background_worker_and_accept_copies_it(settings, installed_models):
    workspace = open_workspace(settings)
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await wait_for_mt(app, pilot)
        grid = app.screen.query_one("#segments", DataTable)
        mt_cells = [cell(grid, row, "mt") for row in range(grid.row_count)]
        assert all(text and text != "…" for text in mt_cells)
        await pilot.press("down", "down", "a")
        await pilot.pause()
        assert cell(grid, 2, "translation") == mt_cells[2]
        assert app.screen.query_one("#editor", TextArea).text == mt_cells[2]
        await pilot.press("e", "end")
        await pilot.press(*" ok")
        await pilot.pause()
        third = workspace.store.segments(1)[2]
        assert workspace.store.translations(1, "my")[third.segment_id].text == mt_cells[2] + " ok"
    workspace.close()


async def test_reopening_shows_stored_mt_at_once_without_translating_again(settings, installed_models):
    workspace = open_workspace(settings)
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await wait_for_mt(app, pilot)
    workspace.close()

    reopened = open_workspace(settings)
    calls = []
    real_translate = reopened.engine.translate
    reopened.engine.translate = lambda *a, **k: calls.append(a) or real_translate(*a, **k)
    app = WorkbenchApp(reopened)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        grid = app.screen.query_one("#segments", DataTable)
        assert all(cell(grid, row, "mt") not in ("…", "") for row in range(grid.row_count))
        assert calls == []
    reopened.close()


async def test_switching_language_translates_into_the_new_language(settings, installed_models):
    workspace = open_workspace(settings)
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await wait_for_mt(app, pilot)
        burmese = cell(app.screen.query_one("#segments", DataTable), 0, "mt")
        app.screen.query_one("#target-lang", Select).value = "fr"
        await wait_for_mt(app, pilot)
        french = cell(app.screen.query_one("#segments", DataTable), 0, "mt")
        assert french != burmese and french.strip()
        loaded = workspace.engine.loaded_models()  # the Burmese model is not kept for a French view
        assert len(loaded) == 1 and "en_fr" in loaded[0], loaded
    workspace.close()


async def test_correcting_a_working_title_in_the_details_dialog(workspace):
    from textual.widgets import Input

    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "e")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#meta-date", Input).value = "9 April"
        dialog.query_one("#meta-title", Input).value = "NUG Offers Cash to Defecting Pilots"
        await pilot.click("#meta-save")
        await pilot.pause()
        assert "not YYYY-MM-DD" in str(dialog.query_one("#meta-error", Static).render())
        assert workspace.store.get_article(2).title_derived  # nothing was saved
        date_input = dialog.query_one("#meta-date", Input)
        date_input.value = "2022-04-09"
        date_input.focus()
        await pilot.press("enter")
        await pilot.pause()
        article = workspace.store.get_article(2)
        assert (article.title, str(article.published), article.title_derived) == (
            "NUG Offers Cash to Defecting Pilots", "2022-04-09", False)
        table = app.screen.query_one("#articles", DataTable)
        assert cell(table, 1, "title") == "NUG Offers Cash to Defecting Pilots"
        headline = workspace.store.segments(2)[0]  # now a headline to translate, as a typed one is
        assert (headline.kind, headline.text) == ("title", "NUG Offers Cash to Defecting Pilots")


async def test_a_month_only_date_stays_a_month_when_the_details_are_saved(workspace):
    from textual.widgets import Input

    from workbench.app.article_details import Details, correct_details

    article = workspace.store.get_article(2)
    correct_details(workspace.store, 2, Details(article.title, article.byline, article.source, dt.date(2021, 11, 1),
                                                "month"), "ed")
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "e")
        await pilot.pause()
        dialog = app.screen
        assert dialog.query_one("#meta-date", Input).value == "2021-11"  # not a made-up first day
        dialog.query_one("#meta-title", Input).value = "NUG Offers Cash to Defecting Pilots"
        await pilot.click("#meta-save")
        await pilot.pause()
        article = workspace.store.get_article(2)
        assert (article.title, article.published, article.published_precision) == (
            "NUG Offers Cash to Defecting Pilots", dt.date(2021, 11, 1), "month")
        await pilot.pause()
        assert cell(app.screen.query_one("#articles", DataTable), 1, "date") == "Nov 2021"  # no made-up day


async def test_brackets_in_the_source_are_shown_as_text_not_markup(workspace):
    app = WorkbenchApp(workspace)
    async with app.run_test(size=(200, 40)) as pilot:
        await pilot.press("down", "enter")
        await pilot.pause()
        grid = app.screen.query_one("#segments", DataTable)
        fourth = workspace.store.segments(2)[3].text
        assert "[of people]" in fourth
        grid.move_cursor(row=3)
        await pilot.pause()
        assert "[of people]" in str(app.screen.query_one("#detail-source", Static).render())


async def test_a_database_that_refuses_a_write_is_reported_and_the_text_stays(settings, workspace, monkeypatch):
    import sqlalchemy as sa

    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "e")
        await pilot.pause()

        def refuse(*_args, **_kwargs):
            raise sa.exc.OperationalError("UPDATE", {}, Exception("database is locked"))

        with monkeypatch.context() as patched:
            patched.setattr(workspace.store, "save_translation", refuse)
            await pilot.press(*"abc")
            await pilot.pause()
            assert app.screen.query_one("#editor", TextArea).text == "abc"
            assert any("database is locked" in str(n.message) for n in app._notifications)
        await pilot.press("d")
        await pilot.pause()
        first = workspace.store.segments(1)[0]
        assert workspace.store.translations(1, "my")[first.segment_id].text == "abcd"
