"""The translator's operations on segments, shared by the TUI and tests (no UI here)."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.mt.engine import ModelInfo, TranslationEngine
from workbench.myanmar.encoding import UNICODE, UNSURE, Conversion, Encoding, classify, to_unicode
from workbench.mt.service import stored_mt_results
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
    `unsure` when the text may be Zawgyi but is too short to tell (saved as typed)."""

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
            return f"This may be Zawgyi (Zawgyi probability {self.unsure.probability:.2f}); too short to be sure."
        return ""


def save_edit(store: Store, view: ArticleView, segment_id: str, text: str, author: str,
              converter: str | None = None) -> EditResult | None:
    """Commit the translator's text for a segment; None when nothing changed.

    Zawgyi is converted to Unicode before saving (the whole text, or a pasted part of it);
    text that may be Zawgyi but is too short to tell is saved as typed and flagged `unsure`.
    """
    segment = view.find(segment_id)
    if text == segment.translation:
        return None
    text, conversion, unsure = unicode_edit(segment.translation, text, converter)
    if text == segment.translation:
        return None
    status = segment.status or "draft"
    row = store.save_translation(view.article_id, segment_id, view.target_lang, text, status, author)
    segment.translation, segment.status = row.text, row.status
    return EditResult(row, row.text, conversion, unsure)


def unicode_edit(before: str, after: str, converter: str | None = None) -> tuple[str, Conversion | None, Encoding | None]:
    """`after` with Zawgyi converted: (text, the conversion if any, the unsure verdict if any).

    The part that changed since `before` is checked first (a sentence pasted into a Unicode
    translation is converted alone, the Unicode around it left as it is). The whole text is
    converted only when `before` was not already Burmese Unicode: converting a mix would
    break the Unicode part, so a mix is flagged instead.
    """
    start, end = _changed_part(before, after)
    if 0 < end - start < len(after):
        part = classify(after[start:end], converter)
        if part.is_zawgyi:
            conversion = to_unicode(after[start:end], converter)
            return after[:start] + conversion.text + after[end:], conversion, None
    whole = classify(after, converter)
    earlier = classify(before, converter)
    if whole.is_zawgyi and not (earlier.outcome == UNICODE and earlier.myanmar_letters):
        conversion = to_unicode(after, converter)
        return conversion.text, conversion, None
    if whole.is_zawgyi:  # Zawgyi typed into a Unicode translation: ask, never guess which part
        whole = Encoding(UNSURE, whole.probability, whole.myanmar_letters)
    return after, None, whole if whole.is_unsure else None


def _changed_part(before: str, after: str) -> tuple[int, int]:
    """The span of `after` that is not a common prefix or suffix with `before`."""
    start = 0
    limit = min(len(before), len(after))
    while start < limit and before[start] == after[start]:
        start += 1
    suffix = 0
    while suffix < limit - start and before[-1 - suffix] == after[-1 - suffix]:
        suffix += 1
    return start, len(after) - suffix


def convert_to_unicode(store: Store, view: ArticleView, segment_id: str, author: str,
                       converter: str | None = None) -> EditResult | None:
    """Convert a segment's translation from Zawgyi on the translator's word (for unsure text)."""
    segment = view.find(segment_id)
    conversion = to_unicode(segment.translation, converter)
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
