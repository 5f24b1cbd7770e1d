"""The translation memory is fed by confirmed translations, in the same transaction as the change."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from workbench.app import editing
from workbench.app.importing import import_article_text
from workbench.storage import schema
from workbench.storage.store import Store

pytestmark = pytest.mark.usefixtures("each_backend")  # on SQLite and on PostgreSQL

# No headline: the three sentences are the article's only segments (a headline would be one too).
STORY = "The council met on Monday. It agreed on a plan. Reporters confirmed it."


def _segments(store: Store, article_id: int) -> list[str]:
    return [segment.segment_id for segment in store.segments(article_id)]


def _unit_pairs(store: Store) -> list[tuple[str, str, str, str]]:
    return [(u.source_text, u.target_text, u.previous_source, u.changed_by) for u in store.tm_units("en", "my")]


def test_confirming_changing_and_unconfirming_keep_the_unit_in_step(workspace):
    store = workspace.store
    article_id = import_article_text(store, STORY, "story.txt").article_id
    first, second, _third = _segments(store, article_id)
    version = store.tm_version()
    store.save_translation(article_id, second, "my", "သဘောတူသည်။", "draft", "tin", expected_revision=0)
    assert store.tm_units() == [] and store.tm_version() == version  # a draft is not in the memory
    store.save_translation(article_id, second, "my", "သဘောတူသည်။", "translated", "tin", expected_revision=1)
    assert _unit_pairs(store) == [("It agreed on a plan.", "သဘောတူသည်။", "The council met on Monday.", "tin")]
    unit = store.tm_units()[0]
    assert (unit.article_id, unit.segment_id, unit.origin, unit.created_by) == (article_id, second, "article", "tin")
    assert store.tm_version() > version
    store.save_translation(article_id, second, "my", "အစီအစဉ်ကို သဘောတူသည်။", "translated", "mya", expected_revision=2)
    assert _unit_pairs(store) == [("It agreed on a plan.", "အစီအစဉ်ကို သဘောတူသည်။", "The council met on Monday.", "mya")]
    assert store.tm_units()[0].id == unit.id and store.tm_units()[0].created_by == "tin"  # one unit, updated
    store.save_translation(article_id, second, "my", "အစီအစဉ်ကို သဘောတူသည်။", "draft", "mya", expected_revision=3)
    assert store.tm_units() == []  # un-confirmed: out of the memory
    store.save_translation(article_id, first, "my", " ", "translated", "mya", expected_revision=0)
    assert store.tm_units() == []  # nothing to reuse in an empty translation


def test_the_first_segment_has_no_previous_source_and_languages_are_kept_apart(workspace):
    store = workspace.store
    article_id = import_article_text(store, STORY, "story.txt").article_id
    first = _segments(store, article_id)[0]
    store.save_translation(article_id, first, "my", "ကောင်စီ တွေ့ဆုံသည်။", "translated", "tin", expected_revision=0)
    store.save_translation(article_id, first, "fr", "Le conseil s'est réuni lundi.", "translated", "tin",
                           expected_revision=0)
    assert _unit_pairs(store) == [("The council met on Monday.", "ကောင်စီ တွေ့ဆုံသည်။", "", "tin")]
    assert [u.target_text for u in store.tm_units("en", "fr")] == ["Le conseil s'est réuni lundi."]


def test_a_batch_that_is_refused_leaves_the_memory_as_it_was(workspace):
    from workbench.storage.translation_records import StaleTranslation, TranslationChange

    store = workspace.store
    article_id = import_article_text(store, STORY, "story.txt").article_id
    first, second, _third = _segments(store, article_id)
    store.save_translation(article_id, first, "my", "ပထမ။", "draft", "tin", expected_revision=0)
    try:
        store.save_translations(article_id, "my", [TranslationChange(second, "ဒုတိယ။", "translated", 0),
                                                   TranslationChange(first, "ပထမ။", "translated", 0)], "tin")
    except StaleTranslation:
        pass
    assert store.tm_units() == []


def test_confirming_through_the_editing_layer_feeds_the_memory(workspace):
    view = workspace.article_view(1, "my")
    segment = view.segments[3]
    editing.save_edit(workspace.store, view, segment.segment_id, "ဘာသာပြန်။", "tin")
    editing.toggle_translated(workspace.store, view, segment.segment_id, "tin")
    units = workspace.store.tm_units("en", "my")
    assert [(u.source_text, u.target_text, u.previous_source) for u in units] == [
        (segment.source, "ဘာသာပြန်။", view.segments[2].source)]


def test_a_reimport_moves_units_with_their_translations_and_updates_the_context(workspace):
    store = workspace.store
    article_id = import_article_text(store, STORY, "story.txt").article_id
    _first, second, _third = _segments(store, article_id)
    store.save_translation(article_id, second, "my", "သဘောတူသည်။", "translated", "tin", expected_revision=0)
    changed = STORY.replace("The council met on Monday.", "The council met on Tuesday.")
    import_article_text(store, changed, "story.txt")
    assert _unit_pairs(store) == [("It agreed on a plan.", "သဘောတူသည်။", "The council met on Tuesday.", "tin")]
    assert store.tm_units()[0].segment_id in _segments(store, article_id)


def test_a_version_5_database_gets_its_memory_from_the_confirmed_translations(store_url):
    url = store_url
    store = Store(url)
    store.migrate()
    article_id = import_article_text(store, STORY, "story.txt").article_id
    first, second, third = _segments(store, article_id)
    store.save_translation(article_id, first, "my", "ပထမ။", "translated", "tin", expected_revision=0)
    store.save_translation(article_id, second, "my", "ဒုတိယ။", "draft", "tin", expected_revision=0)
    with store.engine.begin() as conn:  # as a version 5 database has it: no memory table
        conn.execute(sa.text("DROP TABLE tm_units"))
        conn.execute(sa.text("UPDATE meta SET value = '5' WHERE key = 'schema_version'"))
    store.close()
    store = Store(url)
    store.migrate()
    assert store.schema_version() == schema.SCHEMA_VERSION
    assert [(u.source_text, u.target_text) for u in store.tm_units("en", "my")] == [("The council met on Monday.", "ပထမ။")]
    store.close()
