"""Where each character of a captured tmux screen really is: columns as the terminal counts them.

tmux places characters by glibc's wcwidth, so ``capture-pane`` text is turned into columns
with the C library's own ``wcwidth`` (through ctypes, under a UTF-8 locale), independently of
the workbench's width model. ``misaligned_borders`` finds every Textual "tall" box on the
screen (a top edge ▊▔▔…▎ and the bottom edge ▊▁▁…▎ below it in the same columns) and
reports each line between them whose left or right border is not in its column.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import locale
import re
from contextlib import contextmanager
from dataclasses import dataclass

_EDGE = "▏▎▍▌▋▊▉█"
TOP_EDGE = re.compile(f"([{_EDGE}])▔{{3,}}([{_EDGE}])")
BOTTOM_EDGE = re.compile(f"([{_EDGE}])▁{{3,}}([{_EDGE}])")

_libc = ctypes.CDLL(ctypes.util.find_library("c"))
_libc.wcwidth.argtypes, _libc.wcwidth.restype = [ctypes.c_wchar], ctypes.c_int


@contextmanager
def _utf8_ctype():
    previous = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C.UTF-8")
    try:
        yield
    finally:
        locale.setlocale(locale.LC_CTYPE, previous)


def wcswidth(text: str) -> int:
    """Cells ``text`` takes in tmux (glibc's wcwidth; unprintable counts 0)."""
    with _utf8_ctype():
        return sum(max(_libc.wcwidth(character), 0) for character in text)


def cells(line: str) -> dict[int, str]:
    """Column (0-based) → the character drawn there; marks of width 0 stay with their cell."""
    placed: dict[int, str] = {}
    column, last = 0, None
    with _utf8_ctype():
        for character in line:
            width = max(_libc.wcwidth(character), 0)
            if width == 0 and last is not None:
                placed[last] += character
                continue
            placed[column], last = character, column
            column += width
    return placed


def column_of(line: str, index: int) -> int:
    """The column where the character at string ``index`` of a captured line is drawn."""
    return wcswidth(line[:index])


@dataclass(frozen=True)
class Box:
    top: int  # line numbers of the edges
    bottom: int
    left: int  # columns of the side borders
    right: int
    left_border: str
    right_border: str


def boxes(lines: list[str]) -> list[Box]:
    """Every tall-bordered box: a top edge and the first bottom edge below it in the same columns."""
    found = []
    for number, line in enumerate(lines):
        for top in TOP_EDGE.finditer(line):
            left, right = column_of(line, top.start(1)), column_of(line, top.start(2))
            for below in range(number + 1, len(lines)):
                edges = [(column_of(lines[below], m.start(1)), column_of(lines[below], m.start(2)))
                         for m in BOTTOM_EDGE.finditer(lines[below])]
                if (left, right) in edges:
                    found.append(Box(number, below, left, right, top.group(1), top.group(2)))
                    break
    return found


def misaligned_borders(screen: str) -> list[str]:
    """One message per side border not drawn in its box's column (empty: every border lines up)."""
    lines = screen.splitlines()
    problems = []
    for box in boxes(lines):
        for number in range(box.top + 1, box.bottom):
            drawn = cells(lines[number])
            for column, border in ((box.left, box.left_border), (box.right, box.right_border)):
                if drawn.get(column) != border:
                    problems.append(f"line {number}: {border!r} expected at column {column}, found "
                                    f"{drawn.get(column)!r}: {lines[number]!r}")
    return problems
