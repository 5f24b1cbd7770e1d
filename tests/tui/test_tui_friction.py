"""A translator's day without friction (issue 13), driven through Textual's Pilot: the editor and
its QA lines always on screen, focus where the next key expects it, moving by what segments
need, footers and help built from the bindings, the palette's own commands, one Esc per screen,
word counts and progress, search hits highlighted in the grid."""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.widgets import DataTable, Footer, Select, SelectionList, Static, TextArea

from workbench.tui.app import WorkbenchApp
from workbench.tui.article_screen import ArticleScreen
from workbench.tui.articles_screen import ArticlesScreen
from workbench.tui.help_screen import HelpScreen

# Approved here, so that the NUG sentence has a long list of glossary lines under the grid.
RENDERINGS = {"coup": "စစ်အာဏာသိမ်းမှု", "military-regime": "စစ်အစိုးရ", "junta": "စစ်ကောင်စီ",
              "myanmar": "မြန်မာ", "foreign-ministry": "နိုင်ငံခြားရေးဝန်ကြီးဌာန",
              "peoples-defense-force": "ပြည်သူ့ကာကွယ်ရေးတပ်ဖွဲ့"}
NUG_SENTENCE = "foreign ministry has been lobbying"


def approve_terms(workspace) -> None:
    workflow = workspace.workflow()
    for entry_id, rendering in RENDERINGS.items():
        workflow.decide("approve", entry_id, "my", rendering)


def row_of(screen: ArticleScreen, words: str) -> int:
    assert screen.view is not None
    return next(index for index, segment in enumerate(screen.view.segments) if words in segment.source)


async def open_first_article(app: WorkbenchApp, pilot, words: str = "") -> ArticleScreen:
    await pilot.press("enter")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ArticleScreen)
    if words:
        screen.show_segment(row_of(screen, words))
        await pilot.pause()
    return screen


def footer_keys(app: WorkbenchApp) -> set[str]:
    return {key for key, active in app.screen.active_bindings.items() if active.binding.show}


@pytest.mark.parametrize("size", [(80, 24), (140, 40)])
async def test_the_editor_and_the_qa_lines_stay_on_screen_under_many_glossary_lines(workspace, size):
    approve_terms(workspace)
    app = WorkbenchApp(workspace, auto_translate=False)
    async with app.run_test(size=size) as pilot:
        screen = await open_first_article(app, pilot, NUG_SENTENCE)
        hits = str(screen.query_one("#glossary-hits", Static).render())
        assert hits.count("→") >= 4  # the glossary lines that used to push the editor out
        footer = screen.query_one(Footer).region
        editor = screen.query_one("#editor", TextArea).region
        issues = screen.query_one("#qa-issues", Static).region
        assert editor.height >= 3 and editor.bottom <= footer.y, (editor, footer)
        assert issues.height >= 1 and issues.bottom <= editor.y
        assert screen.query_one("#segments", DataTable).region.height >= 3  # and the grid still shows rows
        await pilot.press("e", *"abc")
        await pilot.pause()
        assert screen.current_segment().translation == "abc"  # typed where it can be seen


async def test_insert_term_keeps_the_focus_on_the_grid_and_types_nothing(workspace):
    approve_terms(workspace)
    app = WorkbenchApp(workspace, auto_translate=False)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_first_article(app, pilot, NUG_SENTENCE)
        grid = screen.query_one("#segments", DataTable)
        await pilot.press("i", "i")
        await pilot.pause()
        segment = screen.current_segment()
        assert grid.has_focus
        assert "i" not in segment.translation
        assert segment.translation == "မြန်မာအမျိုးသားညီညွတ်ရေးအစိုးရ"  # two renderings, one per `i`
        stored = workspace.store.translations(1, "my")[segment.segment_id].text
        assert stored == segment.translation


async def test_choosing_a_language_gives_the_grid_its_focus_back(workspace):
    app = WorkbenchApp(workspace, auto_translate=False)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_first_article(app, pilot)
        await pilot.press("l", "enter", "down", "enter")  # open the menu, take the next language
        await pilot.pause()
        assert screen.query_one("#target-lang", Select).value != "my"
        assert screen.query_one("#segments", DataTable).has_focus
        await pilot.press("down")  # a grid key moves the cursor again (it reopened the menu before)
        await pilot.pause()
        assert screen.query_one("#segments", DataTable).cursor_row == 1


