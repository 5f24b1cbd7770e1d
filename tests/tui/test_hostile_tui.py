"""Hostile data in the TUI (Pilot): markup is shown as typed, control characters visibly, nothing obeyed.

Each test feeds text that Rich/Textual would read as markup (``[link=…]``, ``[b]``, an
unbalanced ``[``, ``[/]``, ``[@click=app.quit]``) or that a terminal would obey (OSC, CSI,
C1, bidi overrides) through a real path into a screen, and checks that the app keeps running,
that the widget holds exactly the data (its controls in visible form) and that nothing of
what the markup asks for happens.
"""

from __future__ import annotations

import re

import pytest
from textual.widgets import DataTable, Input, Static, TextArea

from workbench.app import editing
from workbench.app.importing import import_article_text
from workbench.glossary.model import Entry, Rendering, Term
from workbench.safe_text import visible
from workbench.tui.app import WorkbenchApp
from workbench.tui.article_screen import ArticleScreen
from workbench.tui.dialogs import ProposeScreen, ReasonScreen

SIZE = (120, 40)
# Spacing and combining marks, joiners and a combining low line: shown exactly as stored.
BURMESE = "ဒေါ်ဇင်မာအောင် [b]မြန်မာ[/b] ကို\u200cကို\u200d a\u0332"
TITLE = "Title [b]bold[/b] [link=http://127.0.0.1/x]a link[/link] \x1b]0;PWNED\x07 end"
BYLINE = "By Mallory [/] \x1b[31mred\x1b[0m \x9b31m \x7f"
SENTENCES = [
    "A sentence with [link=http://127.0.0.1/x]a link[/link] here.",
    "Another with [ unbalanced and [b]bold[/b].",
    "Click [@click=app.quit]x[/] now.",
    "Reversed \u202egnirts\u202c and \x1b[2J cleared.",
    "Textual reads [$accent]variables[/] and [B]capitals[/B], and a backslash at the end \\",
    BURMESE,
]
ARTICLE = "\n\n".join([TITLE, BYLINE, *SENTENCES])  # a paragraph each: one segment each
# The headline and the byline are segments too, the first rows of the grid: hostile there as well.
ROWS = [("title", TITLE), ("byline", BYLINE), *[("body", sentence) for sentence in SENTENCES]]
FIRST_SENTENCE_ROW = 2
ENTRY_ID, TERM, RENDERING = "mk[/]", "mk markup [b]term[/b]", "[/]"
DEFINITION = "defined \x1b]0;PWNED\x07 here [@click=app.quit]x[/]"
# Raw controls that must never reach the composed screen (tab and newline are not drawn as text).
RAW_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def screen_lines(app) -> list[str]:
    """Every character the compositor would send to the terminal for the current screen, by line."""
    return ["".join(segment.text for segment in strip) for strip in app.screen._compositor.render_strips()]


def assert_safe_screen(app) -> None:
    assert app.is_running and app.return_code is None
    assert [line for line in screen_lines(app) if RAW_CONTROLS.search(line)] == []


def shown(widget: Static) -> str:
    return str(widget.render())


def markup_actions(widget: Static) -> list[str]:
    """Links and click actions in what a widget shows: markup read from data would add them."""
    found = []
    for span in getattr(widget.render(), "spans", []):
        style = span.style
        if isinstance(style, str):
            found += [style] if "@" in style or "link" in style else []
        elif style.link or style.meta:
            found.append(repr(style))
    return found


def cell(table: DataTable, row: int, column: str) -> str:
    return str(table.get_cell_at((row, table.get_column_index(column))))


@pytest.fixture
def hostile_article(workspace) -> int:
    return import_article_text(workspace.store, ARTICLE, "hostile.txt").article_id


@pytest.fixture
def markup_entry(workspace) -> None:
    """A glossary entry (as a TBX/CSV import could bring it) whose id and rendering are markup."""
    entry = Entry(ENTRY_ID, (Term(TERM),), (Rendering("my", RENDERING),), definition=DEFINITION)
    workspace.glossary.write(entry, workspace.settings.user, [{"action": "propose-term", "new_status": "proposed"}])


def opened_urls(app) -> list[str]:
    """Record what a link would open instead of opening it."""
    urls: list[str] = []
    app.open_url = lambda url, *args, **kwargs: urls.append(url)
    return urls


async def test_an_article_full_of_markup_and_escapes_is_shown_as_it_is(workspace, hostile_article):
    assert [(s.kind, s.text) for s in workspace.store.segments(hostile_article)] == ROWS
    app = WorkbenchApp(workspace)
    urls = opened_urls(app)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one("#articles", DataTable)
        row = table.row_count - 1  # the hostile article was imported last
        assert cell(table, row, "title") == visible(TITLE)
        assert_safe_screen(app)
        table.move_cursor(row=row)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        assert shown(screen.query_one("#article-heading", Static)).startswith(visible(TITLE))
        grid = screen.query_one("#segments", DataTable)
        for number, (kind, text) in enumerate(ROWS):
            grid.move_cursor(row=number)
            await pilot.pause()
            assert cell(grid, number, "source") == visible(text)
            detail = shown(screen.query_one("#detail-source", Static))
            assert detail == "EN  " + visible(text) if kind == "body" else detail.endswith("  " + visible(text))
            assert_safe_screen(app)
        # Burmese reaches the grid (and so the cell-width code) exactly as stored, marks and joiners included.
        assert visible(BURMESE) == BURMESE == cell(grid, len(ROWS) - 1, "source")
        grid.move_cursor(row=FIRST_SENTENCE_ROW + 2)
        await pilot.pause()
        assert shown(screen.query_one("#detail-source", Static)) == "EN  " + visible(SENTENCES[2])
        for column in range(6, 16):  # clicking where "[@click=app.quit]x[/]" would be drawn does nothing
            await pilot.click("#detail-source", offset=(column, 0))
        await pilot.click("#article-heading", offset=(30, 0))
        assert [found for widget in screen.query(Static) if (found := markup_actions(widget))] == []
        await pilot.pause()
        assert_safe_screen(app)
        assert urls == []


