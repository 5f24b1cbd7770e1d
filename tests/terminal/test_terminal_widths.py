"""Burmese in a real terminal (tmux): every border and column lines up, and the cursor is where tmux put the text.

tmux gives each Burmese spacing mark (ာ ေ း ျ …) a cell, as glibc's wcwidth does; Rich's own
table gives them none. The workbench asks the terminal at start-up (tests/test_cell_widths.py
covers the answers tmux cannot give) and measures as it draws. The screen is read with
capture-pane and placed in columns by glibc's wcwidth (tests/screen_columns.py).
"""

from __future__ import annotations

import shutil
import sys

import pytest

from tests.support.screen_columns import boxes, cells, misaligned_borders, wcswidth
from tests.support.tmux_helpers import ROOT, TmuxSession, app_environment, workbench_argv

if shutil.which("tmux") is None:
    pytest.skip("tmux is not installed (the terminal tests need it)", allow_module_level=True)

WIDTH, HEIGHT = 120, 40
NUG = "အမျိုးသားညီညွတ်ရေးအစိုးရ"  # 17 cells in tmux, 10 for Rich's own table
TYPED = " ".join([NUG] * 4)  # one editor line: 71 cells
MORE = " " + " ".join([NUG] * 4)  # wraps the editor onto a second line
LIST_READY = "Articles — Enter opens one"


@pytest.fixture
def tmux(tmp_path):
    sessions: list[TmuxSession] = []

    def start(argv: list[str], env: dict[str, str]) -> TmuxSession:
        session = TmuxSession(tmp_path, WIDTH, HEIGHT, name=f"widths{len(sessions)}")
        sessions.append(session)
        return session.start(argv, env)

    yield start
    for session in sessions:
        session.kill_server()


def start_app(tmux, data_dir, *args: str, **env: str) -> TmuxSession:
    session = tmux(workbench_argv(*args), app_environment(data_dir, LOGNAME="tmux-tester", **env))
    session.wait_for(LIST_READY, timeout=15)
    return session


def styled_line(session: TmuxSession, containing: str) -> str:
    """The screen line with ``containing`` as tmux holds it, colours included (they show focus)."""
    screen = session.tmux("capture-pane", "-p", "-e", "-t", session.name).stdout
    return next((line for line in screen.splitlines() if containing in line), "")


def choose_language(session: TmuxSession, label: str, steps: list[str]) -> list[str]:
    """`l`, open the language list, check its borders, move (`steps`), choose: the grid has the focus again.

    Each key waits for the focus it needs: the select's border changes colour with focus
    (Enter sent before `l` took effect would open the editor; `e` sent to the select searches it).
    """
    def focus_moves(key: str) -> None:
        settled_screen(session, lambda: True)  # nothing left to draw: a change now is the focus moving
        before = styled_line(session, "Target language")
        session.send_keys(key)
        session.wait_until(lambda _s: styled_line(session, "Target language") != before, f"{key} to move the focus")

    focus_moves("l")
    session.send_keys("Enter")
    screen = session.wait_for("Hindi — हिन्दी")  # the open list: Burmese, Japanese, Thai, Chinese, Hindi ...
    problems = misaligned_borders(screen)
    assert len(boxes(screen.splitlines())) >= 3, screen  # the select, its list, the editor
    session.send_keys(*steps, "Enter")
    session.wait_until(lambda s: "Hindi — हिन्दी" not in s and label in s, f"{label} chosen")
    # A language chosen, the grid has the focus again (no Tab needed): the select looks unfocused.
    session.wait_until(lambda s: " e Edit " in s.rstrip().splitlines()[-1], "the focus back on the grid (its footer)")
    return problems


def grid_problems(screen: str) -> list[str]:
    """Row 1's translation starts in the Translation column and its status mark is in the last column."""
    lines = screen.splitlines()
    header = next(line for line in lines if "Source (en)" in line and "Translation" in line)
    translation = header.index("Translation")  # the header is ASCII: index = column
    status = translation + header.index("MT (") - header.index("Source (en)")
    row = cells(next(line for line in lines if line.startswith(" 1 ")))
    problems = []
    if not row.get(translation, "").startswith(NUG[0]):
        problems.append(f"row 1: translation not at column {translation}: {row.get(translation)!r}")
    if row.get(status) != "✎":
        problems.append(f"row 1: status mark not at column {status}: {row.get(status)!r}")
    return problems


def saved_translation(data_dir) -> str | None:
    """Segment 1's Burmese translation as the app saved it (the app saves as the translator types)."""
    from workbench.app.config import load_settings
    from workbench.storage.store import Store

    store = Store(load_settings(data_dir=data_dir).db_url)
    try:
        first = store.segments(1)[0]
        saved = store.translations(1, "my").get(first.segment_id)
        return saved.text if saved else None
    finally:
        store.close()


