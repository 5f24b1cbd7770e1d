"""Pieces of the article screen that hold no state: its messages, marks, text helpers and write guard."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from textual.message import Message
from textual.widget import Widget

from workbench.lang.languages import desk_languages, language

if TYPE_CHECKING:
    from workbench.app.editing import ArticleView
    from workbench.storage.store import ArticleRow, Store

    # editing.accept_mt, toggle_translated, convert_to_unicode: (store, view, segment id, author) -> saved or None
    SegmentOperation = Callable[[Store, ArticleView, str, str], object]

T = TypeVar("T")

STATUS_MARKS = {"": " ", "draft": "✎", "translated": "✓"}
ZAWGYI_HINT = " — press F8 to convert it to Unicode"


class MtProgress(Message):
    def __init__(self, lang: str, done: int, total: int, segment_id: str, text: str):
        super().__init__()
        self.lang, self.done, self.total, self.segment_id, self.text = lang, done, total, segment_id, text


class MtFinished(Message):
    def __init__(self, lang: str, summary: str):
        super().__init__()
        self.lang, self.summary = lang, summary


def article_heading(article: ArticleRow, locale: str) -> str:
    from workbench.lang.locale_format import format_date

    parts = [f"[b]{escape_markup(article.title)}[/b]"]
    if article.published:
        parts.append(format_date(article.published, locale, "long"))
    if article.source:
        parts.append(escape_markup(article.source))
    return "  ·  ".join(parts)


def saving(widget: Widget, write: Callable[[], T]) -> T | None:
    """Run a database write; if the database refuses it, say so and keep the text on screen."""
    from workbench.app.errors import database_refused

    try:
        return write()
    except Exception as error:  # only a refused database write is reported here
        message = database_refused(error)
        if message is None:
            raise
        widget.notify(f"Not saved: {message}. Your text is still in the editor; the next change saves it again.",
                      severity="error", timeout=10, markup=False)
        return None


def language_options(current: str) -> list[tuple[str, str]]:
    languages = desk_languages()
    if current not in {lang.code for lang in languages}:
        languages.insert(0, language(current))
    return [(lang.label, lang.code) for lang in languages]


def escape_markup(text: str) -> str:
    from rich.markup import escape

    return escape(text)
