"""Schema version 7: a version 6 database file gets segment kinds and its headlines as segments."""

from __future__ import annotations

import sqlalchemy as sa

from workbench.app.importing import import_article_text
from workbench.storage import schema
from workbench.storage.store import Store

STORY = "Talks Resume in Bangkok\n\nBy Jane Doe 25 March 2022\n\nThe council met on Monday. It agreed on a plan."


def _version_6_file(store_url) -> tuple[str, int, dict[str, str]]:
    """A database as version 6 left it: no segment kinds, body segments only, two translations."""
    url = store_url
    store = Store(url)
    store.migrate()
    article_id = import_article_text(store, STORY, "story.txt").article_id
    body = [segment for segment in store.segments(article_id) if segment.kind == "body"]
    for segment in body:
        store.save_translation(article_id, segment.segment_id, "my", f"T:{segment.text}", "translated", "tin",
                               expected_revision=0)
    with store.engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM segments WHERE kind != 'body'"))
        conn.execute(sa.text("UPDATE segments SET position = position - 2"))
        conn.execute(sa.text("ALTER TABLE segments DROP COLUMN kind"))
        conn.execute(sa.text("ALTER TABLE articles DROP COLUMN published_precision"))
        conn.execute(sa.text("UPDATE meta SET value = '6' WHERE key = 'schema_version'"))
    store.close()
    return url, article_id, {segment.segment_id: segment.text for segment in body}


def test_a_version_6_database_migrates_and_keeps_every_translation(store_url):
    url, article_id, body = _version_6_file(store_url)
    store = Store(url)
    assert store.schema_version() == 6
    store.migrate()
    assert store.schema_version() == schema.SCHEMA_VERSION
    segments = store.segments(article_id)
    assert [(s.kind, s.text, s.position) for s in segments] == [
        ("title", "Talks Resume in Bangkok", 0), ("byline", "By Jane Doe", 1),
        ("body", "The council met on Monday.", 2), ("body", "It agreed on a plan.", 3)]
    assert [s.segment_id for s in segments[2:]] == list(body)  # the body's ids, so its translations, stay
    saved = store.translations(article_id, "my")
    assert {segment_id: saved[segment_id].text for segment_id in body} == {i: f"T:{t}" for i, t in body.items()}
    assert store.get_article(article_id).published_precision == "day"
    store.close()


def test_reimporting_after_the_migration_gives_the_same_header_segments(store_url):
    url, article_id, _body = _version_6_file(store_url)
    store = Store(url)
    store.migrate()
    migrated = [(s.segment_id, s.kind, s.text) for s in store.segments(article_id)]
    header_id = migrated[0][0]
    store.save_translation(article_id, header_id, "my", "ခေါင်းစဉ်", "translated", "tin", expected_revision=0)
    import_article_text(store, STORY, "story.txt")
    assert [(s.segment_id, s.kind, s.text) for s in store.segments(article_id)] == migrated
    assert store.translations(article_id, "my")[header_id].text == "ခေါင်းစဉ်"
    store.close()


def test_a_derived_title_does_not_become_a_segment(store_url):
    url = store_url
    store = Store(url)
    store.migrate()
    article_id = import_article_text(store, "The council met on Monday. It agreed.", "plain.txt").article_id
    with store.engine.begin() as conn:
        conn.execute(sa.text("ALTER TABLE segments DROP COLUMN kind"))
        conn.execute(sa.text("UPDATE meta SET value = '6' WHERE key = 'schema_version'"))
    store.close()
    store = Store(url)
    store.migrate()
    assert [s.kind for s in store.segments(article_id)] == ["body", "body"]
    store.close()