def settled_screen(session: TmuxSession, ready) -> str:
    """The screen once ``ready()`` holds and the app is idle: two captures 0.2 s apart agree and
    the app used (almost) no CPU between them. A busy app may have saved text it has not drawn yet."""
    process = session.app_process()
    previous: tuple[str, float] | None = None

    def settled(_screen: str) -> bool:
        nonlocal previous
        screen = session.tmux("capture-pane", "-p", "-e", "-t", session.name).stdout  # colours too
        cpu = sum(process.cpu_times()[:2])
        done = previous is not None and screen == previous[0] and cpu - previous[1] < 0.02 and ready()
        previous = (screen, cpu)
        return done
    return session.wait_until(settled, "the app to finish drawing", timeout=20, interval=0.2)


def editor_has_focus(screen: str) -> bool:
    footer = screen.rstrip().splitlines()[-1]
    return "esc Grid" in footer and "^t Done" in footer and "Accept MT" not in footer


def translate_in_burmese(session: TmuxSession, data_dir) -> list[str]:
    """A translator's session: open the first seed, switch to Thai and back to Burmese, type Burmese.

    Returns every misplaced border, grid column and cursor position seen on the way.
    """
    session.send_keys("Enter")
    session.wait_for("Burmese — မြန်မာ")
    problems = misaligned_borders(settled_screen(session, lambda: True))
    problems += choose_language(session, "MT (th)", ["Down", "Down", "Down"])
    problems += choose_language(session, "MT (my)", ["Up", "Up", "Up"])
    session.send_keys("e")
    session.wait_until(editor_has_focus, "the editor to take focus (footer shows the editor's keys)")
    session.type_text(TYPED)
    screen = settled_screen(session, lambda: saved_translation(data_dir) == TYPED)
    editor_line = next(line for line in screen.splitlines() if TYPED in line)
    text_column = wcswidth(editor_line[:editor_line.index(TYPED)])
    cursor = (int(session.pane("cursor_x")), int(session.pane("cursor_y")))
    expected = (text_column + wcswidth(TYPED), screen.splitlines().index(editor_line))
    if cursor != expected:
        problems.append(f"cursor at {cursor}, the typed text ends at {expected}")
    session.type_text(MORE)
    screen = settled_screen(session, lambda: saved_translation(data_dir) == TYPED + MORE)
    shown = sum(line.count(NUG) for line in screen.splitlines() if line.startswith(" ▊ "))
    if shown != 8:
        problems.append(f"the editor shows {shown} of the 8 typed phrases")
    problems += misaligned_borders(screen) + grid_problems(screen)
    session.send_keys("Escape")
    screen = session.wait_until(lambda s: "Accept MT" in s.rstrip().splitlines()[-1], "the grid to take focus")
    return problems + misaligned_borders(screen) + grid_problems(screen)


def test_burmese_lines_up_in_tmux_with_the_width_model_the_terminal_reports(tmux, data_dir):
    """No setting: the app asks tmux, which counts spacing marks, and draws every border in its column."""
    session = start_app(tmux, data_dir)
    assert translate_in_burmese(session, data_dir) == []
    session.send_keys("C-q")
    assert session.wait_for_exit() == 0


def test_the_grapheme_model_in_tmux_pushes_borders_out_of_line(tmux, data_dir):
    """The bug this fixes: measured as Rich does by itself, Burmese overruns its borders in tmux."""
    session = start_app(tmux, data_dir, "--cell-widths", "grapheme")  # as Rich measures by itself
    problems = translate_in_burmese(session, data_dir)
    assert any("expected at column" in problem for problem in problems), problems
    assert any(problem.startswith("row 1: status mark") for problem in problems), problems
    assert any(problem.startswith("cursor at") for problem in problems), problems


PROBE_SCRIPT = """
import sys, time
from workbench.tui.cell_widths import detect_model
print("before the probe", flush=True)
started = time.monotonic()
model = detect_model()
elapsed = time.monotonic() - started
print(f"after the probe: {model} in {elapsed:.3f}s", flush=True)
time.sleep(30)
"""


def test_tmux_answers_the_probe_as_a_wcwidth_terminal_and_the_probe_leaves_no_trace(tmux, tmp_path):
    session = tmux([sys.executable, "-c", PROBE_SCRIPT], {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
                                                          "TERM": "xterm-256color", "PYTHONPATH": str(ROOT)})
    screen = session.wait_for("after the probe")
    lines = [line for line in screen.splitlines() if line.strip()]
    assert lines[0] == "before the probe", screen
    assert lines[1].startswith("after the probe: terminal in "), screen
    assert float(lines[1].split(" in ")[1].rstrip("s")) < 0.2  # tmux answers at once: no timeout waited
    assert "မ" not in screen and len(lines) == 2, screen  # the probe was erased

