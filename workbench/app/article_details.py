"""Correcting an article's details (title, byline, source, date), as the details dialog does.

The title and the byline are also segments of their own kind (translated, checked and
published like the body). A corrected title or byline replaces its segment's text; the article
gets the segment when it had none (a working title derived from the first sentence is not a
segment) and loses it when a byline is cleared. Segment ids are hashes of the text, so the
corrected segment has a new id: its translations (and their history) move to it, and a
translated one becomes a draft ("marked", the English changed), so that it is checked against
the new English before it is published. The body's segments and ids do not change.

The details and the segments are written in one transaction (`Store.save_article`, the path a
re-import takes); the drafts then in one batch per language, on the revisions read after it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from workbench.articles.segmentation import segment_ids
from workbench.errors import UserError
from workbench.storage.store import SegmentRow, Store
from workbench.storage.translation_languages import translated_languages
from workbench.storage.translation_records import StaleTranslation, TranslationChange

# Where a header line goes when the article has none of its kind yet: after the kinds listed.
_BEFORE = {"title": (), "byline": ("title", "standfirst")}
SOURCE_CHANGED = "the English {kind} was corrected in the article's details; check the translation"


@dataclass(frozen=True)
class Details:
    title: str
    byline: str | None
    source: str | None
    published: dt.date | None
    precision: str = "day"


@dataclass(frozen=True)
class DetailsSaved:
    segments: tuple[str, ...]  # the kinds of header segment whose text changed ("title", "byline")
    drafts: int  # translations of those segments set back to draft


def correct_details(store: Store, article_id: int, details: Details, author: str) -> DetailsSaved:
    """Save the details and the header segments they change; UserError (nothing saved) when unusable."""
    article = store.get_article(article_id)
    if article is None:
        raise UserError(f"no article with id {article_id}; see `workbench articles`")
    if not details.title.strip():
        raise UserError("an article title cannot be empty; type a title")
    texts: dict[str, str | None] = {}
    if details.title != article.title:  # an unchanged working title is not made a segment
        texts["title"] = details.title
    if (details.byline or "") != (article.byline or ""):
        texts["byline"] = details.byline or None
    corrected, renames, changed = corrected_segments(store.segments(article_id), texts)
    fields = {"origin": article.origin, "title": details.title,
              "title_derived": article.title_derived and details.title == article.title, "byline": details.byline,
              "source": details.source, "published": details.published, "published_precision": details.precision,
              "source_lang": article.source_lang}
    store.save_article(fields, corrected, lambda _stored: renames)
    kinds = {row.segment_id: row.kind for row in corrected if row.segment_id in changed}
    return DetailsSaved(tuple(kinds.values()), _mark_drafts(store, article_id, kinds, author))


def corrected_segments(rows: list[SegmentRow], texts: dict[str, str | None]) -> tuple[list[SegmentRow], dict[str, str], set[str]]:
    """The article's segments with the header lines of `texts` ({kind: new text, None: removed})
    replaced, added or removed; {old id: new id} of every moved segment; the ids whose text changed."""
    lines: list[list] = [[row.kind, row.text, row.paragraph_index, row.segment_id] for row in rows]
    changed_lines: list[list] = []
    for kind, text in texts.items():
        text = " ".join((text or "").split())
        line = next((line for line in lines if line[0] == kind), None)
        if line is None and text:
            at = max((i + 1 for i, other in enumerate(lines) if other[0] in _BEFORE[kind]), default=0)
            line = [kind, text, -1, None]
            lines.insert(at, line)
            changed_lines.append(line)
        elif line is not None and not text:
            lines.remove(line)
        elif line is not None and line[1] != text:
            line[1] = text
            changed_lines.append(line)
    header = [line for line in lines if line[2] < 0]
    for index, line in enumerate(header):
        line[2] = index - len(header)  # header lines are paragraphs -n … -1, as at import
    ids = segment_ids([line[1] for line in lines])
    renames = {line[3]: new for line, new in zip(lines, ids, strict=True) if line[3] is not None and line[3] != new}
    corrected = [SegmentRow(segment_id, position, line[2], line[1], line[0])
                 for position, (line, segment_id) in enumerate(zip(lines, ids, strict=True))]
    changed = {segment_id for line, segment_id in zip(lines, ids, strict=True)
               if any(line is other for other in changed_lines)}
    return corrected, renames, changed


def _mark_drafts(store: Store, article_id: int, kinds: dict[str, str], author: str) -> int:
    """Set the translations of the corrected segments ({id: kind}) back to draft; how many."""
    drafts = 0
    for lang in translated_languages(store.engine, article_id, kinds) if kinds else ():
        current = store.translations(article_id, lang)
        changes = [TranslationChange(segment_id, row.text, "draft", row.revision, "marked",
                                     SOURCE_CHANGED.format(kind=kinds[segment_id]))
                   for segment_id, row in current.items()
                   if segment_id in kinds and row.status != "draft" and row.text.strip()]
        if not changes:
            continue
        try:
            store.save_translations(article_id, lang, changes, author)
        except StaleTranslation:
            continue  # changed by someone meanwhile: theirs stands, and is checked as it is
        drafts += len(changes)
    return drafts
