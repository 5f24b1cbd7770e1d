"""The article screen's safety net: undo, the history panel, conflicts, and others' changes.

Mixed into ArticleScreen (which provides `view`, `current_segment`, `_refresh_row`,
`_show_detail` and the editor). Every change goes through `workbench.app.editing`, which
writes on the revision shown; what another translator saved meanwhile is refused there and
settled here with both texts on screen, and a poll every second shows others' changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import work
from textual.message import Message
from textual.widgets import TextArea
from textual.worker import get_current_worker

from workbench.app import editing
from workbench.tui.article_parts import saving
from workbench.tui.plain import tell, visible
from workbench.tui.screens import WorkbenchScreen
from workbench.tui.segment_dialogs import KEEP_MINE, MERGE, ConfirmScreen, ConflictScreen, HistoryScreen

POLL_SECONDS = 1.0  # others' changes show within two polls


class GlossaryRebuilt(Message):
    """The workspace's glossary matcher caught up with a change to the glossary."""


class ChangesSeen(Message):
    """The change marks as the poll read them: the glossary version and the last translation write."""

    def __init__(self, glossary_version: int, last_change: int):
        super().__init__()
        self.glossary_version, self.last_change = glossary_version, last_change


class SafeEditing(WorkbenchScreen[None]):
    """Undo (ctrl+z), history (h), conflicts and change polling; ArticleScreen builds on it."""

    view: editing.ArticleView | None = None
    _last_change: int = 0
    _glossary_version: int = 0
    _settling: ConflictScreen | None = None  # the conflict dialog on screen, until it is answered

    # Provided by the article screen, which owns the grid and the detail panes.
    def current_segment(self) -> editing.SegmentView | None:
        raise NotImplementedError

    def _refresh_row(self, segment: editing.SegmentView) -> None:
        raise NotImplementedError

    def _show_detail(self) -> None:
        raise NotImplementedError

    def guarded(self, write: Callable[[], Any]) -> Any:
        """Run an edit; if someone else changed the segment first, settle it with both texts."""
        try:
            return saving(self, write)
        except editing.ChangedElsewhere as changed:
            self._refresh_row(changed.segment)
            self.show_conflict(changed.segment, changed.mine)
            return None

    def held_for_conflict(self, typed: str) -> bool:
        """While the conflict dialog is up nothing typed is saved: keys that were already on their way
        to the editor would otherwise be saved over the other text before the translator chose.
        What they typed joins the dialog's side ("yours"), so keeping it keeps every key."""
        if self._settling is None:
            return False
        self._settling.update_mine(typed)
        return True

    def show_conflict(self, segment: editing.SegmentView, mine: str, mine_saved: bool = False) -> None:
        if self._settling is not None:  # already being settled: the same dialog shows both texts as they are now
            self._settling.update_theirs(segment.translation)
            self._settling.update_mine(mine)
            return
        dialog = ConflictScreen(segment.number, segment.translation, mine, mine_saved)

        def settle(choice: str | None) -> None:
            self._settling = None
            view = self.view
            if view is None:
                return
            mine = dialog.mine
            text = {KEEP_MINE: mine, MERGE: f"{segment.translation}\n{mine}".strip()}.get(choice or "")
            workspace = self.workbench.workspace
            if text is not None and text != segment.translation:
                self.guarded(lambda: editing.save_edit(workspace.store, view, segment.segment_id, text,
                                                       workspace.settings.user))
            self._refresh_row(segment)
            self._show_detail()
            if choice == MERGE and self._settling is None:
                editor = self.query_one("#editor", TextArea)
                editor.move_cursor(editor.document.end)  # merging usually continues at the end
                editor.focus()

        self._settling = dialog
        self.app.push_screen(dialog, settle)

    def action_undo(self) -> None:
        self._segment_change(editing.undo, "Nothing to undo for this segment")

    def action_history(self) -> None:
        segment, view = self.current_segment(), self.view
        if segment is None or view is None:
            return
        workspace = self.workbench.workspace
        versions = workspace.store.translation_history(view.article_id, view.target_lang, segment.segment_id)
        if not versions:
            tell(self, "This segment has no saved versions yet", severity="warning")
            return

        def restore(revision: int | None) -> None:
            if revision is not None and revision != segment.revision:
                self._segment_change(lambda store, view_, sid, author: editing.restore(store, view_, sid, revision,
                                                                                       author), "")
        self.app.push_screen(HistoryScreen(segment.number, versions, workspace.settings.ui_locale), restore)

    def accept_mt_asking(self) -> None:
        """`a`: MT into the translation; over the translator's own text only after a yes."""
        segment = self.current_segment()
        if segment is None:
            return
        try:
            self._segment_change(editing.accept_mt, "No MT to accept for this segment yet")
        except editing.WouldReplaceOwnText:
            def answered(yes: bool | None) -> None:
                if yes:
                    self._segment_change(lambda store, view, sid, author: editing.accept_mt(
                        store, view, sid, author, replace_own=True), "")
            self.app.push_screen(ConfirmScreen(f"Replace your translation of segment {segment.number} with the MT? "
                                               "(ctrl+z undoes it)"), answered)

    def _segment_change(self, operation: Callable[..., Any], nothing: str) -> None:
        segment, view = self.current_segment(), self.view
        if segment is None or view is None:
            return
        workspace = self.workbench.workspace
        if saved := self.guarded(lambda: operation(workspace.store, view, segment.segment_id, workspace.settings.user)):
            self._refresh_row(segment)
            self._show_detail()
            if (spread := getattr(saved, "propagation", None)) and spread.notice:  # marked: its repetitions
                for copy in spread.filled + spread.left:
                    self._refresh_row(copy)
                tell(self, f"Segment {segment.number} {spread.notice}", timeout=6)
        elif nothing:
            tell(self, nothing, severity="warning")

    def start_watching(self) -> None:
        self._last_change = self.workbench.workspace.store.last_change()
        self._glossary_version = self.workbench.workspace.glossary.version()
        self.set_interval(POLL_SECONDS, self.poll_changes)

    @work(thread=True, exclusive=True, exit_on_error=False, group="glossary-index")
    def rebuild_glossary_index(self) -> None:
        """Runs in a thread: only posts a message, never touches widgets."""
        worker = get_current_worker()
        self.workbench.workspace.glossary_index()
        if not worker.is_cancelled:
            self.post_message(GlossaryRebuilt())

    def on_glossary_rebuilt(self, _message: GlossaryRebuilt) -> None:
        self._show_detail()  # the hits panel and the QA lines with the glossary as it is now

    def poll_changes(self) -> None:
        """Every second: the change marks are read in a worker (no query on the UI thread)."""
        self._read_change_marks()

    @work(thread=True, exclusive=True, exit_on_error=False, group="poll")
    def _read_change_marks(self) -> None:
        """Runs in a thread: only posts a message, never touches widgets."""
        worker = get_current_worker()
        workspace = self.workbench.workspace
        seen = ChangesSeen(workspace.glossary.version(), workspace.store.last_change())
        if not worker.is_cancelled:
            self.post_message(seen)

    def on_changes_seen(self, message: ChangesSeen) -> None:
        """Show what others saved: refresh those segments, and settle the one being edited."""
        if message.glossary_version != self._glossary_version:  # an approval made elsewhere shows in the hits panel
            self._glossary_version = message.glossary_version
            self.rebuild_glossary_index()
        view, workspace, marker = self.view, self.workbench.workspace, message.last_change
        if view is None or marker == self._last_change:
            return
        self._last_change = marker
        editor = self.query_one("#editor", TextArea)
        current = self.current_segment()
        typed = editor.text
        shown = visible(current.translation) if current is not None else None  # what was saved before
        changed = editing.refresh_view(workspace.store, view)  # our own saves are already in the view
        for segment in changed:
            self._refresh_row(segment)
        if current is not None and any(s is current for s in changed) and (editor.has_focus or self._settling is not None) \
                and typed != visible(current.translation):
            self.show_conflict(current, typed, mine_saved=typed == shown)  # both kept: nothing typed is lost
        elif changed:
            if self._settling is None:  # the editor keeps the translator's text until they choose
                self._show_detail()
            tell(self, f"{len(changed)} segment{'s' if len(changed) != 1 else ''} changed by someone else "
                       f"(shown now): {', '.join(str(s.number) for s in changed[:8])}", timeout=6)
