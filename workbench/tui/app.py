"""The Textual workbench: a thin layer over the core (workspace, editing, MT service)."""

from __future__ import annotations

from textual import work
from textual.app import App
from textual.binding import Binding

from workbench.app.config import Settings
from workbench.app.workspace import Workspace
from workbench.tui.commands import WorkbenchCommands
from workbench.tui.plain import visible


class WorkbenchApp(App):
    """Article list first; an article opens in the segment editor."""

    CSS_PATH = "app.tcss"
    TITLE = "Workbench"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("ctrl+g", "glossary", "Glossary"),
        Binding("ctrl+r", "qa_report", "QA report"),
        Binding("ctrl+l", "models", "Models"),
        Binding("f1", "help", "Help"),
        Binding("question_mark", "help", "Help", show=False),  # typed into an editor or a field, it is text
    ]
    COMMANDS = App.COMMANDS | {WorkbenchCommands}

    def __init__(self, workspace: Workspace, target_lang: str = "my", auto_translate: bool = True):
        super().__init__()
        self.workspace = workspace
        self.target_lang = target_lang
        self.auto_translate = auto_translate

    def on_mount(self) -> None:
        from workbench.tui.articles_screen import ArticlesScreen

        self.push_screen(ArticlesScreen())
        self.refresh_pending()

    @work(thread=True, exclusive=True, exit_on_error=False, group="glossary-index")
    def prepare_glossary(self) -> None:
        """Runs in a thread, touching no widget: builds the glossary matcher while the list is on
        screen, so that opening the first article does not wait for it (it waits only for the
        rest of a build already under way)."""
        self.workspace.glossary_index()

    def refresh_pending(self) -> None:
        """Editors always see how many proposals wait for review."""
        workflow, user = self.workspace.workflow(), visible(self.workspace.settings.user)  # the login name is data too
        if workflow.is_editor:
            self.sub_title = f"{user} (editor) — {self.workspace.glossary.pending_count()} pending review"
        else:
            self.sub_title = f"{user} (translator)"

    def action_glossary(self) -> None:
        from workbench.tui.glossary_screen import GlossaryScreen

        if not isinstance(self.screen, GlossaryScreen):
            self.push_screen(GlossaryScreen())

    def open_article(self, article_id: int, start_row: int = 0) -> None:
        from workbench.tui.article_screen import ArticleScreen

        self.push_screen(ArticleScreen(article_id, start_row))

    def action_qa_report(self) -> None:
        from workbench.tui.qa_screen import QAReportScreen

        self.push_screen(QAReportScreen(self.target_lang))

    def action_help(self) -> None:
        from workbench.tui.help_screen import HelpScreen, screen_keys

        if not isinstance(self.screen, HelpScreen):
            name = type(self.screen).__name__.removesuffix("Screen")
            self.push_screen(HelpScreen(name, screen_keys(self, self.screen)))

    def action_models(self) -> None:
        from workbench.tui.models_screen import ModelsScreen

        if not isinstance(self.screen, ModelsScreen):
            self.push_screen(ModelsScreen())


def run_app(settings: Settings) -> int:
    from workbench.app.workspace import open_checked
    from workbench.tui.cell_widths import choose_model, install

    workspace = open_checked(settings)
    install(choose_model(settings.cell_widths))  # before Textual takes the terminal: it may be asked
    try:
        WorkbenchApp(workspace).run()
    finally:
        workspace.close()
    return 0

