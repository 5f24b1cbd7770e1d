"""The installed MT models (Argos packages) and the commands that add one."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Static

from workbench.tui.plain import plain
from workbench.tui.screens import WorkbenchScreen

COLUMNS = (("Name", "name"), ("Pair", "pair"), ("Languages", "languages"), ("Version", "version"),
           ("Size", "size"), ("Prefixes", "prefixes"), ("Licence", "licence"))


class ModelsScreen(WorkbenchScreen[None]):
    BINDINGS = [Binding("escape", "back", "Back")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="models-summary")
        yield DataTable(id="models-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="models-help")
        yield Footer()

    def on_mount(self) -> None:
        from workbench.mt.packages import ADD_MODEL_COMMANDS, models_dir, package_rows

        data_dir = self.workbench.workspace.settings.data_dir
        rows = package_rows(data_dir)
        table = self.query_one("#models-table", DataTable)
        for label, key in COLUMNS:
            table.add_column(label, key=key)
        for row in rows:
            table.add_row(*(plain(getattr(row, key)) for _label, key in COLUMNS), key=row.name)
        folder = models_dir(data_dir)
        summary = (f"{len(rows)} model(s) installed in {folder}" if rows else
                   f"No models installed in {folder}: machine translation is off until you add one.")
        self.query_one("#models-summary", Static).update(plain(summary))
        commands = "\n".join(f"  {command}" for command in ADD_MODEL_COMMANDS)
        self.query_one("#models-help", Static).update(plain(f"Add a model from a terminal:\n{commands}"))
        table.display = bool(rows)
        table.focus()

    def action_back(self) -> None:
        self.app.pop_screen()
