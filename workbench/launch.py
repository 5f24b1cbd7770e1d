"""The `workbench` program: the command line, which opens the TUI when no command is given.

It sits above both front ends so that neither imports the other.
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench.app.config import Settings
from workbench.cli.main import main as cli_main


def open_tui(settings: Settings) -> int:
    from workbench.tui.app import run_app

    return run_app(settings)


def main(argv: Sequence[str] | None = None) -> int:
    return cli_main(argv, open_tui)
