"""The translation memory in the article screen (Textual Pilot): matches beside MT with the words
that differ styled, inserting a match (undoable, asking before it replaces own text, glossary
terms flagged after it), the concordance dialog, and hostile text in a unit shown plainly."""

from __future__ import annotations

import asyncio

import pytest
from rich.text import Text
from textual.widgets import DataTable, Input, Static, TextArea
from textual.widgets.text_area import Selection

from workbench.app import editing
from workbench.app.importing import import_article_text
from workbench.app.memory import Memory
from workbench.tui.app import WorkbenchApp
from workbench.tui.concordance_screen import FOUND, ConcordanceScreen
from workbench.tui.memory_panel import DIFFERENT, TM_HOW, MatchPanel
from workbench.tui.segment_dialogs import ConfirmScreen

SIZE = (120, 40)
# No headlines: they would be segments 1 (the rows the article opens on), and these tests are about sentences.
YESTERDAY = "The KNU said on Monday that the talks had failed.\n\nReporters confirmed it.\n"
TODAY = "The KNU said on Tuesday that the talks had failed.\n\nNobody else spoke.\n"
# The memory's target writes the KNU as "ကေအန်ယူ", not the approved "ကရင်အမျိုးသားအစည်းအရုံး".
CONFIRMED = "ကေအန်ယူက တနင်္လာနေ့တွင် ဆွေးနွေးပွဲ ပျက်ပြားသွားသည်ဟု ပြောသည်။"
APPROVED = "ကရင်အမျိုးသားအစည်းအရုံး"


def confirm(workspace, article_id: int, number: int, text: str, author: str = "yesterday-desk") -> None:
    """A translator confirms a segment (saved, then marked translated): the memory gets a unit."""
    view = workspace.article_view(article_id, "my")
    segment = view.segments[number - 1]
    editing.save_edit(workspace.store, view, segment.segment_id, text, author)
    editing.toggle_translated(workspace.store, view, segment.segment_id, author)


@pytest.fixture
def articles(workspace) -> tuple[int, int]:
    """Yesterday's article, its first segment confirmed; today's, with a near duplicate of it."""
    yesterday = import_article_text(workspace.store, YESTERDAY, "yesterday.txt").article_id
    today = import_article_text(workspace.store, TODAY, "today.txt").article_id
    confirm(workspace, yesterday, 1, CONFIRMED)
    return yesterday, today


async def _wait_for(pilot, condition, seconds: float = 5.0) -> None:
    for _ in range(int(seconds / 0.05)):
        await pilot.pause()
        if condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the screen did not change in time")


async def _open(pilot, app: WorkbenchApp, article_id: int, matches: bool = True) -> MatchPanel:
    await pilot.pause()
    app.open_article(article_id)
    await pilot.pause()
    panel = app.screen.query_one("#tm-matches", MatchPanel)
    if matches:
        await _wait_for(pilot, lambda: panel.state.shown > 0)
    return panel


def _content(widget: Static) -> Text:
    content = widget.content
    assert isinstance(content, Text)  # built by the TUI as a Text, never a markup string
    return content


def _styled(text: Text, style: str) -> list[str]:
    return [text.plain[span.start:span.end] for span in text.spans if str(span.style) == style]


def _translation(app: WorkbenchApp) -> str:
    segment = app.screen.current_segment()
    assert segment is not None
    return segment.translation


async def test_a_near_duplicate_confirmed_elsewhere_shows_with_its_score_and_the_differing_word(workspace, articles):
    yesterday, today = articles
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        panel = await _open(pilot, app, today)
        assert panel.display and panel.state.shown == 1
        found = panel.state.matches[0]
        assert (found.match.score, found.match.kind, found.row.article_id) == (90, "fuzzy", yesterday)
        text = _content(panel)
        first, target = text.plain.splitlines()
        assert first.startswith("F2 90% fuzzy  The KNU said on Monday that the talks had failed.")
        assert f"article {yesterday}, yesterday-desk," in first
        assert _styled(text, DIFFERENT) == ["Monday"]  # the word that differs from "Tuesday", by offsets
        assert target == f"    → {CONFIRMED}"
        assert panel.region.height == 2 and panel.region in app.screen.region  # on screen, two lines
        editor = app.screen.query_one("#editor", TextArea)
        assert editor.region.height > 0 and app.screen.query_one("#qa-issues").region.height > 0

        await pilot.press("down")  # a segment with no match: the panel goes away
        await _wait_for(pilot, lambda: not panel.display)


async def test_the_segment_is_not_its_own_match(workspace, articles):
    yesterday, _today = articles
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        panel = await _open(pilot, app, yesterday, matches=False)
        await pilot.pause(0.5)
        await _wait_for(pilot, lambda: not app.screen.workers or all(w.is_finished for w in app.screen.workers))
        assert panel.state.matches == () and not panel.display  # its own unit (100%) is not offered
    own = Memory(workspace.store).matches(YESTERDAY.splitlines()[0], "my")
    assert [(found.match.score, found.row.article_id) for found in own] == [(100, yesterday)]


async def test_f2_inserts_the_match_through_the_history_and_ctrl_z_undoes_it(workspace, articles):
    _yesterday, today = articles
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, app, today)
        segment_id = app.screen.current_segment().segment_id
        await pilot.press("f2")
        await pilot.pause()
        assert _translation(app) == CONFIRMED
        grid = app.screen.query_one("#segments", DataTable)
        assert str(grid.get_cell_at((0, grid.get_column_index("translation")))) == CONFIRMED
        assert app.screen.query_one("#editor", TextArea).text == CONFIRMED
        history = workspace.store.translation_history(today, "my", segment_id)
        assert [(row.how, row.text, row.status) for row in history] == [(TM_HOW, CONFIRMED, "draft")]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert _translation(app) == ""
    assert workspace.store.translation(today, segment_id, "my").text == ""


