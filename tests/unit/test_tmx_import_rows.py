"""A TMX import stores its units from the reader's rows (`import_rows`): the stored rows must be
byte for byte those `import_units` stores from unit objects, re-importing must change nothing,
and one file is one transaction."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import sqlalchemy as sa

from workbench.app.memory_exchange import import_tmx
from workbench.errors import UserError
from workbench.formats.tmx import TmxUnit
from workbench.formats.tmx_write import tmx_bytes
from workbench.storage.tm_import import ImportedUnit, _json_encoding, import_rows, import_units
from workbench.storage.tm_schema import tm_units

NOW = dt.datetime(2025, 5, 6, 7, 8, 9, 123456, tzinfo=dt.UTC)
SHARED = {"props": [[{"type": "x-desk"}, "ဈေး"]]}
WHEN = dt.datetime(2024, 3, 1, 10, 15, tzinfo=dt.UTC)
ROWS = [
    ("en", "my", "Plain", "ရိုးရိုး", "", "1", "tin", WHEN, "mya", WHEN + dt.timedelta(seconds=1),
     {"tmx": {"header": SHARED, "tu": {"attrs": {"creationdate": "20240301T101500Z"}}}}),
    ("en", "my", "Shared header", "ခ", "", "2", "tin", WHEN, "mya", WHEN, {"tmx": {"header": SHARED}}),
    ("en", "my", "No dates or authors", "ဂ", "Before.", None, None, None, None, None, {}),
    ("en", "my", "Only changed", "ဃ", "", "4", None, None, "mya", WHEN, {}),
    ("en", "zh_TW", "Another zone", "是", "", "5", "a", dt.datetime(2024, 3, 1, 16, 45, tzinfo=dt.timezone(
        dt.timedelta(hours=6, minutes=30))), "b", dt.datetime(2024, 3, 1, 10, 15), {"tmx": {1: "int key"}}),
    ("en", "my", "Plain", "ရိုးရိုး", "", "1", "tin", WHEN, "mya", WHEN + dt.timedelta(days=1), {}),  # again: the last wins
]


def _stored(workspace) -> list[tuple]:
    with workspace.store.engine.connect() as conn:  # the raw text SQLite holds, not what SQLAlchemy makes of it
        return [tuple(row) for row in conn.exec_driver_sql(
            "SELECT source_lang, target_lang, source_text, target_text, previous_source, origin, article_id, "
            "segment_id, tuid, created_by, created_at, changed_by, changed_at, extra FROM tm_units ORDER BY id")]


def test_rows_are_stored_as_units_are(workspace, tmp_path, monkeypatch):
    with workspace.store.engine.begin() as conn:
        counts = import_rows(conn, "a.tmx", ROWS, "desk", NOW)
    from_rows = _stored(workspace)
    with workspace.store.engine.begin() as conn:
        conn.execute(tm_units.delete())
        assert import_units(conn, "a.tmx", [ImportedUnit(*row) for row in ROWS], "desk", NOW) == counts
    assert _stored(workspace) == from_rows
    assert (counts.units, counts.new) == (5, 5)
    assert [row[12] for row in from_rows][:2] == ["2024-03-02 10:15:00.000000", "2024-03-01 10:15:00.000000"]
    assert from_rows[2][9:13] == ("desk", NOW.isoformat(" ")[:26], "desk", NOW.isoformat(" ")[:26])
    assert from_rows[3][9:13] == ("mya", "2024-03-01 10:15:00.000000", "mya", "2024-03-01 10:15:00.000000")
    assert from_rows[4][10] == "2024-03-01 16:45:00.000000"  # a time of another zone keeps its fields, as SQLAlchemy writes it
    assert [row[13] for row in from_rows] == [json.dumps(row[10]) for row in (ROWS[5], *ROWS[1:5])]


def test_rows_into_an_origin_that_holds_units_are_compared_not_added(workspace):
    as_read = [row for row in ROWS if row[1] == "my"]  # UTC times and text keys, as the TMX reader gives them
    with workspace.store.engine.begin() as conn:
        import_rows(conn, "a.tmx", as_read, "desk", NOW)
    before = _stored(workspace)
    with workspace.store.engine.begin() as conn:
        again = import_rows(conn, "a.tmx", as_read, "desk", NOW)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 4) and _stored(workspace) == before


@pytest.mark.parametrize("value", [
    {}, {"tmx": {}}, {"tmx": {"header": SHARED, "tu": {"attrs": {"a": "1"}}}}, {"tmx": {"header": SHARED}},
    {"tmx": {1: "x"}}, {"tmx": {"a": 1, 2: 3}}, {"other": 1}, {"tmx": "text"}, {"tmx": {"t": {"b": "\u1000\n"}}, "x": 2},
])
def test_extra_is_written_as_json_dumps_writes_it(workspace, value):
    dialect = workspace.store.engine.dialect
    encode = _json_encoding(tm_units.c.extra.type.dialect_impl(dialect).bind_processor(dialect))
    assert [encode(value), encode(value), encode(None)] == [json.dumps(value), json.dumps(value), "null"]


def test_a_generated_file_imports_once_and_again_changes_nothing(workspace, tmp_path):
    units = [TmxUnit("en", "my", f"Source {n} & more", f"ပစ်မှတ် {n}", "", f"tu{n}", "tin", WHEN, "mya",
                     WHEN + dt.timedelta(seconds=n)) for n in range(300)]
    path = tmp_path / "memory.tmx"
    path.write_bytes(tmx_bytes(units))
    first = import_tmx(workspace, path)
    stored = _stored(workspace)
    again = import_tmx(workspace, path)
    assert (first.counts.new, again.counts.unchanged, again.counts.new, again.counts.updated) == (300, 300, 0, 0)
    assert _stored(workspace) == stored and stored[299][12] == "2024-03-01 10:19:59.000000"


def test_a_file_cut_short_imports_nothing(workspace, tmp_path):
    units = [TmxUnit("en", "my", f"Source {n}", f"ပစ်မှတ် {n}", tuid=f"tu{n}") for n in range(300)]
    path = tmp_path / "memory.tmx"
    path.write_bytes(tmx_bytes(units)[:-200])
    with pytest.raises(UserError, match="not well-formed XML"):
        import_tmx(workspace, path)
    assert _stored(workspace) == []
    with workspace.store.engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(tm_units)) == 0
