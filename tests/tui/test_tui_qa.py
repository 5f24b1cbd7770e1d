"""QA in the TUI: issues under the segment as the translator types, next-issue key, project report."""

from __future__ import annotations

import asyncio

from textual.widgets import DataTable, Static, TextArea

from workbench.tui.app import WorkbenchApp
from workbench.tui.article_screen import ArticleScreen
from workbench.tui.qa_screen import QAReportScreen

SIZE = (120, 40)
NUG_MY = "အမျိုးသားညီညွတ်ရေးအစိုးရ"


def issues_text(app) -> str:
    return str(app.screen.query_one("#qa-issues", Static).render())


async def open_segment(app, pilot, article_row: int, segment_row: int) -> None:
    await pilot.press(*(["down"] * article_row), "enter")
    await pilot.pause()
    app.screen.query_one("#segments", DataTable).move_cursor(row=segment_row)
    await pilot.pause()


async def test_issues_under_the_segment_follow_the_typing(workspace):
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await open_segment(app, pilot, 1, 10)  # "The NUG said it will pay US$500,000 ..."
        assert "untranslated" in issues_text(app)
        await pilot.press("e")
        app.screen.query_one("#editor", TextArea).insert("အစိုးရက ဒေါ်လာ ၅၀၀,၀၀၀ ပေးမည်။")
        await pilot.pause()
        text = issues_text(app)
        assert "missing-term" in text and NUG_MY in text and "numbers" not in text
        await pilot.press("ctrl+o")  # insert the approved rendering
        await pilot.pause()
        assert "missing-term" not in issues_text(app)
        assert NUG_MY in app.screen.query_one("#editor", TextArea).text


async def test_next_error_key_skips_clean_segments_and_warnings(workspace):
    """`n` goes to the next error-level issue: the empty segments' "untranslated" warnings and a
    clean translation are passed over (`u` goes to untranslated segments, tests/tui/test_tui_friction.py)."""
    segments = workspace.store.segments(1)
    clean = next(i for i, s in enumerate(segments) if s.text == "Luckily this was accepted by Australia.")
    wrong = next(i for i, s in enumerate(segments) if i > clean and "NUG" in s.text)  # NUG's rendering is approved
    workspace.store.save_translation(1, segments[clean].segment_id, "my", "ကံကောင်းစွာ သြစတြေးလျက လက်ခံခဲ့သည်။", "translated", "t")
    workspace.store.save_translation(1, segments[wrong].segment_id, "my", "အစိုးရက ပြောသည်။", "draft", "t")
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await open_segment(app, pilot, 0, clean)
        assert "no QA issues" in issues_text(app)
        await pilot.press("n")
        await pilot.pause()
        grid = app.screen.query_one("#segments", DataTable)
        assert grid.cursor_row == wrong and "missing-term" in issues_text(app)


async def test_project_report_groups_by_check_and_opens_the_segment(workspace):
    segment = workspace.store.segments(2)[10]
    workspace.store.save_translation(2, segment.segment_id, "my", "အစိုးရက ဒေါ်လာ ၃၀၀,၀၀၀ ပေးမည်", "draft", "t")
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        screen = app.screen
        assert isinstance(screen, QAReportScreen)
        for _ in range(100):
            await pilot.pause()
            if "issues (" in str(screen.query_one("#qa-summary", Static).render()):
                break
            await asyncio.sleep(0.05)
        summary = str(screen.query_one("#qa-summary", Static).render())
        # Untranslated: article 1's 27 segments (its headline and byline are segments too) and
        # article 2's 24, less the one translated above.
        assert "missing-term 1" in summary and "numbers 1" in summary and "untranslated 50" in summary
        table = screen.query_one("#qa-table", DataTable)
        checks = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert checks == sorted(checks)  # grouped by check
        row = checks.index("numbers")
        table.move_cursor(row=row)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen) and app.screen.article_id == 2
        assert app.screen.query_one("#segments", DataTable).cursor_row == 10
