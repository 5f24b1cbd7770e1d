"""The workbench's own commands in the command palette (ctrl+p).

Open an article, the QA report, the glossary, the models, the keys of this screen; on an
article also compare, search, the next error / untranslated segment, the grid's filter, MT
and switching the language. Article titles are data: they are shown as plain Text (the
palette's own highlighter would read them as markup), matched with the palette's matcher.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import cast

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from workbench.tui.plain import plain

Command = tuple[Text, str, Callable[[], object]]  # what is shown, what it does (help), the callback


class WorkbenchCommands(Provider):
    """Commands of the workbench for the screen the palette was opened on."""

    def _commands(self) -> list[Command]:
        from workbench.tui.app import WorkbenchApp

        app = cast(WorkbenchApp, self.app)
        commands: list[Command] = [
            (Text("QA report"), "every QA issue of the project", app.action_qa_report),
            (Text("Glossary"), "search and review the termbase", app.action_glossary),
            (Text("Models"), "the installed MT models", app.action_models),
            (Text("Help: keys of this screen"), "every key of the current screen", app.action_help),
        ]
        commands += self._article_commands()
        for row in app.workspace.store.list_articles():
            commands.append((Text.assemble(f"Open article {row.id}: ", plain(row.title)), "open this article",
                             partial(app.open_article, row.id)))
        return commands

    def _article_commands(self) -> list[Command]:
        from workbench.lang.languages import desk_languages
        from workbench.tui.article_screen import ArticleScreen

        screen = self.screen
        if not isinstance(screen, ArticleScreen):
            return []
        commands: list[Command] = [
            (Text("Compare languages"), "this article's MT in several languages", screen.action_compare),
            (Text("Search in this article"), "find words in source and translation (/)", screen.action_search),
            (Text("Next error"), "the next segment with an error-level QA issue (n)", screen.action_next_error),
            (Text("Next warning"), "the next segment with a warning-level QA issue (N)", screen.action_next_warning),
            (Text("Next untranslated segment"), "the next segment not yet translated (u)",
             screen.action_next_untranslated),
            (Text("Filter the grid"), "all, untranslated, drafts, translated, with QA issues (f)",
             screen.action_cycle_filter),
            (Text("Run MT"), "machine-translate this article (t)", screen.action_translate),
            (Text("Publish"), "write the finished article as html, md or txt (P)", screen.action_publish),
        ]
        for lang in desk_languages():
            commands.append((Text.assemble("Switch language: ", plain(lang.label)), "translate into this language",
                             partial(screen.switch_language, lang.code)))
        return commands

    async def discover(self) -> Hits:
        for shown, help_text, callback in self._commands():
            yield DiscoveryHit(shown, callback, text=shown.plain, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for shown, help_text, callback in self._commands():
            score = matcher.match(shown.plain)
            if score > 0:
                yield Hit(score, shown, callback, text=shown.plain, help=help_text)
