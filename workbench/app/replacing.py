"""Search and replace across one article's translations, written and undone as ONE batch.

`plan_replace` lists every change a replace would make (nothing is written): per segment whose
translation holds the words, its text before and after and where the replaced parts are, on the
revision the view shows. `apply_replace` writes them all in one `save_translations` transaction
(compare-and-set on those revisions: if any segment changed since, nothing is written and
`ReplaceRefused` says which). Each write is recorded as typed, with the detail
"replace #<batch>: 'find' → 'replacement'"; statuses are kept, sources never touched.

`undo_replace` finds the batch's writes in the history and restores each segment's version
before it, again in one transaction and only if every segment still holds the revision the
replace wrote; otherwise the whole undo is refused, naming the segment. Each restore is
recorded as "restored (undo to rN)", so ctrl+z on a segment keeps stepping back from there.
`latest_replace` finds the last replace not undone yet in the history, for a screen opened later.

Matching is case-insensitive on the NFC forms (Burmese is matched as typed: it has no case);
a translation stored in another normal form is replaced in its NFC form, which shows the same.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from dataclasses import dataclass

from workbench.app.editing import ArticleView, SegmentView
from workbench.errors import UserError
from workbench.storage.store import Store
from workbench.storage.translation_records import StaleTranslation, TranslationChange, TranslationRow

REPLACE_HOW = "typed"  # the history's kind for a replace (its detail names the batch)
DETAIL_PREFIX = "replace #"


@dataclass(frozen=True)
class Change:
    """One segment's translation before and after a replace, on the revision the plan read.

    `spans` are the (start, end) offsets of the replaced parts in `before`, `new_spans` of what
    replaced them in `after` (for a preview that highlights both)."""

    segment_id: str
    number: int
    before: str
    after: str
    revision: int
    status: str
    spans: tuple[tuple[int, int], ...]
    new_spans: tuple[tuple[int, int], ...]


class ReplaceRefused(UserError):
    """A replace or its undo was refused whole: nothing was written. `numbers`: the segments."""

    def __init__(self, message: str, numbers: tuple[int, ...] = ()):
        super().__init__(message)
        self.numbers = numbers


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def pattern(find: str) -> re.Pattern[str] | None:
    """The words as a case-insensitive literal pattern (on NFC text); None for nothing to find."""
    words = nfc(find)
    return re.compile(re.escape(words), re.IGNORECASE) if words else None


def find_spans(text: str, find: str) -> list[tuple[int, int]]:
    """Where `find` occurs in `text` (NFC, case-insensitive), as offsets into NFC(`text`)."""
    compiled = pattern(find)
    return [] if compiled is None else [match.span() for match in compiled.finditer(nfc(text))]


def _replaced(text: str, compiled: re.Pattern[str], replacement: str) -> tuple[str, list, list]:
    pieces: list[str] = []
    spans: list[tuple[int, int]] = []
    new_spans: list[tuple[int, int]] = []
    at = length = 0
    for match in compiled.finditer(text):
        kept = text[at:match.start()]
        pieces += [kept, replacement]
        length += len(kept)
        spans.append(match.span())
        new_spans.append((length, length + len(replacement)))
        length += len(replacement)
        at = match.end()
    pieces.append(text[at:])
    return "".join(pieces), spans, new_spans


def plan_replace(view: ArticleView, find: str, replace: str) -> list[Change]:
    """Every change replacing `find` by `replace` would make in the view's translations, in order."""
    compiled = pattern(find)
    if compiled is None:
        return []
    replacement = nfc(replace)
    changes = []
    for segment in view.segments:
        if not segment.translation:
            continue
        text = nfc(segment.translation)
        after, spans, new_spans = _replaced(text, compiled, replacement)
        if spans and after != text:  # replacing a word by itself (as NFC) changes nothing
            changes.append(Change(segment.segment_id, segment.number, segment.translation, after, segment.revision,
                                  segment.status or "draft", tuple(spans), tuple(new_spans)))
    return changes


def detail(batch_id: str, find: str, replace: str) -> str:
    return f"{DETAIL_PREFIX}{batch_id}: {find!r} → {replace!r}"


def _refresh(view: ArticleView, stale: StaleTranslation) -> tuple[SegmentView, ...]:
    """The view's segments brought up to what is stored for the refused writes."""
    moved = []
    for change, current in stale.stale:
        segment = view.find(change.segment_id)
        segment.translation, segment.status, segment.revision = (
            (current.text, current.status, current.revision) if current else ("", "", 0))
        moved.append(segment)
    return tuple(moved)


