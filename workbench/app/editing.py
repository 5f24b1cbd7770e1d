"""The translator's operations on segments, shared by the TUI and tests (no UI here)."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.app.translating import stored_mt_results
from workbench.mt.engine import ModelInfo, TranslationEngine
from workbench.myanmar.encoding import Conversion, Encoding
from workbench.myanmar.typing import convert_chunks, typed_edit
from workbench.storage.store import Store, TranslationRow


@dataclass
class SegmentView:
    """One row of the segment grid."""

    segment_id: str
    number: int
    paragraph_index: int
    source: str
    mt: str | None
    translation: str
    status: str  # "" (untouched) | draft | translated
    mt_flags: tuple[str, ...] = ()  # glossary placeholders the engine dropped or mangled


@dataclass
class ArticleView:
    article_id: int
    target_lang: str
    model: ModelInfo | None
    segments: list[SegmentView]

    def find(self, segment_id: str) -> SegmentView:
        return next(s for s in self.segments if s.segment_id == segment_id)

    @property
    def missing_mt(self) -> int:
        return sum(1 for s in self.segments if s.mt is None)


def article_view(store: Store, engine: TranslationEngine, article_id: int, target_lang: str,
                 index=None, digits: str = "native") -> ArticleView:
    """Everything stored for an article in one language: nothing is translated here."""
    model, mt = stored_mt_results(store, engine, article_id, target_lang, index, digits)
    done = store.translations(article_id, target_lang)
    rows = []
    for number, segment in enumerate(store.segments(article_id), start=1):
        saved = done.get(segment.segment_id)
        rows.append(SegmentView(
            segment_id=segment.segment_id,
            number=number,
            paragraph_index=segment.paragraph_index,
            source=segment.text,
            mt=mt[segment.segment_id].text if segment.segment_id in mt else None,
            mt_flags=mt[segment.segment_id].flags if segment.segment_id in mt else (),
            translation=saved.text if saved else "",
            status=saved.status if saved else "",
        ))
    return ArticleView(article_id, target_lang, model, rows)


@dataclass(frozen=True)
class EditResult:
    """A saved edit, and what the Zawgyi check did: `converted` when Zawgyi became Unicode,
    `unsure` when a chunk of the text is confidently Zawgyi (saved as typed, for the translator
    to convert with `convert_to_unicode`)."""

    row: TranslationRow
    text: str  # what was saved: differs from what was typed when it was converted
    converted: Conversion | None = None
    unsure: Encoding | None = None

    @property
    def notice(self) -> str:
        if self.converted:
            return (f"Converted Zawgyi to Unicode ({self.converted.converter}). The text was typed or pasted in "
                    "Zawgyi; switch the keyboard to Unicode.")
        if self.unsure:
            why = "too short to be sure" if self.unsure.is_unsure else "kept as typed until you convert it"
            return f"This may be Zawgyi (Zawgyi probability {self.unsure.probability:.2f}); {why}."
        return ""


def save_edit(store: Store, view: ArticleView, segment_id: str, text: str, author: str,
              converter: str | None = None) -> EditResult | None:
    """Commit the translator's text for a segment; None when nothing changed.

    A pasted Zawgyi part is converted to Unicode alone before saving. Text typed key by key is
    saved as typed and flagged `unsure` while a chunk of it is confidently Zawgyi
    (`convert_to_unicode`, F8, converts those chunks; see `workbench.myanmar.typing`).
    """
    segment = view.find(segment_id)
    if text == segment.translation:
        return None
    edit = typed_edit(segment.translation, text, converter)
    if edit.text == segment.translation:
        return None
    status = segment.status or "draft"
    row = store.save_translation(view.article_id, segment_id, view.target_lang, edit.text, status, author)
    segment.translation, segment.status = row.text, row.status
    return EditResult(row, row.text, edit.converted, edit.unsure)


def convert_to_unicode(store: Store, view: ArticleView, segment_id: str, author: str,
                       converter: str | None = None) -> EditResult | None:
    """Convert the Zawgyi chunks of a segment's translation on the translator's word (F8).

    Chunks that read as Unicode are left exactly as they are, so earlier Unicode work is never
    touched, whether or not the view was reloaded since it was typed.
    """
    segment = view.find(segment_id)
    conversion = convert_chunks(segment.translation, converter)
    if not conversion.changed:
        return None
    status = segment.status or "draft"
    row = store.save_translation(view.article_id, segment_id, view.target_lang, conversion.text, status, author)
    segment.translation, segment.status = row.text, row.status
    return EditResult(row, row.text, conversion)


def accept_mt(store: Store, view: ArticleView, segment_id: str, author: str) -> TranslationRow | None:
    """Copy the machine translation into the translation (as a draft to post-edit)."""
    segment = view.find(segment_id)
    if segment.mt is None:
        return None
    row = store.save_translation(view.article_id, segment_id, view.target_lang, segment.mt, "draft", author)
    segment.translation, segment.status = row.text, row.status
    return row


def toggle_translated(store: Store, view: ArticleView, segment_id: str, author: str) -> TranslationRow | None:
    """Mark a segment translated, or back to draft; an empty translation cannot be marked."""
    segment = view.find(segment_id)
    if not segment.translation.strip():
        return None
    status = "draft" if segment.status == "translated" else "translated"
    row = store.save_translation(view.article_id, segment_id, view.target_lang, segment.translation, status, author)
    segment.status = row.status
    return row
