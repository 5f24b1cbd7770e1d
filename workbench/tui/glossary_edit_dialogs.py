"""Editors repair a glossary entry from the TUI: edit its terms and texts, or remove it.

Both dialogs read the entry with its revision when they open and write on that revision
(`workbench.app.glossary_repair`, the same rules as `workbench glossary edit|remove`). When
someone changed the entry meanwhile nothing is written: the dialog says so, keeps everything
the editor typed and offers to reload the entry (the editor's changes are kept over it).
Everything from the entry is shown as plain text, its control characters made visible.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, Static

from workbench.app.glossary_repair import EntryEdit, edit_entry, remove
from workbench.app.glossary_workflow import ChangedMeanwhile
from workbench.errors import UserError
from workbench.glossary.model import Entry
from workbench.tui.plain import plain, restored, tell, visible
from workbench.tui.screens import WorkbenchModalScreen

TEXT_FIELDS = ("domain", "definition", "note")
STALE_HINT = "your text is kept; Reload (ctrl+r) shows their version with your changes over it"


def one_line(message: str) -> str:
    """An error as one line (a quoted text with a newline in it would break it in two)."""
    return " ".join(message.split())


@dataclass
class Typed:
    """What the editor changed in the dialog (the text itself), keyed by the entry's text as read."""

    terms: dict[str, str] = field(default_factory=dict)  # original term -> typed text
    removed_terms: set[str] = field(default_factory=set)
    removed_renderings: set[tuple[str, str]] = field(default_factory=set)
    texts: dict[str, str] = field(default_factory=dict)  # "domain"/"definition"/"note" -> typed


class PlainInputs(WorkbenchModalScreen[bool]):
    """Inputs that never draw a control character: each shows its text with the controls made
    visible (an ESC as ␛), and `text()` gives back the text itself while the shown form is
    untouched, so a stored control character is kept, and a pasted one is refused on saving."""

    def __init__(self) -> None:
        super().__init__()
        self.sources: dict[str, str] = {}  # input id -> the text it shows (visibly)

    def shown(self, input_id: str, text: str) -> str:
        self.sources[input_id] = text
        return visible(text)

    def text(self, input_id: str) -> str:
        return restored(self.query_one(f"#{input_id}", Input).value, self.sources.get(input_id, ""))

    def on_input_changed(self, event: Input.Changed) -> None:
        value, input_id = event.value, event.input.id or ""
        if visible(value) != value:  # pasted or set with a control character: keep it, show it visibly
            self.sources[input_id] = value
            event.input.value = visible(value)


