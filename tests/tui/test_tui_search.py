"""Search and replace on the article screen (Textual Pilot): `/` finds hits in the source and the
translation, next / previous, Esc gives the grid its focus back; a replace previews every change
(hostile text shown plainly), writes them all in one batch, and F9 undoes the whole replace."""

from __future__ import annotations

import asyncio

import pytest
from rich.text import Text
from textual.widgets import DataTable, Input, Static

from workbench.app import editing
from workbench.app.importing import import_article_text
from workbench.tui.app import WorkbenchApp
from workbench.tui.article_search import INSERTED, REPLACED, ReplacePreviewScreen, ReplaceWithScreen, SearchBar

SIZE = (120, 40)
# No headline: it would be segment 1, and these row numbers are the sentences'.
ARTICLE = "The army denied it.\n\nReporters confirmed it.\n\nThe NUG spoke.\n\nNobody else spoke.\n"
HOSTILE = "army [/] [b]bold[/b] one"
TRANSLATIONS = {1: HOSTILE, 2: "no hits here", 3: "the Army spoke"}


@pytest.fixture
def article(workspace) -> int:
    article_id = import_article_text(workspace.store, ARTICLE, "search.txt").article_id
    view = workspace.article_view(article_id, "my")
    assert [s.source for s in view.segments][:2] == ["The army denied it.", "Reporters confirmed it."]
    for number, text in TRANSLATIONS.items():
        editing.save_edit(workspace.store, view, view.segments[number - 1].segment_id, text, "tin")
    return article_id


async def _wait_for(pilot, condition, seconds: float = 5.0) -> None:
    for _ in range(int(seconds / 0.05)):
        await pilot.pause()
        if condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the screen did not change in time")


async def _open(pilot, app: WorkbenchApp, article_id: int) -> DataTable:
    await pilot.pause()
    app.open_article(article_id)
    await pilot.pause()
    return app.screen.query_one("#segments", DataTable)


def _status(app: WorkbenchApp) -> str:
    content = app.screen.query_one("#search-status", Static).content
    assert isinstance(content, Text)  # built as a Text, never markup
    return content.plain


def _cell(table: DataTable, row: int) -> str:
    return str(table.get_cell_at((row, table.get_column_index("translation"))))


async def test_slash_finds_hits_in_source_and_translation_next_previous_and_esc(workspace, article):
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        grid = await _open(pilot, app, article)
        grid.move_cursor(row=1)
        await pilot.press("slash")
        await pilot.pause()
        bar = app.screen.query_one("#search-bar", SearchBar)
        assert bar.display and isinstance(app.focused, Input)
        await pilot.press(*"ARMY", "enter")  # at or after the cursor (row 2): segment 3's translation
        await pilot.pause()
        assert grid.cursor_row == 2 and _status(app) == "hit 3 of 3 (translation)"
        await pilot.press("down")  # wraps to the first: segment 1's source
        await pilot.pause()
        assert grid.cursor_row == 0 and _status(app) == "hit 1 of 3 (source)"
        await pilot.press("enter")  # the same words: on to the next
        await pilot.pause()
        assert grid.cursor_row == 0 and _status(app) == "hit 2 of 3 (translation)"
        await pilot.press("up")
        await pilot.pause()
        assert _status(app) == "hit 1 of 3 (source)"
        await pilot.press("escape")
        await pilot.pause()
        assert not bar.display and app.focused is grid
        assert app.screen is not None and app.screen.query_one("#segments") is grid  # still on the article
        await pilot.press(">", ">")
        await pilot.pause()
        assert grid.cursor_row == 2 and _status(app) == "hit 3 of 3 (translation)"
        await pilot.press("<")
        await pilot.pause()
        assert grid.cursor_row == 0 and _status(app) == "hit 2 of 3 (translation)"
        await pilot.press("slash", *"spoke", "enter")  # select_all: the new words replace the old
        await pilot.pause()
        assert app.screen.query_one("#search-input", Input).value == "spoke"
        assert grid.cursor_row == 2 and _status(app) == "hit 1 of 3 (source)"
        await pilot.press("slash", "x")  # in the bar "/" is a character to find
        assert app.screen.query_one("#search-input", Input).value == "spoke/x"
        await pilot.press("escape", "slash", *"absent", "enter")
        await pilot.pause()
        assert _status(app) == "no hits for absent" and grid.cursor_row == 2


