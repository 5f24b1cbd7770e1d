"""The finished article: the saved translations assembled for publication (CLI `publish`, later the TUI).

`publish_article` refuses (nothing written, `PublishResult.refused`) while any segment is not
translated or has an error-level QA issue, listing them in `missing`; with `draft=True` it
writes the article anyway, every untranslated segment shown as its marked English source. The
headline, standfirst, byline and outlet lines are the header segments' translations; the date
is written by Babel for the target language (Myanmar digits for Burmese); paragraphs are the
source's, their sentences joined as the language writes them (no space in Burmese).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.app.checking import TRANSLATED, NotReady, readiness
from workbench.formats.article_output import FORMATS, FinishedArticle, Line, Piece, render
from workbench.lang.inline_codes import without_codes

if TYPE_CHECKING:
    from workbench.app.workspace import Workspace
    from workbench.storage.store import ArticleRow, SegmentRow


@dataclass(frozen=True)
class PublishResult:
    article_id: int
    lang: str
    format: str
    text: str  # the finished article ("" when refused)
    path: Path | None  # where it was written; None when printed or refused
    missing: tuple[NotReady, ...]  # segments not translated or with errors (in a draft: marked or kept)
    draft: bool

    @property
    def refused(self) -> bool:
        return bool(self.missing) and not self.draft


def publish_article(workspace: Workspace, article_ref: int | str, lang: str, format_name: str = "txt",
                    out: Path | None = None, draft: bool = False) -> PublishResult:
    """Assemble the article in `lang`; write it to `out` (atomically) unless refused; see the module doc."""
    from workbench.files import write_atomically
    from workbench.lang.languages import language

    if format_name not in FORMATS:
        raise ValueError(f"unknown format {format_name!r}")
    lang = language(lang).code
    article = workspace.article(article_ref)
    issues = workspace.check(lang, [article.id])
    missing = readiness(workspace, [article.id], lang, issues, TRANSLATED)[0].not_ready
    if missing and not draft:
        return PublishResult(article.id, lang, format_name, "", None, missing, draft)
    text = render(finished_article(workspace, article, lang, missing), format_name)
    if out is not None:
        write_atomically(Path(out), text.encode("utf-8"))
    return PublishResult(article.id, lang, format_name, text, None if out is None else Path(out), missing, draft)


def finished_article(workspace: Workspace, article: ArticleRow, lang: str,
                     missing: tuple[NotReady, ...] = ()) -> FinishedArticle:
    """The article's parts in `lang`; a segment in `missing` without text shows its source, marked."""
    from workbench.lang.languages import language

    saved = workspace.store.translations(article.id, lang)
    untranslated = {item.segment.segment_id: item.number for item in missing if "not translated" in item.reasons}
    by_kind: dict[str, list[tuple[SegmentRow, Piece]]] = {}
    for segment in workspace.store.segments(article.id):
        row = saved.get(segment.segment_id)
        number = untranslated.get(segment.segment_id, 0)
        # Inline codes of an article from another tool's file are that file's formatting, not text.
        piece = Piece(without_codes(segment.text if number or row is None else row.text), number)
        by_kind.setdefault(segment.kind, []).append((segment, piece))
    paragraphs: dict[int, list[Piece]] = {}
    for segment, piece in by_kind.get("body", []):
        paragraphs.setdefault(segment.paragraph_index, []).append(piece)
    credits = [(segment.position, (piece,)) for kind in ("byline", "source") for segment, piece in by_kind.get(kind, [])]
    return FinishedArticle(
        lang=lang, source_lang=article.source_lang, joiner=" " if language(lang).spaced else "",
        headline=_line(by_kind, "title"), standfirst=_line(by_kind, "standfirst"),
        credits=tuple(line for _, line in sorted(credits, key=lambda item: item[0])),
        date_text=article_date(article.published, article.published_precision, lang),
        date_iso=_iso(article.published, article.published_precision),
        dateline=_line(by_kind, "dateline"),
        paragraphs=tuple(tuple(pieces) for _, pieces in sorted(paragraphs.items())),
    )


def _line(by_kind: dict[str, list[tuple[SegmentRow, Piece]]], kind: str) -> Line:
    return tuple(piece for _, piece in by_kind.get(kind, []))


def article_date(value: dt.date | None, precision: str, lang: str) -> str | None:
    """The date as the language writes it (Babel, CLDR; native digits): "2022 မတ် ၂၅", "November 2021"."""
    from babel import UnknownLocaleError

    from workbench.lang.locale_format import format_date

    if value is None:
        return None
    try:
        return format_date(value, lang.replace("-", "_"), "long", precision)
    except (UnknownLocaleError, ValueError):
        return value.isoformat() if precision != "month" else value.strftime("%Y-%m")


def _iso(value: dt.date | None, precision: str) -> str | None:
    if value is None:
        return None
    return value.strftime("%Y-%m") if precision == "month" else value.isoformat()
