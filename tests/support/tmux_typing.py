"""A translator typing in the real TUI (tmux) while a PO desk runs `workbench translations` beside it.

``Typist`` drives one article screen of the app in a ``TmuxSession`` and reads the real screen:
the segment grid (whose Translation cell is redrawn only after a save was committed, so seeing
the typed text there is the TUI's acknowledgement), the editor's footer, notifications and the
conflict dialog (both texts side by side).  ``PoDesk`` is the other side: the real `workbench`
command in child processes (export, import, history) and the SQLite file read directly.
Nothing here sleeps to decide anything: every wait polls the screen or a process, with a timeout.
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

from tests.support.tmux_helpers import TmuxError, TmuxSession, reflow

# Box drawing, blocks (borders, scrollbars) and the status marks after the Translation cell.
_TRIM = re.compile(r"[\u2500-\u259f✎✓\s]+$")
_CONFLICT = re.compile(r"Segment (\d+) was changed by someone else while you were working on")
NOT_SAVED_NOTICE = "Not saved:"  # the TUI's line when the database refused a write


@dataclass(frozen=True)
class Conflict:
    """The conflict dialog as the terminal shows it."""

    number: int
    theirs: str
    mine: str
    theirs_label: str
    mine_label: str


def conflict_on_screen(screen: str) -> Conflict | None:
    """The conflict dialog's segment, texts and labels, or None when it is not shown."""
    lines = screen.splitlines()
    title = next((m for m in map(_CONFLICT.search, lines) if m), None)
    if title is None:
        return None
    at = next((i for i, line in enumerate(lines) if "Theirs (" in line and "Yours" in line), None)
    if at is None or at + 1 >= len(lines):
        return None
    labels = _dialog_columns(lines[at])
    texts = _dialog_columns(lines[at + 1])
    if len(labels) != 2 or len(texts) != 2:
        return None  # still being drawn
    return Conflict(int(title.group(1)), texts[0], texts[1], labels[0], labels[1])


def _dialog_columns(line: str) -> list[str]:
    inside = line.split("█")[1] if line.count("█") >= 2 else line
    return [part for part in re.split(r"\s{2,}", inside.strip()) if part]


def grid_rows(screen: str) -> dict[int, str]:
    """{row number: the Translation cell's visible text} of the segment grid on screen.

    Works with a dialog drawn over the left of the screen too: the rows are found by their
    place under the header line (the grid is never scrolled in these tests), and a row whose
    number is visible must be that row.
    """
    lines = screen.splitlines()
    header = next((i for i, line in enumerate(lines) if re.search(r"\bTranslation\b", line)), None)
    if header is None:
        return {}
    column = lines[header].index("Translation")
    rows: dict[int, str] = {}
    for offset, line in enumerate(lines[header + 1:], start=1):
        if "────" in line:  # the rule above the detail pane
            break
        number = re.match(r" (\d+)\s", line)
        if number and int(number.group(1)) != offset:
            raise TmuxError(f"the grid is scrolled: line {offset} under the header shows row {number.group(1)}")
        rows[offset] = _TRIM.sub("", line[column:]).strip()
    return rows


def flat(text: str) -> str:
    """A text as one grid cell shows it: the first line only (a cell is one line high)."""
    return text.split("\n")[0].strip()


