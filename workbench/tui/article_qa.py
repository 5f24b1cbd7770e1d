"""The project the article screen's QA lines compare with (`inconsistent-translation` per segment).

The other articles' translations are read once per article and language, in a worker: the
QA lines show the segment's own checks at once and the project-wide one when the read is in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import work
from textual.message import Message
from textual.worker import get_current_worker

from workbench.app import editing
from workbench.tui.safe_editing import SafeEditing

if TYPE_CHECKING:
    from workbench.app.checking import ProjectContext
    from workbench.app.workspace import Workspace


class ProjectQa(SafeEditing):
    """ArticleScreen provides `article_id`, `view`, `current_segment` and `_show_issues`."""

    article_id: int
    qa_project: ProjectContext | None = None

    @dataclass
    class ProjectRead(Message):
        article_id: int
        lang: str
        project: ProjectContext

    def _show_issues(self, segment: editing.SegmentView) -> None:
        raise NotImplementedError

    def read_project(self, lang: str) -> None:
        """Forget the last language's project and read this one's (the QA lines update when it is in)."""
        self.qa_project = None
        # Started after the next paint: the read (every article's translations) holds the CPU a while.
        self.call_after_refresh(self._read_project, self.workbench.workspace, self.article_id, lang)

    @work(thread=True, exclusive=True, exit_on_error=False, group="qa-project")
    def _read_project(self, workspace: Workspace, article_id: int, lang: str) -> None:
        """Runs in a thread: only posts a message, never touches widgets."""
        from workbench.app.checking import project_context

        worker = get_current_worker()
        project = project_context(workspace, article_id, lang)
        if not worker.is_cancelled:
            self.post_message(self.ProjectRead(article_id, lang, project))

    def on_project_qa_project_read(self, message: ProjectRead) -> None:
        view = self.view
        if view is None or view.target_lang != message.lang or message.article_id != self.article_id:
            return  # another language was chosen meanwhile: its own read is on its way
        self.qa_project = message.project
        if (segment := self.current_segment()) is not None:
            self._show_issues(segment)
