"""Layout snapshots of Burmese, Thai and Hindi under each cell width model (pytest-textual-snapshot).

"grapheme" is what a grapheme-clustering terminal draws (Rich's own widths: spacing marks take
no cell); "terminal" is what glibc, xterm and tmux draw (each spacing mark takes a cell). Both
show the article screen with the language list open (native names in a bordered list) and with
Burmese typed into the editor; the rows of the grid and the borders must fit their widths.
tests/test_terminal_widths.py checks the terminal model in a real terminal (tmux).
Update after an intended change with:
./test.sh tests/test_snapshots_cell_widths.py --snapshot-update
"""

from __future__ import annotations

import pytest

from workbench.tui import cell_widths
from workbench.tui.app import WorkbenchApp

SIZE = (120, 40)
NUG = "အမျိုးသားညီညွတ်ရေးအစိုးရ"
TYPED = " ".join([NUG] * 8)  # wraps in the editor under the terminal model, not under grapheme


@pytest.fixture(autouse=True)
def fixed_user(monkeypatch):
    """The header names the login; the same name everywhere keeps snapshots identical."""
    monkeypatch.setenv("LOGNAME", "editor-on-duty")  # the login: getpass reads LOGNAME first


@pytest.fixture(params=cell_widths.MODELS)
def model(request):
    """Measure as ``model`` for the test; Rich's own widths (what other tests expect) afterwards."""
    cell_widths.install(request.param)
    yield request.param
    cell_widths.install("grapheme")


async def open_language_list(pilot):
    await pilot.press("enter")  # the first seed article
    await pilot.press("l")
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


async def type_burmese(pilot):
    await pilot.press("enter", "e")
    await pilot.pause()
    pilot.app.screen.query_one("#editor").insert(TYPED)  # as pasted; saved like typing
    await pilot.pause()
    await pilot.press("escape")  # back to the grid: the row shows the saved text
    await pilot.pause()


def test_language_list_with_native_names(snap_compare, workspace, model):
    assert cell_widths.installed_model() == model
    assert snap_compare(WorkbenchApp(workspace), terminal_size=SIZE, run_before=open_language_list)


def test_burmese_typed_into_the_editor(snap_compare, workspace, model):
    assert cell_widths.installed_model() == model
    assert snap_compare(WorkbenchApp(workspace), terminal_size=SIZE, run_before=type_burmese)