def _numbers(segments: tuple[SegmentView, ...]) -> str:
    return ", ".join(str(segment.number) for segment in segments)


def _saved(view: ArticleView, rows: list[TranslationRow]) -> None:
    for row in rows:
        segment = view.find(row.segment_id)
        segment.translation, segment.status, segment.revision = row.text, row.status, row.revision


def apply_replace(store: Store, view: ArticleView, changes: list[Change], author: str,
                  find: str = "", replace: str = "") -> str:
    """Write every change in one transaction; the batch id (for `undo_replace`).

    ReplaceRefused (nothing written, the view refreshed) if any segment changed since the plan."""
    if not changes:
        raise ReplaceRefused("nothing to replace")
    batch_id = secrets.token_hex(3)
    note = detail(batch_id, find, replace)
    writes = [TranslationChange(change.segment_id, change.after, change.status, change.revision, REPLACE_HOW, note)
              for change in changes]
    try:
        rows = store.save_translations(view.article_id, view.target_lang, writes, author)
    except StaleTranslation as stale:
        moved = _refresh(view, stale)
        raise ReplaceRefused(f"nothing replaced: segment {_numbers(moved)} changed since the preview "
                             "(shown now); search again", tuple(s.number for s in moved)) from None
    _saved(view, rows)
    return batch_id


def batch_rows(store: Store, view: ArticleView, batch_id: str) -> dict[str, int]:
    """The revisions the batch wrote, by segment."""
    prefix = f"{DETAIL_PREFIX}{batch_id}:"
    return {row.segment_id: row.revision
            for row in store.translation_history(view.article_id, view.target_lang)
            if row.how == REPLACE_HOW and row.detail.startswith(prefix)}


def latest_replace(store: Store, view: ArticleView) -> str | None:
    """The batch of the most recent replace in the article's translations into the view's
    language, read from the history (so F9 still finds it after the screen was closed); None
    when there is none or it was undone already."""
    history = store.translation_history(view.article_id, view.target_lang)
    replaces = [row for row in history if row.how == REPLACE_HOW and row.detail.startswith(DETAIL_PREFIX)]
    if not replaces:
        return None
    batch_id = replaces[-1].detail.removeprefix(DETAIL_PREFIX).split(":", 1)[0]
    prefix = f"{DETAIL_PREFIX}{batch_id}:"
    written = {row.segment_id: row.revision for row in replaces if row.detail.startswith(prefix)}
    undone = {(row.segment_id, row.revision) for row in history
              if row.how == "restored" and row.detail == f"undo to r{row.revision - 2}"}
    return None if all((sid, revision + 1) in undone for sid, revision in written.items()) else batch_id


def undo_replace(store: Store, view: ArticleView, batch_id: str, author: str) -> list[SegmentView]:
    """Give every segment of the batch its text from before the replace, in one transaction;
    the segments restored. ReplaceRefused (nothing written) if any changed since the replace."""
    written = batch_rows(store, view, batch_id)
    if not written:
        raise ReplaceRefused(f"no replace #{batch_id} in this article's history")
    history = store.translation_history(view.article_id, view.target_lang)
    before = {(row.segment_id, row.revision): row for row in history if row.segment_id in written}
    current = store.translations(view.article_id, view.target_lang)
    moved = tuple(view.find(sid) for sid, rev in written.items()
                  if (current[sid].revision if sid in current else 0) != rev)
    if moved:
        for segment in moved:
            row = current.get(segment.segment_id)
            segment.translation, segment.status, segment.revision = (
                (row.text, row.status, row.revision) if row else ("", "", 0))
        raise ReplaceRefused(f"replace not undone: segment {_numbers(moved)} changed since the replace "
                             "(ctrl+z on a segment still undoes it alone)", tuple(s.number for s in moved))
    writes = []
    for segment_id, revision in written.items():
        earlier = before.get((segment_id, revision - 1))
        text, status = (earlier.text, earlier.status) if earlier else ("", "draft")
        writes.append(TranslationChange(segment_id, text, status, revision, "restored", f"undo to r{revision - 1}"))
    try:
        rows = store.save_translations(view.article_id, view.target_lang, writes, author)
    except StaleTranslation as stale:
        raced = _refresh(view, stale)
        raise ReplaceRefused(f"replace not undone: segment {_numbers(raced)} changed since the replace",
                             tuple(s.number for s in raced)) from None
    _saved(view, rows)
    order = {segment.segment_id: segment.number for segment in view.segments}
    return sorted((view.find(row.segment_id) for row in rows), key=lambda segment: order[segment.segment_id])
