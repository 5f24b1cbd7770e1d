"""Layout snapshots (pytest-textual-snapshot), deterministic: fixed size, seeded data and model.

Rich's character widths differ from real terminals for Burmese, so these snapshots cover
layout only; tests/test_terminal.py checks what a real terminal (tmux) shows.
Update after an intended change with: ./test.sh tests/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

import asyncio

import pytest
from textual.widgets import Static

from workbench.app.workspace import open_workspace
from workbench.tui.app import WorkbenchApp

SIZE = (120, 40)


@pytest.fixture(autouse=True)
def fixed_user(monkeypatch):
    """The header names the user; the same name everywhere keeps snapshots identical."""
    monkeypatch.setenv("WORKBENCH_USER", "editor-on-duty")


def test_article_list(snap_compare, workspace):
    assert snap_compare(WorkbenchApp(workspace), terminal_size=SIZE)


def test_article_without_model(snap_compare, workspace):
    assert snap_compare(WorkbenchApp(workspace), terminal_size=SIZE, press=["enter"])


def test_article_with_machine_translation(snap_compare, settings, installed_models):
    workspace = open_workspace(settings)

    async def finish_mt(pilot):
        await pilot.press("enter")
        for _ in range(600):
            await pilot.pause()
            if "translated now" in str(pilot.app.screen.query_one("#mt-status", Static).render()):
                break
            await asyncio.sleep(0.05)
        await pilot.press("down", "a")
        await pilot.pause()

    try:
        assert snap_compare(WorkbenchApp(workspace), terminal_size=SIZE, run_before=finish_mt)
    finally:
        workspace.close()
