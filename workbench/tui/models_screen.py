"""The installed MT models (Argos packages) and the commands that add one, or the MT server's
languages when WORKBENCH_MT_SERVER sends the text to a LibreTranslate server."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Static

from workbench.tui.plain import plain
from workbench.tui.screens import WorkbenchScreen

COLUMNS = (("Name", "name"), ("Pair", "pair"), ("Languages", "languages"), ("Version", "version"),
           ("Size", "size"), ("Prefixes", "prefixes"), ("Licence", "licence"))
SERVER_COLUMNS = (("Source", "code"), ("Targets", "targets"), ("Language", "name"))


class ModelsScreen(WorkbenchScreen[None]):
    BINDINGS = [Binding("escape", "back", "Back")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="models-summary")
        yield DataTable(id="models-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="models-help")
        yield Footer()

    def on_mount(self) -> None:
        if self.workbench.workspace.settings.mt_server:
            self._show_server()
        else:
            self._show_packages()

    def _show_server(self) -> None:
        from workbench.app.mt_engines import server_listing
        from workbench.errors import UserError

        workspace = self.workbench.workspace
        table = self.query_one("#models-table", DataTable)
        for label, key in SERVER_COLUMNS:
            table.add_column(label, key=key)
        try:
            listing = server_listing(workspace.engine)
        except UserError as error:
            summary, languages = f"{error}", []
        else:
            languages = listing.languages if listing is not None else []
            summary = listing.notice if listing is not None else ""
        for language in languages:
            table.add_row(plain(language.code), plain(", ".join(language.targets) or "-"), plain(language.name),
                          key=language.code)
        self.query_one("#models-summary", Static).update(plain(summary))
        self.query_one("#models-help", Static).update(plain(
            "To translate with this machine's models instead, start the workbench without WORKBENCH_MT_SERVER."))
        table.display = bool(languages)
        table.focus()

    def _show_packages(self) -> None:
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
