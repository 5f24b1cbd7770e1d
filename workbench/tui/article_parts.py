"""Pieces of the article screen that hold no state: its messages, marks and text helpers."""

from __future__ import annotations

from textual.message import Message

from workbench.lang.languages import desk_languages, language

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


def article_heading(article, locale: str) -> str:
    from workbench.lang.locale_format import format_date

    parts = [f"[b]{escape_markup(article.title)}[/b]"]
    if article.published:
        parts.append(format_date(article.published, locale, "long"))
    if article.source:
        parts.append(escape_markup(article.source))
    return "  ·  ".join(parts)


def language_options(current: str) -> list[tuple[str, str]]:
    languages = desk_languages()
    if current not in {lang.code for lang in languages}:
        languages.insert(0, language(current))
    return [(lang.label, lang.code) for lang in languages]


def escape_markup(text: str) -> str:
    from rich.markup import escape

    return escape(text)
