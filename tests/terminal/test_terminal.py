"""The real app in a real terminal (tmux): what a translator sees on screen, and what is kept.

Each test starts `python -m workbench` in a detached 120x40 tmux session on its
own server, drives it with send-keys and reads the screen with capture-pane.
Burmese may be measured differently by tmux and Textual, so these tests only
check that Burmese text appears, never where it lines up.
"""

from __future__ import annotations

import re
import shutil

import pytest

from tests.support.tmux_helpers import TmuxSession, app_environment, has_ended, reflow, workbench_argv

if shutil.which("tmux") is None:
    pytest.skip("tmux is not installed (the terminal tests need it)", allow_module_level=True)

from workbench.app.config import load_settings
from workbench.app.workspace import open_workspace

WIDTH, HEIGHT = 120, 40
USER = "tmux-tester"
FIRST_TITLE = "Myanmar’s Parallel Government Asks Foreign Governments"
SECOND_TITLE = "Over two dozen enquiries about defecting"
LIST_READY = "Articles — Enter opens one"
GRID_READY = "Source (en)"
BURMESE = "ဒေါ်ဇင်မာအောင်"
MINISTER = "Daw Zin Mar Aung, the NUG’s foreign minister"
MINISTER_ROW = 4  # its number in article 1's grid: the headline, the byline and the lead sentence come first
INSTALL_COMMAND = "`workbench models install FILE.argosmodel`"


@pytest.fixture
def terminal(tmp_path, data_dir):
    """Start the app in a new tmux session (own server); every server is killed at the end."""
    sessions: list[TmuxSession] = []

    def start(width: int = WIDTH, height: int = HEIGHT) -> TmuxSession:
        session = TmuxSession(tmp_path, width, height, name=f"workbench{len(sessions)}")
        sessions.append(session)
        session.start(workbench_argv(), app_environment(data_dir, LOGNAME=USER))
        session.wait_for(LIST_READY, timeout=15)
        return session

    yield start
    for session in sessions:
        session.kill_server()


def open_store():
    from workbench.storage.store import Store

    return Store(load_settings().db_url)


def stored_machine_translations(article_id: int, lang: str) -> dict[str, str]:
    """The MT the app stored for an article, by segment id (read through the core, not the screen)."""
    workspace = open_workspace(load_settings())
    try:
        return {segment_id: result.text for segment_id, result in workspace.stored_mt(article_id, lang)[1].items()}
    finally:
        workspace.close()


def grid(screen: str) -> tuple[dict[str, int], dict[int, str]]:
    """The segment grid on screen: column start offsets from its header, and row lines by number."""
    lines = screen.splitlines()
    header_index = next((i for i, line in enumerate(lines) if "Source (en)" in line and "Translation" in line), None)
    if header_index is None:
        return {}, {}
    header = lines[header_index]
    columns = {
        "source": header.index("Source (en)"),
        "mt": header.index("MT ("),
        "translation": header.index("Translation"),
    }
    columns["status"] = columns["translation"] + columns["mt"] - columns["source"]  # text columns share a width
    rows = {}
    for line in lines[header_index + 1:]:
        match = re.match(r" (\d+)\s", line)
        if not match:
            break
        rows[int(match.group(1))] = line
    return columns, rows


def cell(screen: str, number: int, column: str) -> str:
    """A grid cell's visible text (only for rows without Burmese, whose columns line up)."""
    columns, rows = grid(screen)
    line = rows[number]
    start = columns[column]
    ends = sorted(offset for offset in columns.values() if offset > start)
    end = ends[0] if ends else len(line)
    return line[start:end].rstrip()


def status_mark(screen: str, number: int) -> str:
    return cell(screen, number, "status").strip()


def wait_for_editor_focus(session: TmuxSession) -> None:
    """Keys sent before the app has handled `e` still go to the grid: wait for the editor's footer."""
    def editor_footer(screen: str) -> bool:
        footer = screen.rstrip().splitlines()[-1]
        return "esc Grid" in footer and "^t Done" in footer and "Accept MT" not in footer
    session.wait_until(editor_footer, "the editor to take focus (footer shows the editor's keys)")


def test_the_app_starts_on_the_seeds_and_lists_both_titles(terminal):
    session = terminal()
    session.wait_for(FIRST_TITLE)
    screen = session.wait_for(SECOND_TITLE)
    rows = {line.split()[0]: line for line in screen.splitlines() if re.match(r" \d+ ", line)}
    assert FIRST_TITLE in rows["1"] and "Mar 25, 2022" in rows["1"]
    assert SECOND_TITLE in rows["2"] and "(working title)" in rows["2"]


