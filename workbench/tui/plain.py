"""Data shown as plain text: never parsed as markup, its control characters made visible.

Article text, glossaries, PO/TBX/CSV files, model metadata and what users type may hold
Rich/Textual markup (``[b]``, ``[/]``, ``[@click=app.quit]``) or terminal escape sequences
(OSC 0 retitles the window, CSI clears the screen). Every widget shows such text through
``plain`` (a ``rich.text.Text`` with the controls made visible); markup the TUI adds itself
is a style on a Text segment, never a tag around data. ``visible`` is the workbench's one
rendering of control characters (``workbench.safe_text``), shared with the command line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text

from workbench.safe_text import visible

if TYPE_CHECKING:
    from textual.app import App
    from textual.widget import Widget


def plain(text: str, style: str = "") -> Text:
    """``text`` as a Text to show: never read as markup, its controls visible."""
    return Text(visible(text), style=style)


def tell(node: Widget | App, message: str, **options: Any) -> None:
    """A notification that may hold data: shown exactly, never parsed as markup."""
    node.notify(visible(message), markup=False, **options)


def restored(shown: str, original: str) -> str:
    """What an input holds: ``original`` when the field shows it untouched (its controls made
    visible), so saving a dialog keeps the data as it was; else what the user typed."""
    return original if shown == visible(original) else shown


__all__ = ["plain", "restored", "tell", "visible"]
