"""A translator types in the real TUI (tmux) while `workbench translations import FILE.po` lands on
the same article, round after round: no acknowledged word is lost, and everyone is told the truth.

The app runs in a 120x40 tmux pane on a real SQLite file. Beside it a "PO desk" exports the
article, edits the PO file as a PO editor would (new msgstr for the segment being typed in and
for segments shown in the grid but not edited) and imports it with the real CLI, in a child
process, while keys reach the app.  The TUI's acknowledgement of a save is the grid: its
Translation cell is redrawn only after the save was committed.  Every round then checks:

- every translation the import said it wrote is in the history (how=import, this file), and is
  current unless a later save the TUI acknowledged came after it;
- every text the TUI acknowledged is in the history (current, or followed by a later write);
- a save that met the import's showed the conflict dialog with both texts, truthfully labelled,
  and keep mine / keep theirs / merge did exactly that;
- an import refused as stale named a segment that really changed since the export, with the
  right revisions and line, and wrote nothing;
- segments the import changed while shown were redrawn on the real screen (polled, generous
  timeout; the nominal figure is two seconds);
- `workbench translations history` prints exactly what the database holds.

Contention is asserted to have happened (conflicts shown and stale refusals), so the test
cannot pass by never meeting the import.
"""

from __future__ import annotations

import random
import re
import shutil
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.support.tmux_helpers import TmuxSession, app_environment, reflow, workbench_argv
from tests.support.tmux_typing import Conflict, PoDesk, Typist, Version

if shutil.which("tmux") is None:
    pytest.skip("tmux is not installed (the terminal tests need it)", allow_module_level=True)

TYPIST, DESK = "typist", "po-desk"
REFRESH_TIMEOUT = 12.0  # generous for a loaded 2-core CI machine; the TUI polls every second
STALE = re.compile(r"workbench: error: (?P<path>\S+):(?P<line>\d+): segment (?P<segment>\w+) was changed in the "
                   r"workbench since this file was exported \(revision (?P<based>\d+), now (?P<now>\d+)\); nothing was changed")
RACED = re.compile(r"workbench: error: (?P<path>\S+): segment (?P<segments>[\w, ]+) changed while the file was being "
                   r"imported; nothing was changed")
IMPORTED = re.compile(r"imported (\d+) translations into article 1 \(my\): (\d+) translated, (\d+) drafts; (\d+) unchanged or empty")


def theirs(round_number: int, label: str) -> str:
    return f"သတင်းထောက် {round_number}{label}"  # "reporter", as a PO editor on the desk writes it


@dataclass
class Ledger:
    """What each side was told was saved, across all rounds."""

    acked: list[tuple[str, str]] = field(default_factory=list)  # (segment, text) the TUI showed as saved
    imported: list[tuple[str, str, str]] = field(default_factory=list)  # (segment, text, file) the import reported
    refused: list[str] = field(default_factory=list)  # files whose import was refused
    conflicts: list[Conflict] = field(default_factory=list)
    refresh_seconds: list[float] = field(default_factory=list)
    rounds: list[tuple[str, str, float]] = field(default_factory=list)  # (name, outcome, seconds)


