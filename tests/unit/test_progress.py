"""Progress bars on a terminal narrower than their lines still redraw in place."""

from __future__ import annotations

import io
import re

from workbench.cli.progress import ProgressBars


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_long_finished_lines_are_cut_to_the_terminal_width(monkeypatch):
    monkeypatch.setenv("COLUMNS", "40")
    stream = Terminal()
    bars = ProgressBars({"en→my": 25, "en→es→ja": 25}, stream)
    bars.update("en→my", 10)
    bars.finish("en→es→ja", "25 translated, 0 from cache (translate-en_es-1_0+translate-es_ja-1_0)")
    for redraw in stream.getvalue().split("\x1b[2F")[1:]:
        for line in redraw.split("\n"):
            visible = re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", line)
            assert len(visible) <= 39, visible
