"""`workbench tm import|export` end to end: TMX in, TMX out, refused files change nothing."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest

from tests.support.cli_helpers import assert_one_line_error, run_cli
from tests.support.hostile import database_dump
from workbench.app.importing import import_article_text
from workbench.app.memory_exchange import export_tmx, import_tmx
from workbench.errors import UserError
from workbench.formats.tmx_read import read_tmx

FIXTURES = Path(__file__).parents[1] / "fixtures" / "tmx"
COUNTS = re.compile(r"^imported (.+): (\d+) units \((\d+) new, (\d+) updated, (\d+) unchanged\)$")


def _import(*args: str) -> tuple[int, int, int, int]:
    result = run_cli("tm", "import", *args)
    assert result.returncode == 0, result.stderr
    match = COUNTS.match(result.stdout.strip())
    assert match, result.stdout
    return tuple(int(n) for n in match.groups()[1:])  # type: ignore[return-value]


def test_import_export_import_changes_nothing(data_dir, tmp_path):
    assert _import(str(FIXTURES / "okapi_multi.tmx")) == (5, 5, 0, 0)
    assert _import(str(FIXTURES / "trados_studio.tmx")) == (2, 2, 0, 0)
    before = database_dump(data_dir)
    assert _import(str(FIXTURES / "okapi_multi.tmx")) == (5, 0, 0, 5)  # the same file again: nothing changes
    assert database_dump(data_dir) == before
    exported = tmp_path / "desk.tmx"
    result = run_cli("tm", "export", str(exported))
    assert result.returncode == 0 and result.stdout.strip() == f"wrote {exported}: 7 units (fr, my, zh_TW)"
    # the export reads back to the same units (an import of it under another name adds them as that origin);
    # its one header holds the header props of both files, so every unit read back has them all
    originals = read_tmx(FIXTURES / "okapi_multi.tmx").units + read_tmx(FIXTURES / "trados_studio.tmx").units
    back = read_tmx(exported).units
    assert [_without_header(u) for u in back] == [_without_header(u) for u in originals]
    assert all(u.extra["tmx"]["header"] == originals[-1].extra["tmx"]["header"] for u in back)
    assert _import(str(exported)) == (7, 7, 0, 0)
    after_first = database_dump(data_dir)
    assert _import(str(exported)) == (7, 0, 0, 7)
    assert database_dump(data_dir) == after_first
    again = tmp_path / "again.tmx"
    assert run_cli("tm", "export", str(again), "--lang", "MY-mm").returncode == 0
    assert [u.target_lang for u in read_tmx(again).units] == ["my"] * 8  # 4 of each origin


def _without_header(unit):
    kept = {key: value for key, value in unit.extra.get("tmx", {}).items() if key != "header"}
    return dataclasses.replace(unit, extra={"tmx": kept} if kept else {})


def test_a_later_export_of_the_same_memory_updates_its_units(data_dir, tmp_path):
    first = tmp_path / "partner.tmx"
    first.write_bytes((FIXTURES / "okapi_multi.tmx").read_bytes())
    assert _import(str(first)) == (5, 5, 0, 0)
    first.write_text(first.read_text(encoding="utf-8").replace("de 500 kyats", "de 600 kyats"), encoding="utf-8")
    assert _import(str(first)) == (5, 0, 1, 4)  # same tuid, new target: that unit is updated


@pytest.mark.parametrize(("name", "content", "fragment"), [
    ("cut.tmx", lambda data: data[: len(data) // 2], "cut short"),
    ("laughs.tmx", lambda data: data.replace(b"<tmx ", b'<!DOCTYPE tmx [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]>\n<tmx ', 1),
     "declares XML entities"),
    ("french.tmx", lambda data: data.replace(b'xml:lang="EN"', b'xml:lang="de"'), "no English variant"),
    ("latin.tmx", lambda data: data.replace("réuni".encode(), "réuni".encode("latin-1")), "not valid UTF-8"),
])
def test_a_refused_file_changes_nothing(data_dir, tmp_path, name, content, fragment):
    assert _import(str(FIXTURES / "trados_studio.tmx")) == (2, 2, 0, 0)
    before = database_dump(data_dir)
    path = tmp_path / name
    path.write_bytes(content((FIXTURES / "okapi_multi.tmx").read_bytes()))
    result = run_cli("tm", "import", str(path))
    assert_one_line_error(result, str(path), fragment)
    assert result.returncode == 2 and result.stdout == ""
    assert database_dump(data_dir) == before


def test_mistakes_are_one_line(data_dir, tmp_path):
    assert_one_line_error(run_cli("tm", "import", str(tmp_path / "missing.tmx")), "does not exist")
    assert_one_line_error(run_cli("tm", "import", str(FIXTURES / "memoq.tmx"), "--lang", "ja"), "no ja translations")
    assert_one_line_error(run_cli("tm", "export", str(tmp_path / "x.txt")), "ending in .tmx")
    assert_one_line_error(run_cli("tm", "export", str(tmp_path / "x.tmx"), "--since", "last week"), "not a date")
    assert_one_line_error(run_cli("tm", "export", str(tmp_path / "no" / "x.tmx")), "does not exist")


def test_since_and_lang_filters(workspace, tmp_path):
    import_tmx(workspace, FIXTURES / "trados_studio.tmx")  # changed 2024-01-05 and 2024-01-03
    import_tmx(workspace, FIXTURES / "omegat_project_save.tmx")  # changed 2024-03-11, -12, -13
    out = tmp_path / "since.tmx"
    report = export_tmx(workspace, out, since=dt.datetime(2024, 3, 12, tzinfo=dt.UTC))
    assert report.units == 2
    assert [u.source_text for u in read_tmx(out).units] == ["Press <b0>Save</b0> to keep the draft.", "It agreed on a plan."]
    assert export_tmx(workspace, out, since=dt.datetime(2024, 1, 4, tzinfo=dt.UTC)).units == 4
    assert export_tmx(workspace, out, lang="fr").units == 0
    with pytest.raises(UserError, match="English is the source"):
        export_tmx(workspace, out, lang="en")


def test_since_on_the_command_line(data_dir, tmp_path):
    _import(str(FIXTURES / "omegat_project_save.tmx"))
    out = tmp_path / "recent.tmx"
    assert run_cli("tm", "export", str(out), "--since", "2024-03-12").stdout.strip() == f"wrote {out}: 2 units (my)"
    assert run_cli("tm", "export", str(out), "--since", "2024-03-13T10:10:00Z").stdout.strip() == f"wrote {out}: 1 units (my)"


def test_confirmed_segments_and_tmx_share_the_memory(workspace, tmp_path):
    store = workspace.store
    article_id = import_article_text(store, "The council met on Monday. It agreed on a plan.", "story.txt").article_id
    first, second = (segment.segment_id for segment in store.segments(article_id))
    store.save_translation(article_id, second, "my", "အစီအစဉ်ကို သဘောတူသည်။", "translated", "tin", expected_revision=0)
    version = store.tm_version()
    report = import_tmx(workspace, FIXTURES / "omegat_project_save.tmx")
    assert (report.counts.new, store.tm_version()) == (3, version + 1)  # one bump for the whole import
    assert sorted(u.origin for u in store.tm_units("en", "my")) == ["article", *["omegat_project_save.tmx"] * 3]
    again = import_tmx(workspace, FIXTURES / "omegat_project_save.tmx")
    assert (again.counts.unchanged, store.tm_version()) == (3, version + 1)  # nothing changed: no bump
    out = tmp_path / "all.tmx"
    export_tmx(workspace, out)
    units = read_tmx(out).units
    article_unit = units[0]
    assert (article_unit.source_text, article_unit.previous_source, article_unit.created_by) == (
        "It agreed on a plan.", "The council met on Monday.", "tin")
    # the workbench's own unit reads back with its text, context, author and dates
    stored = store.tm_units("en", "my")[0]
    assert article_unit.changed_at is not None
    assert article_unit.changed_at.replace(tzinfo=None, microsecond=0) == stored.changed_at.replace(tzinfo=None, microsecond=0)
    store.save_translation(article_id, first, "my", "ကောင်စီ တွေ့ဆုံသည်။", "translated", "tin", expected_revision=0)
    assert len(read_tmx(out).units) == 4  # the file was written once; the memory moved on
