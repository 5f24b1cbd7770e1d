"""`workbench db copy` (workbench.app.db_copy): a desk's workspace moved from SQLite to a real
PostgreSQL server and back, every row equal, refused into a database holding anything, all or
nothing when it fails."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
import sqlalchemy as sa

from tests.support.database_rows import SAGAING_MY, all_rows, json_texts, seed_desk_work, table_names
from workbench.app import editing
from workbench.app.db_copy import VERIFYING, copy_database
from workbench.app.workspace import open_workspace
from workbench.errors import UserError
from workbench.storage import db_copy, schema
from workbench.storage.store import SegmentRow, Store


@pytest.fixture
def desk(workspace, settings):
    """A seeded SQLite workspace (the default file) and its settings."""
    seed_desk_work(workspace)
    return settings


def test_a_desk_copied_to_postgresql_and_back_keeps_every_row(desk, postgres_url, tmp_path):
    original = all_rows(desk.db_url)
    assert all(original[name] for name in ("translations", "translation_history", "glossary_history", "tm_units",
                                           "machine_translations", "users", "foreign_files"))
    done = copy_database(desk, postgres_url)
    assert {table.name for table in done.tables} == table_names(desk.db_url)  # every table, none left behind
    assert done.rows == sum(len(rows) for rows in original.values())
    assert all_rows(postgres_url) == original
    assert json_texts(postgres_url) == json_texts(desk.db_url)  # JSON as stored, not re-encoded
    back = f"sqlite:///{tmp_path / 'back' / 'workbench.db'}"
    again = copy_database(dataclasses.replace(desk, db_url=postgres_url), back)
    assert all_rows(back) == original and json_texts(back) == json_texts(desk.db_url)
    assert [(t.name, t.rows, t.checksum) for t in again.tables] == [(t.name, t.rows, t.checksum) for t in done.tables]


def test_after_the_copy_the_workspace_works_on_postgresql_and_new_rows_get_new_keys(desk, postgres_url, monkeypatch):
    articles = [article.id for article in Store(desk.db_url).list_articles()]
    copy_database(desk, postgres_url)
    monkeypatch.setenv("WORKBENCH_DB", postgres_url)
    workspace = open_workspace(dataclasses.replace(desk, db_url=postgres_url))
    try:
        store = workspace.store
        assert [article.id for article in store.list_articles()] == articles  # "seeded" copied: not seeded again
        assert store.get_meta("glossary_version") == Store(desk.db_url).get_meta("glossary_version")
        article_id, replaced = store.save_article(
            {"origin": "new.txt", "title": "New", "source_lang": "en"}, [SegmentRow("s1", 0, 0, "A new story.")])
        assert (article_id, replaced) == (max(articles) + 1, False)
        history_before = len(workspace.glossary.history("sagaing-region"))
        workspace.workflow("mya").decide("deprecate", "sagaing-region", "my", SAGAING_MY, reason="renamed")
        assert len(workspace.glossary.history("sagaing-region")) == history_before + 1
        view = workspace.article_view(1, "my")
        editing.save_edit(store, view, view.segments[2].segment_id, "တတိယ", "tin")
        assert workspace.glossary.entry("sagaing-region") is not None
    finally:
        workspace.close()


def test_a_target_holding_anything_is_refused_and_left_as_it_was(desk, postgres_url, tmp_path):
    occupied = open_workspace(dataclasses.replace(desk, db_url=postgres_url))  # seeded: articles and glossary
    occupied.close()
    before = all_rows(postgres_url)
    with pytest.raises(UserError, match="is not empty .*nothing was changed"):
        copy_database(desk, postgres_url)
    assert all_rows(postgres_url) == before
    only_meta = f"sqlite:///{tmp_path / 'meta.db'}"
    store = Store(only_meta)
    store.migrate()
    store.set_meta("tm_version", "3")  # a counter alone is something a copy would overwrite
    store.close()
    with pytest.raises(UserError, match=r"table meta has rows"):
        copy_database(desk, only_meta)


def test_an_empty_migrated_target_is_taken(desk, postgres_url):
    store = Store(postgres_url)
    store.migrate()
    store.close()
    copy_database(desk, postgres_url)
    assert all_rows(postgres_url) == all_rows(desk.db_url)


def test_a_copy_that_does_not_match_is_rolled_back(desk, postgres_url):
    """Someone writes into the target while it is verified: the counts differ, nothing is committed."""
    intruder = Store(postgres_url)

    def meddle(stage: str, done: int, _total: int) -> None:
        if stage == VERIFYING and done == 0:
            with intruder.engine.begin() as conn:
                conn.execute(sa.text("INSERT INTO users (name, role, updated_at, updated_by) "
                                     "VALUES ('zz', 'editor', now(), 'zz')"))

    try:
        with pytest.raises(UserError, match="does not match: table users has .*nothing was copied"):
            copy_database(desk, postgres_url, meddle)
        rows = all_rows(postgres_url)
        assert [row[0] for row in rows["users"]] == ["zz"]  # only the intruder's row
        assert not any(rows[name] for name in rows if name not in ("users", "meta"))
    finally:
        intruder.close()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_an_interrupted_copy_leaves_nothing(desk, backend, request, tmp_path):
    target = (f"sqlite:///{tmp_path / 'new.db'}" if backend == "sqlite" else request.getfixturevalue("postgres_url"))

    def interrupt(stage: str, done: int, _total: int) -> None:
        if done > 0:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        copy_database(desk, target, interrupt)
    if backend == "sqlite":
        assert list(tmp_path.glob("new.db*")) == []  # the file made for the copy is gone
    else:
        assert not any(all_rows(target)[name] for name in ("articles", "segments", "glossary_entries"))


def test_a_source_at_an_older_schema_is_refused(desk, postgres_url):
    source = Store(desk.db_url)
    source.set_meta("schema_version", str(schema.SCHEMA_VERSION - 1))
    source.close()
    with pytest.raises(UserError, match="run `workbench db migrate` first"):
        copy_database(desk, postgres_url)
    assert table_names(postgres_url) == set()  # the target was not even migrated


# -- the table-level copy on values of every kind ----------------------------------------------

VALUES = sa.MetaData()
KINDS = sa.Table(
    "value_kinds", VALUES,
    sa.Column("key", sa.String(40), primary_key=True),
    sa.Column("flag", sa.Boolean),
    sa.Column("at", sa.DateTime(timezone=True)),
    sa.Column("day", sa.Date),
    sa.Column("data", sa.JSON(none_as_null=True)),  # None: SQL NULL; JSON.NULL: JSON's null
    sa.Column("blob", sa.LargeBinary),
    sa.Column("number", sa.Integer),
    sa.Column("text", sa.Text),
)
ROWS: list[dict[str, object]] = [
    {"key": "မြန်မာ", "flag": True, "at": dt.datetime(2024, 3, 1, 17, 0, 0, 123456, tzinfo=dt.UTC),
     "day": dt.date(2021, 2, 1), "data": {"ကီး": ["တန်ဖိုး", 1, 2.5, None, True]}, "blob": bytes(range(256)),
     "number": -7, "text": "ကြက်ဥ\n\t\u200b"},
    {"key": "a", "flag": False, "at": dt.datetime(1999, 12, 31, 23, 59, 59, tzinfo=dt.UTC), "day": None,
     "data": [], "blob": b"", "number": 0, "text": ""},
    {"key": "B", "flag": None, "at": None, "day": None, "data": None, "blob": None, "number": None, "text": None},
    {"key": "b", "flag": True, "at": dt.datetime(2030, 1, 1, tzinfo=dt.UTC), "day": dt.date(1, 1, 1),
     "data": sa.JSON.NULL, "blob": b"\x00", "number": 2**31 - 1, "text": "ó"},
    {"key": "ä", "flag": False, "at": dt.datetime(2024, 1, 1, tzinfo=dt.UTC), "day": None, "data": {"b": 1, "a": 2},
     "blob": b"\xff", "number": 1, "text": "Zawgyi ေျမ"},
    {"key": "c", "flag": None, "at": None, "day": None, "data": "a string", "blob": None, "number": None, "text": None},
]


def _filled(url: str) -> sa.Engine:
    engine = Store(url).engine
    with engine.begin() as conn:
        VALUES.create_all(conn)
        conn.execute(KINDS.insert(), ROWS)
    return engine


def _read(engine: sa.Engine) -> list[tuple]:
    with engine.connect() as conn:
        return sorted((row.key, row.flag, row.at and row.at.replace(tzinfo=row.at.tzinfo or dt.UTC).astimezone(dt.UTC),
                       row.day, row.data, row.blob, row.number, row.text) for row in conn.execute(sa.select(KINDS)))


def _json_texts(engine: sa.Engine) -> list[tuple]:
    with engine.connect() as conn:
        raw = sa.cast(KINDS.c.data, sa.Text) if conn.dialect.name == "postgresql" else sa.type_coerce(KINDS.c.data, sa.Text)
        return sorted(tuple(row) for row in conn.execute(sa.select(KINDS.c.key, raw)))


def test_every_kind_of_value_survives_both_ways_in_chunks(postgres_url, tmp_path):
    source = _filled(f"sqlite:///{tmp_path / 'values.db'}")
    target, back = Store(postgres_url).engine, Store(f"sqlite:///{tmp_path / 'back.db'}").engine
    for engine in (target, back):
        with engine.begin() as conn:
            VALUES.create_all(conn)
    chunks: list[int] = []
    with source.connect() as reading, target.begin() as writing:
        read = db_copy.copy_table(reading, writing, KINDS, chunks.append, chunk=2)
    assert chunks == [2, 2, 2]  # streamed two rows at a time
    with target.connect() as reading, back.begin() as writing:
        db_copy.copy_table(reading, writing, KINDS)
    expected = _read(source)
    assert expected[0][0] == "B" and expected[0][1:] == (None,) * 7  # NULLs stay NULL, JSON's too
    assert _read(target) == expected and _read(back) == expected
    assert _json_texts(source) == _json_texts(target) == _json_texts(back)
    assert _json_texts(source)[:3] == [("B", None), ("a", "[]"), ("b", "null")]  # SQL NULL is not JSON's null
    sums = []
    for engine in (source, target, back):
        with engine.connect() as conn:
            sums.append(db_copy.table_checksum(conn, KINDS, chunk=2))
    assert read == sums[0] == sums[1] == sums[2] and sums[0][0] == len(ROWS)  # the same, computed while copying
    with target.begin() as conn:  # one character changed: the checksum says so
        conn.execute(KINDS.update().where(KINDS.c.key == "a").values(text=" "))
        assert db_copy.table_checksum(conn, KINDS) != sums[0]
    for engine in (source, target, back):
        engine.dispose()


PROCESSED = sa.Table(  # a type that changes values on the way in: copied by INSERT, not COPY
    "processed_values", VALUES,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("data", sa.JSON),
    sa.Column("picked", sa.PickleType),
)


def test_a_column_type_with_its_own_processing_is_copied_through_it(postgres_url, tmp_path):
    engines = [Store(url).engine for url in (f"sqlite:///{tmp_path / 'a.db'}", postgres_url, f"sqlite:///{tmp_path / 'b.db'}")]
    for engine in engines:
        with engine.begin() as conn:
            PROCESSED.create(conn)
    with engines[0].begin() as conn:
        conn.execute(PROCESSED.insert(), [{"id": 5, "data": {"မြန်မာ": [1]}, "picked": {"set": {1, 2}}},
                                          {"id": 9, "data": [], "picked": None}])
    for reading_engine, writing_engine in zip(engines, engines[1:], strict=False):
        with reading_engine.connect() as reading, writing_engine.begin() as writing:
            db_copy.copy_table(reading, writing, PROCESSED)
            db_copy.reset_counters(writing, [PROCESSED])
    found = []
    for engine in engines:
        with engine.connect() as conn:
            found.append([tuple(row) for row in conn.execute(sa.select(PROCESSED).order_by(PROCESSED.c.id))])
    assert found[0] == found[1] == found[2] == [(5, {"မြန်မာ": [1]}, {"set": {1, 2}}), (9, [], None)]
    with engines[1].begin() as conn:  # the sequence is past the copied keys
        assert conn.execute(PROCESSED.insert().values(data=[])).inserted_primary_key == (10,)
    for engine in engines:
        engine.dispose()


def test_checksums_agree_on_a_postgresql_database_that_sorts_text_by_language(postgres_server, tmp_path):
    """A desk's server may sort text by an English collation ('a' 'ä' 'b' 'B'), SQLite by code
    point ('B' 'a' 'b' 'ä'): the checksums read both in code-point order, so they still agree."""
    import psycopg

    admin = f"host=127.0.0.1 port={postgres_server.port} user=postgres dbname=postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("CREATE DATABASE copy_icu TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu "
                     "ICU_LOCALE 'en' LOCALE 'C.UTF-8'")
    try:
        source = _filled(f"sqlite:///{tmp_path / 'values.db'}")
        target = Store(postgres_server.url("copy_icu")).engine
        with target.begin() as conn:
            VALUES.create_all(conn, tables=[KINDS])
        with source.connect() as reading, target.begin() as writing:
            read = db_copy.copy_table(reading, writing, KINDS)
        with target.connect() as conn:
            assert [row[0] for row in conn.execute(sa.select(KINDS.c.key).order_by(KINDS.c.key))][:4] == ["a", "ä", "b", "B"]
            assert db_copy.table_checksum(conn, KINDS) == read
        source.dispose()
        target.dispose()
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS copy_icu WITH (FORCE)")
