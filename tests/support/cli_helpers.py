"""Run the real `workbench` command in a subprocess, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str, env: dict | None = None, timeout: int = 120) -> Run:
    environ = {**os.environ, **(env or {})}
    result = subprocess.run(
        [sys.executable, "-m", "workbench", *args],
        capture_output=True, text=True, env=environ, timeout=timeout, stdin=subprocess.DEVNULL,
    )
    return Run(result.returncode, result.stdout, result.stderr)


def assert_one_line_error(run: Run, *fragments: str) -> None:
    """A user mistake: non-zero exit, one clear line on stderr, no traceback."""
    assert run.returncode != 0, run
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, run.stderr
    assert "Traceback" not in run.stderr
    assert lines[0].startswith("workbench: error: "), lines[0]
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
