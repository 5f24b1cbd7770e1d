"""The workbench's storage on a real PostgreSQL server: the same schema as SQLite, a workspace on it."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from workbench.app.workspace import open_workspace
from workbench.storage import schema
from workbench.storage.store import Store


def _tables(url: str) -> dict[str, dict[str, tuple[bool, bool]]]:
    """Every table's columns: name -> (nullable, part of the primary key)."""
    store = Store(url)
    try:
        with store.engine.connect() as conn:
            inspector = sa.inspect(conn)
            found = {}
            for table in inspector.get_table_names():
                keys = set(inspector.get_pk_constraint(table)["constrained_columns"])
                found[table] = {column["name"]: (bool(column["nullable"]), column["name"] in keys)
                                for column in inspector.get_columns(table)}
            return found
    finally:
        store.close()


def _indexes(url: str) -> dict[str, set[tuple]]:
    store = Store(url)
    try:
        with store.engine.connect() as conn:
            inspector = sa.inspect(conn)
            return {table: {tuple(index["column_names"]) for index in inspector.get_indexes(table)}
                    | {tuple(unique["column_names"]) for unique in inspector.get_unique_constraints(table)}
                    for table in inspector.get_table_names()}
    finally:
        store.close()


def test_a_new_postgresql_database_gets_the_same_tables_and_columns_as_sqlite(postgres_url, tmp_path):
    sqlite_url = f"sqlite:///{tmp_path / 'workbench.db'}"
    for url in (sqlite_url, postgres_url):
        store = Store(url)
        assert store.migrate() is True  # created now, through every migration from 1 to the current one
        assert store.schema_version() == schema.SCHEMA_VERSION
        assert store.migrate() is False and store.schema_version() == schema.SCHEMA_VERSION
        store.close()
    on_sqlite, on_postgres = _tables(sqlite_url), _tables(postgres_url)
    assert set(on_postgres) == set(schema.metadata.tables)
    assert on_postgres == on_sqlite
    assert _indexes(postgres_url) == _indexes(sqlite_url)


def test_a_workspace_opens_on_postgresql_with_its_seeds_and_glossary(postgres_url, monkeypatch, data_dir):
    from workbench.app.config import load_settings

    monkeypatch.setenv("WORKBENCH_DB", postgres_url)
    workspace = open_workspace(load_settings())
    try:
        assert workspace.store.engine.dialect.name == "postgresql"
        assert len(workspace.store.list_articles()) == 2
        assert workspace.glossary.entry("national-unity-government") is not None
        assert not (data_dir / "workbench.db").exists()  # nothing was written to a SQLite file instead
    finally:
        workspace.close()
    again = open_workspace(load_settings())  # a second start finds the workspace, seeds it no second time
    try:
        assert len(again.store.list_articles()) == 2
    finally:
        again.close()


def test_the_each_backend_fixture_really_puts_the_workspace_on_each_backend(each_backend, workspace):
    expected = "postgresql" if each_backend.startswith("postgresql") else "sqlite"
    assert workspace.store.engine.dialect.name == expected


def test_times_read_back_from_postgresql_are_utc(postgres_url):
    store = Store(postgres_url)
    store.migrate()
    from workbench.app.importing import import_article_text

    article_id = import_article_text(store, "A title\n\nThe NUG met.", "a.txt").article_id
    segment = store.segments(article_id)[0]
    saved = store.save_translation(article_id, segment.segment_id, "my", "စာ။", "draft", "tin", expected_revision=0)
    read = store.translation(article_id, segment.segment_id, "my")
    store.close()
    assert read is not None and read.updated_at.utcoffset() == dt.timedelta(0)
    assert read.updated_at == saved.updated_at
