"""A plain progress bar on stderr for long CLI work (redrawn in a terminal, one line otherwise).

The bars draw their own control characters (CR, cursor up, erase line), so they write on the
terminal's stream itself, beneath the CLI's `visible()` wrapper; the data in them (labels from
package metadata, notes naming models) passes through `visible()` here instead.
"""

from __future__ import annotations

import io
import sys
import time
from typing import TextIO

from workbench.safe_text import visible


def _terminal(stream: TextIO | None) -> TextIO:
    """The stream itself, not the CLI's wrapper around it that would show the bar's escapes."""
    chosen = stream or sys.stderr
    return getattr(chosen, "underlying", chosen)


class ProgressBar:
    def __init__(self, label: str, total: int, stream: TextIO | None = None, width: int = 30):
        self.label = visible(label)
        self.total = max(total, 0)
        self.stream = _terminal(stream)
        self.width = width
        self.done = 0
        self.started = time.monotonic()
        self.interactive = bool(getattr(self.stream, "isatty", lambda: False)())

    def update(self, done: int) -> None:
        self.done = min(done, self.total)
        if self.interactive:
            self.stream.write("\r" + self._line())
            self.stream.flush()

    def finish(self, note: str = "") -> None:
        line = self._line() + (f"  {visible(note)}" if note else "")
        self.stream.write(("\r" if self.interactive else "") + line + "\n")
        self.stream.flush()

    def _line(self) -> str:
        fraction = self.done / self.total if self.total else 1.0
        filled = int(round(fraction * self.width))
        bar = "█" * filled + "·" * (self.width - filled)
        elapsed = time.monotonic() - self.started
        return f"{self.label} [{bar}] {self.done}/{self.total} {elapsed:5.1f}s"


class ProgressBars:
    """One bar per label, updated from several threads at once.

    In a terminal every bar keeps its own line, redrawn in place; otherwise each
    bar prints one line when it finishes, like ProgressBar.
    """

    def __init__(self, totals: dict[str, int], stream: TextIO | None = None):
        import threading

        self.stream = _terminal(stream)
        self.bars = {label: ProgressBar(label, total, self.stream) for label, total in totals.items()}
        self.finished: dict[str, str] = {}  # frozen final lines: their clocks stop
        self.interactive = bool(getattr(self.stream, "isatty", lambda: False)())
        self.lock = threading.Lock()
        if self.interactive:
            self.stream.write("\n" * len(self.bars))
            self._redraw()

    def update(self, label: str, done: int) -> None:
        with self.lock:
            self.bars[label].done = min(done, self.bars[label].total)
            if self.interactive:
                self._redraw()

    def finish(self, label: str, note: str = "") -> None:
        with self.lock:
            self.finished[label] = self.bars[label]._line() + (f"  {visible(note)}" if note else "")
            if self.interactive:
                self._redraw()
            else:
                self.stream.write(self.finished[label] + "\n")
                self.stream.flush()

    def _redraw(self) -> None:
        up = f"\x1b[{len(self.bars)}F"  # to the first bar's line
        # A line wider than the terminal wraps, and moving up by one line per bar would then
        # land in the wrong place: every line is cut to the width.
        width = max(20, _columns(self.stream) - 1)
        lines = [self.finished.get(label) or bar._line() for label, bar in self.bars.items()]
        lines = [line[:width] + "\x1b[K" for line in lines]
        self.stream.write(up + "\n".join(lines) + "\n")
        self.stream.flush()


def _columns(stream) -> int:
    """The width of the terminal the bars are drawn on (stderr, even when stdout is a file)."""
    import os
    import shutil

    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return shutil.get_terminal_size(fallback=(80, 24)).columns