async def test_replace_previews_plainly_writes_one_batch_and_one_undo_restores_all(workspace, article):
    store = workspace.store
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        grid = await _open(pilot, app, article)
        await pilot.press("slash", *"army", "f5")
        await pilot.pause()
        assert isinstance(app.screen, ReplaceWithScreen)
        await pilot.press(*"tatmadaw", "enter")
        await _wait_for(pilot, lambda: isinstance(app.screen, ReplacePreviewScreen))
        listed = app.screen.query_one("#replace-list", Static).content
        assert isinstance(listed, Text)
        assert "[/] [b]bold[/b]" in listed.plain  # hostile text shown as it is, never read as markup
        assert listed.plain.splitlines()[0].split()[0] == "1" and "   3  the Army spoke" in listed.plain
        assert [listed.plain[s.start:s.end] for s in listed.spans if str(s.style) == REPLACED] == ["army", "Army"]
        assert [listed.plain[s.start:s.end] for s in listed.spans if str(s.style) == INSERTED] == ["tatmadaw"] * 2
        before = store.last_change()
        await pilot.press("y")
        await pilot.pause()
        view = app.screen.view
        saved = store.translations(article, "my")
        assert saved[view.segments[0].segment_id].text == "tatmadaw [/] [b]bold[/b] one"
        assert saved[view.segments[2].segment_id].text == "the tatmadaw spoke"
        assert saved[view.segments[1].segment_id].text == "no hits here"
        assert store.last_change() == before + 2  # the two writes of one batch
        assert _cell(grid, 0) == "tatmadaw [/] [b]bold[/b] one" and _cell(grid, 2) == "the tatmadaw spoke"
        assert _status(app).startswith("replaced in 2 segments: 1, 3")
        await pilot.press("f9")
        await pilot.pause()
        saved = store.translations(article, "my")
        assert [saved[view.segments[n - 1].segment_id].text for n in (1, 2, 3)] == list(TRANSLATIONS.values())
        assert _cell(grid, 0) == HOSTILE and _cell(grid, 2) == "the Army spoke"
        assert _status(app) == "replace undone in 2 segments"
        hows = [(row.how, row.detail) for row in store.translation_history(article, "my", view.segments[2].segment_id)]
        assert hows[-2][1].startswith("replace #") and hows[-1] == ("restored", "undo to r1")
        await pilot.press("f9")  # nothing left to undo: said, nothing written
        await pilot.pause()
        assert _status(app).startswith("no replace to undo")


async def test_undo_of_a_replace_is_refused_whole_after_a_segment_changed(workspace, article):
    store = workspace.store
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, app, article)
        await pilot.press("slash", *"army", "f5", *"X", "enter")
        await _wait_for(pilot, lambda: isinstance(app.screen, ReplacePreviewScreen))
        await pilot.press("enter")
        await pilot.pause()
        view = app.screen.view
        editing.save_edit(store, workspace.article_view(article, "my"), view.segments[2].segment_id, "later", "other")
        await pilot.press("f9")
        await pilot.pause()
        assert "segment 3 changed since the replace" in _status(app)
        saved = store.translations(article, "my")
        assert saved[view.segments[0].segment_id].text == "X [/] [b]bold[/b] one"  # not undone either
        assert view.segments[2].translation == "later"


async def test_f9_undoes_the_last_replace_after_the_article_was_closed_and_opened_again(workspace, article):
    store = workspace.store
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, app, article)
        await pilot.press("slash", *"army", "f5")
        await pilot.pause()
        await pilot.press(*"tatmadaw", "enter")
        await _wait_for(pilot, lambda: isinstance(app.screen, ReplacePreviewScreen))
        await pilot.press("y")
        await pilot.pause()
        first = app.screen.view.segments[0].segment_id
        assert store.translations(article, "my")[first].text.startswith("tatmadaw")
        await pilot.press("escape", "escape")  # the bar, then the article: back to the list
        await _wait_for(pilot, lambda: not hasattr(app.screen, "view"))
        grid = await _open(pilot, app, article)
        await pilot.press("f9")
        await pilot.pause()
        assert store.translations(article, "my")[first].text == HOSTILE
        assert _cell(grid, 0) == HOSTILE and _cell(grid, 2) == "the Army spoke"
        assert _status(app) == "replace undone in 2 segments"
