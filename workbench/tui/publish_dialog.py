"""Publish the finished article from the article screen (`P`): the path, then a clear outcome.

The dialog asks for the output file (its extension picks txt, md or html), writes it with
`workbench.app.publishing.publish_article` in a worker, and says where it went, or, when the
article is not ready, which segments hold it back (ctrl+d writes a marked draft instead).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from workbench.app.errors import database_refused
from workbench.errors import UserError
from workbench.tui.plain import plain, restored, visible
from workbench.tui.safe_editing import SafeEditing
from workbench.tui.screens import WorkbenchModalScreen

FORMAT_OF_SUFFIX = {".txt": "txt", ".md": "md", ".html": "html", ".htm": "html"}
SHOWN_MISSING = 5  # segments named in the dialog; the CLI's `publish` lists them all


def default_publish_path(data_dir: Path, article_id: int, lang: str) -> Path:
    return data_dir / "published" / f"article-{article_id}.{lang}.html"


def format_of(path: Path) -> str | None:
    return FORMAT_OF_SUFFIX.get(path.suffix.lower())


class PublishScreen(WorkbenchModalScreen[None]):
    """Enter publishes to the path shown; ctrl+d publishes a draft with the missing parts marked."""

    BINDINGS = [
        Binding("escape", "cancel", "Close"),
        # Over the path field's own ctrl+d (delete right; the Delete key still does that).
        Binding("ctrl+d", "publish(True)", "Publish as draft", priority=True),
    ]

    @dataclass
    class Done(Message):
        """The worker's outcome: what to tell the user (`written` when a file was written)."""

        text: str
        written: bool

    def __init__(self, article_id: int, lang: str, path: Path):
        super().__init__()
        self.article_id, self.lang, self.path = article_id, lang, path
        self.busy = False
        self.outcome = ""  # the last outcome shown (tests read this, not the screen)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="publish-dialog"):
            yield Static(plain(f"Publish article {self.article_id} in {self.lang}"), classes="dialog-title")
            yield Static("File (.html, .md or .txt). Enter publishes; ctrl+d writes a marked draft; Esc closes.",
                         classes="dialog-hint")
            yield Input(visible(str(self.path)), id="publish-path")
            yield Static("", id="publish-outcome")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_publish(False)

    def action_publish(self, draft: bool) -> None:
        raw = restored(self.query_one("#publish-path", Input).value, str(self.path)).strip()
        path = Path(raw).expanduser()
        name = format_of(path)
        if not raw or name is None:
            self._show(f"{raw or 'no file'}: give a file ending in .html, .md or .txt; nothing was written")
            return
        if path.parent == self.path.parent:  # the workbench's own "published" folder is made when first used
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                self._show(f"cannot make the folder {path.parent}: {error.strerror}; nothing was written")
                return
        if not self.busy:
            self.busy = True
            self._show("publishing…")
            self.publish(path, name, draft)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def publish(self, path: Path, format_name: str, draft: bool) -> None:
        """Runs in a thread: only posts a message, never touches widgets."""
        from workbench.app.publishing import publish_article

        worker = get_current_worker()
        try:
            result = publish_article(self.workbench.workspace, self.article_id, self.lang, format_name, path, draft)
        except (UserError, OSError) as error:
            done = self.Done(f"{error}; nothing was written", False)
        except Exception as error:
            message = database_refused(error)
            if message is None:
                raise
            done = self.Done(f"{message}; nothing was written", False)
        else:
            done = self.Done(*_outcome(result, path))
        if not worker.is_cancelled:
            self.post_message(done)

    def on_publish_screen_done(self, message: Done) -> None:
        self.busy = False
        self._show(message.text)

    def _show(self, text: str) -> None:
        self.outcome = text
        self.query_one("#publish-outcome", Static).update(plain(text))

    def action_cancel(self) -> None:
        self.dismiss(None)


def _outcome(result, path: Path) -> tuple[str, bool]:
    """What the dialog says about a `PublishResult`."""
    if result.refused:
        named = "; ".join(f"{item.number}: {item.first_words} ({', '.join(item.reasons)})"
                          for item in result.missing[:SHOWN_MISSING])
        more = f" and {len(result.missing) - SHOWN_MISSING} more" if len(result.missing) > SHOWN_MISSING else ""
        return (f"not ready: {len(result.missing)} segments not translated or with errors ({named}{more}); "
                "nothing was written. ctrl+d writes a draft with them marked", False)
    marked = f", {len(result.missing)} segments marked as missing" if result.missing else ""
    return f"published to {path}{marked}", True


class ArticlePublishing(SafeEditing):
    """`P` on the article screen: the publish dialog for the article in the language shown."""

    article_id: int

    def action_publish(self) -> None:
        if (view := self.view) is None:
            return
        data_dir = self.workbench.workspace.settings.data_dir
        self.app.push_screen(PublishScreen(self.article_id, view.target_lang,
                                           default_publish_path(data_dir, self.article_id, view.target_lang)))
