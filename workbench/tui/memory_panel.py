"""The current segment's translation-memory matches, beside MT on the article screen.

The panel shows the best matches of the segment (at WORKBENCH_TM_MIN or more, never the
segment itself): per match one line with its key, score, kind, the match's source with the
words that differ from the current source styled, and where it came from; under it the
match's target (what inserting it puts in: numbers replaced). Lookups run in a worker of the
article screen (`MemoryLookups`); the panel only shows what a lookup for the segment on
screen found, and stays hidden while it has nothing to show.

The memory (`workbench.app.memory.Memory`) is not thread-safe: the article screen's lookups
and the concordance dialog share one `SharedMemory`, whose lock lets one thread in at a time.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from rich.text import Text
from textual import work
from textual.message import Message
from textual.widgets import Static, TextArea
from textual.worker import get_current_worker

from workbench.app import editing
from workbench.app.errors import database_refused
from workbench.errors import UserError
from workbench.tui.plain import tell, visible
from workbench.tui.safe_editing import SafeEditing

if TYPE_CHECKING:
    from workbench.app.memory import Memory, MemoryMatch
    from workbench.storage.store import Store

T = TypeVar("T")

# The keys that insert match 1, 2, 3 of the panel (from the grid and from the editor): function
# keys reach the app through tmux and SSH alike, and none of them is bound on the article screen
# or in its editor (F6/F7 belong to the TextArea, F8 converts Zawgyi).
MATCH_KEYS = ("f2", "f3", "f4")
# How a match insertion is recorded in the history (with the score and origin as its detail).
TM_HOW = "tm"
LOOKUP_LIMIT = len(MATCH_KEYS) + 1  # one more than shown: the segment's own unit is dropped

DIFFERENT = "bold reverse"  # the words of the match's source that the current source lacks
MISSING = "bold reverse"  # where the current source has words the match lacks ("‸")
DIM = "dim"
CONTEXT_CHARS = 24  # unchanged text kept around the differences before it is elided with "…"


class SharedMemory:
    """One `Memory` for the screens of the app, used by one thread at a time."""

    def __init__(self, store: Store):
        from workbench.app.memory import Memory

        self._memory: Memory = Memory(store)
        self._lock = threading.Lock()

    def use(self, lookup: Callable[[Memory], T]) -> T:
        with self._lock:
            return lookup(self._memory)


class MatchesFound(Message):
    """A lookup's result, for the segment (and language) it was made for."""

    def __init__(self, segment_id: str, lang: str, source: str, matches: tuple[MemoryMatch, ...]):
        super().__init__()
        self.segment_id, self.lang, self.source, self.matches = segment_id, lang, source, matches


class LookupFailed(Message):
    def __init__(self, segment_id: str, message: str):
        super().__init__()
        self.segment_id, self.message = segment_id, message


def without_own(found: Sequence[MemoryMatch], article_id: int, segment_id: str) -> tuple[MemoryMatch, ...]:
    """The matches, without the unit the segment itself made (it is not a match of itself)."""
    return tuple(match for match in found
                 if not (match.row.article_id == article_id and match.row.segment_id == segment_id))


def rows_for_height(height: int) -> int:
    """How many matches fit beside the editor: one on a 24-line terminal, up to three from 40."""
    return 1 if height < 30 else 2 if height < 40 else len(MATCH_KEYS)


@dataclass(frozen=True)
class PanelState:
    """What the panel shows: the matches found for one segment (in one language)."""

    segment_id: str = ""
    lang: str = ""
    matches: tuple[MemoryMatch, ...] = ()
    shown: int = 0  # how many of them are on screen (the rest need a taller terminal)

    def match(self, number: int, segment_id: str, lang: str) -> MemoryMatch | None:
        """Match `number` (1-based) if it is on screen for that segment."""
        if (segment_id, lang) != (self.segment_id, self.lang) or not 1 <= number <= self.shown:
            return None
        return self.matches[number - 1]