async def test_a_stored_translation_with_escapes_is_edited_as_it_is_shown(workspace, hostile_article):
    stored = "tr \x1b]0;PWNED\x07 [b]x[/b] [/] \x9b31m"
    view = workspace.article_view(hostile_article, "my")
    editing.save_edit(workspace.store, view, view.segments[0].segment_id, stored, "importer")  # as a PO import brings it
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one("#articles", DataTable)
        table.move_cursor(row=table.row_count - 1)
        await pilot.press("enter")
        await pilot.pause()
        assert cell(app.screen.query_one("#segments", DataTable), 0, "translation") == visible(stored)
        editor = app.screen.query_one("#editor", TextArea)
        assert editor.text == visible(stored)
        assert_safe_screen(app)
        await pilot.press("m")  # marked translated, text untouched: stored exactly as it was
        await pilot.pause()
        assert workspace.store.translations(hostile_article, "my")[view.segments[0].segment_id].text == stored
        await pilot.press("e", *" ok")
        await pilot.pause()
        assert editor.text == visible(stored) + " ok"
        assert_safe_screen(app)
    saved = workspace.store.translations(hostile_article, "my")[view.segments[0].segment_id]
    assert saved.text == visible(stored) + " ok"  # what the translator saw and typed is what is kept


async def test_the_compare_screen_and_details_dialog_show_the_data_and_keep_it(workspace, hostile_article):
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one("#articles", DataTable)
        table.move_cursor(row=table.row_count - 1)
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one("#meta-title", Input).value == visible(TITLE)
        assert app.screen.query_one("#meta-byline", Input).value == visible(BYLINE.removeprefix("By "))
        assert_safe_screen(app)
        await pilot.press("enter")  # saved untouched: the stored text stays exactly as imported
        await pilot.pause()
        article = workspace.article(hostile_article)
        assert (article.title, article.byline) == (TITLE, BYLINE.removeprefix("By "))
        await pilot.press("enter", "c")
        await pilot.pause()
        heading = shown(app.screen.query_one("#compare-heading", Static))
        assert heading == f"{visible(TITLE)} — languages side by side"
        compare_grid = app.screen.query_one("#compare-grid", DataTable)
        assert cell(compare_grid, FIRST_SENTENCE_ROW + 3, "source") == visible(SENTENCES[3])
        assert_safe_screen(app)


async def test_a_markup_entry_id_and_rendering_go_through_the_glossary_and_the_reject_dialog(workspace, markup_entry):
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        await pilot.pause()
        app.screen.query_one("#gl-search", Input).value = "mk markup"
        await pilot.pause()
        table = app.screen.query_one("#gl-table", DataTable)
        table.focus()
        assert [[str(c) for c in table.get_row_at(0)]] == [[ENTRY_ID, TERM, "my", RENDERING, "proposed"]]
        detail = shown(app.screen.query_one("#gl-detail-text", Static))
        assert detail.startswith(f"{ENTRY_ID}  revision 1") and visible(DEFINITION) in detail
        assert f"  my  {RENDERING}  [proposed]" in detail
        assert_safe_screen(app)
        await pilot.press("R")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ReasonScreen)
        assert shown(dialog.query_one(".dialog-title", Static)) == f"Why reject '{RENDERING}' (my) for {ENTRY_ID}?"
        assert_safe_screen(app)
        await pilot.press(*"[@click=app.quit]no[/]", "enter")
        await pilot.pause()
        assert [str(c) for c in table.get_row_at(0)][4] == "rejected"
        assert "— [@click=app.quit]no[/]" in shown(app.screen.query_one("#gl-detail-text", Static))
        assert_safe_screen(app)
    last = workspace.glossary.history(ENTRY_ID)[-1]
    assert (last.action, last.rendering, last.reason) == ("reject", RENDERING, "[@click=app.quit]no[/]")


async def test_a_proposal_dialog_prefilled_with_markup_keeps_running_and_says_plainly_what_it_did(
        workspace, markup_entry):
    proposed = "[b]ok[/b] \x1b[31m"
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ProposeScreen(TERM, "my", proposed))
        await pilot.pause()
        dialog = app.screen
        assert dialog.query_one("#propose-term", Input).value == TERM
        assert dialog.query_one("#propose-rendering", Input).value == visible(proposed)
        assert_safe_screen(app)
        await pilot.click("#propose-save")
        await pilot.pause()
        messages = [(n.message, n.markup) for n in app._notifications]
        assert (f"Proposed for {ENTRY_ID}; an editor will review it", False) in messages
        assert_safe_screen(app)
    entry = workspace.glossary.entry(ENTRY_ID)
    assert ("my", proposed.strip()) in [(r.lang, r.text) for r in entry.renderings]  # stored as given
