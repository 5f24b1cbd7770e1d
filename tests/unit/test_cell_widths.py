"""The cell width models (workbench/tui/cell_widths.py): what Rich and Textual measure, and the setting.

"terminal" must agree with glibc's wcwidth (what tmux and xterm-style terminals use) for
Burmese, Thai, Devanagari and Tamil; "grapheme" is Rich's own table. The probe is tested
here against a pseudo-terminal that answers like a grapheme-clustering terminal and one
that never answers; tests/test_terminal_widths.py asks a real terminal (tmux).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import locale
import os
import pty
import threading
import time
import unicodedata

import pytest
from rich.cells import cell_len, chop_cells, set_cell_size
from rich.segment import Segment
from rich.text import Text
from textual._cells import cell_len as textual_cell_len
from textual.content import Content

from tests.support.cli_helpers import assert_one_line_error, run_cli
from workbench.tui import cell_widths

NUG = "အမျိုးသားညီညွတ်ရေးအစိုးရ"  # National Unity Government: 7 spacing marks
SAMPLES = {  # text: (cells in a wcwidth terminal, cells when graphemes are clustered)
    NUG: (17, 10),
    "မြန်မာ": (5, 3),
    "ภาษาไทย": (7, 7),  # Thai vowels above/below are Mn: the models agree
    "สวัสดีครับ": (7, 7),
    "हिन्दी": (5, 3),  # Devanagari ि ी are Mc
    "नमस्ते दुनिया": (10, 8),
    "தமிழ்": (4, 3),  # Tamil ி is Mc
    "Hello, world": (12, 12),
    "日本語 中文": (11, 11),
    "Burmese — မြန်မာ": (15, 13),
}
MODELS = cell_widths.MODELS
SCRIPT_BLOCKS = {"Myanmar": (0x1000, 0x109F), "Myanmar Extended-A": (0xAA60, 0xAA7F),
                 "Thai": (0x0E00, 0x0E7F), "Devanagari": (0x0900, 0x097F), "Tamil": (0x0B80, 0x0BFF)}


@pytest.fixture
def model():
    """Install a model for one test; Rich's own table (what every other test expects) afterwards."""
    yield cell_widths.install
    cell_widths.install("grapheme")


def libc_wcwidth():
    """glibc's wcwidth under a UTF-8 locale: the truth tmux draws by."""
    libc = ctypes.CDLL(ctypes.util.find_library("c"))
    libc.wcwidth.argtypes, libc.wcwidth.restype = [ctypes.c_wchar], ctypes.c_int
    previous = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C.UTF-8")
    return libc.wcwidth, lambda: locale.setlocale(locale.LC_CTYPE, previous)


@pytest.mark.parametrize("name", MODELS)
def test_rich_and_textual_measure_each_sample_as_the_model_says(model, name):
    model(name)
    assert cell_widths.installed_model() == name
    for text, widths in SAMPLES.items():
        expected = widths[MODELS.index(name)]
        assert cell_len(text) == expected, (text, name)
        assert textual_cell_len(text) == expected, (text, name)
        assert Text(text).cell_len == expected and Segment(text).cell_length == expected
        assert Content(text).cell_length == expected
        assert cell_widths.text_width(text, name) == expected


def test_switching_models_does_not_serve_widths_cached_under_the_other(model):
    model("grapheme")
    assert cell_len(NUG) == 10 and Segment(NUG).split_cells(5)[0].cell_length == 5
    model("terminal")
    assert cell_len(NUG) == 17 and textual_cell_len(NUG) == 17
    left, right = Segment(NUG).split_cells(5)
    assert (left.text, left.cell_length, right.cell_length) == ("အမျိုးသ", 5, 12)  # ိ ု (Mn) stay with their base
    model("grapheme")
    assert cell_len(NUG) == 10


def test_cropping_and_wrapping_burmese_keep_to_the_cells_under_the_terminal_model(model):
    model("terminal")
    cropped = set_cell_size(NUG, 8)
    assert cell_len(cropped) == 8 and NUG.startswith(cropped.rstrip())
    lines = chop_cells(NUG * 3, 20)
    assert "".join(lines) == NUG * 3
    assert all(cell_len(line) <= 20 for line in lines) and cell_len(lines[0]) >= 19
    wrapped = Content(" ".join([NUG] * 4)).wrap(40)
    assert [line.cell_length for line in wrapped] == [35, 35]


def test_the_terminal_model_agrees_with_glibc_wcwidth_for_burmese_thai_hindi_and_tamil(model):
    model("terminal")
    wcwidth, restore = libc_wcwidth()
    try:
        disagreements = [
            (block, hex(codepoint), unicodedata.name(chr(codepoint), "?"), wcwidth(chr(codepoint)), cell_len(chr(codepoint)))
            for block, (first, last) in SCRIPT_BLOCKS.items()
            for codepoint in range(first, last + 1)
            if unicodedata.category(chr(codepoint)) != "Cn" and wcwidth(chr(codepoint)) != cell_len(chr(codepoint))
        ]
        whole_phrase = sum(max(wcwidth(character), 0) for character in NUG)
    finally:
        restore()
    assert disagreements == []
    assert whole_phrase == 17


