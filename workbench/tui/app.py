"""The Textual workbench: a thin layer over the core (workspace, editing, MT service)."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from workbench.config import Settings
from workbench.workspace import Workspace


class WorkbenchApp(App):
    """Article list first; an article opens in the segment editor."""

    CSS_PATH = "app.tcss"
    TITLE = "Workbench"
    SUB_TITLE = "offline translation and glossary"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True)]

    def __init__(self, workspace: Workspace, target_lang: str = "my", auto_translate: bool = True):
        super().__init__()
        self.workspace = workspace
        self.target_lang = target_lang
        self.auto_translate = auto_translate

    def on_mount(self) -> None:
        from workbench.tui.articles_screen import ArticlesScreen

        self.push_screen(ArticlesScreen())

    def open_article(self, article_id: int) -> None:
        from workbench.tui.article_screen import ArticleScreen

        self.push_screen(ArticleScreen(article_id))


def run_app(settings: Settings) -> int:
    from workbench.commands import open_checked

    workspace = open_checked(settings)
    try:
        WorkbenchApp(workspace).run()
    finally:
        workspace.close()
    return 0