async def test_after_inserting_a_match_the_qa_line_names_the_missing_approved_rendering(workspace, articles):
    _yesterday, today = articles
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, app, today)
        await pilot.press("f2")
        await pilot.pause()
        issues = _content(app.screen.query_one("#qa-issues", Static)).plain
        assert f"missing-term: 'KNU': approved rendering '{APPROVED}' missing from the translation" in issues


async def test_inserting_over_own_text_asks_first(workspace, articles):
    _yesterday, today = articles
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, app, today)
        await pilot.press("e", *"mine", "f2")  # from the editor, too
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert _translation(app) == "mine"
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert _translation(app) == CONFIRMED
        assert app.screen.query_one("#editor", TextArea).has_focus
        await pilot.press("escape", "ctrl+z")  # from the grid: back to the translator's own text
        await pilot.pause()
        assert _translation(app) == "mine"


async def test_a_match_saved_over_by_someone_else_meanwhile_is_settled_as_a_conflict(workspace, articles):
    from workbench.tui.segment_dialogs import ConflictScreen

    _yesterday, today = articles
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, app, today)
        segment = app.screen.current_segment()
        workspace.store.save_translation(today, segment.segment_id, "my", "theirs", "draft", "other",
                                         expected_revision=0)
        await pilot.press("f2")  # the screen still shows it empty: the write is refused, both kept
        await pilot.pause()
        assert isinstance(app.screen, ConflictScreen)
        assert (app.screen.theirs, app.screen.mine) == ("theirs", CONFIRMED)


async def test_concordance_finds_a_word_and_a_burmese_syllable_and_restores_focus(workspace, articles):
    _yesterday, today = articles
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, app, today)
        article_screen = app.screen
        grid = article_screen.query_one("#segments", DataTable)
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, ConcordanceScreen)
        dialog = app.screen
        assert dialog.query_one("#concordance-words", Input).value == ""
        await pilot.press(*"monday")
        await _wait_for(pilot, lambda: dialog.words == "monday" and len(dialog.hits) == 1)
        results = _content(dialog.query_one("#concordance-results", Static))
        assert _styled(results, FOUND) == ["Monday"]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is article_screen and grid.has_focus

        # From the editor, prefilled with its selected words: a Burmese syllable of the memory's target.
        await pilot.press("e")
        editor = article_screen.query_one("#editor", TextArea)
        editor.insert("ဆွေးနွေးပွဲ")  # as if typed with a Burmese keyboard
        await pilot.pause()
        editor.selection = Selection((0, 0), (0, 4))  # "ဆွေး", the first syllable (four code points)
        await pilot.press("ctrl+f")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConcordanceScreen)
        assert dialog.query_one("#concordance-words", Input).value == "ဆွေး"
        await _wait_for(pilot, lambda: len(dialog.hits) == 1)
        assert _styled(_content(dialog.query_one("#concordance-results", Static)), FOUND) == ["ဆွေး"]
        dialog.query_one("#concordance-words", Input).value = "ဆွေ"  # not a whole syllable: found nowhere
        await _wait_for(pilot, lambda: dialog.words == "ဆွေ" and dialog.hits == ())
        assert "is not in the my memory" in _content(dialog.query_one("#concordance-status", Static)).plain
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is article_screen and editor.has_focus


HOSTILE_TARGET = "[/]ကေအန်ယူ [link=x]a[/link] \x1b]0;owned\x07 [@click=app.quit]x[/]"


async def test_hostile_text_in_a_unit_is_shown_plainly(workspace):
    yesterday = import_article_text(workspace.store, "The KNU [/] said [link=x]a[/link] on Monday.\n",
                                    "old.txt").article_id
    today = import_article_text(workspace.store, "The KNU [/] said [link=x]a[/link] on Tuesday.\n",
                                "new.txt").article_id
    confirm(workspace, yesterday, 1, HOSTILE_TARGET, author="[b]evil\x1b[2J")
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        panel = await _open(pilot, app, today)
        shown = _content(panel).plain
        assert "The KNU [/] said [link=x]a[/link] on Monday." in shown
        assert "[/]ကေအန်ယူ [link=x]a[/link] ␛]0;owned␇ [@click=app.quit]x[/]" in shown
        assert "[b]evil␛[2J" in shown and "\x1b" not in shown
        await pilot.press("ctrl+f", *"link")
        dialog = app.screen
        await _wait_for(pilot, lambda: isinstance(dialog, ConcordanceScreen) and len(dialog.hits) == 1)
        results = _content(dialog.query_one("#concordance-results", Static)).plain
        assert "[link=x]a[/link]" in results and "␛]0;owned␇" in results and "\x1b" not in results
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running  # no markup ran ([@click=app.quit] is text)


def test_long_unchanged_stretches_are_elided_around_the_styled_difference(workspace):
    from workbench.tui.memory_panel import differences

    old = ("In a statement released late on Monday evening, the spokesman of the National Unity Government "
           "said that the talks with the ethnic armed organisations had failed once more.")
    new = old.replace("had failed", "had succeeded")
    yesterday = import_article_text(workspace.store, f"{old}\n", "old.txt").article_id
    confirm(workspace, yesterday, 1, "ပြောသည်။")
    (found,) = Memory(workspace.store).matches(new, "my")
    shown = differences(found)
    assert _styled(shown, DIFFERENT) == ["failed"]
    assert shown.plain.startswith("…") and "had failed once more." in shown.plain
    assert len(shown.plain) < len(old) // 2
