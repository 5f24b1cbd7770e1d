"""Without PostgreSQL's server binaries the PostgreSQL tests are skipped, saying why, except on CI,
where they fail: CI must never pass by silently skipping them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.postgres_server import BINDIR_VARIABLE

ROOT = Path(__file__).resolve().parents[2]
A_POSTGRES_TEST = "tests/unit/test_postgres_storage.py::test_times_read_back_from_postgresql_are_utc"


def _pytest(tmp_path: Path, ci: str | None) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    env[BINDIR_VARIABLE] = str(tmp_path / "no-postgresql-here")
    if ci is not None:
        env["CI"] = ci
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rs", "-q", A_POSTGRES_TEST],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("ci", [None, "false"])
def test_without_the_server_binaries_the_postgresql_tests_are_skipped_with_the_reason(tmp_path, ci):
    run = _pytest(tmp_path, ci)
    assert run.returncode == 0, run.stdout
    assert "1 skipped" in run.stdout and "apt-get install postgresql" in run.stdout


def test_on_ci_missing_server_binaries_fail_the_run(tmp_path):
    run = _pytest(tmp_path, "true")
    assert run.returncode != 0
    assert "1 error" in run.stdout and "apt-get install postgresql" in run.stdout