async def test_u_goes_to_the_next_untranslated_and_f_filters_the_grid(workspace):
    app = WorkbenchApp(workspace, auto_translate=False)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_first_article(app, pilot)
        grid = screen.query_one("#segments", DataTable)
        for _ in range(3):  # the first three segments translated and confirmed
            await pilot.press("e", *"ok", "ctrl+t", "escape", "down")
        screen.show_segment(0)
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        assert screen.cursor_index() == 3
        total = len(screen.view.segments)
        await pilot.press("f")  # all → untranslated
        await pilot.pause()
        assert screen.grid_filter == "untranslated" and grid.row_count == total - 3
        assert "showing untranslated" in str(screen.query_one("#article-progress", Static).render())
        await pilot.press("f")  # drafts (none: skipped) → translated
        await pilot.pause()
        assert screen.grid_filter == "translated" and grid.row_count == 3
        assert [screen.view.segments[i].number for i in screen.rows] == [1, 2, 3]
        await pilot.press("u")  # an untranslated segment is hidden: the filter goes off to show it
        await pilot.pause()
        assert screen.grid_filter == "all" and grid.row_count == total and screen.cursor_index() == 3


async def test_n_goes_to_errors_only(workspace):
    approve_terms(workspace)
    app = WorkbenchApp(workspace, auto_translate=False)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_first_article(app, pilot)
        target = row_of(screen, NUG_SENTENCE)
        screen.show_segment(target)
        await pilot.press("e", *"xyz", "escape")  # a translation without the approved terms: errors
        await pilot.pause()
        assert any(issue.severity == "error" for issue in screen.segment_issues(screen.current_segment()))
        screen.show_segment(0)
        await pilot.press("n")
        await pilot.pause()
        assert screen.cursor_index() == target  # every empty segment before it is skipped
        await pilot.press("n")
        await pilot.pause()
        assert screen.cursor_index() == target  # the only one: wraps to itself


async def test_shift_n_goes_to_warnings_and_n_does_not(workspace):
    app = WorkbenchApp(workspace, auto_translate=False)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_first_article(app, pilot)
        target = row_of(screen, "Luckily this was accepted by Australia.")
        screen.show_segment(target)
        await pilot.press("e", *"xyz", "escape")  # no final ။: a warning, no error
        await pilot.pause()
        severities = {issue.severity for issue in screen.segment_issues(screen.current_segment())}
        assert severities == {"warning"}, severities
        screen.show_segment(0)
        await pilot.press("n")
        await pilot.pause()
        assert screen.cursor_index() == 0  # no errors: it stays, and says so
        await pilot.press("N")
        await pilot.pause()
        assert screen.cursor_index() == target  # the empty segments' "untranslated" warnings are skipped


