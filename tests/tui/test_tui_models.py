"""The Models screen (ctrl+l): the installed packages, or how to add one."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from workbench.app.workspace import open_workspace
from workbench.tui.app import WorkbenchApp
from workbench.tui.models_screen import ModelsScreen

SIZE = (160, 40)


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_models_screen_lists_installed_packages_with_names(settings, installed_models):
    workspace = open_workspace(settings)
    app = WorkbenchApp(workspace, auto_translate=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, ModelsScreen)
        table = app.screen.query_one("#models-table", DataTable)
        rows = {str(table.get_row_at(i)[0]): [str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)}
        assert set(rows) == {"translate-en_my-1_0", "translate-en_fr-1_0"}
        assert rows["translate-en_my-1_0"][1:3] == ["en→my", "English → Burmese — မြန်မာ"]
        assert rows["translate-en_my-1_0"][5] == "eng_Latn mya_Mymr"
        assert rows["translate-en_fr-1_0"][2] == "English → French — français"
        assert "2 model(s) installed" in text_of(app, "#models-summary")
        assert "workbench models install FILE.argosmodel" in text_of(app, "#models-help")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ModelsScreen)
    workspace.close()


async def test_models_screen_without_models_says_how_to_add_one(workspace):
    app = WorkbenchApp(workspace, auto_translate=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert "No models installed" in text_of(app, "#models-summary")
        help_text = text_of(app, "#models-help")
        assert "workbench models install --index en:fr" in help_text and "workbench models pack" in help_text
        assert app.screen.query_one("#models-table", DataTable).row_count == 0
