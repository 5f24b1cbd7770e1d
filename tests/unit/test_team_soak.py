"""The soak: two translators and two editors, four processes, editing, confirming, importing and
deciding at random on one database (tests/support/team_soak.py): nothing acknowledged is lost,
every conflict is reported and justified, the history is complete, roles hold."""

from __future__ import annotations

import os

from tests.support.team_soak import run_desk, verify

# The 60 s on PostgreSQL; WORKBENCH_SOAK_SECONDS shortens it while developing.
SECONDS = float(os.environ.get("WORKBENCH_SOAK_SECONDS", "60"))


def _soak(url: str, seconds: float) -> None:
    article_id, logs = run_desk(url, seconds)
    outcome = verify(url, article_id, logs)
    assert outcome.problems == []
    assert outcome.lost == 0
    assert outcome.conflicts > 0  # four processes on four segments: real races happened
    assert all(log.acked for log in logs) and all(log.forbidden for log in logs if log.name.startswith("tr"))
    assert sum(len(log.decisions) for log in logs) > 0


def test_four_desk_processes_on_postgresql_lose_nothing(postgres_url):
    _soak(postgres_url, SECONDS)


def test_four_desk_processes_on_one_sqlite_file_lose_nothing(tmp_path):
    _soak(f"sqlite:///{tmp_path / 'desk.db'}", min(SECONDS, 15))