async def test_footers_list_the_keys_that_work_where_the_focus_is(workspace):
    app = WorkbenchApp(workspace, auto_translate=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_first_article(app, pilot)
        grid_keys = footer_keys(app)
        assert {"n", "u", "f", "r", "g", "slash", "f9", "question_mark", "e", "a", "m", "i"} <= grid_keys
        await pilot.press("e")
        await pilot.pause()
        editor_keys = footer_keys(app)
        assert {"ctrl+t", "ctrl+o", "f8", "escape", "f9"} <= editor_keys
        assert not {"n", "a", "m", "slash"} & editor_keys  # letters are text in the editor


async def test_question_mark_and_f1_list_every_key_of_the_screen(workspace):
    app = WorkbenchApp(workspace, auto_translate=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_first_article(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        listed = {(key.place, key.keys) for key in app.screen.keys}
        for place, key in [("Segment grid", "n"), ("Segment grid", "N"), ("Segment grid", "u"),
                           ("Segment grid", "/"), ("Translation editor", "^t"), ("Translation editor", "f8"),
                           ("Screen", "f2"), ("Screen", "f9"), ("Search bar", "f5"), ("Everywhere", "^g")]:
            assert (place, key) in listed, (place, key, sorted(listed))
        text = str(app.screen.query_one("#help-list", Static).render())
        assert "Next error" in text and "Zawgyi→Unicode" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
        await pilot.press("escape", "f1")  # the list's own keys, from F1
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert ("Screen", "Open") in {(key.place, key.description) for key in app.screen.keys}


async def test_the_palette_offers_the_workbench_commands(workspace):
    app = WorkbenchApp(workspace, auto_translate=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_first_article(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"next untranslated")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        screen = app.screen
        assert isinstance(screen, ArticleScreen) and screen.cursor_index() == 1
        await pilot.press("ctrl+p", *"QA report")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert type(app.screen).__name__ == "QAReportScreen"


async def test_one_escape_per_screen_from_the_qa_report_to_the_list(workspace):
    app = WorkbenchApp(workspace, auto_translate=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_first_article(app, pilot)
        await pilot.press("e", "ctrl+r")  # the QA report opened from the editor
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen) and app.screen.query_one("#segments", DataTable).has_focus
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ArticlesScreen)
        # Enter on an issue of the article the report came from goes back to that article's screen.
        await pilot.press("enter", "r")
        await pilot.pause(0.5)
        report = app.screen
        await pilot.press("down", "down")
        article_id, number = report.rows[2]
        assert article_id == 1
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen) and len(app.screen_stack) == 3  # default, list, article
        assert app.screen.cursor_index() == number - 1


async def test_the_compare_view_says_ticked_in_text(workspace):
    app = WorkbenchApp(workspace, auto_translate=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_first_article(app, pilot)
        await pilot.press("c")
        await pilot.pause()
        languages = app.screen.query_one(SelectionList)
        prompts = [str(languages.get_option_at_index(i).prompt) for i in range(languages.option_count)]
        assert prompts[0].startswith("[x] Burmese")
        assert any(prompt.startswith("[ ] ") for prompt in prompts)
        languages.focus()
        await pilot.press("down", "space")  # tick or untick the second language
        await pilot.pause()
        for index in range(languages.option_count):
            option = languages.get_option_at_index(index)
            assert str(option.prompt).startswith("[x] " if option.value in languages.selected else "[ ] ")


async def test_word_counts_and_progress_in_the_list_and_on_the_article(workspace):
    from workbench.app.progress import article_progress

    app = WorkbenchApp(workspace, auto_translate=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause(0.5)
        table = app.screen.query_one("#articles", DataTable)
        words = int(str(table.get_cell("1", "words")))
        assert words == article_progress(workspace.store, 1, "my").words > 100
        assert str(table.get_cell("1", "done")) == "0%"
        screen = await open_first_article(app, pilot)
        total = len(screen.view.segments)
        assert f"0 of {total} segments translated (0 of {words} words)" in str(
            screen.query_one("#article-progress", Static).render())
        await pilot.press("e", *"ok", "ctrl+t")
        await pilot.pause()
        first = article_progress(workspace.store, 1, "my")
        assert first.translated == 1
        assert f"1 of {total} segments translated ({first.words_translated} of {words} words)" in str(
            screen.query_one("#article-progress", Static).render())
        await pilot.press("escape", "escape")
        await pilot.pause(0.5)
        assert str(table.get_cell("1", "done")) == f"{first.percent}%"


async def test_search_hits_are_highlighted_in_the_grid(workspace):
    app = WorkbenchApp(workspace, auto_translate=False)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_first_article(app, pilot)
        await pilot.press("slash", *"defector", "enter")
        await pilot.pause()
        grid = screen.query_one("#segments", DataTable)
        row = screen.view.segments[screen.cursor_index()]
        source = grid.get_cell(row.segment_id, "source")
        assert isinstance(source, Text)
        styled = [source.plain[span.start:span.end] for span in source.spans if "reverse" in str(span.style)]
        assert styled and all(part.lower() == "defector" for part in styled)
        other = next(s for s in screen.view.segments if "defector" not in s.source.lower())
        assert not grid.get_cell(other.segment_id, "source").spans  # rows without a hit stay plain


async def test_mt_fills_the_grid_in_batch_by_batch_while_the_run_goes_on(settings, installed_models):
    """The engine is held before its second batch until the grid shows the first: results
    reach the grid (and the progress bar) as they arrive, not all at the end."""
    import asyncio
    import threading

    from textual.widgets import ProgressBar

    from tests.tui.test_tui import wait_for_mt
    from workbench.app.workspace import open_workspace

    workspace = open_workspace(settings)
    real_translate, gate, calls = workspace.engine.translate, threading.Event(), []

    def held(texts, *args, **options):
        calls.append(len(texts))
        if len(calls) == 2:
            gate.wait(timeout=60)
        return real_translate(texts, *args, **options)

    workspace.engine.translate = held
    app = WorkbenchApp(workspace)
    try:
        async with app.run_test(size=(140, 40)) as pilot:
            screen = await open_first_article(app, pilot)
            grid = screen.query_one("#segments", DataTable)

            def filled() -> int:
                return sum(1 for row in range(grid.row_count)
                           if str(grid.get_cell_at((row, grid.get_column_index("mt")))) not in ("…", ""))

            for _ in range(400):
                await pilot.pause()
                if len(calls) == 2 and filled() >= 4:  # the worker waits at the second batch
                    break
                await asyncio.sleep(0.05)
            shown = filled()
            assert calls[:2] == [4, 8] and 4 <= shown < grid.row_count  # the first batch, while the rest waits
            assert screen.query_one("#mt-progress", ProgressBar).progress == shown
            gate.set()
            await wait_for_mt(app, pilot)
            assert filled() == grid.row_count
            assert "translated now" in str(screen.query_one("#mt-status").render())
    finally:
        gate.set()
        workspace.close()
