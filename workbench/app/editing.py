"""The translator's operations on segments, shared by the TUI and tests (no UI here)."""

from __future__ import annotations

from dataclasses import dataclass, fields

from workbench.app.repetitions import Propagation, propagate
from workbench.app.translating import stored_mt_results
from workbench.mt.engine import ModelInfo, TranslationEngine
from workbench.myanmar.encoding import Conversion, Encoding
from workbench.myanmar.typing import convert_chunks, typed_edit
from workbench.storage.store import Store
from workbench.storage.translation_records import StaleTranslation, TranslationRow


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
    revision: int = 0  # of the stored translation this view shows (0: none yet); every write is based on it
    kind: str = "body"  # title, standfirst, byline, source, dateline or body (workbench.articles.headers)


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
            revision=saved.revision if saved else 0,
            kind=segment.kind,
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


@dataclass(frozen=True)
class ConfirmedRow(TranslationRow):
    """A saved write that confirmed the segment (status translated), with what it did to the
    article's repetitions of the sentence (None: it has none; see `workbench.app.repetitions`)."""

    propagation: Propagation | None = None


def _confirmed(store: Store, view: ArticleView, segment: SegmentView, row: TranslationRow, was: str,
               author: str) -> TranslationRow:
    """After a write: when it made the segment translated, fill its empty repetitions."""
    if row.status != "translated" or was == "translated":
        return row
    spread = propagate(store, view, segment, author)
    return ConfirmedRow(**{field.name: getattr(row, field.name) for field in fields(row)}, propagation=spread)


class ChangedElsewhere(Exception):
    """The segment was changed by someone else since this view read it; nothing was written.

    `theirs` is what is stored now (the view's segment has been refreshed to it); `mine` is the
    text this write would have saved, for the translator to keep, merge or drop.
    """

    def __init__(self, segment: SegmentView, mine: str):
        super().__init__(f"segment {segment.number} was changed elsewhere")
        self.segment, self.mine, self.theirs = segment, mine, segment.translation


class WouldReplaceOwnText(Exception):
    """Accepting MT would replace the translator's own text: ask first (`replace_own=True`)."""


def _write(store: Store, view: ArticleView, segment: SegmentView, text: str, status: str, author: str,
           how: str, detail: str = "") -> TranslationRow:
    """Save based on the revision the view shows; refresh the view either way."""
    try:
        row = store.save_translation(view.article_id, segment.segment_id, view.target_lang, text, status, author,
                                     expected_revision=segment.revision, how=how, detail=detail)
    except StaleTranslation:
        refresh_segment(store, view, segment)
        raise ChangedElsewhere(segment, text) from None
    segment.translation, segment.status, segment.revision = row.text, row.status, row.revision
    return row


def refresh_segment(store: Store, view: ArticleView, segment: SegmentView) -> bool:
    """Bring one segment of the view up to what is stored; True when it had changed."""
    row = store.translation(view.article_id, segment.segment_id, view.target_lang)
    stored = (row.text, row.status, row.revision) if row else ("", "", 0)
    if stored == (segment.translation, segment.status, segment.revision):
        return False
    segment.translation, segment.status, segment.revision = stored
    return True


def refresh_view(store: Store, view: ArticleView) -> list[SegmentView]:
    """Bring every segment of the view up to what is stored (one read); the segments that changed."""
    stored = store.translations(view.article_id, view.target_lang)
    changed = []
    for segment in view.segments:
        row = stored.get(segment.segment_id)
        now = (row.text, row.status, row.revision) if row else ("", "", 0)
        if now != (segment.translation, segment.status, segment.revision):
            segment.translation, segment.status, segment.revision = now
            changed.append(segment)
    return changed


