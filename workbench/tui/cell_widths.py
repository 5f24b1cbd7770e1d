"""How many terminal cells a character takes, made to match the terminal the workbench runs in.

Rich (and Textual, which measures everything through Rich) reads character widths from a
table that gives spacing vowel signs (Unicode category Mc: Burmese ာ ေ း ျ, Devanagari ा,
Tamil ா ...) zero cells, which is how terminals that cluster graphemes draw them. glibc's
wcwidth, xterm-style terminals and tmux give each of them a cell of its own: there Textual's
layout of "အမျိုးသားညီညွတ်ရေးအစိုးရ" (10 cells for Rich, 17 on screen) pushes borders out
of line. Two models:

- ``terminal``: wcwidth, as glibc, xterm and tmux draw: Mc = 1 (2 if East Asian wide),
  Mn/Me = 0, wide East Asian = 2. The default.
- ``grapheme``: Rich's own table, as grapheme-clustering terminals draw.

``install(model)`` swaps the table Rich's ``get_character_cell_size`` reads (the one place
every width in Rich and Textual comes from: ``cell_len``, ``split_graphemes``,
``set_cell_size``, Textual's wrapping, input and compositor) and clears the caches built on
it, so Rich's fast paths (all-single-width strings, lru caches) stay as they are.
``detect_model`` asks the terminal itself before Textual takes it over.
"""

from __future__ import annotations

import bisect
import os
import re
import select
import time
import unicodedata
from functools import cache

MODELS = ("terminal", "grapheme")
DEFAULT_MODEL = "terminal"  # what glibc, xterm and tmux do; also the answer when nobody can tell
PROBE = "မြန်မာ"  # "Myanmar": 3 spacing marks, so 5 cells for wcwidth terminals, 3 when clustered
PROBE_TIMEOUT = 0.2  # seconds to wait for the terminal's cursor position report
_CURSOR_REPORT = re.compile(rb"\x1b\[(\d+);(\d+)R")


# -- the width tables --------------------------------------------------------------------
def _rich_table(unicode_version: str = "auto"):
    from rich._unicode_data import load

    return load(unicode_version)


def _spacing_mark_width(character: str) -> int | None:
    """wcwidth's width of a spacing mark (Mc) — a cell, two if East Asian wide — else None."""
    if unicodedata.category(character) != "Mc":
        return None
    return 2 if unicodedata.east_asian_width(character) in ("W", "F") else 1


def _terminal_ranges(rich_ranges):
    """Rich's (start, end, width) ranges, each zero-width range split where a spacing mark takes cells."""
    for start, end, width in rich_ranges:
        if width != 0:
            yield start, end, width
            continue
        for codepoint in range(start, end + 1):
            yield codepoint, codepoint, _spacing_mark_width(chr(codepoint)) or 0


@cache
def terminal_table(unicode_version: str = "auto"):
    """Rich's table with every spacing mark given its cell. Width 1 needs no entry (the default)."""
    from rich.cells import CellTable

    base = _rich_table(unicode_version)
    merged: list[tuple[int, int, int]] = []
    for start, end, width in _terminal_ranges(base.widths):
        if width == 1:
            continue
        if merged and merged[-1][2] == width and merged[-1][1] == start - 1:
            merged[-1] = (merged[-1][0], end, width)
        else:
            merged.append((start, end, width))
    return CellTable(base.unicode_version, merged, base.narrow_to_wide)


# -- installing a model into Rich and Textual ---------------------------------------------------
def install(model: str) -> bool:
    """Make Rich and Textual measure text as ``model`` ("terminal" or "grapheme") from now on.

    This uses Rich internals (its cell table loader and caches; pyproject pins the Rich
    major version it was written for). If a Rich release has moved them, the workbench still
    starts, with Rich's own widths, and False says the model could not be installed.
    """
    if model not in MODELS:
        raise ValueError(f"unknown cell width model {model!r}; expected one of {MODELS}")
    try:
        import rich.cells
        from rich._unicode_data import load as rich_load  # what rich.cells itself imports

        caches = _width_caches()
        rich.cells.load_cell_table  # noqa: B018 - present, or this Rich is not the one we know
    except (ImportError, AttributeError):
        return False
    rich.cells.load_cell_table = terminal_table if model == "terminal" else rich_load
    for clear in caches:
        clear()
    return True


