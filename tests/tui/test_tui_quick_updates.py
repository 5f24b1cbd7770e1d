"""What the TUI updates in place instead of redrawing (issue 13: speed on a big workspace) still
shows what is stored: the article list's counts after a return from an article (own work and
others'), the grid row being typed in, and a glossary change made elsewhere."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from workbench.app.workspace import open_workspace
from workbench.glossary.model import Entry, Rendering, Term
from workbench.tui.app import WorkbenchApp
from workbench.tui.article_screen import ArticleScreen
from workbench.tui.articles_screen import ArticlesScreen

SIZE = (120, 40)


def cell(table: DataTable, article_id: int, column: str) -> str:
    return str(table.get_cell(str(article_id), column))


def grid_text(screen: ArticleScreen) -> str:
    """The grid as rendered (each screen line of it), not the cells' values."""
    grid = screen.query_one("#segments", DataTable)
    return "\n".join(grid.render_line(y).text for y in range(grid.size.height))


async def until(pilot, condition, tries: int = 200) -> None:
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the screen never showed it")


async def test_back_from_an_article_the_list_counts_own_and_others_work(settings, workspace):
    other = open_workspace(settings)  # another translator, on the same database
    try:
        second = other.store.segments(2)
        app = WorkbenchApp(workspace)
        async with app.run_test(size=SIZE) as pilot:
            table = app.screen.query_one("#articles", DataTable)
            await until(pilot, lambda: cell(table, 1, "done") == "0%" and cell(table, 2, "done") == "0%")
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, ArticleScreen) and app.screen.view is not None)
            await pilot.press("e", *"ok", "ctrl+t", "escape")  # the headline confirmed
            await pilot.pause()
            for segment in second:  # meanwhile the whole of article 2 is confirmed elsewhere
                other.store.save_translation(2, segment.segment_id, "my", "ပြီး", "translated", "ann",
                                             expected_revision=0)
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, ArticlesScreen))
            await until(pilot, lambda: cell(table, 1, "done") != "0%" and cell(table, 2, "done") == "100%")
            assert table.row_count == 2 and cell(table, 1, "title").startswith("Myanmar’s Parallel Government")
    finally:
        other.close()


async def test_the_row_typed_in_is_rendered_again_with_each_key(workspace):
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ArticleScreen) and app.screen.view is not None)
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        await pilot.press("down", "e", *"qjx")
        await pilot.pause()
        assert "qjx" in grid_text(screen)
        await pilot.press("backspace", "backspace", "backspace", *"wvk")
        await pilot.pause()
        shown = grid_text(screen)
        assert "wvk" in shown and "qj" not in shown  # the row as typed now, nothing left of before
        assert screen.view is not None
        assert workspace.store.translation(1, screen.view.segments[1].segment_id, "my").text == "wvk"


async def test_a_term_added_to_the_glossary_elsewhere_shows_in_the_hits_panel(settings, workspace):
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ArticleScreen) and app.screen.view is not None)
        screen = app.screen
        assert isinstance(screen, ArticleScreen) and screen.view is not None
        word = screen.view.segments[0].source.split()[0]  # the headline's first word, as a new term
        hits = screen.query_one("#glossary-hits", Static)
        assert "ZZTERM" not in str(hits.render())
        other = open_workspace(settings)
        try:
            entry = Entry("bench-new-term", (Term(word),), (Rendering("my", "ZZTERM"),))
            other.glossary.write(entry, "ann", [{"action": "propose-term", "new_status": "proposed"}])
        finally:
            other.close()
        await until(pilot, lambda: "ZZTERM" in str(hits.render()))
