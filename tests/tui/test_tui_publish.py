"""Publishing from the article screen (`P`), header segments named in the detail pane, and the
project-wide inconsistent-translation warning in a segment's QA lines — through Textual's Pilot."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Static

from workbench.app.importing import import_article_text
from workbench.tui.app import WorkbenchApp
from workbench.tui.article_screen import ArticleScreen
from workbench.tui.publish_dialog import PublishScreen

SIZE = (140, 40)
ARTICLE = "Talks resume\n\nThe council met on Monday. It agreed on a plan.\n"
BURMESE = {"Talks resume": "ဆွေးနွေးပွဲ ပြန်စသည်", "The council met on Monday.": "ကောင်စီသည် တနင်္လာနေ့တွင် တွေ့ဆုံခဲ့သည်။",
           "It agreed on a plan.": "အစီအစဉ်တစ်ခုကို သဘောတူခဲ့သည်။"}


def translate(workspace, article_id: int, texts: dict[str, str]) -> None:
    for segment in workspace.store.segments(article_id):
        if segment.text in texts:
            workspace.store.save_translation(article_id, segment.segment_id, "my", texts[segment.text], "translated",
                                             "tin", expected_revision=0)


async def open_last_article(app: WorkbenchApp, pilot) -> ArticleScreen:
    articles = app.screen.query_one("#articles", DataTable)
    articles.move_cursor(row=articles.row_count - 1)  # imported last
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, ArticleScreen)
    return app.screen


async def open_publish_dialog(app: WorkbenchApp, pilot) -> PublishScreen:
    await pilot.press("P")
    await pilot.pause()
    assert isinstance(app.screen, PublishScreen)
    return app.screen


async def wait_for_outcome(app: WorkbenchApp, pilot, dialog: PublishScreen) -> str:
    for _ in range(100):
        await pilot.pause(0.05)
        if dialog.outcome and dialog.outcome != "publishing…":
            return dialog.outcome
    raise AssertionError(f"no outcome: {dialog.outcome!r}")


async def test_p_publishes_the_translated_article_to_the_path_shown(workspace, tmp_path):
    article = import_article_text(workspace.store, ARTICLE, "talks.txt").article_id
    translate(workspace, article, BURMESE)
    app = WorkbenchApp(workspace, auto_translate=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_last_article(app, pilot)
        assert "headline" in str(screen.query_one("#detail-source", Static).render())  # the title is a segment
        dialog = await open_publish_dialog(app, pilot)
        out = workspace.settings.data_dir / "published" / f"article-{article}.my.html"
        assert dialog.query_one("#publish-path", Input).value == str(out)  # its folder is made on first use
        await pilot.press("enter")
        outcome = await wait_for_outcome(app, pilot, dialog)
        assert outcome == f"published to {out}"
        assert str(out) in str(dialog.query_one("#publish-outcome", Static).render())
    html = out.read_text(encoding="utf-8")
    assert '<article lang="my">' in html and "<h1>ဆွေးနွေးပွဲ ပြန်စသည်</h1>" in html
    assert "တွေ့ဆုံခဲ့သည်။အစီအစဉ်" in html  # Burmese sentences joined without a space


async def test_an_unready_article_is_refused_and_ctrl_d_writes_a_marked_draft(workspace, tmp_path):
    article = import_article_text(workspace.store, ARTICLE, "talks.txt").article_id
    translate(workspace, article, {"Talks resume": BURMESE["Talks resume"]})
    out = tmp_path / "talks.my.md"
    app = WorkbenchApp(workspace, auto_translate=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_last_article(app, pilot)
        dialog = await open_publish_dialog(app, pilot)
        dialog.query_one("#publish-path", Input).value = str(out)
        await pilot.press("enter")
        outcome = await wait_for_outcome(app, pilot, dialog)
        assert outcome.startswith("not ready: 2 segments") and "2: The council met on Monday." in outcome
        assert "nothing was written" in outcome and not out.exists()
        dialog.outcome = ""
        await pilot.press("ctrl+d")
        outcome = await wait_for_outcome(app, pilot, dialog)
        assert outcome == f"published to {out}, 2 segments marked as missing"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
    text = out.read_text(encoding="utf-8")
    assert "ဆွေးနွေးပွဲ ပြန်စသည်" in text and "The council met on Monday." in text  # the English, marked


async def test_a_path_without_a_known_extension_or_folder_writes_nothing(workspace, tmp_path):
    import_article_text(workspace.store, ARTICLE, "talks.txt")
    app = WorkbenchApp(workspace, auto_translate=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_last_article(app, pilot)
        dialog = await open_publish_dialog(app, pilot)
        dialog.query_one("#publish-path", Input).value = str(tmp_path / "talks.pdf")
        await pilot.press("enter")
        await pilot.pause()
        assert dialog.outcome.endswith("give a file ending in .html, .md or .txt; nothing was written")
        dialog.outcome = ""
        dialog.query_one("#publish-path", Input).value = str(tmp_path / "no-such-folder" / "talks.html")
        await pilot.press("ctrl+d")  # a draft: the article is not translated
        outcome = await wait_for_outcome(app, pilot, dialog)
        assert "does not exist" in outcome and outcome.endswith("nothing was written")
    assert not (tmp_path / "talks.pdf").exists() and not (tmp_path / "no-such-folder").exists()


async def test_the_qa_lines_name_another_articles_different_translation_of_the_same_sentence(workspace):
    first = import_article_text(workspace.store, ARTICLE, "talks.txt").article_id
    translate(workspace, first, {"It agreed on a plan.": "အစီအစဉ်တစ်ခုကို သဘောတူခဲ့သည်။"})
    second = import_article_text(workspace.store, "It agreed on a plan. Others waited.\n", "again.txt").article_id
    translate(workspace, second, {"It agreed on a plan.": "စီမံချက်ကို လက်ခံခဲ့သည်။"})
    app = WorkbenchApp(workspace, auto_translate=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_last_article(app, pilot)
        assert screen.article_id == second
        for _ in range(100):  # the project is read in a worker
            await pilot.pause(0.05)
            if screen.qa_project is not None:
                break
        screen.show_segment(0)
        await pilot.pause()
        lines = str(screen.query_one("#qa-issues", Static).render())
        assert "inconsistent-translation" in lines or "translated differently" in lines, lines