class MatchPanel(Static):
    """The matches of the segment on screen; hidden while there are none."""

    def __init__(self, locale: str = "en", **options):
        super().__init__("", **options)
        self.locale = locale
        self.state = PanelState()
        self.display = False

    def clear(self, segment_id: str = "", lang: str = "") -> None:
        """Nothing to show (yet) for this segment: matches of another segment never stay up.
        While its lookup runs the panel keeps its lines, blank, and goes away only when the segment
        has no match: a move from segment to segment lays the screen out once, not twice."""
        if (segment_id, lang) != (self.state.segment_id, self.state.lang) or self.state.matches:
            self.state = PanelState(segment_id, lang)
            if lines := self._lines() if self.display else 0:
                self.update(Text("\n".join(" " * lines)), layout=False)  # as many lines, blank
            else:
                self._hide()

    def _hide(self) -> None:
        if self.display or self.content:  # an update lays the screen out again: none when hidden already
            self.update("")
            self.display = False

    def _lines(self) -> int:
        shown = self.content
        return len(shown.plain.split("\n")) if isinstance(shown, Text) and shown.plain else 0

    def _show(self, text: Text) -> None:
        """Show `text`; the screen is laid out again only when the panel's height changes."""
        same_height = self.display and self._lines() == len(text.plain.split("\n"))
        self.update(text, layout=not same_height)
        self.display = True

    def failed(self, segment_id: str, lang: str, message: str) -> None:
        self.state = PanelState(segment_id, lang)
        self._show(Text.assemble(("TM", "bold"), "  the memory could not be searched: ", visible(message)))

    def show(self, segment_id: str, lang: str, matches: tuple[MemoryMatch, ...], rows: int) -> None:
        shown = min(len(matches), rows)
        self.state = PanelState(segment_id, lang, matches, shown)
        if shown:
            self._show(panel_text(matches, shown, self.locale))
        else:
            self._hide()


def panel_text(matches: Sequence[MemoryMatch], shown: int, locale: str = "en") -> Text:
    lines: list[Text] = []
    for number, found in enumerate(matches[:shown], start=1):
        lines.append(match_line(found, MATCH_KEYS[number - 1].upper(), locale))
        lines.append(Text.assemble("    → ", visible(found.target)))
    if len(matches) > shown:
        more = len(matches) - shown
        lines[-1].append(f"   (+{more} more match{'es' if more > 1 else ''} on a taller terminal)", DIM)
    return Text("\n").join(lines)  # app.tcss keeps each line to one screen line ("…")


def match_line(found: MemoryMatch, key: str, locale: str = "en") -> Text:
    """"F2 90% fuzzy  …said on [Monday] that…  · article 3, ed, Dec 1, 2026" (styles by offsets)."""
    from workbench.lang.locale_format import format_date

    match, row = found.match, found.row
    kind = f"{match.kind}, numbers replaced" if match.numbers_replaced else match.kind
    line = Text.assemble((f"{key} ", "bold"), (f"{match.score}%", "bold"), f" {kind}  ")
    line.append_text(differences(found))
    line.append_text(Text.assemble(("  · ", DIM), (visible(f"{found.origin}, {row.changed_by}, "
                                                          f"{format_date(row.changed_at.date(), locale)}"), DIM)))
    return line


def differences(found: MemoryMatch) -> Text:
    """The match's source, the stretches that differ from the current source styled, long
    unchanged stretches elided: built piece by piece from the diff's offsets, never markup."""
    source = unicodedata.normalize("NFC", found.row.source_text)  # the diff's offsets are into the NFC text
    parts = found.match.differences
    text = Text()
    position = 0
    for index, part in enumerate(parts):
        if part.source_start > position:  # the spaces between two parts
            text.append(visible(source[position:part.source_start]))
        stretch = source[part.source_start:part.source_end]
        if part.op == "equal":
            text.append(visible(_elided(stretch, first=index == 0, last=index == len(parts) - 1)))
        elif part.op == "insert":
            text.append("‸", MISSING)
        else:
            text.append(visible(stretch), DIFFERENT)
        position = max(position, part.source_end)
    if position < len(source):
        text.append(visible(source[position:]))
    return text


