"""Editors edit and remove glossary entries in the TUI (e / X on the glossary screen), on the revision read."""

from __future__ import annotations

import re

from textual.widgets import Button, Checkbox, DataTable, Input, Static

from tests.support.cli_helpers import run_cli
from tests.support.logins import login
from workbench.app.config import load_settings
from workbench.app.glossary_repair import EntryEdit, edit_entry
from workbench.app.workspace import open_workspace
from workbench.glossary.model import Entry, Rendering, Term
from workbench.safe_text import visible
from workbench.tui.app import WorkbenchApp
from workbench.tui.glossary_edit_dialogs import EntryEditScreen, RemoveEntryScreen
from workbench.tui.glossary_screen import GlossaryScreen

SIZE = (120, 40)
ENTRY = "sagaing-region"
RENDERING = "စစ်ကိုင်းတိုင်း"
RAW_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
HOSTILE_ID = "mk[/]"
HOSTILE_TERMS = ("[/]", "[link=x]a[/link]")
HOSTILE_RENDERING = "[b]x[/b] \x1b]0;PWNED\x07"
HOSTILE_NOTE = "\x1b[2J note [@click=app.quit]q[/]"


def open_as(user: str, monkeypatch):
    monkeypatch.setenv("LOGNAME", user)  # on SQLite the login is who acts (getpass reads LOGNAME first)
    return open_workspace(load_settings())


def prepare(monkeypatch) -> None:
    """lead creates the project (first editor) and the entry; tin is a translator, ann a second editor."""
    lead = open_as("lead", monkeypatch)
    lead.workflow().set_role("tin", "translator")
    lead.workflow().set_role("ann", "editor")
    entry = Entry(ENTRY, (Term("Sagaing Region"), Term("Sagaing Division")), (Rendering("my", RENDERING),),
                  domain="place", definition="A region in north-western Myanmar.")
    lead.glossary.write(entry, "lead", [{"action": "propose-term", "new_status": "proposed"}])
    lead.close()


def rows(table: DataTable) -> list[list[str]]:
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def screen_lines(app) -> list[str]:
    return ["".join(segment.text for segment in strip) for strip in app.screen._compositor.render_strips()]


def screen_text(app) -> str:
    return "\n".join(screen_lines(app))


def assert_safe_screen(app) -> None:
    assert app.is_running and app.return_code is None
    assert [line for line in screen_lines(app) if RAW_CONTROLS.search(line)] == []


def error_line(dialog) -> str:
    return str(dialog.query_one(".dialog-error", Static).render())


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


async def open_glossary(app, pilot, needle: str) -> GlossaryScreen:
    await pilot.press("g")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, GlossaryScreen)
    screen.query_one("#gl-search", Input).value = needle
    await pilot.pause()
    screen.query_one("#gl-table", DataTable).focus()
    await pilot.pause()
    return screen