def test_an_edit_is_in_the_database_as_typed_and_survives_kill_9(terminal):
    first = terminal()
    first.send_keys("Enter")
    first.wait_for(GRID_READY)
    first.send_keys(*["Down"] * (MINISTER_ROW - 1))
    first.wait_for(f" EN  {MINISTER}")  # the minister's sentence is selected
    first.send_keys("e")
    wait_for_editor_focus(first)
    first.type_text(BURMESE)
    # The grid row is refreshed only after the edit was saved, so seeing it there means it was committed.
    first.wait_until(lambda s: BURMESE in grid(s)[1].get(MINISTER_ROW, ""), "the typed Burmese in its row of the grid")

    pid = first.kill_app()  # SIGKILL to the python process itself: no chance to save anything on exit
    assert first.wait_for_exit() == 128 + 9

    store = open_store()
    try:
        minister = store.segments(1)[MINISTER_ROW - 1]
        assert minister.text.startswith(MINISTER)
        saved = store.translations(1, "my")[minister.segment_id]
        assert (saved.text, saved.status, saved.author) == (BURMESE, "draft", USER)
    finally:
        store.close()

    again = terminal()
    assert again.app_process().pid != pid
    again.send_keys("Enter")
    again.wait_for(GRID_READY)
    screen = again.wait_until(lambda s: BURMESE in grid(s)[1].get(MINISTER_ROW, ""),
                              "the saved Burmese in its row after the restart")
    assert BURMESE not in grid(screen)[1][MINISTER_ROW - 1] and BURMESE not in grid(screen)[1][MINISTER_ROW + 1]
    again.send_keys(*["Down"] * (MINISTER_ROW - 1))
    def in_editor(screen: str) -> bool:
        return any(line.lstrip().startswith("▊") and BURMESE in line for line in screen.splitlines())

    again.wait_until(in_editor, "the saved Burmese in the editor of the minister's sentence")


def test_machine_translation_fills_the_grid_and_a_accepts_it(terminal, installed_models):
    session = terminal()
    store = open_store()
    try:
        segments = store.segments(1)
        total, unique = len(segments), len({segment.text for segment in segments})
        counts: list[str] = []  # every "done/total" the status line showed while we watched

        def mt_finished(screen: str) -> bool:
            text = reflow(screen)
            counts.extend(re.findall(r"(?:Translating into Burmese: |— )(\d+/\d+)", text)[:1])
            return "translated now" in text

        session.send_keys("Enter")
        screen = session.wait_until(mt_finished, "the MT status to say the MT finished", timeout=20)
        summary = re.search(r"— (\d+) segments: (\d+) translated now, (?:(\d+) repeats? of those, )?(\d+) from cache",
                            reflow(screen))
        repeats = str(total - unique) if total > unique else None  # the parts add up to the segments
        assert summary and summary.groups() == (str(total), str(unique), repeats, "0"), reflow(screen)
        # The status counted segments while the MT ran (it starts at 0/N), then gave the summary.
        assert counts and counts[0] == f"0/{total}", counts
        assert all(int(c.split("/")[1]) == total for c in counts), counts
        assert not re.search(r"\d+%", screen), "the progress bar is hidden once the MT is done"

        mt = stored_machine_translations(1, "my")
        assert len(mt) == total
        _columns, rows = grid(screen)
        assert len(rows) >= 10
        for number in rows:
            shown = cell(screen, number, "mt")
            assert shown and "…" not in shown, (number, shown, screen)
            assert mt[segments[number - 1].segment_id].startswith(shown), (number, shown)
        assert cell(screen, 1, "translation") == "" and status_mark(screen, 1) == ""

        session.send_keys("a")
        screen = session.wait_until(lambda s: cell(s, 1, "translation") != "", "the accepted MT in row 1")
        first_mt = mt[segments[0].segment_id]
        assert cell(screen, 1, "translation") == cell(screen, 1, "mt")
        assert first_mt.startswith(cell(screen, 1, "translation"))
        assert status_mark(screen, 1) == "✎"
        saved = store.translations(1, "my")[segments[0].segment_id]
        assert (saved.text, saved.status, saved.author) == (first_mt, "draft", USER)
    finally:
        store.close()

    process = session.app_process()
    session.send_keys("C-q")
    assert session.wait_for_exit() == 0
    assert has_ended(process)


def test_without_a_model_the_article_screen_shows_the_install_command(terminal):
    session = terminal()
    session.send_keys("Enter")
    session.wait_for(GRID_READY)
    screen = session.wait_for(INSTALL_COMMAND, wrapped=True)
    assert "no MT model for en→my is installed" in reflow(screen)
    assert cell(screen, 1, "mt") == "(no MT model installed)"
    process = session.app_process()
    session.send_keys("C-q")
    assert session.wait_for_exit() == 0
    assert has_ended(process)


def test_brackets_in_a_seed_sentence_reach_the_screen(terminal):
    session = terminal()
    session.wait_for(SECOND_TITLE)
    session.send_keys("Down")
    session.send_keys("Enter")
    session.wait_for(GRID_READY)
    screen = session.wait_for("“That’s the number [of people]")  # the grid row, not swallowed as markup
    assert "“That’s the number [of people]" in grid(screen)[1][4]
