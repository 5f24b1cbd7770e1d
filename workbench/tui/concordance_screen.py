"""Concordance: where words (or a "quoted phrase") occur in the memory's sources and targets.

Opened from the article screen (ctrl+f), prefilled with the selected words; it searches as
one types (in a worker) and shows each unit with the words found styled in its source and
target, from the spans the memory gives (never markup). Esc goes back to where one was.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from workbench.errors import UserError
from workbench.tui.plain import plain, restored, visible
from workbench.tui.screens import WorkbenchModalScreen

if TYPE_CHECKING:
    from workbench.app.memory import ConcordanceHit
    from workbench.tui.memory_panel import SharedMemory

FOUND = "bold reverse"
LIMIT = 50


class ConcordanceFound(Message):
    def __init__(self, words: str, hits: tuple[ConcordanceHit, ...]):
        super().__init__()
        self.words, self.hits = words, hits


class ConcordanceFailed(Message):
    def __init__(self, words: str, message: str):
        super().__init__()
        self.words, self.message = words, message


class ConcordanceScreen(WorkbenchModalScreen[None]):
    """Search the memory as you type; Esc closes (focus goes back where it was)."""

    BINDINGS = [Binding("escape", "close", "Back")]

    def __init__(self, memory: SharedMemory, lang: str, source_lang: str, words: str = ""):
        super().__init__()
        self.memory, self.lang, self.source_lang = memory, lang, source_lang
        self.prefilled = words
        self.words = words.strip()  # what the latest search is for: older results are dropped
        self.hits: tuple[ConcordanceHit, ...] = ()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="concordance-dialog"):
            yield Static(plain(f"Concordance in the {self.lang} memory: words or a \"phrase\" (Esc: back)"),
                         classes="dialog-title")
            yield Input(visible(self.prefilled), placeholder="words to look for", id="concordance-words")
            yield Static("", id="concordance-status")
            with VerticalScroll(id="concordance-scroll"):
                yield Static("", id="concordance-results")

    def on_mount(self) -> None:
        self.query_one("#concordance-words", Input).focus()
        self._search(self.words)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._search(restored(event.value, self.prefilled).strip())

    def _search(self, words: str) -> None:
        self.words = words
        if not words:
            self._show_status("Type the words to look for")
            self._show_hits(())
            return
        self._show_status("Searching…")
        self.search(words)

    @work(thread=True, exclusive=True, exit_on_error=False, group="concordance")
    def search(self, words: str) -> None:
        """Runs in a thread: only posts messages, never touches widgets."""
        worker = get_current_worker()
        try:
            hits = self.memory.use(lambda memory: memory.concordance(words, self.lang, LIMIT, self.source_lang))
        except UserError as error:
            if not worker.is_cancelled:
                self.post_message(ConcordanceFailed(words, str(error)))
            return
        if not worker.is_cancelled:
            self.post_message(ConcordanceFound(words, tuple(hits)))

    def on_concordance_found(self, message: ConcordanceFound) -> None:
        if message.words != self.words:
            return  # typed on since: a newer search is on its way
        self.hits = message.hits
        count = len(message.hits)
        if count == 0:
            self._show_status(f"{message.words} is not in the {self.lang} memory")
        else:
            more = " (the newest shown)" if count >= LIMIT else ""
            self._show_status(f"{count} unit{'s' if count != 1 else ''}{more}")
        self._show_hits(message.hits)

    def on_concordance_failed(self, message: ConcordanceFailed) -> None:
        if message.words == self.words:
            self.hits = ()
            self._show_status(message.message)
            self._show_hits(())

    def _show_status(self, status: str) -> None:
        self.query_one("#concordance-status", Static).update(plain(status))

    def _show_hits(self, hits: Sequence[ConcordanceHit]) -> None:
        self.query_one("#concordance-results", Static).update(
            hits_text(hits, self.source_lang, self.lang, self.workbench.workspace.settings.ui_locale))

    def action_close(self) -> None:
        self.workers.cancel_group(self, "concordance")
        self.dismiss(None)


def hits_text(hits: Sequence[ConcordanceHit], source_lang: str, lang: str, locale: str = "en") -> Text:
    from workbench.lang.locale_format import format_date

    blocks = []
    for hit in hits:
        row = hit.row
        origin = f"article {row.article_id}" if row.article_id is not None else row.origin
        blocks.append(Text("\n").join([
            plain(f"{origin}, {row.changed_by}, {format_date(row.changed_at.date(), locale)}", "dim"),
            Text.assemble((source_lang.upper(), "bold"), "  ", marked(row.source_text, hit.source_spans)),
            Text.assemble((lang.upper(), "bold"), "  ", marked(row.target_text, hit.target_spans)),
        ]))
    return Text("\n\n").join(blocks)


def marked(text: str, spans: Sequence[tuple[int, int]]) -> Text:
    """The text with the spans (offsets into its NFC form) styled, piece by piece."""
    normal = unicodedata.normalize("NFC", text)
    shown = Text()
    position = 0
    for start, end in sorted(spans):
        if start < position:
            continue
        shown.append(visible(normal[position:start]))
        shown.append(visible(normal[start:end]), FOUND)
        position = end
    shown.append(visible(normal[position:]))
    return shown