def test_the_terminal_model_changes_only_spacing_marks(model):
    """Everything else (ASCII, CJK, emoji, combining marks) measures exactly as Rich measures it."""
    rich_table = cell_widths._rich_table()
    terminal = cell_widths.terminal_table()
    planes = [*range(0x30000), *range(0xE0000, 0xE0200)]  # every plane with characters Rich knows widths of
    changed = [codepoint for codepoint in planes
               if cell_widths.text_width(chr(codepoint), "terminal") != cell_widths.text_width(chr(codepoint), "grapheme")]
    assert changed and all(unicodedata.category(chr(codepoint)) == "Mc" for codepoint in changed)
    assert 0x102C in changed and 0x1031 in changed and 0x1038 in changed and 0x103B in changed  # ာ ေ း ျ
    assert 0x102D not in changed and 0x1037 not in changed and 0x103A not in changed  # ိ ့ ် stay 0
    assert terminal.narrow_to_wide == rich_table.narrow_to_wide
    starts = [start for start, _end, _width in terminal.widths]
    assert starts == sorted(starts)  # Rich binary-searches the table


def test_an_unknown_model_is_refused(model):
    with pytest.raises(ValueError, match="unknown cell width model"):
        model("wide")


def test_a_forced_setting_is_used_without_asking_the_terminal():
    reader, writer = os.pipe()  # a terminal would be asked: a pipe is not one, and gets nothing written
    try:
        assert cell_widths.choose_model("grapheme", reader, writer) == "grapheme"
        assert cell_widths.choose_model("terminal", reader, writer) == "terminal"
        assert cell_widths.choose_model("auto", reader, writer) == "terminal"  # nobody to ask: wcwidth
        os.set_blocking(reader, False)
        with pytest.raises(BlockingIOError):
            os.read(reader, 100)
    finally:
        os.close(reader)
        os.close(writer)


def answer_cursor_requests(terminal_side: int, column: int | None, seen: list[bytes]) -> threading.Thread:
    """A pseudo-terminal's other end: records what the app wrote, answers ESC[6n with ``column``."""
    def serve():
        received = b""
        deadline = time.monotonic() + 2
        while b"\x1b[6n" not in received and time.monotonic() < deadline:
            received += os.read(terminal_side, 1024)
        if column is not None:
            os.write(terminal_side, f"\x1b[3;{column}R".encode())
        time.sleep(0.3)
        os.set_blocking(terminal_side, False)
        try:
            received += os.read(terminal_side, 1024)
        except BlockingIOError:
            pass
        seen.append(received)
    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    return thread


@pytest.mark.parametrize(("column", "expected"), [(4, "grapheme"), (6, "terminal"), (9, None), (None, None)])
def test_the_probe_reads_the_model_from_where_the_terminal_put_the_cursor(column, expected):
    """Column 4 = 3 cells for "မြန်မာ" (clustered), 6 = 5 cells (wcwidth); other or no answer: unknown."""
    terminal_side, app_side = pty.openpty()
    seen: list[bytes] = []
    try:
        server = answer_cursor_requests(terminal_side, column, seen)
        started = time.monotonic()
        assert cell_widths.detect_model(app_side, app_side) == expected
        assert time.monotonic() - started < 1.0  # a silent terminal delays start-up by the timeout only
        server.join(3)
        written = seen[0].decode("utf-8", "replace")
        assert written.startswith("\r" + cell_widths.PROBE + "\x1b[6n")
        assert written.endswith("\r\x1b[K")  # the probe is erased
        assert os.get_terminal_size(app_side) is not None and os.isatty(app_side)
    finally:
        os.close(terminal_side)
        os.close(app_side)


def test_the_setting_comes_from_the_option_then_the_variable(monkeypatch):
    from workbench.app.config import load_settings

    monkeypatch.delenv("WORKBENCH_CELL_WIDTHS", raising=False)
    assert load_settings().cell_widths == "auto"
    monkeypatch.setenv("WORKBENCH_CELL_WIDTHS", "grapheme")
    assert load_settings().cell_widths == "grapheme"
    assert load_settings(cell_widths="terminal").cell_widths == "terminal"


@pytest.mark.parametrize(("args", "env", "where"), [
    (["--cell-widths", "wide", "articles"], {}, "--cell-widths='wide'"),
    (["articles"], {"WORKBENCH_CELL_WIDTHS": "xterm"}, "WORKBENCH_CELL_WIDTHS='xterm'"),
])
def test_a_bad_cell_width_setting_is_one_line_naming_the_choices(args, env, where):
    result = run_cli(*args, env={"WORKBENCH_CELL_WIDTHS": "", **env})
    assert result.returncode == 2
    assert_one_line_error(result, where, "auto", "terminal", "grapheme")


def test_a_rich_without_the_internals_still_starts_with_richs_own_widths(monkeypatch):
    import rich.cells

    from workbench.tui import cell_widths

    monkeypatch.setattr(rich.cells, "cached_cell_len", lambda text: len(text))  # a Rich without that cache
    before = rich.cells.load_cell_table
    assert cell_widths.install("terminal") is False  # no crash: the app starts, widths as Rich has them
    assert rich.cells.load_cell_table is before
