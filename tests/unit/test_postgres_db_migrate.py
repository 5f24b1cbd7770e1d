"""`workbench db migrate`: the configured database (SQLite or PostgreSQL) brought to the current
schema, saying from which version to which; run again, it changes nothing."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.support.cli_helpers import assert_one_line_error, run_cli
from workbench.storage import schema
from workbench.storage.store import Store

CURRENT = schema.SCHEMA_VERSION


def test_db_migrate_creates_then_leaves_alone(each_backend):
    first = run_cli("db", "migrate")
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip().endswith(f"created at schema version {CURRENT}")
    again = run_cli("db", "migrate")
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip().endswith(f"already at schema version {CURRENT}; nothing was changed")


def test_db_migrate_brings_an_older_database_up_and_keeps_its_rows(store_url, monkeypatch):
    store = Store(store_url)
    store.migrate()
    store.save_mt(_key(), {"Hello.": "kept"})
    with store.engine.begin() as conn:  # as a version 6 database has it: no segment kinds, no date precision
        conn.execute(sa.text("ALTER TABLE segments DROP COLUMN kind"))
        conn.execute(sa.text("ALTER TABLE articles DROP COLUMN published_precision"))
        conn.execute(sa.text("UPDATE meta SET value = '6' WHERE key = 'schema_version'"))
    store.close()
    done = run_cli("--db", store_url, "db", "migrate")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith(f"migrated from schema version 6 to {CURRENT}")
    store = Store(store_url)
    assert store.schema_version() == CURRENT and store.cached_mt(_key(), ["Hello."]) == {"Hello.": "kept"}
    with store.engine.connect() as conn:
        assert "kind" in {column["name"] for column in sa.inspect(conn).get_columns("segments")}
    store.close()


def test_db_migrate_refuses_a_database_from_a_newer_workbench(store_url):
    store = Store(store_url)
    store.migrate()
    store.set_meta("schema_version", str(CURRENT + 1))
    store.close()
    refused = run_cli("--db", store_url, "db", "migrate")
    assert_one_line_error(refused, "newer than this workbench")
    store = Store(store_url)
    assert store.schema_version() == CURRENT + 1  # left alone
    store.close()


@pytest.mark.parametrize("command", [("db", "migrate"), ("articles",), ("glossary", "list")])
def test_an_unreachable_postgresql_server_is_one_line_without_the_password(command):
    refused = run_cli("--db", "postgresql+psycopg://desk:s3cret@127.0.0.1:1/none", *command)
    assert_one_line_error(refused, "cannot open database", "127.0.0.1")
    assert "s3cret" not in refused.stderr


def _key():
    from workbench.storage.store import MTKey

    return MTKey("en", "my", "argos", "translate-en_my", "1.0")