async def test_an_editor_edits_an_entry_and_the_history_and_the_cli_show_it(monkeypatch):
    prepare(monkeypatch)
    workspace = open_as("lead", monkeypatch)
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_glossary(app, pilot, "sagaing")
        assert "e Edit" in screen_text(app) and "X Remove" in screen_text(app)  # the footer
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, EntryEditScreen)
        assert str(dialog.query_one("#edit-title", Static).render()) == f"Edit entry {ENTRY} (revision 1)"
        assert dialog.query_one("#edit-term-0", Input).value == "Sagaing Region"
        assert dialog.query_one("#edit-term-1", Input).value == "Sagaing Division"
        assert dialog.query_one("#edit-domain", Input).value == "place"
        assert dialog.query_one("#edit-definition", Input).value == "A region in north-western Myanmar."
        dialog.query_one("#edit-term-0", Input).value = "Sagaing  Region of Myanmar "
        dialog.query_one("#edit-term-remove-1", Checkbox).value = True
        dialog.query_one("#edit-definition", Input).value = "The Sagaing Region of Myanmar."
        dialog.query_one("#edit-note", Input).value = "checked against the seeds"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        table = screen.query_one("#gl-table", DataTable)
        assert rows(table) == [[ENTRY, "Sagaing Region of Myanmar", "my", RENDERING, "proposed"]]
        detail = str(screen.query_one("#gl-detail-text", Static).render())
        assert f"{ENTRY}  revision 2" in detail
        assert "lead edit — term 'Sagaing Region' -> 'Sagaing Region of Myanmar'" in detail
        assert "lead edit — term 'Sagaing Division' removed" in detail and "lead edit — definition changed" in detail
        assert f"Edited {ENTRY}: now at revision 2" in messages(app)
    entry = workspace.glossary.entry(ENTRY)
    assert [t.text for t in entry.terms] == ["Sagaing Region of Myanmar"]
    assert (entry.definition, entry.note, entry.domain) == ("The Sagaing Region of Myanmar.", "checked against the seeds",
                                                            "place")
    workspace.close()
    shown = run_cli("glossary", "show", ENTRY, env=login("lead"))
    assert shown.returncode == 0, shown.stderr
    assert f"{ENTRY}  (revision 2, place)" in shown.stdout
    assert "The Sagaing Region of Myanmar." in shown.stdout and "en  Sagaing Region of Myanmar  [full]" in shown.stdout
    history = run_cli("glossary", "history", ENTRY, env=login("lead"))
    assert history.stdout.count(" edit ") == 4, history.stdout


async def test_a_translator_is_told_only_an_editor_can_and_nothing_changes(monkeypatch):
    prepare(monkeypatch)
    workspace = open_as("tin", monkeypatch)
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_glossary(app, pilot, "sagaing")
        await pilot.press("e")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("X")
        await pilot.pause()
        assert app.screen is screen
        assert messages(app)[-2:] == [
            "tin is a translator; only an editor can edit entries (nothing was changed)",
            "tin is a translator; only an editor can remove entries (nothing was changed)"]
    assert workspace.glossary.revision(ENTRY) == 1
    assert len(workspace.glossary.history(ENTRY)) == 1
    workspace.close()


async def test_a_blank_term_or_a_control_character_is_refused_in_the_dialog(monkeypatch):
    prepare(monkeypatch)
    workspace = open_as("lead", monkeypatch)
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await open_glossary(app, pilot, "sagaing")
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        term = dialog.query_one("#edit-term-0", Input)
        term.value = "   "
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        assert error_line(dialog) == "the English term is empty; give its text; nothing was changed"
        term.value = "Sagaing\x1b[2J Region"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        assert term.value == "Sagaing␛[2J Region"  # shown visibly, kept as typed
        line = error_line(dialog)
        assert line == ("the English term 'Sagaing␛[2J Region' contains the control character ␛; "
                        "give it without control characters; nothing was changed")
        assert "\n" not in line
        assert_safe_screen(app)
        term.value = "Sagaing Region"
        dialog.query_one("#edit-note", Input).value = "bell \x07 here"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "the note 'bell ␇ here' contains the control character ␇" in error_line(dialog)
        assert_safe_screen(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, GlossaryScreen)
    assert workspace.glossary.revision(ENTRY) == 1
    assert workspace.glossary.entry(ENTRY).note == ""
    workspace.close()


