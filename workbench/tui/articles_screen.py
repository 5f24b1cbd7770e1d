"""The article list: title, date, source, segments, words and how much is translated.

Words and "% done" (words of confirmed segments, in the app's target language) are counted
in a worker (workbench.app.progress) and filled in when ready: the list paints first. Back from
an article, the worker recounts only the articles whose translations were written since the
last count (by anyone: the translation history says which) and the list updates only the rows
that changed; a new or removed article redraws it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from rich.text import Text

    from workbench.storage.store import ArticleRow

DATE_WIDTH = 13  # "Mar 24, 2022", "24 mars 2022", "၂၀၂၂ မတ် ၂၄"
SOURCE_WIDTH = 14  # "The Irrawaddy"; longer sources end in "…"


class ArticlesScreen(WorkbenchScreen[None]):
    @dataclass
    class ProgressReady(Message):
        """The list as stored and the progress of the articles counted (all, or those written since
        `since`), for one target language, current to the translation-history mark `marker`."""

        lang: str
        rows: list[ArticleRow]
        progress: dict[int, Progress]
        since: int | None
        marker: int

    BINDINGS = [
        Binding("enter", "open_article", "Open", show=True),
        Binding("e", "edit_metadata", "Edit details"),
        Binding("g", "app.glossary", "Glossary"),
        Binding("r", "app.qa_report", "QA report"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._shown: dict[int, ArticleRow] = {}  # the rows on screen, in their order
        self._counted: tuple[str, int] | None = None  # (language, history mark) the words and % shown are current to
        self._dates: dict[tuple[dt.date, str, str], str] = {}  # dates as the locale writes them (babel is slow)
        self._resumed = False  # the first ScreenResume is the screen's start: on_mount draws and counts

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(plain(f"Articles — Enter opens one, e edits its title, byline, source and date; "
                           f"Done: words translated into {self.workbench.target_lang}"), id="articles-help")
        yield DataTable(id="articles", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_articles(count=False)
        self.query_one("#articles", DataTable).focus()
        self.call_after_refresh(self._after_first_paint)

    def _after_first_paint(self) -> None:
        """The rows are on screen: count their words, and build the glossary matcher meanwhile."""
        self._count_changed()
        self.workbench.prepare_glossary()

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
        if self._resumed:
            self._count_changed()  # back from an article: only what changed is read again
        self._resumed = True

    def refresh_articles(self, count: bool = True) -> None:
        """Draw every row again (words and % as "…" until counted)."""
        table = self.query_one("#articles", DataTable)
        selected = table.cursor_row
        table.clear(columns=True)
        self._add_columns(table)
        self._shown = {row.id: row for row in self.workbench.workspace.store.list_articles()}
        self._counted = None
        for row in self._shown.values():
            table.add_row(*self._cells(row), "…", "…", key=str(row.id))
        if table.row_count:
            table.move_cursor(row=min(selected, table.row_count - 1))
        if count:
            self._count_changed()

    def _cells(self, row: ArticleRow) -> tuple[str, Text, Text, Text, str]:
        """The id, title, date, source and segment count cells of a row."""
        title_width = self.query_one("#articles", DataTable).columns[ColumnKey("title")].width
        title = _title_cell(visible(row.title), row.title_derived, title_width)  # cut what is shown
        return str(row.id), plain(title), plain(self._date(row.published, row.published_precision)), plain(row.source or "—"), str(row.segment_count)

    def _date(self, published: dt.date | None, precision: str) -> str:
        if published is None:
            return "—"
        locale = self.workbench.workspace.settings.ui_locale
        if (key := (published, locale, precision)) not in self._dates:
            self._dates[key] = format_date(published, locale, precision=precision)  # "Nov 2021" for a month
        return self._dates[key]

    def _count_changed(self) -> None:
        lang = self.workbench.target_lang
        since = self._counted[1] if self._counted is not None and self._counted[0] == lang else None
        self.count_words(lang, since, dict(self._shown))

    @work(thread=True, exclusive=True, exit_on_error=False, group="progress")
    def count_words(self, lang: str, since: int | None = None, shown: dict[int, ArticleRow] | None = None) -> None:
        """Runs in a thread: only posts a message, never touches widgets. Counts every article, or
        (`since` a history mark) those whose translations were written since and those whose row
        is not the one `shown` (new, or re-imported)."""
        from workbench.app.progress import article_progress, progress_of

        worker = get_current_worker()
        store = self.workbench.workspace.store
        marker = store.last_change()  # read first: what is written meanwhile is counted next time
        rows = store.list_articles()
        if since is None:  # every article: one read of every segment's status
            statuses = store.segment_statuses(lang)
            progress = {row.id: progress_of(statuses.get(row.id, ())) for row in rows}
        else:
            changed = store.articles_changed_since(since, lang)
            progress = {row.id: article_progress(store, row.id, lang) for row in rows
                        if row.id in changed or (shown or {}).get(row.id) != row}
        if not worker.is_cancelled:
            self.post_message(self.ProgressReady(lang, rows, progress, since, marker))

    def on_articles_screen_progress_ready(self, message: ProgressReady) -> None:
        if message.lang != self.workbench.target_lang:
            return
        since = self._counted[1] if self._counted is not None and self._counted[0] == message.lang else None
        if message.since != since:
            return  # counted for a list drawn again since: its own count is on its way
        if [row.id for row in message.rows] != list(self._shown):  # an article added or removed
            self.refresh_articles()
            return
        table = self.query_one("#articles", DataTable)
        for row in message.rows:
            if row != self._shown[row.id]:  # details corrected: that row's cells only
                self._shown[row.id] = row
                for column, cell in zip(("id", "title", "date", "source", "segments"), self._cells(row), strict=True):
                    table.update_cell(str(row.id), column, cell)
        for article_id, progress in message.progress.items():
            try:
                table.update_cell(str(article_id), "words", str(progress.words))
                table.update_cell(str(article_id), "done", f"{progress.percent}%")
            except CellDoesNotExist:
                pass  # cannot happen while the ids match; kept for safety
        self._counted = (message.lang, message.marker)

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
