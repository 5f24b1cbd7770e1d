"""One language value: every spelling of a code is one language, stored once, migrated once."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from tests.support.old_schema import insert_old_translation
from workbench.app.importing import import_article_text
from workbench.errors import UserError
from workbench.glossary.model import APPROVED, PROPOSED, Entry, Rendering, Term
from workbench.lang.languages import language, parse_language_list, target_language
from workbench.storage import schema
from workbench.storage.glossary_repository import GlossaryRepository
from workbench.storage.store import MTKey, Store


@pytest.mark.parametrize(("typed", "code"), [
    ("MY", "my"), ("my-MM", "my"), ("my_MM", "my"), (" my ", "my"),
    ("ug-CN", "ug"), ("FR", "fr"), ("fr_FR", "fr"), ("en_GB", "en"),
    ("zh_TW", "zh_TW"), ("zh-tw", "zh_TW"), ("pt-BR", "pt_BR"),  # regions the desk keeps apart
    ("zh_Hant", "zh_Hant"), ("sr_Latn_RS", "sr_Latn"),  # scripts are kept, regions folded
    ("tl", "tl"),  # no alias rewriting: the Argos index says tl
])
def test_every_spelling_is_one_canonical_code(typed, code):
    assert language(typed).code == code


def test_a_desk_can_keep_a_region_as_its_own_language(monkeypatch):
    assert language("es-MX").code == "es"
    monkeypatch.setenv("WORKBENCH_REGIONAL_LANGUAGES", "es_MX, fr-CA")
    assert language("es-MX").code == "es_MX" and language("fr_CA").code == "fr_CA"
    assert language("es").code == "es"


def test_script_facts_and_tags():
    burmese = language("my")
    assert (burmese.base, burmese.tag, burmese.spaced, burmese.is_burmese) == ("my", "my", False, True)
    assert language("zh_TW").tag == "zh-TW" and language("zh_TW").base == "zh" and not language("ja").spaced
    assert language("fr").spaced and language("en").is_english and not language("myv").is_burmese


def test_unknown_codes_and_english_targets_are_refused():
    with pytest.raises(UserError, match="unknown language code 'xx'"):
        language("xx")
    with pytest.raises(UserError, match="English is the source language"):
        target_language("en-GB")
    assert [lang.code for lang in parse_language_list("my,MY,my-MM,fr")] == ["my", "fr"]


def _version_2_store(tmp_path, monkeypatch) -> Store:
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    store = Store(f"sqlite:///{tmp_path / 'v2.db'}")
    store.migrate()
    monkeypatch.undo()
    return store


def test_migration_makes_stored_codes_canonical_and_merges_twins(tmp_path, monkeypatch):
    store = _version_2_store(tmp_path, monkeypatch)
    article = import_article_text(store, "Story\n\nThe NUG met. The PDF fought.", "story.txt").article_id
    first, second = (s.segment_id for s in store.segments(article) if s.kind == "body")
    earlier = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    insert_old_translation(store.engine, article, first, "MY", "older", "draft", at=earlier)
    insert_old_translation(store.engine, article, first, "my", "newer", "translated")
    insert_old_translation(store.engine, article, second, "my-MM", "only under my-MM", "translated")
    key = MTKey("en", "MY", "argos", "m", "1")
    store.save_mt(key, {"The NUG met.": "mt"})
    store.save_mt(MTKey("en", "my", "argos", "m", "1"), {"The NUG met.": "mt"})
    repository = GlossaryRepository(store.engine)
    repository.write(Entry("nug", (Term("NUG"),), (
        Rendering("MY", "အမျိုးသားညီညွတ်ရေးအစိုးရ", PROPOSED),
        Rendering("my", "အမျိုးသားညီညွတ်ရေးအစိုးရ", APPROVED, source="BBC"),
        Rendering("ug-CN", "مىللىي", PROPOSED))), "ed", [])
    store.close()

    migrated = Store(store.url)
    migrated.migrate()
    saved = migrated.translations(article, "my")
    assert (saved[first].text, saved[second].text) == ("newer", "only under my-MM")
    with migrated.engine.connect() as conn:
        codes = {row[0] for row in conn.execute(sa.select(schema.translations.c.target_lang).distinct())}
        cached = conn.execute(sa.select(schema.machine_translations.c.target_lang)).scalars().all()
    assert codes == {"my"} and cached == ["my"]
    entry = GlossaryRepository(migrated.engine).entry("nug")
    assert [(r.lang, r.status) for r in entry.renderings] == [("my", APPROVED), ("ug", PROPOSED)]
    last = GlossaryRepository(migrated.engine).history("nug")[-1]
    assert last.action == "migrate" and "MY → my" in last.reason and "ug-CN → ug" in last.reason
    assert migrated.schema_version() == schema.SCHEMA_VERSION
    migrated.close()


def test_migration_keeps_codes_babel_does_not_know(tmp_path, monkeypatch):
    store = _version_2_store(tmp_path, monkeypatch)
    article = import_article_text(store, "Story\n\nThe NUG met.", "s.txt").article_id
    segment = store.segments(article)[0].segment_id
    insert_old_translation(store.engine, article, segment, "qqq", "kept", "draft")
    store.close()
    migrated = Store(store.url)
    migrated.migrate()
    assert migrated.translations(article, "qqq")[segment].text == "kept"
    migrated.close()
