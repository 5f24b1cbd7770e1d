"""The layers hold: import-linter's contracts (pyproject.toml), ruff and mypy, as part of the suite."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def _run(tool: str, *args: str) -> subprocess.CompletedProcess:
    executable = BIN / tool if (BIN / tool).exists() else shutil.which(tool)
    assert executable, f"{tool} is not installed: ./test.sh installs it from requirements.lock"
    return subprocess.run([str(executable), *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_import_contracts_are_kept():
    result = _run("lint-imports", "--no-cache")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


def test_the_contracts_catch_a_front_end_importing_the_other(tmp_path):
    """A CLI module that imports the TUI breaks the layers contract (so the contract is not vacuous)."""
    offender = ROOT / "workbench" / "cli" / "_layer_probe.py"
    offender.write_text("import workbench.tui.app  # noqa: F401\n")
    try:
        result = _run("lint-imports", "--no-cache")
    finally:
        offender.unlink()
    assert result.returncode != 0
    assert "workbench.cli._layer_probe -> workbench.tui.app" in result.stdout


def test_ruff_passes():
    result = _run("ruff", "check", "--no-cache", "workbench", "tests", "bench")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def test_mypy_passes():
    result = _run("mypy", "--no-incremental", "--cache-dir", "/dev/null")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
