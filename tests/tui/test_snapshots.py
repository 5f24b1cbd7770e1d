"""Layout snapshots (pytest-textual-snapshot), deterministic: fixed size, seeded data, stored MT.

Rich's character widths differ from real terminals for Burmese, so these snapshots cover
layout only; tests/terminal/test_terminal.py checks what a real terminal (tmux) shows.
Update after an intended change with: ./test.sh tests/tui/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

import pytest

from tests.support.seeded_mt import seed_fixed_mt
from workbench.app.workspace import open_workspace
from workbench.mt.argos import ArgosEngine
from workbench.tui.app import WorkbenchApp

SIZE = (120, 40)


@pytest.fixture(autouse=True)
def fixed_user(monkeypatch):
    """The header names the login; the same name everywhere keeps snapshots identical."""
    monkeypatch.setenv("LOGNAME", "editor-on-duty")  # the login: getpass reads LOGNAME first


def test_article_list(snap_compare, workspace):
    assert snap_compare(WorkbenchApp(workspace), terminal_size=SIZE)


def test_article_without_model(snap_compare, workspace):
    assert snap_compare(WorkbenchApp(workspace), terminal_size=SIZE, press=["enter"])


def test_article_with_machine_translation(snap_compare, settings, installed_models, monkeypatch):
    """Stored MT for the installed model, shown without decoding: fixed Burmese in the cache.

    A tiny random-weight int8 model decodes differently on different CPUs, so the MT column
    comes from tests/support/seeded_mt.py; with every segment cached nothing is translated.
    """
    workspace = open_workspace(settings)
    decoded: list[int] = []

    def no_decoding(self, texts, *args, **kwargs):
        decoded.append(len(texts))
        raise AssertionError("the snapshot must show stored MT, not decode")

    try:
        assert seed_fixed_mt(workspace) == sum(
            len(workspace.store.segments(article.id)) for article in workspace.store.list_articles())
        monkeypatch.setattr(ArgosEngine, "translate", no_decoding)

        async def accept_stored_mt(pilot):
            await pilot.press("enter")
            await pilot.pause()
            assert not [worker for worker in pilot.app.workers if worker.group == "mt"]
            await pilot.press("down", "a")
            await pilot.pause()

        assert snap_compare(WorkbenchApp(workspace), terminal_size=SIZE, run_before=accept_stored_mt)
        assert decoded == []
    finally:
        workspace.close()