class Typist:
    """A translator at the article screen of the app running in ``session``."""

    GRID_READY = "Source (en)"

    def __init__(self, session: TmuxSession, sources: list[str]):
        self.session = session
        self.sources = sources  # the article's sentences, row 1 first
        self.row = 1
        self.in_editor = False

    # -- reading the screen ----------------------------------------------------
    def screen(self) -> str:
        screen = self.session.capture()
        if NOT_SAVED_NOTICE in reflow(screen):
            raise TmuxError(f"the TUI says a write was refused:\n{screen}")
        return screen

    def wait(self, predicate, what: str, timeout: float = 15.0, interval: float = 0.05) -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if predicate(screen):
                return screen
            if time.monotonic() > deadline:
                raise TmuxError(f"timed out after {timeout}s waiting for {what}; {self.session.describe()}")
            time.sleep(interval)

    def cell(self, screen: str, row: int) -> str | None:
        return grid_rows(screen).get(row)

    # -- moving ------------------------------------------------------------------
    def open_article(self, down: int = 0) -> None:
        self.session.send_keys(*(["Down"] * down), "Enter")
        self.session.wait_for(self.GRID_READY, timeout=20)
        self._wait_selected(1)

    def go_to(self, row: int) -> None:
        """Back to the grid (if in the editor), then the cursor onto ``row``, checked on screen."""
        if self.in_editor:
            self.session.send_keys("Escape")
            self.wait(lambda s: "Accept MT" in _footer(s), "the grid to take focus (its footer)")
            self.in_editor = False
        step = "Down" if row > self.row else "Up"
        for _ in range(abs(row - self.row)):
            self.session.send_keys(step)
        self.row = row
        self._wait_selected(row)

    def _wait_selected(self, row: int) -> None:
        start = " ".join(self.sources[row - 1].split())[:40]
        # "EN", or for a header line its kind too ("EN headline"), then the source.
        shown = re.compile(r"\bEN (?:[a-z]+ )?" + re.escape(start))
        self.wait(lambda s: shown.search(reflow(s)) is not None, f"segment {row} to be selected (its source below the grid)")

    def edit(self) -> None:
        """`e`: the editor takes focus; keys sent before that would still go to the grid."""
        self.session.send_keys("e")
        self.wait(_editor_footer, "the editor to take focus (footer shows only esc and ^q)")
        self.in_editor = True

    # -- typing --------------------------------------------------------------------
    def type_chunk(self, chunk: str, expected: str, timeout: float = 15.0) -> Conflict | None:
        """Type ``chunk`` at the end of the editor; None once the grid shows ``expected`` (saved), or
        the conflict dialog when that came up instead."""
        self.session.type_text(chunk)
        return self._acknowledged(expected, timeout)

    def erase(self, count: int, expected: str, timeout: float = 15.0) -> Conflict | None:
        """Backspace ``count`` times (a translator correcting), then as ``type_chunk``."""
        self.session.send_keys(*["BSpace"] * count)
        return self._acknowledged(expected, timeout)

    def _acknowledged(self, expected: str, timeout: float) -> Conflict | None:
        row = self.row

        def settled(screen: str) -> bool:
            return conflict_on_screen(screen) is not None or self.cell(screen, row) == flat(expected)

        return conflict_on_screen(self.wait(settled, f"row {row} to show {expected!r} or a conflict", timeout))

    def wait_for_conflict(self, timeout: float = 15.0) -> Conflict:
        screen = self.wait(lambda s: conflict_on_screen(s) is not None, "the conflict dialog", timeout)
        found = conflict_on_screen(screen)
        assert found is not None
        return found

    def settle(self, key: str) -> str:
        """Answer the conflict dialog (k / t / m); returns the screen once it has gone and the
        editor has the keys again."""
        self.session.send_keys(key)
        return self.wait(lambda s: conflict_on_screen(s) is None and _editor_footer(s),
                         f"the conflict dialog to close after {key!r} and the editor to have focus")

    def wait_for_cells(self, expected: dict[int, str], timeout: float) -> float:
        """Seconds until every row in ``expected`` shows its text (polling the real screen)."""
        started = time.monotonic()
        self.wait(lambda s: all(self.cell(s, row) == flat(text) for row, text in expected.items()),
                  f"rows {sorted(expected)} to show {expected}", timeout)
        return time.monotonic() - started

    def quit(self) -> int:
        self.session.send_keys("C-q")
        return self.session.wait_for_exit(timeout=15)


def _footer(screen: str) -> str:
    lines = screen.rstrip().splitlines()
    return lines[-1] if lines else ""


def _editor_footer(screen: str) -> bool:
    footer = _footer(screen)
    return "esc Grid" in footer and "^t Done" in footer and "Accept MT" not in footer


# ------------------------------------------------------------------ the PO desk beside it

@dataclass(frozen=True)
class Stored:
    revision: int
    text: str
    status: str
    author: str


@dataclass(frozen=True)
class Version:
    id: int
    segment_id: str
    revision: int
    text: str
    status: str
    author: str
    how: str
    detail: str


@dataclass(frozen=True)
class CliRun:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    ended: float  # time.monotonic() when it was seen to end


