"""Who a workbench process is: on SQLite its operating-system login, which getpass.getuser() reads
from LOGNAME first, so a test can run the CLI or the TUI as any desk member's login."""

from __future__ import annotations


def login(name: str) -> dict[str, str]:
    """The environment variables that make a child process's login `name`."""
    return {"LOGNAME": name}