class Desk:
    """One round's view of the two sides: the tmux typist and the PO desk."""

    def __init__(self, typist: Typist, po: PoDesk, folder: Path, ledger: Ledger):
        self.typist, self.po, self.folder, self.ledger = typist, po, folder, ledger
        self.ids = [segment_id for segment_id, _text in po.segments()]
        self.text: dict[int, str] = defaultdict(str)  # what the typist believes each row holds (as acknowledged)
        self.last: tuple[str, str] = ("", "")  # the row's text before and after the last keys sent

    def sid(self, row: int) -> str:
        return self.ids[row - 1]

    def type(self, chunk: str) -> Conflict | None:
        row = self.typist.row
        expected = self.text[row] + chunk
        self.last = (self.text[row], expected)
        conflict = self.typist.type_chunk(chunk, expected)
        if conflict is None:
            self.text[row] = expected
            self.ledger.acked.append((self.sid(row), expected))
        return conflict

    def erase(self, count: int) -> Conflict | None:
        row = self.typist.row
        expected = self.text[row][:-count]
        self.last = (self.text[row], expected)
        conflict = self.typist.erase(count, expected)
        if conflict is None:
            self.text[row] = expected
            self.ledger.acked.append((self.sid(row), expected))
        return conflict

    def keep_typing(self, label: str, step: int) -> Conflict | None:
        """One more burst of steady typing: a few keys, or backspaces when the cell would overflow
        (a cell shows 34 characters, and only a whole text there acknowledges the save)."""
        if len(self.text[self.typist.row]) > 20:
            return self.erase(4)
        return self.type(f"{label}{step % 10}.")

    def export_and_edit(self, name: str, targets: dict[int, tuple[str, bool]]) -> tuple[Path, dict[str, int], dict[str, int]]:
        path = self.folder / f"{name}.po"
        revisions = self.po.export(path)
        lines = self.po.edit_po(path, {self.sid(row): value for row, value in targets.items()})
        return path, revisions, lines

    def shown(self, rows: list[int]) -> None:
        """The rows are on the real screen (in the grid, not scrolled away) before the import lands."""
        visible = self.typist.cell(self.typist.screen(), max(rows))
        assert visible is not None, f"row {max(rows)} is not shown; {self.typist.session.describe()}"

    def import_succeeded(self, path: Path, run, targets: dict[int, tuple[str, bool]]) -> None:
        """The import's report is true: it names the number it wrote, and each is in the history."""
        assert run.returncode == 0, run
        report = IMPORTED.search(run.stdout)
        assert report, run.stdout
        written, translated, drafts, unchanged = map(int, report.groups())
        assert written == len(targets) and unchanged == len(self.ids) - len(targets), run.stdout
        assert translated == sum(1 for _text, fuzzy in targets.values() if not fuzzy) and drafts == written - translated
        rows = [v for v in self.po.history() if v.how == "import" and v.detail == str(path)]
        assert sorted((v.segment_id, v.text, v.author) for v in rows) == sorted(
            (self.sid(row), text, DESK) for row, (text, _fuzzy) in targets.items()), rows
        for row, (text, _fuzzy) in targets.items():
            self.ledger.imported.append((self.sid(row), text, str(path)))
            if row != self.typist.row:
                self.text[row] = text

    def import_refused_stale(self, path: Path, run, revisions: dict[str, int], lines: dict[str, int],
                             typed_row: int) -> None:
        """A stale refusal names the segment that changed since the export, truthfully, and writes nothing."""
        assert run.returncode == 2, run
        errors = [line for line in run.stderr.splitlines() if line.startswith("workbench: error:")]
        assert len(errors) == 1 and "Traceback" not in run.stderr, run.stderr
        history = self.po.history()
        assert not [v for v in history if v.detail == str(path)], "a refused import wrote something"
        self.ledger.refused.append(str(path))
        if (raced := RACED.search(errors[0])) is not None:  # changed between the importer's read and its write
            named = [name.strip() for name in raced["segments"].split(",")]
            for segment in named:
                later = [v for v in history if v.segment_id == segment and v.revision > revisions[segment]]
                assert later and all(v.author == TYPIST for v in later), (segment, later)
            return
        stale = STALE.search(errors[0])
        assert stale, errors[0]
        assert stale["path"] == str(path)
        segment = stale["segment"]
        assert segment == self.sid(typed_row), f"the refusal names {segment}, but only row {typed_row} was typed in"
        assert int(stale["based"]) == revisions[segment], "the refusal misstates the revision the file was based on"
        assert int(stale["line"]) == lines[segment], "the refusal points at another entry of the file"
        now = int(stale["now"])
        versions = {v.revision: v for v in history if v.segment_id == segment}
        assert now in versions and now > revisions[segment], (now, sorted(versions))
        assert all(versions[r].author == TYPIST and versions[r].how == "typed"
                   for r in range(revisions[segment] + 1, now + 1)), "the change it names was not the typist's"

    def wait_refreshed(self, rows: dict[int, str], since: float) -> None:
        self.typist.wait_for_cells(rows, timeout=REFRESH_TIMEOUT)
        self.ledger.refresh_seconds.append(time.monotonic() - since)

    def check_conflict(self, conflict: Conflict, row: int, their_text: str) -> None:
        """The dialog: this segment, the import's text as theirs, the typist's text as mine (what the
        editor held before the last keys, after them, or in between), labelled truly."""
        self.ledger.conflicts.append(conflict)
        assert conflict.number == row, conflict
        assert conflict.theirs == their_text and conflict.theirs_label == "Theirs (saved)", conflict
        shorter, longer = sorted(self.last, key=len)
        assert conflict.mine.startswith(shorter) and longer.startswith(conflict.mine), (conflict, self.last)
        versions = [v for v in self.po.history() if v.segment_id == self.sid(row)]
        landed = max(v.revision for v in versions if v.how == "import" and v.text == their_text)
        over = [v for v in versions if v.revision > landed]
        assert not over, f"saved over the import's text before the translator chose (dialog {conflict}): {over}"
        saved_texts = {v.text for v in versions if v.author == TYPIST}
        if conflict.mine in saved_texts:
            assert "not saved" not in conflict.mine_label, f"the dialog calls a saved text unsaved: {conflict}"
        else:
            assert conflict.mine_label == "Yours (not saved yet)", conflict

    def settle(self, conflict: Conflict, key: str, row: int, their_text: str) -> None:
        """k / t / m, then the database and the grid hold exactly what was chosen."""
        segment = self.sid(row)
        import_revision = next(v.revision for v in self.po.history()
                               if v.segment_id == segment and v.how == "import" and v.text == their_text)
        now = self.typist.wait_for_conflict()  # as it is when the key is pressed (keys held meanwhile join "yours")
        assert now.number == conflict.number and now.theirs == conflict.theirs, (conflict, now)
        assert now.mine.startswith(conflict.mine), (conflict, now)
        conflict = now
        self.typist.settle(key)
        expected = {"k": conflict.mine, "t": their_text, "m": f"{their_text}\n{conflict.mine}"}[key]
        self.typist.wait_for_cells({row: expected}, timeout=15)
        stored = self.po.current()[segment]
        assert stored.text == expected, (key, stored, conflict)
        if key == "t":
            assert stored.revision == import_revision, "keep theirs, yet something was saved over theirs"
        else:
            assert stored.revision > import_revision and stored.author == TYPIST, stored
            self.ledger.acked.append((segment, expected))
        self.text[row] = expected


