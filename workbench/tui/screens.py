"""The one typed way for a screen to reach the running WorkbenchApp and its state."""

from __future__ import annotations

from typing import TypeVar, cast

from textual.screen import ModalScreen, Screen

from workbench.tui.app import WorkbenchApp

ResultType = TypeVar("ResultType")


class WorkbenchScreen(Screen[ResultType]):
    """A screen of the workbench: `self.workbench` is `self.app`, typed as the WorkbenchApp."""

    @property
    def workbench(self) -> WorkbenchApp:
        # Textual types `app` as App[object]; every workbench screen runs inside WorkbenchApp.
        return cast(WorkbenchApp, self.app)


class WorkbenchModalScreen(ModalScreen[ResultType], WorkbenchScreen[ResultType]):
    """A modal dialog of the workbench, with the same typed `self.workbench`."""
