"""Search in an article's source and translation, and replace across its translations.

`/` (grid) opens a one-line bar under the segment panel: Enter goes to the first hit at or after
the cursor (then to the next), Down / Up to the next / previous hit, `F5` replaces, `F9` undoes
the last replace, Esc closes the bar and gives the grid its focus back. On the grid `>` / `<` go
to the next / previous hit of the last search. Hits are found case-insensitively on the NFC
forms of the source and the translation (`workbench.app.replacing.find_spans`); the bar says
"hit 2 of 7 (source)".

A replace asks for the replacement, previews every change (segment, before → after, the
replaced parts styled: data shown through `visible`, never markup), and on a yes writes them
all in ONE batch (`workbench.app.replacing.apply_replace`); `F9` undoes that batch as one
(`undo_replace`), and ctrl+z on a segment still undoes that segment alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Input, Label, Static

from workbench.app import replacing
from workbench.tui.article_navigation import GridRows
from workbench.tui.article_parts import saving
from workbench.tui.plain import plain, tell, visible
from workbench.tui.screens import WorkbenchModalScreen

FIELDS = ("source", "translation")  # a segment's source hits come before its translation's
REPLACED = "bold reverse"  # what a replace takes out, in the preview's "before"
HIT = "bold reverse"  # a search hit in the grid's source and translation cells
INSERTED = "bold underline"  # what it puts in, in the preview's "after"


@dataclass(frozen=True, order=True)
class SearchHit:
    """One occurrence: the grid row, the field (index in FIELDS) and its offsets (in NFC text)."""

    row: int
    field: int
    start: int
    end: int


@dataclass(frozen=True)
class LastReplace:
    """The replace `F9` undoes: its batch and what it replaced."""

    batch_id: str
    find: str
    replace: str
    count: int


def spanned(text: str, spans: tuple[tuple[int, int], ...], style: str) -> Text:
    """`text` with the parts at `spans` styled; every piece shown through `visible` (never markup)."""
    shown = Text()
    at = 0
    for start, end in spans:
        shown.append(visible(text[at:start]))
        shown.append(visible(text[start:end]) or "∅", style)  # a part replaced by nothing still shows
        at = end
    shown.append(visible(text[at:]))
    return shown


def preview_text(changes: list[replacing.Change]) -> Text:
    lines = [Text.assemble((f"{change.number:>4}  ", "bold"),
                           spanned(replacing.nfc(change.before), change.spans, REPLACED), "\n      → ",
                           spanned(change.after, change.new_spans, INSERTED))
             for change in changes]
    return Text("\n").join(lines)


class SearchBar(Horizontal):
    """The article screen's one-line search bar (hidden until `/`)."""

    BINDINGS = [
        Binding("escape", "close", "Close search"),
        Binding("down", "next", "Next hit"),
        Binding("up", "previous", "Previous hit"),
        Binding("f5", "replace", "Replace…"),
        Binding("f9", "undo_replace", "Undo replace"),
    ]

    def compose(self) -> ComposeResult:
        yield Label("Find ", id="search-label")
        yield Input(placeholder="word or phrase in source and translation", id="search-input")
        yield Static("", id="search-status")

    @property
    def searcher(self) -> ArticleSearch:
        return cast(ArticleSearch, self.screen)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.searcher.search_for(event.value)

    def action_close(self) -> None:
        self.searcher.close_search()

    def action_next(self) -> None:
        self.searcher.search_for(self.query_one("#search-input", Input).value)

    def action_previous(self) -> None:
        self.searcher.search_for(self.query_one("#search-input", Input).value, backwards=True)

    def action_replace(self) -> None:
        self.searcher.action_replace()

    def action_undo_replace(self) -> None:
        self.searcher.action_undo_replace()


