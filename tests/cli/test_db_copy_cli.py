"""`workbench db copy --to URL` run as a user runs it: the workspace moved to PostgreSQL, the
commands then working there, and every refusal one line that changes nothing."""

from __future__ import annotations

import re

from tests.support.cli_helpers import assert_one_line_error, run_cli
from tests.support.database_rows import all_rows, seed_desk_work
from tests.support.hostile import database_dump

SUMMARY = re.compile(r"^([\d,]+) rows in (\d+) tables, verified: the row counts and checksums match$")


def _summary(run) -> tuple[int, int]:
    assert run.returncode == 0, run.stderr
    match = SUMMARY.match(run.stdout.splitlines()[-1])
    assert match, run.stdout
    return int(match.group(1).replace(",", "")), int(match.group(2))


def test_a_workspace_moves_to_postgresql_and_back_and_works_there(workspace, settings, postgres_url, tmp_path):
    seed_desk_work(workspace)
    listings = {command: run_cli(*command).stdout for command in
                [("articles",), ("glossary", "list"), ("translations", "history", "--to", "my", "1"), ("users", "list")]}
    copied = run_cli("db", "copy", "--to", postgres_url)
    rows, tables = _summary(copied)
    assert rows == sum(len(found) for found in all_rows(settings.db_url).values()) and tables == len(all_rows(postgres_url))
    assert "copying [" in copied.stderr and "verifying [" in copied.stderr  # the progress bars, one line each here
    assert all_rows(postgres_url) == all_rows(settings.db_url)
    on_postgres = {"WORKBENCH_DB": postgres_url}
    for command, listing in listings.items():
        shown = run_cli(*command, env=on_postgres)
        assert shown.returncode == 0 and shown.stdout == listing, (command, shown.stderr)
    story = tmp_path / "story.txt"
    story.write_text("Junta Airstrike Hits Village\n\nU Nay Phone Lat spoke. He said more.\n", encoding="utf-8")
    newest = max(row[0] for row in all_rows(postgres_url)["articles"])
    added = run_cli("import", str(story), env=on_postgres)
    assert added.returncode == 0 and f"article {newest + 1}" in added.stdout, added.stderr  # a key after the copied ones
    proposed = run_cli("glossary", "propose", "Junta Airstrike", "--lang", "my", "--rendering", "စစ်ကောင်စီ လေကြောင်းတိုက်ခိုက်မှု",
                       env=on_postgres)
    assert proposed.returncode == 0, proposed.stderr
    back = f"sqlite:///{tmp_path / 'back.db'}"
    returned = run_cli("--db", postgres_url, "db", "copy", "--to", back)
    _summary(returned)
    assert all_rows(back) == all_rows(postgres_url)
    assert run_cli("--db", back, "articles").stdout == run_cli("articles", env=on_postgres).stdout


def test_a_target_that_holds_anything_is_refused_in_one_line(data_dir, tmp_path, postgres_url):
    assert run_cli("articles").returncode == 0
    other = tmp_path / "other"
    occupied = f"sqlite:///{other / 'workbench.db'}"
    assert run_cli("--data-dir", str(other), "articles").returncode == 0  # a seeded workspace of its own
    before = database_dump(other)
    refused = run_cli("db", "copy", "--to", occupied)
    assert_one_line_error(refused, "is not empty (table articles has rows); nothing was changed")
    assert refused.stdout == "" and database_dump(other) == before
    assert run_cli("--db", postgres_url, "articles").returncode == 0
    on_postgres = all_rows(postgres_url)
    refused = run_cli("db", "copy", "--to", postgres_url)
    assert_one_line_error(refused, "is not empty")
    assert all_rows(postgres_url) == on_postgres


def test_an_unreachable_target_is_one_line_without_the_password(data_dir):
    assert run_cli("db", "migrate").returncode == 0
    before = database_dump(data_dir)
    refused = run_cli("db", "copy", "--to", "postgresql+psycopg://desk:s3cret@127.0.0.1:1/none")
    assert_one_line_error(refused, "cannot open database postgresql+psycopg://desk:***@127.0.0.1:1/none",
                          "check the --to URL")
    assert "s3cret" not in refused.stderr + refused.stdout
    assert database_dump(data_dir) == before


def test_mistakes_are_one_line_and_create_nothing(data_dir, tmp_path):
    target = tmp_path / "target.db"
    missing = run_cli("db", "copy", "--to", f"sqlite:///{target}")
    assert_one_line_error(missing, "there is no workspace database at", "nothing to copy")
    assert not target.exists() and not (data_dir / "workbench.db").exists()
    assert run_cli("db", "migrate").returncode == 0
    itself = run_cli("db", "copy", "--to", f"sqlite:///{data_dir / 'workbench.db'}")
    assert_one_line_error(itself, "is the workspace's own database")
    nonsense = run_cli("db", "copy", "--to", "nonsense://x")
    assert_one_line_error(nonsense, "cannot use database URL")
    no_target = run_cli("db", "copy")
    assert no_target.returncode != 0 and "--to" in no_target.stderr and "Traceback" not in no_target.stderr
    assert not target.exists()
