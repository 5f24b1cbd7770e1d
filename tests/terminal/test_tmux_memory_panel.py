"""The translation-memory panel in a real 80x24 terminal (tmux): the match, its Burmese target and
the editor are all on screen at once, and F2 (a function key, as tmux passes it) inserts the match.

Burmese may be measured differently by tmux and Textual, so this checks what is on screen and
in which order, never where it lines up.
"""

from __future__ import annotations

import shutil

import pytest

from tests.support.segment_rows import first_body_row
from tests.support.tmux_helpers import TmuxSession, app_environment, workbench_argv

if shutil.which("tmux") is None:
    pytest.skip("tmux is not installed (the terminal tests need it)", allow_module_level=True)

from workbench.app import editing
from workbench.app.config import load_settings
from workbench.app.importing import import_article_text
from workbench.app.workspace import open_workspace

WIDTH, HEIGHT = 80, 24
YESTERDAY = "Yesterday's talks\n\nThe KNU said on Monday that the talks had failed.\n"
TODAY = "Today's talks\n\nThe KNU said on Tuesday that the talks had failed.\n"
CONFIRMED = "ကေအန်ယူက တနင်္လာနေ့တွင် ပြောသည်။"
MATCH_LINE = "F2 90% fuzzy  The KNU said on Monday"


@pytest.fixture
def session(tmp_path, data_dir):
    """The seeds, yesterday's article (its sentence confirmed: in the memory), then today's (fourth row)."""
    workspace = open_workspace(load_settings())
    try:
        yesterday = import_article_text(workspace.store, YESTERDAY, "yesterday.txt").article_id
        import_article_text(workspace.store, TODAY, "today.txt")
        view = workspace.article_view(yesterday, "my")
        segment_id = view.segments[first_body_row(view.segments)].segment_id  # the sentence, not the headline
        editing.save_edit(workspace.store, view, segment_id, CONFIRMED, "desk")
        editing.toggle_translated(workspace.store, view, segment_id, "desk")
    finally:
        workspace.close()
    started = TmuxSession(tmp_path, WIDTH, HEIGHT)
    yield started
    started.kill_server()


def _editor_line(screen: str) -> int | None:
    """The first line inside the editor's box (its top edge is a run of ▔ between ▊ and ▎; the
    lowest such box: the language menu's box is drawn the same way)."""
    lines = screen.splitlines()
    return next((i + 1 for i in reversed(range(len(lines) - 1)) if lines[i].lstrip().startswith("▊▔▔▔▔▔▔▔▔")
                 and lines[i + 1].lstrip().startswith("▊")), None)


def test_the_match_panel_and_the_editor_are_both_on_an_80x24_screen(session, data_dir):
    session.start(workbench_argv(), app_environment(data_dir, LOGNAME="tmux-tester"))
    session.wait_for("Today's talks", timeout=15)
    session.send_keys("Down", "Down", "Down", "Enter")
    session.wait_for("Source (en)")
    session.send_keys("Down")  # from the headline (a segment too) to the sentence
    screen = session.wait_for(MATCH_LINE, timeout=15)
    lines = screen.splitlines()
    assert len(lines) <= HEIGHT
    match_row = next(i for i, line in enumerate(lines) if MATCH_LINE in line)
    assert CONFIRMED in lines[match_row + 1]  # the match's Burmese target, on the line under it
    editor = _editor_line(screen)
    assert editor is not None and match_row < editor < HEIGHT - 1, screen  # the editor is on screen, under the panel
    assert any("untranslated: empty translation" in line for line in lines[match_row:editor])  # and the QA line

    session.send_keys("F2")
    screen = session.wait_until(lambda s: (row := _editor_line(s)) is not None and CONFIRMED in s.splitlines()[row],
                                "the inserted Burmese in the editor")
    assert "missing-term: 'KNU'" in screen  # the memory's target lacks the approved rendering
    session.send_keys("C-q")
    assert session.wait_for_exit() == 0