async def test_a_stale_edit_is_refused_the_typed_text_stays_and_reload_keeps_it_over_theirs(monkeypatch):
    prepare(monkeypatch)
    workspace = open_as("lead", monkeypatch)
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_glossary(app, pilot, "sagaing")
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, EntryEditScreen)
        assert dialog.query_one("#edit-reload", Button).display is False
        dialog.query_one("#edit-definition", Input).value = "Mine: the Sagaing Region."
        dialog.query_one("#edit-term-1", Input).value = "Sagaing Div."
        # Meanwhile ann, another editor, changes the entry through the app layer.
        edit_entry(workspace.workflow("ann"), ENTRY, EntryEdit(note="theirs", replace_terms={"Sagaing Region": "Sagaing"}), 1)
        await pilot.click("#edit-save")
        await pilot.pause()
        assert app.screen is dialog
        line = error_line(dialog)
        assert line.startswith(f"entry {ENTRY} changed meanwhile: ann did edit") and "your text is kept" in line
        assert dialog.query_one("#edit-definition", Input).value == "Mine: the Sagaing Region."
        assert dialog.query_one("#edit-term-1", Input).value == "Sagaing Div."
        assert dialog.query_one("#edit-reload", Button).display is True
        assert workspace.glossary.entry(ENTRY).definition == "A region in north-western Myanmar."  # nothing applied
        await pilot.press("ctrl+r")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, EntryEditScreen)
        assert str(dialog.query_one("#edit-title", Static).render()) == f"Edit entry {ENTRY} (revision 2)"
        assert error_line(dialog).startswith("Reloaded revision 2; your changes are kept over it")
        assert dialog.query_one("#edit-term-0", Input).value == "Sagaing"  # theirs
        assert dialog.query_one("#edit-term-1", Input).value == "Sagaing Div."  # mine
        assert dialog.query_one("#edit-note", Input).value == "theirs"
        assert dialog.query_one("#edit-definition", Input).value == "Mine: the Sagaing Region."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
    entry = workspace.glossary.entry(ENTRY)
    assert [t.text for t in entry.terms] == ["Sagaing", "Sagaing Div."]
    assert (entry.definition, entry.note) == ("Mine: the Sagaing Region.", "theirs")
    assert workspace.glossary.revision(ENTRY) == 3
    workspace.close()


async def test_remove_asks_for_a_reason_and_removes_keeping_the_history(monkeypatch):
    prepare(monkeypatch)
    workspace = open_as("lead", monkeypatch)
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_glossary(app, pilot, "sagaing")
        await pilot.press("X")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, RemoveEntryScreen)
        assert str(dialog.query_one("#remove-title", Static).render()) == \
            f"Remove entry {ENTRY} (revision 1) from the glossary?"
        assert RENDERING in str(dialog.query_one("#remove-summary", Static).render())
        await pilot.press("enter")  # no reason yet: asked for one, nothing removed
        await pilot.pause()
        assert app.screen is dialog and error_line(dialog).startswith("A reason is required")
        reason = dialog.query_one("#remove-reason", Input)
        reason.value = "dup\x07"  # pasted with a control character
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog and reason.value == "dup␇"
        assert "the reason 'dup␇' contains the control character ␇" in error_line(dialog)
        assert_safe_screen(app)
        reason.value = ""
        await pilot.press(*"duplicate", "enter")
        await pilot.pause()
        assert app.screen is screen
        assert rows(screen.query_one("#gl-table", DataTable)) == []
        assert f"Removed {ENTRY} (its history is kept)" in messages(app)
    assert workspace.glossary.entry(ENTRY) is None
    last = workspace.glossary.history(ENTRY)[-1]
    assert (last.action, last.actor, last.reason) == ("remove", "lead", "duplicate")
    workspace.close()


async def test_remove_cancelled_changes_nothing(monkeypatch):
    prepare(monkeypatch)
    workspace = open_as("lead", monkeypatch)
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_glossary(app, pilot, "sagaing")
        await pilot.press("X")
        await pilot.pause()
        await pilot.press(*"oops", "escape")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("X")
        await pilot.pause()
        await pilot.click("#remove-cancel")
        await pilot.pause()
        assert app.screen is screen
        assert len(rows(screen.query_one("#gl-table", DataTable))) == 1
    assert workspace.glossary.revision(ENTRY) == 1
    assert [e.action for e in workspace.glossary.history(ENTRY)] == ["propose-term"]
    workspace.close()


