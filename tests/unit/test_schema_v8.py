"""Schema version 8: the original of an article imported from a foreign XLIFF file, on SQLite and PostgreSQL."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
import sqlalchemy as sa

from workbench.app.foreign_xliff import export_foreign, import_foreign, read_foreign_file
from workbench.app.importing import import_article_text
from workbench.storage import schema
from workbench.storage.foreign_files import foreign_file
from workbench.storage.store import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "xliff_foreign"


@pytest.fixture
def store(store_url):
    opened = Store(store_url)
    opened.migrate()
    yield opened
    opened.close()


def test_a_version_7_database_migrates_and_keeps_its_translations(store_url):
    store = Store(store_url)
    store.migrate()
    article_id = import_article_text(store, "The council met. It agreed.", "story.txt").article_id
    first = store.segments(article_id)[0].segment_id
    store.save_translation(article_id, first, "my", "ကောင်စီ", "translated", "tin", expected_revision=0)
    with store.engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE foreign_files"))
        conn.execute(sa.text("UPDATE meta SET value = '7' WHERE key = 'schema_version'"))
    store.close()
    store = Store(store_url)
    assert store.schema_version() == 7
    store.migrate()
    assert store.schema_version() == schema.SCHEMA_VERSION == 8
    with store.engine.connect() as conn:
        assert sa.inspect(conn).has_table("foreign_files")
    assert store.translations(article_id, "my")[first].text == "ကောင်စီ"
    assert foreign_file(store, article_id) is None  # a plain-text article has no original file
    store.close()


def test_the_original_is_stored_byte_for_byte_with_the_article_and_its_targets(store, tmp_path):
    text = (FIXTURES / "xcode_1_2.xliff").read_text(encoding="utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
    path = tmp_path / "Localizable.xliff"
    path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))  # NUL bytes and all
    result, = import_foreign(store, [read_foreign_file(path)], "tin")
    stored = foreign_file(store, result.article_id)
    assert stored is not None and stored.original == path.read_bytes() and stored.kind == "XLIFF 1.2"
    assert [item["notes"] for item in stored.segments][0] == ["Title of the lead story."]
    segments = store.segments(result.article_id)
    assert [s.segment_id for s in segments] == [item["id"] for item in stored.segments]
    assert segments[0].segment_id == f"{segments[3].segment_id}+1"  # the same sentence in the second <file>
    saved = store.translations(result.article_id, "my")
    assert sorted((row.text, row.status) for row in saved.values()) == [
        ("ကင်မရာ", "draft"), ("ဘန်ကောက်တွင် ဆွေးနွေးပွဲများ ပြန်လည်စတင်။", "translated")]
    assert {row.how for row in store.translation_history(result.article_id, "my")} == {"import"}


def test_several_files_are_all_checked_before_any_is_saved(store):
    good = read_foreign_file(FIXTURES / "omegat_2_1.xlf")
    bad = read_foreign_file(FIXTURES / "angular_2_0.xlf")
    bad.document.source_lang = "xx-not-a-language"
    before = len(store.list_articles())
    with pytest.raises(Exception) as refused:
        import_foreign(store, [good, bad], "tin")
    assert "unknown language code" in str(refused.value)
    assert len(store.list_articles()) == before
    with store.engine.connect() as conn:
        assert conn.scalar(sa.text("SELECT count(*) FROM foreign_files")) == 0


def test_reimporting_the_same_file_replaces_the_article_and_keeps_later_edits_history(store):
    file = read_foreign_file(FIXTURES / "omegat_2_1.xlf")
    first, = import_foreign(store, [file], "tin")
    again, = import_foreign(store, [read_foreign_file(FIXTURES / "omegat_2_1.xlf")], "tin")
    assert (again.article_id, again.replaced, again.translations) == (first.article_id, True, 0)
    with store.engine.connect() as conn:
        assert conn.scalar(sa.text("SELECT count(*) FROM foreign_files")) == 1


def test_export_of_an_article_from_elsewhere_is_none(each_backend, workspace):
    assert export_foreign(workspace, 1, "my") is None  # a seed article: the workbench's own XLIFF then
