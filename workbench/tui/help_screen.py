"""`?` / F1: every key of the current screen, read from the bindings themselves.

The list is built from the BINDINGS of the screen, of each of its widgets that has its own
(the article grid, the editor, the search bar…) and of the app, so it can never disagree with
what the keys do. Widgets' built-in keys (cursor movement, the editor's own editing keys) are
left out unless the workbench gave them a description.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Static

from workbench.tui.screens import WorkbenchModalScreen

PLACES = {"SegmentGrid": "Segment grid", "SegmentEditor": "Translation editor", "SearchBar": "Search bar"}


@dataclass(frozen=True)
class KeyHelp:
    place: str  # "Segment grid", "Screen", "Everywhere"
    keys: str  # "n", "ctrl+t", "f2"
    description: str


def _own_bindings(node: DOMNode) -> list[Binding]:
    """The bindings a workbench class declared (Textual's own classes are skipped)."""
    found: list[Binding] = []
    for cls in type(node).__mro__:
        if not cls.__module__.startswith("workbench."):
            continue
        for binding in cls.__dict__.get("BINDINGS", []):
            if isinstance(binding, Binding):
                found.append(binding)
    return found


def screen_keys(app: App, screen: Screen) -> list[KeyHelp]:
    """Every described key of `screen` and of the app, grouped by where it works."""
    groups: list[tuple[str, list[Binding]]] = [("Screen", _own_bindings(screen))]
    for widget in screen.walk_children():
        if (bindings := _own_bindings(widget)) and isinstance(widget, DOMNode):
            groups.append((PLACES.get(type(widget).__name__, type(widget).__name__), bindings))
    groups.append(("Everywhere", _own_bindings(app)))
    keys: list[KeyHelp] = []
    for place, bindings in groups:
        by_action: dict[str, list[str]] = {}
        described: dict[str, str] = {}
        for binding in bindings:
            if not binding.description:
                continue
            for key in binding.key.split(","):
                by_action.setdefault(binding.action, []).append(app.get_key_display(Binding(key.strip(), "")))
            described.setdefault(binding.action, binding.description + (f" — {binding.tooltip}" if binding.tooltip else ""))
        keys.extend(KeyHelp(place, " / ".join(dict.fromkeys(shown)), described[action])
                    for action, shown in by_action.items())
    return keys


def help_text(keys: list[KeyHelp]) -> Text:
    text = Text()
    place = ""
    for key in keys:
        if key.place != place:
            place = key.place
            text.append(("\n" if text else "") + place + "\n", "bold underline")
        text.append(f"  {key.keys:<16}", "bold")
        text.append(key.description + "\n")  # descriptions are the workbench's own words, still not markup
    return text


class HelpScreen(WorkbenchModalScreen[None]):
    """The keys of the screen below; Esc, `?`, F1 or q closes it."""

    BINDINGS = [Binding("escape,question_mark,f1,q", "close", "Close help")]

    def __init__(self, title: str, keys: list[KeyHelp]):
        super().__init__()
        self.title_text, self.keys = title, keys

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="help-dialog"):
            yield Static(Text(f"Keys — {self.title_text}"), classes="dialog-title")
            with VerticalScroll(id="help-keys"):
                yield Static(help_text(self.keys), id="help-list")
            yield Static("Esc, ? or F1: close    ctrl+p: every command", classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)