def _elided(stretch: str, first: bool, last: bool) -> str:
    """An unchanged stretch, cut at word or syllable boundaries when it is long: the text next
    to a difference stays, "…" stands for the rest (a whole exact match is cut by the line end)."""
    from workbench.tm.tokens import tokenize

    if len(stretch) <= 2 * CONTEXT_CHARS or (first and last):
        return stretch
    tokens = tokenize(stretch)
    starts, ends = [token.start for token in tokens], [token.end for token in tokens]
    head = next((end for end in ends if end >= CONTEXT_CHARS // (1 if last else 2)), len(stretch))
    tail = next((start for start in starts if start >= len(stretch) - CONTEXT_CHARS // (1 if first else 2)),
                len(stretch))
    if first:  # keep its end, next to the first difference
        return "…" + stretch[tail:]
    if last:  # keep its beginning, next to the last difference
        return stretch[:head] + "…"
    return stretch if tail <= head else f"{stretch[:head]} … {stretch[tail:]}"


class MemoryLookups(SafeEditing):
    """The article screen's memory: the match panel kept to the segment on screen (a lookup in a
    worker per cursor move, the newest replacing the one before), inserting a match (F2-F4),
    and the concordance dialog (ctrl+f). ArticleScreen provides `article_id`, `source_lang`,
    the grid and the "#tm-matches" panel."""

    article_id: int
    source_lang: str
    _shared_memory: SharedMemory | None = None

    @property
    def memory(self) -> SharedMemory:
        if self._shared_memory is None:
            self._shared_memory = SharedMemory(self.workbench.workspace.store)
        return self._shared_memory

    def look_up_matches(self, segment: editing.SegmentView) -> None:
        """Show the segment's matches once found; another segment's never stay on screen."""
        if (view := self.view) is None:
            return
        self.query_one("#tm-matches", MatchPanel).clear(segment.segment_id, view.target_lang)
        previous = view.segments[segment.number - 2].source if segment.number > 1 else None
        self.find_matches(self.memory, self.article_id, segment.segment_id, segment.source, previous,
                          self.source_lang, view.target_lang)

    @work(thread=True, exclusive=True, exit_on_error=False, group="tm")
    def find_matches(self, memory: SharedMemory, article_id: int, segment_id: str, source: str,
                     previous: str | None, source_lang: str, lang: str) -> None:
        """Runs in a thread: only posts messages, never touches widgets."""
        worker = get_current_worker()
        try:
            found = memory.use(lambda memory: memory.matches(
                source, lang, previous_source=previous, limit=LOOKUP_LIMIT, source_lang=source_lang))
        except Exception as error:  # a bad WORKBENCH_TM_MIN or a database refusal is said; the screen goes on
            message = str(error) if isinstance(error, UserError) else database_refused(error)
            if message is None:
                raise
            if not worker.is_cancelled:
                self.post_message(LookupFailed(segment_id, message))
            return
        if not worker.is_cancelled:
            self.post_message(MatchesFound(segment_id, lang, source, without_own(found, article_id, segment_id)))

    def _on_screen_segment(self, segment_id: str, lang: str, source: str | None = None) -> bool:
        segment, view = self.current_segment(), self.view
        return (segment is not None and view is not None and segment.segment_id == segment_id
                and view.target_lang == lang and (source is None or segment.source == source))

    def on_matches_found(self, message: MatchesFound) -> None:
        if self._on_screen_segment(message.segment_id, message.lang, message.source):
            panel = self.query_one("#tm-matches", MatchPanel)
            panel.show(message.segment_id, message.lang, message.matches[:len(MATCH_KEYS)],
                       rows_for_height(self.size.height))

    def on_lookup_failed(self, message: LookupFailed) -> None:
        if self.view is not None and self._on_screen_segment(message.segment_id, self.view.target_lang):
            self.query_one("#tm-matches", MatchPanel).failed(message.segment_id, self.view.target_lang, message.message)

    def action_insert_match(self, number: int) -> None:
        """F2/F3/F4: the match's target (numbers replaced) into the translation, on the revision
        shown; over the translator's own text only after a yes. ctrl+z undoes it."""
        from workbench.tui.segment_dialogs import ConfirmScreen

        segment, view = self.current_segment(), self.view
        if segment is None or view is None:
            return
        found = self.query_one("#tm-matches", MatchPanel).state.match(number, segment.segment_id, view.target_lang)
        if found is None:
            tell(self, f"No translation memory match {number} on screen for segment {segment.number}",
                 severity="warning")
            return
        text = found.target
        detail = f"{found.match.score}% match from {found.origin} ({found.row.changed_by})"
        if text == segment.translation:
            tell(self, f"Segment {segment.number} already holds that match", severity="information")
            return

        editor = self.query_one("#editor", TextArea)

        def insert() -> None:
            self._segment_change(lambda store, view_, segment_id, author: editing.insert_match(
                store, view_, segment_id, text, author, detail), "")
            if editor.has_focus:
                editor.move_cursor(editor.document.end)

        # Keys typed just before F2 may not be saved yet: what the editor holds counts as own text too.
        own = segment.translation if editor.text == visible(segment.translation) else editor.text
        if not own.strip():
            insert()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                insert()
        self.app.push_screen(ConfirmScreen(f"Replace your translation of segment {segment.number} with the "
                                           f"{found.match.score}% match from {found.origin}? (ctrl+z undoes it)"),
                             answered)

    def action_concordance(self) -> None:
        """ctrl+f: the memory's sources and targets, prefilled with the selected words."""
        from workbench.tui.concordance_screen import ConcordanceScreen

        if (view := self.view) is None:
            return
        words = self.query_one("#editor", TextArea).selected_text
        if not words.strip():
            words = self.get_selected_text() or ""  # text selected with the mouse (the source, say)
        self.app.push_screen(ConcordanceScreen(self.memory, view.target_lang, self.source_lang,
                                               " ".join(words.split())))
