"""A database error part-way through `translate`: the one line says what was already saved."""

from __future__ import annotations

import sqlite3
from contextlib import closing

from tests.support.cli_helpers import assert_one_line_error, run_cli
from tests.support.hostile import execute_sql


def _refuse_mt_rows_after(data_dir, allowed: int) -> None:
    """The database refuses the (allowed+1)-th cached MT row, as a full disk would."""
    execute_sql(data_dir, f"""CREATE TRIGGER full_disk BEFORE INSERT ON machine_translations
                             WHEN (SELECT count(*) FROM machine_translations) >= {allowed}
                             BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END""")


def _cached(data_dir) -> int:
    with closing(sqlite3.connect(data_dir / "workbench.db")) as connection:
        return connection.execute("SELECT count(*) FROM machine_translations").fetchone()[0]


def test_an_error_after_some_mt_was_cached_says_so_not_nothing_was_changed(installed_models):
    run_cli("articles")
    _refuse_mt_rows_after(installed_models, 3)
    result = run_cli("translate", "1", "--to", "fr")
    assert_one_line_error(result, "database or disk is full", "after 3 machine translation(s) had been cached",
                          "no translation was changed")
    assert "nothing was changed" not in result.stderr
    assert _cached(installed_models) == 3


def test_an_error_before_anything_was_saved_says_nothing_was_changed(installed_models):
    run_cli("articles")
    _refuse_mt_rows_after(installed_models, 0)
    result = run_cli("translate", "1", "--to", "fr")
    assert_one_line_error(result, "database or disk is full", "nothing was changed")
    assert _cached(installed_models) == 0


def test_translating_a_file_says_it_was_imported_when_the_error_comes_later(installed_models, tmp_path):
    run_cli("articles")
    _refuse_mt_rows_after(installed_models, 0)
    path = tmp_path / "story.txt"
    path.write_text("A story\n\nThe council met on Monday. It agreed.\n", encoding="utf-8")
    result = run_cli("translate", str(path), "--to", "fr")
    lines = result.stderr.splitlines()  # "imported … as article 3", as it happened, then the error
    assert result.returncode == 2 and "Traceback" not in result.stderr and len(lines) == 2, result.stderr
    assert lines[-1].startswith("workbench: error: the database refused the change")
    assert f"after {path} had been imported as article 3" in lines[-1] and "no translation was changed" in lines[-1]
    listing = run_cli("articles").stdout.splitlines()
    # Kept (headline and 2 sentences, 9 words), as the line says.
    assert any(line.split() == ["3", "-", "3", "9", "A", "story"] for line in listing), listing
