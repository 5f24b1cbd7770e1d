"""Hostile article text in a real terminal (tmux): escape sequences are shown, never obeyed.

An article title that holds OSC 0/2 ("set the window title") and a sentence that holds CSI
sequences must neither retitle the pane nor drive the terminal: the pane title stays as it
was, and the visible form of each escape (␛ for ESC) is on screen instead.
"""

from __future__ import annotations

import shutil

import pytest

from tests.support.tmux_helpers import TmuxSession, app_environment, reflow, workbench_argv

if shutil.which("tmux") is None:
    pytest.skip("tmux is not installed (the terminal tests need it)", allow_module_level=True)

from workbench.app.config import load_settings
from workbench.app.importing import import_article_text
from workbench.app.workspace import open_workspace

TITLE = "Hostile \x1b]0;PWNED\x07 and \x1b]2;PWNED-ST\x1b\\ title"
SENTENCE = "Clear \x1b[2J\x1b[H screen and \x1b[31mred\x1b[0m text, [b]bold[/b] and [/] too."
ARTICLE = f"{TITLE}\n\nBy Mallory 1 April 2022\n\n{SENTENCE}"


@pytest.fixture
def session(tmp_path, data_dir):
    workspace = open_workspace(load_settings())  # the seeds, then the hostile article (third row)
    try:
        import_article_text(workspace.store, ARTICLE, "hostile.txt")
    finally:
        workspace.close()
    started = TmuxSession(tmp_path, 120, 40)
    yield started
    started.kill_server()


def test_escape_sequences_in_an_article_are_shown_not_obeyed(session, data_dir):
    session.start(workbench_argv(), app_environment(data_dir, LOGNAME="tmux-tester"))
    title_before = session.pane("pane_title")  # read before the app has drawn anything
    session.wait_for("Hostile ␛]0;PWNED␇ and ␛]2;PWNED-ST␛\\ title", timeout=15)
    session.send_keys("Down", "Down", "Enter")
    session.wait_for("Source (en)")
    session.send_keys("Down", "Down")  # past the headline and the byline (segments too) to the sentence
    screen = session.wait_for("␛[2J␛[H screen and ␛[31mred␛[0m text, [b]bold[/b] and [/] too.", wrapped=True)
    assert "Hostile ␛]0;PWNED␇" in reflow(screen)  # the heading too
    assert session.pane("pane_title") == title_before
    assert "PWNED" not in session.pane("pane_title")
    session.send_keys("C-q")
    assert session.wait_for_exit() == 0
