"""The glossary: search and filter, entry detail with history, editors' decisions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Footer, Header, Input, Select, Static

from workbench.errors import UserError
from workbench.glossary.model import STATUSES, Entry
from workbench.lang.languages import desk_languages
from workbench.tui.plain import plain, tell, visible
from workbench.tui.screens import WorkbenchScreen

if TYPE_CHECKING:
    from workbench.storage.glossary_repository import HistoryEvent

PENDING = "pending"


class GlossaryScreen(WorkbenchScreen[None]):
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("A", "decide('approve')", "Approve"),
        Binding("R", "decide('reject')", "Reject"),
        Binding("F", "decide('forbid')", "Forbid"),
        Binding("D", "decide('deprecate')", "Deprecate"),
        Binding("e", "edit_entry", "Edit"),
        Binding("X", "remove_entry", "Remove"),
        Binding("slash", "search", "Search"),
    ]

    def __init__(self, status: str | None = None):
        super().__init__()
        self.rows: list[tuple[str, str, str]] = []  # (entry id, lang, rendering) per table row
        self.revisions: dict[str, int] = {}  # the revision each shown entry had when displayed
        self.initial_status = status

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="glossary-filters"):
            yield Input(placeholder="search terms and renderings (/)", id="gl-search")
            yield Select([(plain(lang.label), lang.code) for lang in desk_languages()], prompt="All languages", id="gl-lang")
            yield Select([("Pending review", PENDING)] + [(s, s) for s in STATUSES], prompt="All statuses",
                         id="gl-status", value=self.initial_status or Select.NULL)
        yield DataTable(id="gl-table", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="gl-detail"):
            yield Static("", id="gl-detail-text")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#gl-table", DataTable)
        for label, key, width in (("Entry", "entry", 24), ("English", "term", 30), ("Lang", "lang", 4),
                                  ("Rendering", "rendering", 36), ("Status", "status", 10)):
            table.add_column(label, key=key, width=width)
        self.reload()
        table.focus()

    # -- data ---------------------------------------------------------------
    def reload(self) -> None:
        table = self.query_one("#gl-table", DataTable)
        row = table.cursor_row
        table.clear()
        self.rows = []
        needle = self.query_one("#gl-search", Input).value.strip().casefold()
        lang = _selected(self.query_one("#gl-lang", Select))
        status = _selected(self.query_one("#gl-status", Select))
        status = "proposed" if status == PENDING else status
        for entry in self.workbench.workspace.glossary.entries():
            for rendering in entry.renderings or ():
                if (lang and rendering.lang != lang) or (status and rendering.status != status):
                    continue
                haystack = " ".join([entry.id, rendering.text, *(t.text for t in entry.terms)]).casefold()
                if needle and needle not in haystack:
                    continue
                self.rows.append((entry.id, rendering.lang, rendering.text))
                table.add_row(plain(entry.id), plain(entry.preferred), plain(rendering.lang), plain(rendering.text),
                              plain(rendering.status))
        if table.row_count:
            table.move_cursor(row=min(max(row, 0), table.row_count - 1))
        self.show_detail()
        self.workbench.refresh_pending()

    def selected(self) -> tuple[str, str, str] | None:
        table = self.query_one("#gl-table", DataTable)
        return self.rows[table.cursor_row] if self.rows else None

    def show_detail(self) -> None:
        detail = self.query_one("#gl-detail-text", Static)
        chosen = self.selected()
        if chosen is None:
            detail.update("No matching renderings.")
            return
        glossary = self.workbench.workspace.glossary
        entry = glossary.entry(chosen[0])
        revision = glossary.revision(chosen[0])
        if entry is None or revision is None:  # removed since the table was filled
            detail.update("This entry is no longer in the glossary.")
            return
        self.revisions[entry.id] = revision
        locale = self.workbench.workspace.settings.ui_locale
        detail.update(_detail_text(entry, glossary.history(entry.id), revision, locale))

    # -- events ---------------------------------------------------------------
    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.reload()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#gl-table", DataTable).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        self.reload()

    # -- actions ----------------------------------------------------------------
    def action_back(self) -> None:
        self.app.pop_screen()

    def action_search(self) -> None:
        self.query_one("#gl-search", Input).focus()

    def action_decide(self, decision: str) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        if not self.workbench.workspace.workflow().is_editor:
            tell(self, f"{self.workbench.workspace.settings.user} is a translator; only editors can {decision}", severity="error")
            return
        if decision == "approve":
            self._apply(decision, chosen, "")
            return
        from workbench.tui.dialogs import ReasonScreen

        def decided(reason: str | None) -> None:
            if reason is not None:  # None: the dialog was cancelled, nothing changes
                self._apply(decision, chosen, reason)

        question = f"Why {decision} {chosen[2]!r} ({chosen[1]}) for {chosen[0]}?"
        self.app.push_screen(ReasonScreen(question, required=decision == "reject"), decided)

    def action_edit_entry(self) -> None:
        self._repair("edit", "edit entries")

    def action_remove_entry(self) -> None:
        self._repair("remove", "remove entries")

    def _repair(self, how: str, what: str) -> None:
        """Open the edit or remove dialog on the selected entry as it is now (editors only)."""
        from workbench.tui.glossary_edit_dialogs import EntryEditScreen, RemoveEntryScreen

        chosen = self.selected()
        if chosen is None:
            return
        workspace = self.workbench.workspace
        if not workspace.workflow().is_editor:
            tell(self, f"{workspace.settings.user} is a translator; only an editor can {what} (nothing was changed)",
                 severity="error")
            return
        found = workspace.glossary.entry_and_revision(chosen[0])
        if found is None:
            tell(self, f"entry {chosen[0]} is no longer in the glossary", severity="error")
            self.reload()
            return
        dialog = EntryEditScreen(*found) if how == "edit" else RemoveEntryScreen(*found)
        self.app.push_screen(dialog, lambda _changed: self.reload())

    def _apply(self, decision: str, chosen: tuple[str, str, str], reason: str) -> None:
        entry_id, lang, text = chosen
        try:
            self.workbench.workspace.workflow().decide(decision, entry_id, lang, text, reason, self.revisions.get(entry_id))
        except UserError as error:
            tell(self, str(error), severity="error", timeout=10)
        self.reload()


def _selected(select: Select) -> str | None:
    return None if select.value in (Select.NULL, None) else str(select.value)


def _detail_text(entry: Entry, history: list[HistoryEvent], revision: int, locale: str) -> Text:
    from workbench.lang.locale_format import format_datetime

    heading = Text.assemble((visible(entry.id), "bold"), f"  revision {revision}  ", visible(entry.domain), "  ",
                            visible(entry.definition))
    lines = [heading, plain("English: " + ", ".join(t.text for t in entry.terms))]
    lines += [plain(f"  {r.lang}  {r.text}  [{r.status}]  {r.source or r.note}") for r in entry.renderings]
    lines.append(Text("History (oldest first):"))
    for event in history:
        what = f" {event.lang} {event.rendering or ''}" if event.rendering else ""
        why = f" — {event.reason}" if event.reason else ""
        lines.append(plain(f"  {format_datetime(event.at, locale, 'short')} {event.actor} {event.action}{what}{why}"))
    return Text("\n").join(lines)