def save_edit(store: Store, view: ArticleView, segment_id: str, text: str, author: str,
              converter: str | None = None, how: str = "typed") -> EditResult | None:
    """Commit the translator's text for a segment; None when nothing changed.

    A pasted Zawgyi part is converted to Unicode alone before saving. Text typed key by key is
    saved as typed and flagged `unsure` while a chunk of it is confidently Zawgyi
    (`convert_to_unicode`, F8, converts those chunks; see `workbench.myanmar.typing`).
    ChangedElsewhere when someone else changed the segment since the view read it.
    """
    segment = view.find(segment_id)
    if text == segment.translation:
        return None
    edit = typed_edit(segment.translation, text, converter)
    if edit.text == segment.translation:
        return None
    row = _write(store, view, segment, edit.text, segment.status or "draft", author, how)
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
    row = _write(store, view, segment, conversion.text, segment.status or "draft", author, "converted")
    return EditResult(row, row.text, conversion)


def accept_mt(store: Store, view: ArticleView, segment_id: str, author: str,
              replace_own: bool = False) -> TranslationRow | None:
    """Copy the machine translation into the translation (as a draft to post-edit).

    WouldReplaceOwnText when the segment holds text of the translator's own, unless `replace_own`.
    """
    segment = view.find(segment_id)
    if segment.mt is None or segment.translation == segment.mt:
        return None
    if segment.translation.strip() and not replace_own:
        raise WouldReplaceOwnText(segment.segment_id)
    return _write(store, view, segment, segment.mt, "draft", author, "mt")


def insert_match(store: Store, view: ArticleView, segment_id: str, text: str, author: str,
                 detail: str = "") -> TranslationRow | None:
    """Put a translation-memory match's target in (as a draft to review, like accepted MT);
    the history records it as "tm" with `detail` (the match's score and origin). The caller asks
    first when it would replace the translator's own text."""
    segment = view.find(segment_id)
    if text == segment.translation:
        return None
    return _write(store, view, segment, text, "draft", author, "tm", detail)


def toggle_translated(store: Store, view: ArticleView, segment_id: str, author: str) -> TranslationRow | None:
    """Mark a segment translated, or back to draft; an empty translation cannot be marked.

    Marking it translated fills its empty repetitions in the article (a `ConfirmedRow` says which);
    marking it back to draft leaves them as they are."""
    segment = view.find(segment_id)
    if not segment.translation.strip():
        return None
    was = segment.status
    status = "draft" if was == "translated" else "translated"
    row = _write(store, view, segment, segment.translation, status, author, "marked")
    return _confirmed(store, view, segment, row, was, author)


def restore(store: Store, view: ArticleView, segment_id: str, revision: int, author: str,
            undo: bool = False) -> TranslationRow | None:
    """Make an earlier version (by revision; 0 = before the first) the current one, as a new change.

    Restoring a translated version over a draft confirms the segment again, with its repetitions
    (a `ConfirmedRow`), as marking it does."""
    segment = view.find(segment_id)
    versions = {row.revision: row for row in store.translation_history(view.article_id, view.target_lang, segment_id)}
    earlier = versions.get(revision)
    text, status = (earlier.text, earlier.status) if earlier else ("", "draft")
    if revision and earlier is None:
        return None
    detail = f"{'undo to' if undo else 'restored'} r{revision}"
    was = segment.status
    row = _write(store, view, segment, text, status, author, "restored", detail)
    return _confirmed(store, view, segment, row, was, author)


def undo(store: Store, view: ArticleView, segment_id: str, author: str) -> TranslationRow | None:
    """Undo the segment's last change (typing, accepted MT, insert, mark, import, an earlier restore).

    Undo steps back through the versions: after undoing to r3, the next undo goes to r2, not back
    to the version just undone. None when there is nothing earlier.
    """
    segment = view.find(segment_id)
    if segment.revision == 0:
        return None
    history = {row.revision: row for row in store.translation_history(view.article_id, view.target_lang, segment_id)}
    current = history.get(segment.revision)
    step_from = segment.revision
    if current is not None and current.how == "restored" and current.detail.startswith("undo to r"):
        step_from = int(current.detail.removeprefix("undo to r"))
    if step_from == 0:
        return None
    return restore(store, view, segment_id, step_from - 1, author, undo=True)