class EntryEditScreen(PlainInputs):
    """Edit an entry's English terms, domain, definition and note, or drop some renderings."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "save", "Save"),
                Binding("ctrl+r", "reload", "Reload", show=False)]

    def __init__(self, entry: Entry, revision: int):
        super().__init__()
        self.entry, self.revision = entry, revision
        self.typed = Typed()  # the editor's changes carried over a reload
        self.notice = ""
        self.stale = False

    # -- layout ----------------------------------------------------------------
    def compose(self) -> ComposeResult:
        entry, typed = self.entry, self.typed
        with Vertical(classes="dialog", id="edit-dialog"):
            yield Static(plain(f"Edit entry {entry.id} (revision {self.revision})"), classes="dialog-title",
                         id="edit-title")
            yield Static("Enter / ctrl+s: save    Tab: next field    space: tick    Esc: cancel, nothing changes",
                         classes="dialog-hint")
            with VerticalScroll(id="edit-fields"):
                yield Label("English terms (a term cannot be blank; tick to remove it)")
                for index, term in enumerate(entry.terms):
                    with Horizontal(classes="edit-term-row"):
                        yield Input(self.shown(f"edit-term-{index}", typed.terms.get(term.text, term.text)),
                                    id=f"edit-term-{index}", classes="edit-term")
                        yield Checkbox("remove", term.text in typed.removed_terms, id=f"edit-term-remove-{index}",
                                       compact=True)
                if entry.renderings:
                    yield Label("Renderings (tick to remove one)")
                for index, rendering in enumerate(entry.renderings):
                    label = plain(f"{rendering.lang}  {rendering.text}  [{rendering.status}]")
                    yield Checkbox(label, (rendering.lang, rendering.text) in typed.removed_renderings,
                                   id=f"edit-rendering-{index}", compact=True)
                for name in TEXT_FIELDS:
                    yield Label(name.capitalize())
                    yield Input(self.shown(f"edit-{name}", typed.texts.get(name, getattr(entry, name))),
                                id=f"edit-{name}")
            yield Static(plain(self.notice), id="edit-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", id="edit-save", variant="primary")
                yield Button("Reload", id="edit-reload", classes="" if self.stale else "hidden")
                yield Button("Cancel", id="edit-cancel")

    def on_mount(self) -> None:
        if self.entry.terms:
            self.query_one("#edit-term-0", Input).focus()

    # -- what the editor typed -------------------------------------------------------
    def read_typed(self) -> Typed:
        typed = Typed()
        for index, term in enumerate(self.entry.terms):
            if self.query_one(f"#edit-term-remove-{index}", Checkbox).value:
                typed.removed_terms.add(term.text)
            text = self.text(f"edit-term-{index}")
            if text != term.text:
                typed.terms[term.text] = text
        for index, rendering in enumerate(self.entry.renderings):
            if self.query_one(f"#edit-rendering-{index}", Checkbox).value:
                typed.removed_renderings.add((rendering.lang, rendering.text))
        for name in TEXT_FIELDS:
            text = self.text(f"edit-{name}")
            if text != getattr(self.entry, name):
                typed.texts[name] = text
        return typed

    def edit(self, typed: Typed) -> EntryEdit:
        replaced = {}
        for old, new in typed.terms.items():
            if old not in typed.removed_terms and " ".join(new.split()) != old:
                replaced[old] = new  # blank or with a control character: refused by the app layer
        texts = {name: text.strip() for name, text in typed.texts.items()}
        return EntryEdit(replace_terms=replaced, remove_terms=tuple(t.text for t in self.entry.terms
                                                                    if t.text in typed.removed_terms),
                         remove_renderings=tuple((r.lang, r.text) for r in self.entry.renderings
                                                 if (r.lang, r.text) in typed.removed_renderings),
                         definition=texts.get("definition"), note=texts.get("note"), domain=texts.get("domain"))

    # -- actions ---------------------------------------------------------------------
    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "edit-save":
            self.action_save()
        elif event.button.id == "edit-reload":
            await self.action_reload()
        else:
            self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def say(self, message: str) -> None:
        self.notice = one_line(message)
        self.query_one("#edit-error", Static).update(plain(self.notice))

    def action_save(self) -> None:
        workspace = self.workbench.workspace
        try:
            entry = edit_entry(workspace.workflow(), self.entry.id, self.edit(self.read_typed()), self.revision)
        except ChangedMeanwhile as changed:
            self.stale = True
            self.query_one("#edit-reload", Button).remove_class("hidden")
            self.say(f"{changed}; {STALE_HINT}")
            return
        except UserError as error:
            self.say(f"{error}; nothing was changed")
            return
        tell(self.app, f"Edited {entry.id}: now at revision {workspace.glossary.revision(entry.id)}")
        self.dismiss(True)

    async def action_reload(self) -> None:
        """Read the entry again; what the editor changed stays over the new version."""
        typed = self.read_typed()
        found = self.workbench.workspace.glossary.entry_and_revision(self.entry.id)
        if found is None:
            self.say(f"entry {self.entry.id} was removed meanwhile; nothing was changed (Esc closes)")
            return
        entry, revision = found
        terms = {t.text for t in entry.terms}
        renderings = {(r.lang, r.text) for r in entry.renderings}
        gone = [f"term {old!r} (yours: {text!r})" for old, text in typed.terms.items() if old not in terms]
        gone += [f"term {old!r} (removing it)" for old in typed.removed_terms - terms - set(typed.terms)]
        gone += [f"{lang} rendering {text!r} (removing it)" for lang, text in typed.removed_renderings - renderings]
        self.typed = Typed({old: text for old, text in typed.terms.items() if old in terms},
                           typed.removed_terms & terms, typed.removed_renderings & renderings, typed.texts)
        self.entry, self.revision, self.stale = entry, revision, False
        self.notice = (f"Reloaded revision {revision}; your changes are kept over it: check them and save again"
                       + (f". Not in the entry any more: {'; '.join(gone)}" if gone else ""))
        self.notice = one_line(self.notice)
        await self.recompose()

    def action_cancel(self) -> None:
        self.dismiss(False)


class RemoveEntryScreen(PlainInputs):
    """Confirm removing an entry, with the reason the history records; Escape keeps it."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+r", "reload", "Reload", show=False)]

    def __init__(self, entry: Entry, revision: int):
        super().__init__()
        self.entry, self.revision = entry, revision

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="remove-dialog"):
            yield Static(self.question(), classes="dialog-title", id="remove-title")
            yield Static(self.summary(), id="remove-summary")
            yield Static("Enter: remove    Esc: cancel, nothing changes", classes="dialog-hint")
            yield Label("Why does it go? (kept in the entry's history, which stays)")
            yield Input(placeholder="reason", id="remove-reason")
            yield Static("", id="remove-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Remove", id="remove-confirm", variant="error")
                yield Button("Reload", id="remove-reload", classes="hidden")
                yield Button("Cancel", id="remove-cancel")

    def question(self) -> Text:
        return plain(f"Remove entry {self.entry.id} (revision {self.revision}) from the glossary?")

    def summary(self) -> Text:
        lines = ["English: " + ", ".join(t.text for t in self.entry.terms)]
        lines += [f"  {r.lang}  {r.text}  [{r.status}]" for r in self.entry.renderings]
        return plain("\n".join(lines))

    def on_mount(self) -> None:
        self.query_one("#remove-reason", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        {"remove-confirm": self.action_confirm, "remove-reload": self.action_reload}.get(
            event.button.id or "", self.action_cancel)()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_confirm()

    def say(self, message: str) -> None:
        self.query_one("#remove-error", Static).update(plain(one_line(message)))

    def action_confirm(self) -> None:
        reason = self.text("remove-reason").strip()
        if not reason:
            self.say("A reason is required (it is kept in the history); Escape cancels")
            return
        try:
            remove(self.workbench.workspace.workflow(), self.entry.id, reason, self.revision)
        except ChangedMeanwhile as changed:
            self.query_one("#remove-reload", Button).remove_class("hidden")
            self.say(f"{changed}; your reason is kept; Reload (ctrl+r) shows the entry as it is now")
            return
        except UserError as error:
            self.say(f"{error}; nothing was changed")
            return
        tell(self.app, f"Removed {self.entry.id} (its history is kept)")
        self.dismiss(True)

    def action_reload(self) -> None:
        found = self.workbench.workspace.glossary.entry_and_revision(self.entry.id)
        if found is None:
            self.say(f"entry {self.entry.id} was removed meanwhile; nothing was changed (Esc closes)")
            return
        self.entry, self.revision = found
        self.query_one("#remove-title", Static).update(self.question())
        self.query_one("#remove-summary", Static).update(self.summary())
        self.query_one("#remove-reload", Button).add_class("hidden")
        self.say(f"Reloaded revision {self.revision}; confirm again to remove it")

    def action_cancel(self) -> None:
        self.dismiss(False)
