"""The project-wide QA report: every issue, grouped by check and article."""

from __future__ import annotations

from collections import Counter

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Static

from workbench.tui.article_screen import ArticleScreen
from workbench.tui.plain import plain
from workbench.tui.screens import WorkbenchScreen


class QaReady(Message):
    def __init__(self, issues: list, numbers: dict):
        super().__init__()
        self.issues, self.numbers = issues, numbers


class QAReportScreen(WorkbenchScreen[None]):
    BINDINGS = [Binding("escape", "back", "Back"), Binding("enter", "open_issue", "Open segment")]

    def __init__(self, lang: str):
        super().__init__()
        self.lang = lang
        self.rows: list[tuple[int, int]] = []  # (article id, segment number) per table row

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(plain(f"Checking every article in {self.lang}…"), id="qa-summary")
        yield DataTable(id="qa-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#qa-table", DataTable)
        for label, key, width in (("Check", "check", 18), ("Severity", "severity", 8), ("Article", "article", 7),
                                  ("Seg", "segment", 4), ("Message", "message", None)):
            table.add_column(label, key=key, width=width)
        self.run_checks()

    @work(thread=True, exclusive=True, exit_on_error=False, group="qa")
    def run_checks(self) -> None:
        """A whole-project check reads every translation: done off the UI thread."""
        from workbench.app.checking import check_project

        workspace = self.workbench.workspace
        issues = check_project(workspace, self.lang)
        numbers = {}
        for article in workspace.store.list_articles():
            for number, segment in enumerate(workspace.store.segments(article.id), start=1):
                numbers[(article.id, segment.segment_id)] = number
        self.post_message(QaReady(issues, numbers))

    def on_qa_ready(self, message: QaReady) -> None:
        table = self.query_one("#qa-table", DataTable)
        ordered = sorted(message.issues, key=lambda i: (i.check_id, i.article_id, message.numbers[(i.article_id, i.segment_id)]))
        self.rows = []
        for issue in ordered:
            number = message.numbers[(issue.article_id, issue.segment_id)]
            self.rows.append((issue.article_id, number))
            table.add_row(plain(issue.check_id), issue.severity, str(issue.article_id), str(number), plain(issue.message))
        counts = Counter(issue.check_id for issue in message.issues)
        errors = sum(1 for issue in message.issues if issue.severity == "error")
        summary = ", ".join(f"{check} {count}" for check, count in sorted(counts.items())) or "no issues"
        self.query_one("#qa-summary", Static).update(plain(f"{len(message.issues)} issues ({errors} errors) in {self.lang}: {summary}"))
        table.focus()

    def action_open_issue(self) -> None:
        table = self.query_one("#qa-table", DataTable)
        if not self.rows:
            return
        article_id, number = self.rows[table.cursor_row]
        below = self.app.screen_stack[-2] if len(self.app.screen_stack) > 1 else None
        if isinstance(below, ArticleScreen) and below.article_id == article_id and below.view is not None:
            # The article this report was opened from: back to it (one Esc less to the list).
            self.app.pop_screen()
            below.show_segment(min(number, len(below.view.segments)) - 1)
        else:
            self.workbench.open_article(article_id, start_row=number - 1)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open_issue()

    def action_back(self) -> None:
        self.app.pop_screen()
