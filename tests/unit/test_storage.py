"""The SQLite store: created and seeded on first start, migrations, edits that persist."""

import pytest
import sqlalchemy as sa

from tests.support.old_schema import insert_old_translation
from workbench.app.importing import import_article_text
from workbench.app.workspace import open_workspace
from workbench.errors import UserError
from workbench.storage import schema
from workbench.storage.store import MTKey, Store


def test_first_start_creates_the_database_and_imports_both_seeds(settings, data_dir):
    assert not (data_dir / "workbench.db").exists()
    workspace = open_workspace(settings)
    try:
        articles = workspace.store.list_articles()
        assert (data_dir / "workbench.db").is_file()
        assert workspace.store.schema_version() == schema.SCHEMA_VERSION
        assert [a.origin for a in articles] == ["000_33987ea7448e5f2a.txt", "004_8f0f25ff7879d2b4.txt"]
        assert articles[0].title.startswith("Myanmar’s Parallel Government")
        assert all(a.segment_count > 20 for a in articles)
    finally:
        workspace.close()


def test_an_articles_origin_is_a_seeds_file_name_or_else_the_full_path(tmp_path, monkeypatch):
    from workbench.app.importing import origin_of, seed_files

    seed = seed_files()[0]
    assert origin_of(seed) == seed.name
    elsewhere = tmp_path / "copy" / seed.name
    elsewhere.parent.mkdir()
    elsewhere.write_bytes(seed.read_bytes())
    assert origin_of(elsewhere) == str(elsewhere.resolve())  # not the seed: another file of that name
    monkeypatch.setenv("WORKBENCH_SEEDS_DIR", str(elsewhere.parent))  # a packaged install's seeds folder
    assert origin_of(elsewhere) == seed.name


def test_seeds_are_imported_once_not_on_every_start(settings):
    for _ in range(2):
        workspace = open_workspace(settings)
        count = len(workspace.store.list_articles())
        workspace.close()
    assert count == 2


def test_a_database_from_a_newer_workbench_is_refused_and_left_alone(store_url):
    url = store_url
    store = Store(url)
    store.migrate()
    store.set_meta("schema_version", str(schema.SCHEMA_VERSION + 1))
    with pytest.raises(UserError, match="newer than this workbench"):
        store.migrate()
    assert store.get_meta("schema_version") == str(schema.SCHEMA_VERSION + 1)
    store.close()


def test_migrations_run_in_order_from_an_empty_database(store_url, monkeypatch):
    calls = []
    new = schema.SCHEMA_VERSION + 1
    monkeypatch.setitem(schema.MIGRATIONS, new, lambda conn: calls.append(new) or conn.execute(sa.text("CREATE TABLE extra (x INTEGER)")))
    monkeypatch.setattr(schema, "SCHEMA_VERSION", new)
    store = Store(store_url)
    assert store.migrate() is True
    assert calls == [new] and store.schema_version() == new
    assert store.migrate() is False and calls == [new]
    store.close()


def test_a_version_1_database_is_migrated_and_keeps_its_work(store_url, monkeypatch):
    url = store_url
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 1)
    old = Store(url)
    old.migrate()
    article_id = import_article_text(old, "Old story\n\nThe NUG met.", "old.txt").article_id
    segment = old.segments(article_id)[0]
    insert_old_translation(old.engine, article_id, segment.segment_id, "my", "kept")
    old.close()
    monkeypatch.undo()
    store = Store(url)
    assert store.schema_version() == 1
    store.migrate()
    assert store.schema_version() == schema.SCHEMA_VERSION
    assert store.translations(article_id, "my")[segment.segment_id].text == "kept"
    with store.engine.connect() as conn:
        assert sa.inspect(conn).has_table("glossary_entries")
    store.close()


def test_a_translation_is_committed_when_saved_and_read_back_by_a_new_connection(store_url):
    url = store_url
    first = Store(url)
    first.migrate()
    result = import_article_text(first, "A title\n\nDaw Zin Mar Aung spoke. The NUG agreed.", "a.txt")
    segment = first.segments(result.article_id)[0]
    first.save_translation(result.article_id, segment.segment_id, "my", "ဒေါ်ဇင်မာအောင်", "draft", "tester")
    second = Store(url)  # another process would see the same: the write is committed
    saved = second.translations(result.article_id, "my")[segment.segment_id]
    assert (saved.text, saved.status, saved.author) == ("ဒေါ်ဇင်မာအောင်", "draft", "tester")
    first.close()
    second.close()


def test_translations_survive_reimporting_an_edited_article(store_url):
    store = Store(store_url)
    store.migrate()
    original = "A title\n\nFirst sentence here. Second sentence here. Third one here."
    article_id = import_article_text(store, original, "story.txt").article_id
    first, second, third = _body(store, article_id)
    for segment in (first, second, third):
        store.save_translation(article_id, segment.segment_id, "my", f"T:{segment.text}", "translated", "t")
    edited = original.replace("Second sentence here.", "Second sentence, edited.")
    again = import_article_text(store, edited, "story.txt")
    assert again.replaced and again.article_id == article_id
    kept = store.translations(article_id, "my")
    current_ids = [s.segment_id for s in _body(store, article_id)]
    assert current_ids[0] == first.segment_id and current_ids[2] == third.segment_id
    assert current_ids[1] != second.segment_id
    assert kept[first.segment_id].text == "T:First sentence here."
    assert kept[third.segment_id].text == "T:Third one here."
    assert current_ids[1] not in kept
    store.close()


