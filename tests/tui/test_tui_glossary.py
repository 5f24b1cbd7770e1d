"""The glossary in the TUI: search, filter, decide; glossary hits and insertion in the segment view."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Select, Static, TextArea

from tests.support.segment_rows import row_of
from workbench.app.config import load_settings
from workbench.app.workspace import open_workspace
from workbench.tui.app import WorkbenchApp
from workbench.tui.glossary_screen import GlossaryScreen

SIZE = (120, 40)
EMBRACE_MY = "ပြည်သူ့ရင်ခွင်"
MINISTER = "Daw Zin Mar Aung, the NUG’s foreign minister"  # article 1's second sentence, after its headline and byline


def down_to_minister(workspace) -> list[str]:
    """The keys that open article 1 and go down to the minister's sentence."""
    return ["enter", *["down"] * row_of(workspace.store.segments(1), MINISTER)]


def open_as(user: str, monkeypatch):
    monkeypatch.setenv("LOGNAME", user)  # on SQLite the login is who acts (getpass reads LOGNAME first)
    return open_workspace(load_settings())


def rows(table: DataTable) -> list[list[str]]:
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def show_sagaing(app, pilot, lang: str) -> None:
    """Open the glossary filtered to the Sagaing Region rendering in one language."""
    await pilot.press("g")
    await pilot.pause()
    app.screen.query_one("#gl-search", Input).value = "sagaing"
    app.screen.query_one("#gl-lang", Select).value = lang
    await pilot.pause()
    app.screen.query_one("#gl-table", DataTable).focus()


def prepare(monkeypatch):
    """lead creates the project (first editor); tin (translator) proposes two renderings."""
    lead = open_as("lead", monkeypatch)
    lead.workflow().set_role("tin", "translator")
    tin = lead.workflow("tin")
    tin.propose("Sagaing Region", "my", "စစ်ကိုင်းတိုင်း")
    tin.propose("Sagaing Region", "fr", "Sagaing")
    lead.close()


async def test_editor_sees_pending_count_filters_and_approves(monkeypatch):
    prepare(monkeypatch)
    workspace = open_as("lead", monkeypatch)
    pending_before = workspace.glossary.pending_count()
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        assert f"{pending_before} pending review" in app.sub_title
        await pilot.press("g")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GlossaryScreen)
        screen.query_one("#gl-search", Input).value = "sagaing"
        screen.query_one("#gl-lang", Select).value = "my"
        await pilot.pause()
        table = screen.query_one("#gl-table", DataTable)
        assert rows(table) == [["sagaing-region", "Sagaing Region", "my", "စစ်ကိုင်းတိုင်း", "proposed"]]
        await pilot.press("A")
        await pilot.pause()
        assert rows(table)[0][4] == "approved"
        assert f"{pending_before - 1} pending review" in app.sub_title
        detail = str(screen.query_one("#gl-detail-text", Static).render())
        assert "lead approve" in detail and "စစ်ကိုင်းတိုင်း  [approved]" in detail
    assert workspace.glossary.entry("sagaing-region").approved("my").text == "စစ်ကိုင်းတိုင်း"
    workspace.close()


async def test_reject_asks_for_a_reason_and_escape_changes_nothing(monkeypatch):
    prepare(monkeypatch)
    workspace = open_as("lead", monkeypatch)
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await show_sagaing(app, pilot, "fr")
        await pilot.press("R")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert workspace.glossary.entry("sagaing-region").renderings_for("fr")[0].status == "proposed"
        await pilot.press("R")
        await pilot.pause()
        await pilot.press(*"use the full name", "enter")
        await pilot.pause()
    events = workspace.glossary.history("sagaing-region")
    assert (events[-1].action, events[-1].actor, events[-1].reason) == ("reject", "lead", "use the full name")
    workspace.close()


async def test_a_translator_is_refused_and_nothing_changes(monkeypatch):
    prepare(monkeypatch)
    workspace = open_as("tin", monkeypatch)
    before = workspace.glossary.entries()
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        assert "translator" in app.sub_title and "pending" not in app.sub_title
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("A")
        await pilot.pause()
    assert workspace.glossary.entries() == before
    workspace.close()


async def test_a_second_editor_acting_on_a_stale_entry_is_told_and_nothing_is_lost(monkeypatch):
    prepare(monkeypatch)
    workspace = open_as("lead", monkeypatch)
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await show_sagaing(app, pilot, "my")
        other = open_as("lead", monkeypatch)
        other.workflow().set_role("mya", "editor")
        other.workflow("mya").decide("forbid", "sagaing-region", "my", "စစ်ကိုင်းတိုင်း", reason="wrong")
        other.close()
        await pilot.press("A")
        await pilot.pause()
        table = app.screen.query_one("#gl-table", DataTable)
        assert rows(table)[0][4] == "forbidden"  # reloaded: the other editor's decision is shown
    events = workspace.glossary.history("sagaing-region")
    assert events[-1].actor == "mya" and events[-1].action == "forbid"
    workspace.close()


async def test_segment_view_shows_glossary_hits_and_one_key_inserts_the_approved_rendering(workspace):
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*down_to_minister(workspace))
        await pilot.pause()
        hits = str(app.screen.query_one("#glossary-hits", Static).render())
        assert "NUG → အမျိုးသားညီညွတ်ရေးအစိုးရ" in hits
        assert "Daw Zin Mar Aung → no approved rendering (proposed: ဒေါ်ဇင်မာအောင်)" in hits
        await pilot.press("i")
        await pilot.pause()
        editor = app.screen.query_one("#editor", TextArea)
        assert editor.text == "အမျိုးသားညီညွတ်ရေးအစိုးရ"
        minister = workspace.store.segments(1)[row_of(workspace.store.segments(1), MINISTER)]
        assert workspace.store.translations(1, "my")[minister.segment_id].text == "အမျိုးသားညီညွတ်ရေးအစိုးရ"
        assert app.screen.query_one("#segments", DataTable).has_focus  # the insert leaves the focus on the grid
        await pilot.press("e", "x")  # typing in the editor after the insert is typing again
        await pilot.pause()
        hows = [row.how for row in workspace.store.translation_history(1, "my", minister.segment_id)]
        assert hows == ["glossary", "typed"]


async def test_proposing_from_the_segment_view_prefills_the_term_and_reaches_editors(workspace):
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*down_to_minister(workspace), "p")
        await pilot.pause()
        dialog = app.screen
        assert dialog.query_one("#propose-term", Input).value == "Daw Zin Mar Aung"
        assert dialog.query_one("#propose-lang", Input).value == "my"
        dialog.query_one("#propose-rendering", Input).value = "ဒေါ်ဇင်မာအောင်"
        await pilot.click("#propose-save")
        await pilot.pause()
        assert "is already a my rendering" in str(dialog.query_one("#propose-error", Static).render())
        dialog.query_one("#propose-rendering", Input).value = "ဒေါ်ဇင်မာ အောင်"
        dialog.query_one("#propose-note", Input).value = "as the minister writes it"
        dialog.query_one("#propose-note", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
    entry = workspace.glossary.entry("daw-zin-mar-aung")
    assert ("my", "ဒေါ်ဇင်မာ အောင်", "proposed") in [(r.lang, r.text, r.status) for r in entry.renderings]
    assert workspace.glossary.history("daw-zin-mar-aung")[-1].reason == "as the minister writes it"
