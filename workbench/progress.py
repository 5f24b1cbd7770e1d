"""A plain progress bar on stderr for long CLI work (redrawn in a terminal, one line otherwise)."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class ProgressBar:
    def __init__(self, label: str, total: int, stream: TextIO | None = None, width: int = 30):
        self.label = label
        self.total = max(total, 0)
        self.stream = stream or sys.stderr
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
        line = self._line() + (f"  {note}" if note else "")
        self.stream.write(("\r" if self.interactive else "") + line + "\n")
        self.stream.flush()

    def _line(self) -> str:
        fraction = self.done / self.total if self.total else 1.0
        filled = int(round(fraction * self.width))
        bar = "█" * filled + "·" * (self.width - filled)
        elapsed = time.monotonic() - self.started
        return f"{self.label} [{bar}] {self.done}/{self.total} {elapsed:5.1f}s"