def check_ledger(po: PoDesk, ledger: Ledger, numbers: dict[str, int]) -> None:
    """Zero lost acknowledged writes, and the CLI's history is the database's."""
    history = po.history()
    current = po.current()
    by_segment: dict[str, list[Version]] = defaultdict(list)
    for version in history:
        by_segment[version.segment_id].append(version)
    for segment, versions in by_segment.items():
        assert [v.revision for v in versions] == list(range(1, len(versions) + 1)), versions  # no gap, no twice
        assert (current[segment].revision, current[segment].text) == (versions[-1].revision, versions[-1].text)
    acked = set(ledger.acked)
    for segment, text in ledger.acked:
        assert any(v.author == TYPIST and v.text == text for v in by_segment[segment]), f"lost TUI save {text!r}"
    for segment, text, path in ledger.imported:
        found = [v for v in by_segment[segment] if v.how == "import" and v.detail == path and v.text == text]
        assert len(found) == 1, f"lost imported {text!r} of {path}"
        later = [v for v in by_segment[segment] if v.revision > found[0].revision]
        for version in later:  # superseded only by the typist's saves or another reported import
            assert version.author == TYPIST or (version.how == "import" and any(
                i[0] == segment and i[1] == version.text and i[2] == version.detail for i in ledger.imported)), version
        if later:  # and what is current is a write someone was told was saved
            now = current[segment].text
            assert (segment, now) in acked or any(i[:2] == (segment, now) for i in ledger.imported), (segment, later)
    for path in ledger.refused:
        assert not [v for v in history if v.detail == path]
    printed = po.history_cli()
    assert [(int(r[0]), int(r[1]), r[3], r[4], r[5], r[6]) for r in printed] == [
        (numbers[v.segment_id], v.revision, v.author, f"{v.how} {v.detail}".strip(), v.status, " ".join(v.text.split()))
        for v in history], "translations history does not print what the database holds"


