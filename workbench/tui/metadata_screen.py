"""A dialog to correct an article's title, byline, source and date."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Button, Input, Label, Static

from workbench.app.article_details import Details, correct_details
from workbench.errors import UserError
from workbench.tui.plain import plain, restored, visible
from workbench.tui.screens import WorkbenchModalScreen


def typed_date(value: dt.date | None, precision: str) -> str:
    """The date as the field shows it: "2022-03-25", or "2021-11" for a month-only date."""
    if value is None:
        return ""
    return value.strftime("%Y-%m") if precision == "month" else value.isoformat()


def parsed_date(text: str) -> tuple[dt.date | None, str]:
    """The field's date and its precision; ValueError when it is neither YYYY-MM-DD nor YYYY-MM."""
    if not text:
        return None, "day"
    if len(text) == 7 and text[4] == "-":
        return dt.date.fromisoformat(f"{text}-01"), "month"
    return dt.date.fromisoformat(text), "day"


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
            yield Input(visible(article.title), id="meta-title")
            yield Label("Byline")
            yield Input(visible(article.byline or ""), id="meta-byline")
            yield Label("Source")
            yield Input(visible(article.source or ""), id="meta-source")
            yield Label("Date (YYYY-MM-DD, or YYYY-MM when the article gives only the month)")
            yield Input(typed_date(article.published, article.published_precision), id="meta-date")
            yield Static("", id="meta-error")
            yield Button("Save", id="meta-save", variant="primary")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.save()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.save()

    def save(self) -> None:
        article = self.workbench.workspace.article(self.article_id)
        stored = {"title": article.title, "byline": article.byline or "", "source": article.source or "", "date": ""}
        values = {name: restored(self.query_one(f"#meta-{name}", Input).value, original).strip()
                  for name, original in stored.items()}
        try:
            published, precision = parsed_date(values["date"])
        except ValueError:
            self.query_one("#meta-error", Static).update(
                plain(f"Date {values['date']!r} is not YYYY-MM-DD or YYYY-MM; nothing was saved"))
            return
        workspace = self.workbench.workspace
        details = Details(values["title"], values["byline"] or None, values["source"] or None, published, precision)
        try:
            saved = correct_details(workspace.store, self.article_id, details, workspace.settings.user)
        except UserError as error:
            self.query_one("#meta-error", Static).update(plain(f"{error}; nothing was saved"))
            return
        if saved.segments:
            drafts = f"; {saved.drafts} translation{'s' if saved.drafts != 1 else ''} set to draft" if saved.drafts else ""
            self.notify(f"the {' and '.join(saved.segments)} segment{'s' if len(saved.segments) > 1 else ''} "
                        f"now read{'s' if len(saved.segments) == 1 else ''} as corrected{drafts}", markup=False)
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
