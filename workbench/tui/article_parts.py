"""Pieces of the article screen that hold no state: its messages, marks, text helpers and write guard."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeVar

from rich.text import Text
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from workbench.lang.languages import desk_languages, language
from workbench.tui.plain import plain, tell, visible

if TYPE_CHECKING:
    from workbench.glossary.hits import Hit
    from workbench.qa.base import Issue
    from workbench.storage.store import ArticleRow

T = TypeVar("T")

STATUS_MARKS = {"": " ", "draft": "✎", "translated": "✓"}
# What the detail pane says a header segment is (body sentences say nothing).
KIND_LABELS = {"title": "headline", "standfirst": "standfirst", "byline": "byline", "source": "outlet",
               "dateline": "dateline"}
ZAWGYI_HINT = " — press F8 to convert it to Unicode"


class MtProgress(Message):
    def __init__(self, lang: str, done: int, total: int, segment_id: str, text: str):
        super().__init__()
        self.lang, self.done, self.total, self.segment_id, self.text = lang, done, total, segment_id, text


class MtFinished(Message):
    def __init__(self, lang: str, summary: str):
        super().__init__()
        self.lang, self.summary = lang, summary


def article_heading(article: ArticleRow, locale: str) -> Text:
    from workbench.lang.locale_format import format_date

    parts = [plain(article.title, "bold")]
    if article.published:
        parts.append(plain(format_date(article.published, locale, "long", article.published_precision)))
    if article.source:
        parts.append(plain(article.source))
    return Text("  ·  ").join(parts)


def show_text(widget: Static, text: Text) -> None:
    """Show `text` in `widget` unless it shows that very text already: every update lays the
    whole screen out again, and a cursor move or a keystroke leaves most lines as they were."""
    shown = widget.content
    if not (isinstance(shown, Text) and (shown.plain, shown.style, shown.spans) == (text.plain, text.style, text.spans)):
        widget.update(text)


def labelled(label: str, text: str) -> Text:
    """"EN  <text>": a bold label the TUI adds, then the data as plain text."""
    return Text.assemble((label, "bold"), "  ", visible(text))


def mt_panel(mt: str, flags: Iterable[str]) -> Text:
    panel = labelled("MT", mt)
    for flag in flags:
        panel.append_text(Text.assemble("\n", ("⚠", "bold"), "   ", visible(flag)))
    return panel


def hits_panel(hits: Iterable[Hit]) -> Text:
    from workbench.glossary.hits import describe

    lines = [labelled("GL", describe(hit)) for hit in hits]
    return Text("\n").join(lines) if lines else labelled("GL", "no glossary terms in this segment")


ISSUE_MARKS = {"error": ("✗", "bold red"), "warning": ("!", "bold yellow")}


def issues_panel(issues: list[Issue], typed_zawgyi: bool = False) -> Text:
    """The QA lines under a segment; ``typed_zawgyi``: what was just typed may be Zawgyi."""
    lines = [Text.assemble(ISSUE_MARKS[issue.severity], "   ", f"{issue.check_id}: ", visible(issue.message),
                           ZAWGYI_HINT if issue.check_id == "zawgyi" else "")
             for issue in issues]
    if typed_zawgyi and not any(issue.check_id == "zawgyi" for issue in issues):
        # The whole text reads as Unicode; what was typed may not: say so until the next edit.
        lines.append(Text.assemble(ISSUE_MARKS["warning"], "   zawgyi: the text typed may be Zawgyi", ZAWGYI_HINT))
    return Text("\n").join(lines) if lines else Text.assemble(("✓", "bold green"), "   no QA issues")


def saving(widget: Widget, write: Callable[[], T]) -> T | None:
    """Run a database write; if the database refuses it, say so and keep the text on screen."""
    from workbench.app.errors import database_refused

    try:
        return write()
    except Exception as error:  # only a refused database write is reported here
        message = database_refused(error)
        if message is None:
            raise
        tell(widget, f"Not saved: {message}. Your text is still in the editor; the next change saves it again.",
             severity="error", timeout=10)
        return None


def language_options(current: str) -> list[tuple[Text, str]]:
    languages = desk_languages()
    if current not in {lang.code for lang in languages}:
        languages.insert(0, language(current))  # a code from the settings or a file: shown plainly too
    return [(plain(lang.label), lang.code) for lang in languages]