class ReplaceWithScreen(WorkbenchModalScreen[str | None]):
    """What to put in place of the words: Enter previews the replace, Esc cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, find: str):
        super().__init__()
        self.find = find

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="replace-dialog"):
            yield Static(Text.assemble("Replace ", (visible(self.find), "bold"), " in this article's translations with:"),
                         classes="dialog-title")
            yield Input(id="replace-input")
            yield Static("Enter: preview every change    Esc: cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#replace-input", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ReplacePreviewScreen(WorkbenchModalScreen[bool]):
    """Every change a replace would make; `y` / Enter writes them all (one batch), `n` / Esc nothing."""

    BINDINGS = [Binding("y", "answer(True)", "Replace all"), Binding("enter", "answer(True)", "Replace all", show=False),
                Binding("n", "answer(False)", "Cancel"), Binding("escape", "answer(False)", "Cancel")]

    def __init__(self, find: str, replace: str, changes: list[replacing.Change]):
        super().__init__()
        self.find, self.replace, self.changes = find, replace, changes

    def compose(self) -> ComposeResult:
        count = len(self.changes)
        hits = sum(len(change.spans) for change in self.changes)
        with Vertical(classes="dialog", id="replace-preview"):
            yield Static(Text.assemble(
                "Replace ", (visible(self.find), "bold"), " with ", (visible(self.replace) or "nothing", "bold"),
                f": {hits} hit{'s' if hits != 1 else ''} in {count} segment{'s' if count != 1 else ''}"),
                classes="dialog-title")
            with VerticalScroll(id="replace-changes"):
                yield Static(preview_text(self.changes), id="replace-list")
            yield Static("y / Enter: replace all (F9 undoes the whole replace)    n / Esc: change nothing",
                         classes="dialog-hint")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class ArticleSearch(GridRows):
    """Search (`/`, `>` / `<`) and replace with one undo (F5 / F9) on the article screen, which
    provides the grid ("#segments"), the view and "#search-bar" (a SearchBar). The grid binds
    `/`, `>` and `<` (article_widgets.py); F9 works from the grid and the editor. The words of
    the last search are highlighted in the grid's source and translation cells."""

    BINDINGS = [Binding("f9", "undo_replace", "Undo replace")]

    _search_words: str = ""  # what the hits are for
    _search_at: SearchHit | None = None  # the hit shown last (next / previous go on from it)
    _last_replace: LastReplace | None = None

    # -- the bar ---------------------------------------------------------------
    def action_search(self) -> None:
        bar = self.query_one("#search-bar", SearchBar)
        bar.display = True
        field = bar.query_one("#search-input", Input)
        field.focus()
        field.select_all()

    def close_search(self) -> None:
        self.query_one("#search-bar", SearchBar).display = False
        self.query_one("#segments", DataTable).focus()

    def _say(self, message: Text | str, warn: bool = False) -> None:
        bar = self.query_one("#search-bar", SearchBar)
        status = bar.query_one("#search-status", Static)
        status.update(plain(message) if isinstance(message, str) else message)
        status.set_class(warn, "warning")
        if not bar.display:
            tell(self, message.plain if isinstance(message, Text) else message,
                 severity="warning" if warn else "information", timeout=3)

    # -- hits --------------------------------------------------------------------
    def hit_cell(self, text: str) -> Text:
        """A grid cell: the text, its hits of the last search styled (never markup)."""
        spans = tuple(replacing.find_spans(text, self._search_words)) if self._search_words.strip() else ()
        return spanned(replacing.nfc(text), spans, HIT) if spans else plain(text)

    def _highlight(self, words: str) -> None:
        """A new search: the grid's cells show its hits (and no longer the last one's)."""
        before, self._search_words = self._search_words, words
        if (view := self.view) is None or words == before:
            return
        table = self.query_one("#segments", DataTable)
        for index in self.rows:
            segment = view.segments[index]
            for column, text in (("source", segment.source), ("translation", segment.translation)):
                if replacing.find_spans(text, words) or (before.strip() and replacing.find_spans(text, before)):
                    table.update_cell(segment.segment_id, column, self.hit_cell(text))

    def search_hits(self, words: str) -> list[SearchHit]:
        """Hits as (index into view.segments, field, start, end), in the article's order."""
        if (view := self.view) is None:
            return []
        return [SearchHit(row, field, start, end)
                for row, segment in enumerate(view.segments)
                for field, text in enumerate((segment.source, segment.translation))
                for start, end in replacing.find_spans(text, words)]

    def search_for(self, words: str, backwards: bool = False) -> None:
        """Enter / Down / Up in the bar: a new search starts at the cursor, the same one goes on."""
        if not words.strip():
            self._say("type a word or phrase to find", warn=True)
            return
        if words != self._search_words:
            self._highlight(words)
            self._search_at = None
        self._go(backwards)

    def action_next_hit(self) -> None:
        self._go_or_ask(backwards=False)

    def action_previous_hit(self) -> None:
        self._go_or_ask(backwards=True)

    def _go_or_ask(self, backwards: bool) -> None:
        if not self._search_words:
            self.action_search()
            return
        self._go(backwards)

    def _go(self, backwards: bool) -> None:
        words = self._search_words
        hits = self.search_hits(words)
        if not hits:
            self._search_at = None
            self._say(Text.assemble("no hits for ", (visible(words), "bold")), warn=True)
            return
        here = self.cursor_index() or 0
        at = self._search_at
        if at is None or at.row != here:  # the cursor moved: go on from where it is
            anchor = (here, -1, -1)
            start_here = not backwards
        else:
            anchor, start_here = (at.row, at.field, at.start), False
        if backwards:
            earlier = [hit for hit in hits if (hit.row, hit.field, hit.start) < anchor]
            hit = earlier[-1] if earlier else hits[-1]
        else:
            later = [hit for hit in hits if (hit.row, hit.field, hit.start) > anchor
                     or (start_here and (hit.row, hit.field, hit.start) >= anchor)]
            hit = later[0] if later else hits[0]
        self._search_at = hit
        if here != hit.row or self.cursor_index() is None:
            self.show_segment(hit.row)
        self._say(f"hit {hits.index(hit) + 1} of {len(hits)} ({FIELDS[hit.field]})")

    # -- replace -----------------------------------------------------------------
    def action_replace(self) -> None:
        """F5 in the bar: ask for the replacement, preview every change, write them as one batch."""
        bar = self.query_one("#search-bar", SearchBar)
        words = bar.query_one("#search-input", Input).value if bar.display else self._search_words
        if not words.strip():
            self.action_search()
            self._say("type the words to replace first", warn=True)
            return

        def replace_with(replacement: str | None) -> None:
            if replacement is None or (view := self.view) is None:
                return
            changes = replacing.plan_replace(view, words, replacement)
            if not changes:
                self._say(Text.assemble("no translation holds ", (visible(words), "bold")), warn=True)
                return
            self.app.push_screen(ReplacePreviewScreen(words, replacement, changes),
                                 lambda yes: self._replace(words, replacement, changes) if yes else None)

        self.app.push_screen(ReplaceWithScreen(words), replace_with)

    def _replace(self, words: str, replacement: str, changes: list[replacing.Change]) -> None:
        if (view := self.view) is None:
            return
        workspace = self.workbench.workspace
        try:
            batch = saving(self, lambda: replacing.apply_replace(workspace.store, view, changes, workspace.settings.user,
                                                                 words, replacement))
        except replacing.ReplaceRefused as refused:
            self._after_batch([view.segments[number - 1] for number in refused.numbers])
            tell(self, str(refused), severity="error", timeout=10)
            return
        if batch is None:
            return
        self._last_replace = LastReplace(batch, words, replacement, len(changes))
        self._after_batch([view.find(change.segment_id) for change in changes])
        numbers = ", ".join(str(change.number) for change in changes[:12]) + (" …" if len(changes) > 12 else "")
        self._say(f"replaced in {len(changes)} segment{'s' if len(changes) != 1 else ''}: {numbers} (F9 undoes it)")

    def action_undo_replace(self) -> None:
        """F9: the last replace undone as one batch (refused whole if a segment changed since)."""
        last, view, workspace = self._last_replace, self.view, self.workbench.workspace
        # A replace made before the screen was opened (or in another language) is in the history.
        batch_id = last.batch_id if last is not None else None
        if view is not None and batch_id is None:
            batch_id = saving(self, lambda: replacing.latest_replace(workspace.store, view))
        if batch_id is None or view is None:
            self._say("no replace to undo in this article (ctrl+z undoes one segment's last change)", warn=True)
            return
        try:
            restored = saving(self, lambda: replacing.undo_replace(workspace.store, view, batch_id,
                                                                   workspace.settings.user))
        except replacing.ReplaceRefused as refused:
            self._after_batch([view.segments[number - 1] for number in refused.numbers])
            tell(self, str(refused), severity="error", timeout=10)
            self._say(str(refused), warn=True)
            return
        if restored is None:
            return
        self._last_replace = None
        self._after_batch(restored)
        self._say(f"replace undone in {len(restored)} segment{'s' if len(restored) != 1 else ''}")

    def _after_batch(self, segments: list) -> None:
        for segment in segments:
            self._refresh_row(segment)
        self._show_detail()