def installed_model() -> str:
    import rich.cells

    return "terminal" if rich.cells.load_cell_table is terminal_table else "grapheme"


def _width_caches() -> list:
    """The caches of widths measured under the other model: they must not be served again."""
    import rich.cells
    from rich.segment import Segment

    return [rich.cells.get_character_cell_size.cache_clear,
            rich.cells.cached_cell_len.cache_clear,  # also Textual's textual._cells.cell_len
            Segment._split_cells.cache_clear]


def text_width(text: str, model: str) -> int:
    """Cells ``text`` takes under ``model``, without installing it (for the probe and tests)."""
    widths, starts = _searchable_table(model)
    total = 0
    for character in text:
        codepoint = ord(character)
        start, end, width = widths[bisect.bisect_right(starts, codepoint) - 1]
        total += width if start <= codepoint <= end else 1
    return total


@cache
def _searchable_table(model: str) -> tuple[list[tuple[int, int, int]], list[int]]:
    widths = list((terminal_table() if model == "terminal" else _rich_table()).widths)
    return widths, [start for start, _end, _width in widths]


# -- asking the terminal -------------------------------------------------------------------------
def choose_model(setting: str, input_fd: int | None = None, output_fd: int | None = None) -> str:
    """The model for a setting: "terminal"/"grapheme" as forced, "auto" as the terminal answers."""
    if setting in MODELS:
        return setting
    return detect_model(input_fd, output_fd) or DEFAULT_MODEL


def detect_model(input_fd: int | None = None, output_fd: int | None = None,
                 timeout: float = PROBE_TIMEOUT) -> str | None:
    """Print the probe, ask where the cursor went (ESC[6n) and erase it; None when nobody can tell."""
    import sys

    try:
        input_fd = sys.stdin.fileno() if input_fd is None else input_fd
        if output_fd is None:
            if sys.__stderr__ is None:  # no stderr at all
                return None
            output_fd = sys.__stderr__.fileno()  # where Textual draws
    except (AttributeError, ValueError, OSError):  # no stdin or stderr at all (closed, None)
        return None
    if not (os.isatty(input_fd) and os.isatty(output_fd)):
        return None
    advance = probe_advance(input_fd, output_fd, PROBE, timeout)
    for model in MODELS:
        if advance == text_width(PROBE, model):
            return model
    return None


def probe_advance(input_fd: int, output_fd: int, probe: str, timeout: float) -> int | None:
    """How many columns the terminal moved the cursor for ``probe``, printed at the line's start."""
    try:
        import termios
        import tty
    except ImportError:  # not a POSIX terminal
        return None
    try:
        saved = termios.tcgetattr(input_fd)
    except termios.error:
        return None
    try:
        tty.setraw(input_fd, termios.TCSANOW)
        os.write(output_fd, b"\r" + probe.encode("utf-8") + b"\x1b[6n")
        reply = _read_report(input_fd, timeout)
    finally:
        os.write(output_fd, b"\r\x1b[K")  # the probe leaves no trace on screen
        termios.tcsetattr(input_fd, termios.TCSAFLUSH, saved)
    return None if reply is None else reply - 1


def _read_report(input_fd: int, timeout: float) -> int | None:
    """The column (1-based) of the terminal's cursor position report, or None after ``timeout``."""
    received = b""
    deadline = time.monotonic() + timeout
    while (left := deadline - time.monotonic()) > 0:
        ready, _, _ = select.select([input_fd], [], [], left)
        if not ready:
            break
        chunk = os.read(input_fd, 64)
        if not chunk:
            break
        received += chunk
        if match := _CURSOR_REPORT.search(received):
            return int(match.group(2))
    return None