@pytest.fixture
def desk(tmp_path, data_dir):
    session = TmuxSession(tmp_path, 120, 40, name="typing")
    session.start(workbench_argv(), app_environment(data_dir, LOGNAME=TYPIST))
    try:
        session.wait_for("Articles — Enter opens one", timeout=30)  # the first start seeds the database
        po = PoDesk(data_dir, DESK)
        typist = Typist(session, [text for _sid, text in po.segments()])
        typist.open_article()
        yield Desk(typist, po, tmp_path, Ledger())
    finally:
        session.kill_server()


def test_typing_while_po_imports_land_loses_nothing_and_tells_the_truth(desk):
    started = time.monotonic()
    ledger, typist, po = desk.ledger, desk.typist, desk.po
    numbers = {segment: number for number, segment in enumerate(desk.ids, start=1)}
    rng = random.Random(20261201)

    def round_idle_then_resume(n: int, a: int, b: int, c: int, key: str) -> str:
        """The import lands on the segment in the editor (and on two shown ones) between keystrokes;
        typing resumes at once: the next key (or the poll) meets the import and both texts are shown."""
        typist.go_to(a)
        typist.edit()
        assert desk.type(f"{n}x0.") is None
        targets = {a: (theirs(n, "A"), True), b: (theirs(n, "B"), False), c: (theirs(n, "C"), True)}
        desk.shown([a, b, c])
        path, _revisions, _lines = desk.export_and_edit(f"round{n}", targets)
        process, begun = po.start_import(path)
        run = po.finish(process, begun)
        desk.import_succeeded(path, run, targets)
        conflict = desk.type(f"{n}x1.")  # as soon as the import has returned
        if conflict is None:  # the key was saved before the import? impossible: it had returned
            raise AssertionError(f"a key typed after the import was saved over it: {po.current()[desk.sid(a)]}")
        desk.check_conflict(conflict, a, theirs(n, "A"))
        desk.wait_refreshed({b: theirs(n, "B"), c: theirs(n, "C")}, run.ended)  # under the dialog, on the right
        desk.settle(conflict, key, a, theirs(n, "A"))
        if key == "m":  # merged in the editor: typing goes on at its end (a cell shows only the first
            merged = desk.text[a] + f"{n}x2."  # line, so here the database says when it is saved)
            typist.session.type_text(f"{n}x2.")
            deadline = time.monotonic() + 15
            while po.current()[desk.sid(a)].text != merged:
                assert time.monotonic() < deadline, f"the typing after the merge was not saved: {po.current()[desk.sid(a)]}"
                typist.screen()  # fails at once if the TUI says the save was refused
                time.sleep(0.05)
            desk.text[a] = merged
            ledger.acked.append((desk.sid(a), merged))
        return f"imported, conflict shown, {key}"

    def round_typing_through(n: int, a: int, b: int, c: int) -> str:
        """The typist keeps typing in the segment after the export, through the whole import:
        the import must be refused as stale, naming that segment, and write nothing."""
        typist.go_to(a)
        typist.edit()
        assert desk.type(f"{n}y0.") is None
        targets = {a: (theirs(n, "A"), True), b: (theirs(n, "B"), True), c: (theirs(n, "C"), False)}
        path, revisions, lines = desk.export_and_edit(f"round{n}", targets)
        before = {desk.sid(row): po.current().get(desk.sid(row)) for row in (b, c)}
        assert desk.type(f"{n}y1.") is None  # acknowledged after the export
        process, begun = po.start_import(path)
        chunk = 2
        while process.poll() is None or chunk < 4:
            assert desk.keep_typing(f"{n}y", chunk) is None, "a conflict although the import was refused"
            chunk += 1
        run = po.finish(process, begun)
        desk.import_refused_stale(path, run, revisions, lines, a)
        assert {desk.sid(row): po.current().get(desk.sid(row)) for row in (b, c)} == before
        screen = typist.screen()
        assert theirs(n, "B") not in screen and theirs(n, "C") not in screen
        return "refused stale"

    def round_race_on_empty(n: int, a: int, b: int, c: int) -> str:
        """The import fills an empty segment just as the typist starts on it: whoever commits first
        wins, the other is refused or shown the conflict; nothing acknowledged is lost either way."""
        typist.go_to(a)
        typist.edit()
        targets = {a: (theirs(n, "A"), True), b: (theirs(n, "B"), True), c: (theirs(n, "C"), True)}
        desk.shown([a, b, c])
        path, revisions, lines = desk.export_and_edit(f"round{n}", targets)
        process, begun = po.start_import(path)
        deadline = time.monotonic() + rng.uniform(0.3, 2.0)  # where the first key falls in the import's run
        while time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.02)
        conflict, chunk = None, 0
        while conflict is None and (process.poll() is None or chunk < 2):
            conflict = desk.keep_typing(f"{n}z", chunk)
            chunk += 1
        run = po.finish(process, begun)
        if run.returncode == 0:
            desk.import_succeeded(path, run, targets)
            if conflict is None:
                conflict = typist.wait_for_conflict(REFRESH_TIMEOUT)
                desk.last = (desk.text[a], desk.text[a])
            desk.check_conflict(conflict, a, theirs(n, "A"))
            desk.wait_refreshed({b: theirs(n, "B"), c: theirs(n, "C")}, run.ended)
            desk.settle(conflict, "k", a, theirs(n, "A"))
            return "imported first, conflict shown, k"
        assert conflict is None, f"a conflict shown for an import that was refused: {conflict}"
        desk.import_refused_stale(path, run, revisions, lines, a)
        return "typist first, refused stale"

    def round_typing_elsewhere(n: int, a: int, shown_rows: list[int]) -> str:
        """The typist types steadily in an empty segment while the import lands on three shown ones:
        the import succeeds (the file leaves that segment empty), every key is saved, and the three
        rows are redrawn with a notice naming them."""
        typist.go_to(a)
        typist.edit()
        targets = {row: (theirs(n, label), label != "B") for row, label in zip(shown_rows, "BCD", strict=True)}
        desk.shown([a, *shown_rows])
        path, _revisions, _lines = desk.export_and_edit(f"round{n}", targets)
        process, begun = po.start_import(path)
        chunk = 0
        while process.poll() is None or chunk < 3:
            assert desk.keep_typing(f"{n}w", chunk) is None, "a conflict in a segment the import did not touch"
            chunk += 1
        run = po.finish(process, begun)
        desk.import_succeeded(path, run, targets)
        desk.wait_refreshed({row: text for row, (text, _f) in targets.items()}, run.ended)
        while True:  # keep typing until the poll has seen the import: the notice, then more keys
            assert desk.keep_typing(f"{n}w", chunk) is None
            chunk += 1
            notice = f"3 segments changed by someone else (shown now): {', '.join(map(str, sorted(shown_rows)))}"
            if notice in reflow(typist.session.last_screen):
                break
            assert chunk < 60, "the notice naming the changed rows never came"
        assert po.current()[desk.sid(a)].text == desk.text[a]
        return "imported beside the typing"

    plan = [
        ("idle-then-resume, keep mine", lambda: round_idle_then_resume(1, 1, 2, 4, "k")),
        ("typing through the import", lambda: round_typing_through(2, 3, 5, 6)),
        ("race on an empty segment", lambda: round_race_on_empty(3, 7, 8, 9)),
        ("typing elsewhere", lambda: round_typing_elsewhere(4, 10, [2, 11, 12])),
        ("idle-then-resume, keep theirs", lambda: round_idle_then_resume(5, 13, 14, 5, "t")),
        ("idle-then-resume, merge", lambda: round_idle_then_resume(6, 6, 4, 3, "m")),
    ]
    for name, play in plan:
        begun = time.monotonic()
        outcome = play()
        check_ledger(po, ledger, numbers)
        ledger.rounds.append((name, outcome, round(time.monotonic() - begun, 1)))

    assert len(ledger.rounds) >= 5
    assert ledger.conflicts and ledger.refused, f"no contention: {ledger.rounds}"  # not vacuous
    assert typist.quit() == 0
    print(f"\n{len(ledger.rounds)} rounds in {time.monotonic() - started:.1f}s; refresh seen after "
          f"{', '.join(f'{s:.2f}' for s in ledger.refresh_seconds)} s")
    for name, outcome, seconds in ledger.rounds:
        print(f"  {name}: {outcome} ({seconds}s)")
    for conflict in ledger.conflicts:
        print(f"  conflict on segment {conflict.number}: theirs {conflict.theirs!r}, {conflict.mine_label} {conflict.mine!r}")
