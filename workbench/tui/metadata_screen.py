"""A dialog to correct an article's title, byline, source and date."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Button, Input, Label, Static

from workbench.errors import UserError
from workbench.tui.screens import WorkbenchModalScreen


class MetadataScreen(WorkbenchModalScreen[bool]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, article_id: int):
        super().__init__()
        self.article_id = article_id

    def compose(self) -> ComposeResult:
        article = self.workbench.workspace.article(self.article_id)
        with Vertical(id="metadata-dialog"):
            yield Static(f"Article {article.id} details", classes="dialog-title")
            yield Label("Title")
            yield Input(article.title, id="meta-title")
            yield Label("Byline")
            yield Input(article.byline or "", id="meta-byline")
            yield Label("Source")
            yield Input(article.source or "", id="meta-source")
            yield Label("Date (YYYY-MM-DD)")
            yield Input(article.published.isoformat() if article.published else "", id="meta-date")
            yield Static("", id="meta-error")
            yield Button("Save", id="meta-save", variant="primary")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.save()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.save()

    def save(self) -> None:
        values = {name: self.query_one(f"#meta-{name}", Input).value.strip() for name in ("title", "byline", "source", "date")}
        try:
            published = dt.date.fromisoformat(values["date"]) if values["date"] else None
        except ValueError:
            self.query_one("#meta-error", Static).update(f"Date {values['date']!r} is not YYYY-MM-DD; nothing was saved")
            return
        try:
            self.workbench.workspace.store.update_article(
                self.article_id, title=values["title"], byline=values["byline"] or None,
                source=values["source"] or None, published=published,
            )
        except UserError as error:
            self.query_one("#meta-error", Static).update(f"{error}; nothing was saved")
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