async def test_a_stale_remove_is_refused_and_the_reason_stays(monkeypatch):
    prepare(monkeypatch)
    workspace = open_as("lead", monkeypatch)
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_glossary(app, pilot, "sagaing")
        await pilot.press("X")
        await pilot.pause()
        dialog = app.screen
        await pilot.press(*"duplicate")
        edit_entry(workspace.workflow("ann"), ENTRY, EntryEdit(note="keep it, ann"), 1)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog
        assert error_line(dialog).startswith(f"entry {ENTRY} changed meanwhile: ann did edit")
        assert dialog.query_one("#remove-reason", Input).value == "duplicate"
        assert workspace.glossary.entry(ENTRY) is not None
        await pilot.click("#remove-reload")
        await pilot.pause()
        assert "(revision 2)" in str(dialog.query_one("#remove-title", Static).render())
        await pilot.click("#remove-confirm")
        await pilot.pause()
        assert app.screen is screen
    assert workspace.glossary.entry(ENTRY) is None
    workspace.close()


async def test_hostile_text_is_shown_plainly_in_the_dialogs_and_kept_when_untouched(monkeypatch):
    prepare(monkeypatch)
    workspace = open_as("lead", monkeypatch)
    entry = Entry(HOSTILE_ID, tuple(Term(t) for t in HOSTILE_TERMS), (Rendering("my", HOSTILE_RENDERING),),
                  note=HOSTILE_NOTE, definition="[b]not bold[/b]")
    workspace.glossary.write(entry, "lead", [{"action": "propose-term", "new_status": "proposed"}])
    app = WorkbenchApp(workspace)
    urls: list[str] = []
    app.open_url = lambda url, *args, **kwargs: urls.append(url)  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_glossary(app, pilot, "link=x")
        assert rows(screen.query_one("#gl-table", DataTable)) == [
            [HOSTILE_ID, "[/]", "my", visible(HOSTILE_RENDERING), "proposed"]]
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, EntryEditScreen)
        assert str(dialog.query_one("#edit-title", Static).render()) == f"Edit entry {HOSTILE_ID} (revision 1)"
        assert [dialog.query_one(f"#edit-term-{i}", Input).value for i in (0, 1)] == list(HOSTILE_TERMS)
        assert dialog.query_one("#edit-note", Input).value == visible(HOSTILE_NOTE)
        assert "␛" in dialog.query_one("#edit-note", Input).value
        assert dialog.query_one("#edit-definition", Input).value == "[b]not bold[/b]"
        label = dialog.query_one("#edit-rendering-0", Checkbox).label.plain
        assert label == f"my  {visible(HOSTILE_RENDERING)}  [proposed]"
        assert f"my  {visible(HOSTILE_RENDERING)}  [proposed]" in screen_text(app)
        assert_safe_screen(app)
        dialog.query_one("#edit-definition", Input).value = "[/] [@click=app.quit]still plain[/]"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        detail = str(screen.query_one("#gl-detail-text", Static).render())
        assert "[/] [@click=app.quit]still plain[/]" in detail
        assert_safe_screen(app)
        await pilot.press("X")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, RemoveEntryScreen)
        assert str(dialog.query_one("#remove-title", Static).render()) == \
            f"Remove entry {HOSTILE_ID} (revision 2) from the glossary?"
        summary = str(dialog.query_one("#remove-summary", Static).render())
        assert f"English: {', '.join(HOSTILE_TERMS)}" in summary and visible(HOSTILE_RENDERING) in summary
        assert_safe_screen(app)
        await pilot.press("escape")
        await pilot.pause()
    assert urls == []
    stored = workspace.glossary.entry(HOSTILE_ID)
    assert [t.text for t in stored.terms] == list(HOSTILE_TERMS)
    assert (stored.note, stored.renderings[0].text) == (HOSTILE_NOTE, HOSTILE_RENDERING)  # untouched: kept exactly
    assert stored.definition == "[/] [@click=app.quit]still plain[/]"
    workspace.close()
