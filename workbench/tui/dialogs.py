"""Small modal dialogs: ask for a reason; propose a term or rendering."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Button, Input, Label, Static

from workbench.errors import UserError
from workbench.tui.plain import plain, restored, tell, visible
from workbench.tui.screens import WorkbenchModalScreen


class ReasonScreen(WorkbenchModalScreen[str | None]):
    """Ask why (a rejection needs a reason); Escape cancels and nothing changes."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, required: bool = True):
        super().__init__()
        self.question, self.required = question, required

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain(self.question), classes="dialog-title")  # it quotes entry ids and renderings
            yield Input(placeholder="reason", id="reason")
            yield Static("", id="reason-error", classes="dialog-error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        reason = event.value.strip()
        if self.required and not reason:
            self.query_one("#reason-error", Static).update("A reason is required; Escape cancels")
            return
        self.dismiss(reason)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ProposeScreen(WorkbenchModalScreen[bool]):
    """Propose an English term, with a rendering for the current language if given."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, english: str = "", lang: str = "my", rendering: str = ""):
        super().__init__()
        self.english, self.lang, self.rendering = english, lang, rendering

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Propose a glossary term or rendering", classes="dialog-title")
            yield Label("English term")
            yield Input(visible(self.english), id="propose-term")
            yield Label("Language")
            yield Input(visible(self.lang), id="propose-lang")
            yield Label("Rendering (leave empty to propose the term only)")
            yield Input(visible(self.rendering), id="propose-rendering")
            yield Label("Note (why, or where it was seen)")
            yield Input("", id="propose-note")
            yield Static("", id="propose-error", classes="dialog-error")
            yield Button("Propose", id="propose-save", variant="primary")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.save()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.save()

    def save(self) -> None:
        prefilled = {"term": self.english, "lang": self.lang, "rendering": self.rendering, "note": ""}
        value = {name: restored(self.query_one(f"#propose-{name}", Input).value, original).strip()
                 for name, original in prefilled.items()}
        rendering = value["rendering"] or None
        try:
            entry = self.workbench.workspace.workflow().propose(
                value["term"], value["lang"] if rendering else None, rendering, value["note"])
        except UserError as error:
            self.query_one("#propose-error", Static).update(plain(f"{error}; nothing was saved"))
            return
        tell(self.app, f"Proposed for {entry.id}; an editor will review it")
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
