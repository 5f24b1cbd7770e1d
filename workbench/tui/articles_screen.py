"""The article list: title, date, source, segments, words and how much is translated.

Words and "% done" (words of confirmed segments, in the app's target language) are counted
in a worker (workbench.app.progress) and filled in when ready: the list paints first.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Static
from textual.widgets.data_table import CellDoesNotExist, ColumnKey, RowKey
from textual.worker import get_current_worker

from workbench.app.progress import Progress
from workbench.lang.locale_format import format_date
from workbench.tui.plain import plain, visible
from workbench.tui.screens import WorkbenchScreen

DATE_WIDTH = 13  # "Mar 24, 2022", "24 mars 2022", "၂၀၂၂ မတ် ၂၄"
SOURCE_WIDTH = 14  # "The Irrawaddy"; longer sources end in "…"


class ArticlesScreen(WorkbenchScreen[None]):
    @dataclass
    class ProgressReady(Message):
        """Words and progress per article id, for one target language."""

        lang: str
        progress: dict[int, Progress]

    BINDINGS = [
        Binding("enter", "open_article", "Open", show=True),
        Binding("e", "edit_metadata", "Edit details"),
        Binding("g", "app.glossary", "Glossary"),
        Binding("r", "app.qa_report", "QA report"),
        Binding("q", "app.quit", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(plain(f"Articles — Enter opens one, e edits its title, byline, source and date; "
                           f"Done: words translated into {self.workbench.target_lang}"), id="articles-help")
        yield DataTable(id="articles", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_articles()
        self.query_one("#articles", DataTable).focus()

    def on_resize(self) -> None:
        self.refresh_articles()

    def _add_columns(self, table: DataTable) -> None:
        fixed = 4 + DATE_WIDTH + SOURCE_WIDTH + 4 + 5 + 4 + 7 * 2 + 2  # the other columns and their padding
        table.add_column("ID", key="id", width=4)
        table.add_column("Title", key="title", width=max(20, self.size.width - fixed))
        table.add_column("Date", key="date", width=DATE_WIDTH)
        table.add_column("Source", key="source", width=SOURCE_WIDTH)
        table.add_column("Segs", key="segments", width=4)
        table.add_column("Words", key="words", width=5)
        table.add_column("Done", key="done", width=4)  # % of the words translated into the app's language

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
            table.add_row(str(row.id), plain(title), plain(date), plain(row.source or "—"), str(row.segment_count),
                          "…", "…", key=str(row.id))
        if table.row_count:
            table.move_cursor(row=min(selected, table.row_count - 1))
        self.count_words(self.workbench.target_lang)

    @work(thread=True, exclusive=True, exit_on_error=False, group="progress")
    def count_words(self, lang: str) -> None:
        """Runs in a thread: only posts a message, never touches widgets."""
        from workbench.app.progress import articles_progress

        worker = get_current_worker()
        progress = articles_progress(self.workbench.workspace.store, lang)
        if not worker.is_cancelled:
            self.post_message(self.ProgressReady(lang, progress))

    def on_articles_screen_progress_ready(self, message: ProgressReady) -> None:
        if message.lang != self.workbench.target_lang:
            return
        table = self.query_one("#articles", DataTable)
        for article_id, progress in message.progress.items():
            try:
                table.update_cell(str(article_id), "words", str(progress.words))
                table.update_cell(str(article_id), "done", f"{progress.percent}%")
            except CellDoesNotExist:
                pass  # an article added since the list was drawn: the next refresh counts it

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
