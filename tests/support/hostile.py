"""Hostile text for the command line: terminal escapes, C1 controls and bidi overrides in the data
the workbench prints, the visible form each must be shown in, and ways to run the real command
with what a shell can hand it (bytes that are not UTF-8, /dev/zero, /dev/full)."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from tests.support.cli_helpers import Run

OSC_TITLE = "\x1b]0;PWNED\x07"  # retitles the terminal
CSI_CLEAR = "\x1b[2J\x1b[H"  # clears the screen, cursor home
CSI_RED = "\x1b[31m"
C1_CSI = "\x9b31m"  # the 8-bit CSI: red on terminals that take C1
BEL = "\x07"
BIDI = "\u202egnirts\u202c"  # right-to-left override … pop: shows "string"
ISOLATE = "\u2066iso\u2069"
NUL = "\x00"

# How each is shown (workbench/safe_text.py): control pictures for C0 and DEL, codes for C1 and bidi.
SHOWN = {
    OSC_TITLE: "␛]0;PWNED␇", CSI_CLEAR: "␛[2J␛[H", CSI_RED: "␛[31m", C1_CSI: "\\x9b31m", BEL: "␇",
    BIDI: "\\u202egnirts\\u202c", ISOLATE: "\\u2066iso\\u2069", NUL: "␀",
}
# Printed exactly as they are: Burmese, ZWJ, ZWNJ, a combining mark.
KEPT = "မြန်မာ a\u200db a\u200cb x\u0301"

TITLE = f"Hostile {OSC_TITLE} title {C1_CSI} {BIDI} {KEPT}"
BYLINE = f"By Mallory {CSI_RED}Red"
SENTENCES = (f"The Mallory Council met {CSI_CLEAR}today.", f"A bell {BEL} rang.",
             f"Reversed {BIDI} and {ISOLATE} text.", f"Burmese {KEPT} stays.")
ARTICLE = f"{TITLE}\n\n{BYLINE}\n\n{SENTENCES[0]} {SENTENCES[1]} {SENTENCES[2]}\n\n{SENTENCES[3]}\n"

TERM = f"Hostile {CSI_RED}Term"
RENDERING_FR = f"Conseil {OSC_TITLE} Mallory"
RENDERING_MY = f"ရန်{C1_CSI}"
DEFINITION = f"defined {OSC_TITLE} here"
NOTE = f"note {BIDI}"
GLOSSARY_CSV = "\n".join([
    "entry_id,domain,definition,term,term_kind,case,context,lang,rendering,status,do_not_translate,honorific,note,source",
    "mallory-council,org,,Mallory Council,full,auto,,,,,,,,",
    f"mallory-council,,,,,,,fr,{RENDERING_FR},approved,false,false,,",
    f"hostile-term,place,{DEFINITION},{TERM},full,auto,,,,,,,,",
    f"hostile-term,,,,,,,my,{RENDERING_MY},proposed,false,false,{NOTE},",
]) + "\n"

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def assert_nothing_raw(run: Run, *shown: str) -> None:
    """No control character but tab and newline on stdout or stderr; each hostile text in `shown`
    is there in its visible form."""
    for name, text in (("stdout", run.stdout), ("stderr", run.stderr)):
        found = RAW.search(text)
        assert found is None, f"raw {found.group()!r} reached {name}: {text!r}"
    for hostile in shown:
        assert SHOWN[hostile] in run.stdout + run.stderr, (SHOWN[hostile], run)


def database_dump(data_dir: Path) -> list[str]:
    """Every table of the workspace database, as SQL: equal before and after means nothing changed."""
    with closing(sqlite3.connect(data_dir / "workbench.db")) as connection:
        return list(connection.iterdump())


def execute_sql(data_dir: Path, statement: str, *parameters: object) -> None:
    with closing(sqlite3.connect(data_dir / "workbench.db")) as connection:
        connection.execute(statement, parameters)
        connection.commit()


def run_raw(*args: str | bytes, env: dict[bytes, bytes] | None = None, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            memory: int | None = None, timeout: int = 120) -> Run:
    """The real command with arguments and environment as bytes (what a shell can pass), and
    optionally its address space capped, so that reading /dev/zero fails fast instead of filling
    the machine's memory."""
    argv = [os.fsencode(sys.executable), b"-m", b"workbench", *(a if isinstance(a, bytes) else os.fsencode(a) for a in args)]

    def cap() -> None:
        if memory is not None:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    result = subprocess.run(argv, stdin=stdin, stdout=stdout, stderr=subprocess.PIPE, env={**os.environb, **(env or {})},
                            timeout=timeout, preexec_fn=cap)
    out = result.stdout.decode("utf-8", "replace") if result.stdout is not None else ""
    return Run(result.returncode, out, result.stderr.decode("utf-8", "replace"))