class PoDesk:
    """`workbench translations …` in child processes logged in as USER, and the SQLite file read directly."""

    def __init__(self, data_dir: Path, user: str, article: int = 1, lang: str = "my"):
        self.data_dir, self.user, self.article, self.lang = Path(data_dir), user, article, lang
        self.env = {**os.environ, "WORKBENCH_DATA_DIR": str(self.data_dir), "LANG": "C.UTF-8", "LOGNAME": user}
        self.env.pop("WORKBENCH_DB", None)
        self.db = self.data_dir / "workbench.db"

    def argv(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "workbench", *args]

    def run(self, *args: str, timeout: float = 120) -> CliRun:
        started = time.monotonic()
        done = subprocess.run(self.argv(*args), capture_output=True, text=True, env=self.env, timeout=timeout,
                              stdin=subprocess.DEVNULL)
        ended = time.monotonic()
        return CliRun(done.returncode, done.stdout, done.stderr, ended - started, ended)

    def start(self, *args: str) -> subprocess.Popen:
        return subprocess.Popen(self.argv(*args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=self.env, stdin=subprocess.DEVNULL)

    @staticmethod
    def finish(process: subprocess.Popen, started: float, timeout: float = 120) -> CliRun:
        stdout, stderr = process.communicate(timeout=timeout)
        ended = time.monotonic()
        return CliRun(process.returncode, stdout, stderr, ended - started, ended)

    # -- PO files ----------------------------------------------------------------
    def export(self, path: Path) -> dict[str, int]:
        """Export the article; {segment id: the revision the file records for it}."""
        from workbench.app.exchange import exported_revision
        from workbench.formats.po import read_po

        done = self.run("translations", "export", str(self.article), "--to", self.lang, "--out", str(path))
        assert done.returncode == 0, done
        revisions = {}
        for unit in read_po(path).units:
            revision = exported_revision(unit)
            assert revision is not None, unit
            revisions[unit.segment_id] = revision
        return revisions

    @staticmethod
    def edit_po(path: Path, targets: dict[str, tuple[str, bool]]) -> dict[str, int]:
        """What a translator does in a PO editor: new msgstr (text, fuzzy) for some entries, the rest
        as exported.  Returns {segment id: the line of its entry} as the importer counts lines."""
        from workbench.formats.po import po_bytes, read_po

        document = read_po(path)
        units = [replace(unit, target=targets[unit.segment_id][0], fuzzy=targets[unit.segment_id][1])
                 if unit.segment_id in targets else unit for unit in document.units]
        title = path.read_text(encoding="utf-8").splitlines()[0].removeprefix("# ")
        path.write_bytes(po_bytes(replace(document, units=units), title=title))
        return {unit.segment_id: unit.line for unit in read_po(path).units}

    def start_import(self, path: Path) -> tuple[subprocess.Popen, float]:
        return self.start("translations", "import", str(path)), time.monotonic()

    def history_cli(self) -> list[list[str]]:
        """`workbench translations history ARTICLE --to LANG`: its rows, split on tabs (header dropped)."""
        done = self.run("translations", "history", str(self.article), "--to", self.lang)
        assert done.returncode == 0, done
        lines = done.stdout.splitlines()
        assert lines[0].split("\t") == ["segment", "revision", "at", "author", "how", "status", "text"], lines[0]
        return [line.split("\t") for line in lines[1:]]

    # -- the database itself -------------------------------------------------------
    def _query(self, sql: str, *params) -> list[tuple]:
        connection = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True, timeout=30)
        try:
            return connection.execute(sql, params).fetchall()
        finally:
            connection.close()

    def segments(self) -> list[tuple[str, str]]:
        """(segment id, English) in article order."""
        return [(row[0], row[1]) for row in self._query(
            "SELECT segment_id, text FROM segments WHERE article_id = ? ORDER BY position", self.article)]

    def current(self) -> dict[str, Stored]:
        return {row[0]: Stored(*row[1:]) for row in self._query(
            "SELECT segment_id, revision, text, status, author FROM translations WHERE article_id = ? AND target_lang = ?",
            self.article, self.lang)}

    def history(self) -> list[Version]:
        return [Version(*row) for row in self._query(
            "SELECT id, segment_id, revision, text, status, author, how, detail FROM translation_history "
            "WHERE article_id = ? AND target_lang = ? ORDER BY id", self.article, self.lang)]