REPEAT_STORY = "A title\n\nHe said no. Talks ended.\n\nTroops moved in.\n\nHe said no. The end."


def _body(store: Store, article_id: int) -> list:
    """The article's sentences: its headline ("A title") is a segment of its own before them."""
    return [row for row in store.segments(article_id) if row.kind == "body"]


def _translate_every_segment(store: Store, article_id: int) -> list[str]:
    """Save "T<n>" for the n-th sentence (from 0); returns the sentences' segment ids in order."""
    rows = _body(store, article_id)
    for index, row in enumerate(rows):
        store.save_translation(article_id, row.segment_id, "my", f"T{index}", "translated", "t")
    return [row.segment_id for row in rows]


def _translation_by_text(store: Store, article_id: int) -> list[tuple[str, str | None]]:
    saved = store.translations(article_id, "my")
    return [(row.text, saved[row.segment_id].text if row.segment_id in saved else None)
            for row in _body(store, article_id)]


def test_editing_the_first_copy_of_a_repeated_sentence_keeps_the_second_copys_translation(store_url):
    store = Store(store_url)
    store.migrate()
    article_id = import_article_text(store, REPEAT_STORY, "story.txt").article_id
    _translate_every_segment(store, article_id)  # He said no. = T0 and T3
    import_article_text(store, REPEAT_STORY.replace("He said no. Talks", "He said yes. Talks"), "story.txt")
    assert _translation_by_text(store, article_id) == [
        ("He said yes.", None), ("Talks ended.", "T1"), ("Troops moved in.", "T2"),
        ("He said no.", "T3"), ("The end.", "T4"),
    ]
    import_article_text(store, REPEAT_STORY, "story.txt")  # the edit undone: T0 comes back
    assert _translation_by_text(store, article_id)[0] == ("He said no.", "T0")
    store.close()


def test_a_copy_inserted_before_a_repeated_sentence_leaves_the_translations_in_place(store_url):
    store = Store(store_url)
    store.migrate()
    article_id = import_article_text(store, REPEAT_STORY, "story.txt").article_id
    _translate_every_segment(store, article_id)
    import_article_text(store, REPEAT_STORY.replace("A title\n\n", "A title\n\nHe said no.\n\n"), "story.txt")
    assert _translation_by_text(store, article_id) == [
        ("He said no.", None), ("He said no.", "T0"), ("Talks ended.", "T1"), ("Troops moved in.", "T2"),
        ("He said no.", "T3"), ("The end.", "T4"),
    ]
    import_article_text(store, REPEAT_STORY.replace("A title\n\n", "A title\n\nHe said no.\n\n"), "story.txt")
    assert [text for _, text in _translation_by_text(store, article_id)] == [None, "T0", "T1", "T2", "T3", "T4"]
    store.close()


def test_an_article_stored_with_the_earlier_repeat_ids_keeps_its_translations_when_reimported(store_url):
    from workbench.articles.segmentation import segment_id_for
    from workbench.storage.store import SegmentRow

    store = Store(store_url)
    store.migrate()
    texts = ["He said no.", "Talks ended.", "Troops moved in.", "He said no.", "The end."]
    digest = segment_id_for("He said no.")
    legacy = [digest, segment_id_for(texts[1]), segment_id_for(texts[2]), f"{digest}-2", segment_id_for(texts[4])]
    rows = [SegmentRow(sid, position, position, text) for position, (sid, text) in enumerate(zip(legacy, texts, strict=True))]
    fields = {"origin": "story.txt", "title": "A title", "title_derived": False, "byline": None,
              "source": None, "published": None, "source_lang": "en"}
    article_id, _ = store.save_article(fields, rows)
    _translate_every_segment(store, article_id)
    import_article_text(store, REPEAT_STORY, "story.txt")
    assert [text for _, text in _translation_by_text(store, article_id)] == ["T0", "T1", "T2", "T3", "T4"]
    store.close()


def test_mt_cache_is_keyed_by_model_version(store_url):
    store = Store(store_url)
    store.migrate()
    v1 = MTKey("en", "my", "argos", "translate-en_my", "1.0")
    v2 = MTKey("en", "my", "argos", "translate-en_my", "1.1")
    store.save_mt(v1, {"Hello.": "မင်္ဂလာပါ။"})
    assert store.cached_mt(v1, ["Hello.", "Other."]) == {"Hello.": "မင်္ဂလာပါ။"}
    assert store.cached_mt(v2, ["Hello."]) == {}
    store.save_mt(v1, {"Hello.": "changed"})
    assert store.cached_mt(v1, ["Hello."]) == {"Hello.": "changed"}
    store.close()


def test_correcting_metadata_clears_the_working_title_flag(workspace):
    from workbench.app.article_details import Details, correct_details

    derived = next(a for a in workspace.store.list_articles() if a.title_derived)

    def details(title: str) -> Details:
        return Details(title, derived.byline, derived.source, derived.published, derived.published_precision)

    correct_details(workspace.store, derived.id, details("NUG Offers Cash to Defecting Pilots"), "ed")
    updated = workspace.store.get_article(derived.id)
    assert updated.title == "NUG Offers Cash to Defecting Pilots" and not updated.title_derived
    with pytest.raises(UserError):
        correct_details(workspace.store, derived.id, details("   "), "ed")
    assert workspace.store.get_article(derived.id).title == "NUG Offers Cash to Defecting Pilots"
