"""Dialogs that keep the translator's work safe: confirm a replacement, settle a conflict, pick a version."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Static

from workbench.storage.translation_records import HistoryRow
from workbench.tui.plain import plain
from workbench.tui.screens import WorkbenchModalScreen

KEEP_MINE, KEEP_THEIRS, MERGE = "mine", "theirs", "merge"


class ConfirmScreen(WorkbenchModalScreen[bool]):
    """A yes/no question; `y` says yes, `n` or Escape no (and nothing changes)."""

    BINDINGS = [Binding("y", "answer(True)", "Yes"), Binding("n", "answer(False)", "No"),
                Binding("escape", "answer(False)", "No")]

    def __init__(self, question: str):
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain(self.question), classes="dialog-title")
            yield Static("y: yes    n / Esc: no, keep it as it is")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class ConflictScreen(WorkbenchModalScreen[str]):
    """Someone else saved this segment while it was on screen: both texts, side by side.

    Nothing is lost whichever key is pressed: the other text is in the history, and so is
    every text the translator saved before. ``mine_saved``: the translator's text is one they
    had saved (the other save came on top of it), not text still waiting to be saved. Keys
    that reach the editor while the dialog is up are added to ``mine`` (`update_mine`).
    """

    BINDINGS = [Binding("k", "choose('mine')", "Keep mine"), Binding("t", "choose('theirs')", "Keep theirs"),
                Binding("m", "choose('merge')", "Merge in the editor"), Binding("escape", "choose('theirs')", "Keep theirs")]

    def __init__(self, number: int, theirs: str, mine: str, mine_saved: bool = False):
        super().__init__()
        self.number, self.theirs, self.mine, self.mine_saved = number, theirs, mine, mine_saved

    def _mine_label(self) -> str:
        return "Yours (saved before theirs)" if self.mine_saved else "Yours (not saved yet)"

    def update_theirs(self, theirs: str) -> None:
        """What is saved now, when yet another save came while the dialog was up."""
        self.theirs = theirs
        if self.is_mounted:
            self.query_one("#conflict-theirs", Static).update(plain(theirs or "(empty)"))

    def update_mine(self, mine: str) -> None:
        """The translator's text as the editor holds it now (typed after the other save: not saved)."""
        if mine == self.mine:
            return
        self.mine, self.mine_saved = mine, False
        if self.is_mounted:
            self.query_one("#conflict-mine", Static).update(plain(mine or "(empty)"))
            self.query_one("#conflict-mine-label", Static).update(self._mine_label())

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="conflict-dialog"):
            yield Static(f"Segment {self.number} was changed by someone else while you were working on it.",
                         classes="dialog-title")
            with Horizontal(id="conflict-texts"):
                with Vertical(classes="conflict-side"):
                    yield Static("Theirs (saved)", classes="conflict-label")
                    yield Static(plain(self.theirs or "(empty)"), id="conflict-theirs")
                with Vertical(classes="conflict-side"):
                    yield Static(self._mine_label(), classes="conflict-label", id="conflict-mine-label")
                    yield Static(plain(self.mine or "(empty)"), id="conflict-mine")
            yield Static("k: keep yours    t / Esc: keep theirs    m: both into the editor to merge")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)


class HistoryScreen(WorkbenchModalScreen[int | None]):
    """Every version of the segment's translation; Enter makes the highlighted one current again."""

    BINDINGS = [Binding("escape", "close", "Close")]

    def __init__(self, number: int, versions: list[HistoryRow], locale: str):
        super().__init__()
        self.number, self.versions, self.locale = number, versions, locale

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="history-dialog"):
            yield Static(f"Segment {self.number}: every version (Enter restores one, Esc closes)",
                         classes="dialog-title")
            yield DataTable(id="history-table", cursor_type="row")

    def on_mount(self) -> None:
        from workbench.lang.locale_format import format_datetime

        table = self.query_one("#history-table", DataTable)
        for label, key in (("r", "revision"), ("when", "at"), ("who", "author"), ("how", "how"),
                           ("status", "status"), ("text", "text")):
            table.add_column(label, key=key)
        for row in reversed(self.versions):  # newest first: what one usually wants back is recent
            how = f"{row.how} ({row.detail})" if row.detail else row.how
            table.add_row(str(row.revision), format_datetime(row.at, self.locale, "short"), plain(row.author),
                          plain(how), row.status, plain(row.text or "(empty)"), key=str(row.revision))
        table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.dismiss(int(str(event.row_key.value)))

    def action_close(self) -> None:
        self.dismiss(None)
