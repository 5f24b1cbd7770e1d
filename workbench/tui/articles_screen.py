"""The article list: title, date, source, segments."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Static
from textual.widgets.data_table import ColumnKey, RowKey

from workbench.lang.locale_format import format_date
from workbench.tui.plain import plain, visible
from workbench.tui.screens import WorkbenchScreen

DATE_WIDTH = 13  # "Mar 24, 2022", "24 mars 2022", "၂၀၂၂ မတ် ၂၄"


class ArticlesScreen(WorkbenchScreen[None]):
    BINDINGS = [
        Binding("enter", "open_article", "Open", show=True),
        Binding("e", "edit_metadata", "Edit details"),
        Binding("g", "app.glossary", "Glossary"),
        Binding("r", "app.qa_report", "QA report"),
        Binding("q", "app.quit", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Articles — Enter opens one, e edits its title, byline, source and date", id="articles-help")
        yield DataTable(id="articles", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_articles()
        self.query_one("#articles", DataTable).focus()

    def on_resize(self) -> None:
        self.refresh_articles()

    def _add_columns(self, table: DataTable) -> None:
        fixed = 4 + DATE_WIDTH + 16 + 8 + 5 * 2 + 2  # the other columns and their padding
        table.add_column("ID", key="id", width=4)
        table.add_column("Title", key="title", width=max(20, self.size.width - fixed))
        table.add_column("Date", key="date", width=DATE_WIDTH)
        table.add_column("Source", key="source", width=16)
        table.add_column("Segments", key="segments", width=8)

    def on_screen_resume(self) -> None:
        self.refresh_articles()

    def refresh_articles(self) -> None:
        table = self.query_one("#articles", DataTable)
        selected = table.cursor_row
        table.clear(columns=True)
        self._add_columns(table)
        title_width = table.columns[ColumnKey("title")].width
        locale = self.workbench.workspace.settings.ui_locale
        for row in self.workbench.workspace.store.list_articles():
            title = _title_cell(visible(row.title), row.title_derived, title_width)  # cut what is shown
            date = format_date(row.published, locale) if row.published else "—"
            table.add_row(str(row.id), plain(title), plain(date), plain(row.source or "—"), str(row.segment_count), key=str(row.id))
        if table.row_count:
            table.move_cursor(row=min(selected, table.row_count - 1))

    def _selected_id(self) -> int | None:
        table = self.query_one("#articles", DataTable)
        if not table.row_count:
            return None
        return _article_id(table.coordinate_to_cell_key(table.cursor_coordinate).row_key)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        article_id = _article_id(event.row_key)
        if article_id is not None:
            self.workbench.open_article(article_id)

    def action_open_article(self) -> None:
        article_id = self._selected_id()
        if article_id is not None:
            self.workbench.open_article(article_id)

    def action_edit_metadata(self) -> None:
        from workbench.tui.metadata_screen import MetadataScreen

        article_id = self._selected_id()
        if article_id is not None:
            self.app.push_screen(MetadataScreen(article_id), lambda _saved: self.refresh_articles())


WORKING_MARK = " (working title)"


def _article_id(key: RowKey) -> int | None:
    """The article of a row: every row is added with its article id as the key."""
    return None if key.value is None else int(key.value)


def _title_cell(title: str, derived: bool, width: int) -> str:
    """Shorten a long title so that the working-title mark always stays visible."""
    if not derived:
        return title
    room = width - len(WORKING_MARK)
    if len(title) > room:
        title = title[: max(room - 1, 1)].rstrip() + "…"
    return title + WORKING_MARK
