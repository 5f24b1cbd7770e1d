"""The article screen in a real terminal (tmux) at 80x24 and 140x40, with many glossary lines
under the grid: the QA line and the editor stay on screen above the footer, `i` inserts a
rendering without taking the focus (a second `i` types no "i"), and the footer lists the keys
of the focused part.

Burmese may be measured differently by tmux and Textual, so this checks what is on screen and
in which order, never where it lines up.
"""

from __future__ import annotations

import shutil

import pytest

from tests.support.tmux_helpers import TmuxSession, app_environment, workbench_argv

if shutil.which("tmux") is None:
    pytest.skip("tmux is not installed (the terminal tests need it)", allow_module_level=True)

from workbench.app.config import load_settings
from workbench.app.workspace import open_workspace

RENDERINGS = {"coup": "စစ်အာဏာသိမ်းမှု", "myanmar": "မြန်မာ", "foreign-ministry": "နိုင်ငံခြားရေးဝန်ကြီးဌာန",
              "junta": "စစ်ကောင်စီ", "military-regime": "စစ်အစိုးရ"}
NUG = "National Unity Government’s (NUG) foreign"


@pytest.fixture
def session(tmp_path, data_dir, request):
    workspace = open_workspace(load_settings())
    try:
        workflow = workspace.workflow()
        for entry_id, rendering in RENDERINGS.items():
            workflow.decide("approve", entry_id, "my", rendering)
        rows = next(i for i, s in enumerate(workspace.store.segments(1)) if "foreign ministry has been" in s.text)
    finally:
        workspace.close()
    width, height = request.param
    started = TmuxSession(tmp_path, width, height)
    started.nug_row = rows
    yield started
    started.kill_server()


def _editor_top(lines: list[str]) -> int | None:
    """The line of the editor's top edge (a run of ▔ between ▊ and ▎; the lowest such box)."""
    return next((i for i in reversed(range(len(lines) - 1)) if lines[i].lstrip().startswith("▊▔▔▔▔▔▔▔▔")
                 and lines[i + 1].lstrip().startswith("▊")), None)


def _footer(screen: str) -> str:
    return [line for line in screen.splitlines() if line.strip()][-1]


@pytest.mark.parametrize("session", [(80, 24), (140, 40)], indirect=True, ids=["80x24", "140x40"])
def test_editor_and_qa_line_stay_on_screen_and_insert_keeps_the_focus(session, data_dir):
    session.start(workbench_argv(), app_environment(data_dir, LOGNAME="tmux-tester"))
    session.wait_for("Articles", timeout=15)
    session.send_keys("Enter")
    session.wait_for("Source (en)", timeout=15)
    for _ in range(session.nug_row):
        session.send_keys("Down")
    screen = session.wait_for("ministry has been lobbying", timeout=10)
    lines = screen.splitlines()
    assert len(lines) <= session.height
    editor = _editor_top(lines)
    assert editor is not None and editor < session.height - 2, screen  # its box and a line inside it
    assert "untranslated: empty translation" in lines[editor - 1], screen  # the QA line right above it
    assert " e Edit " in _footer(screen) and " n Next error " in _footer(screen), screen  # the grid's footer

    session.send_keys("i")
    session.wait_for("into segment", timeout=10)
    session.send_keys("i")
    screen = session.wait_until(lambda s: "missing-term: 'foreign ministry'" not in s or s.count("Inserted") >= 2,
                                "the second insert")
    lines = screen.splitlines()
    editor = _editor_top(lines)
    assert editor is not None
    inside = lines[editor + 1].split("▌")[0]  # the editor's first line, left of a notification if one is up
    assert "မြန်မာ" in inside and "i" not in inside.replace("▊", "").replace("▎", "").strip(), inside
    assert " e Edit " in _footer(screen), screen  # still the grid's keys: the focus did not move
    session.send_keys("e")
    screen = session.wait_until(lambda s: "^t Done" in _footer(s), "the editor's footer")
    assert "^o Insert term" in _footer(screen)
    session.send_keys("C-q")
    assert session.wait_for_exit() == 0
