"""Correcting an article's title or byline in its details corrects the header segments that are
translated and published, moves their translations (as drafts) and leaves the body alone."""

from __future__ import annotations

import datetime as dt

import pytest

from workbench.app.article_details import Details, correct_details
from workbench.app.importing import import_article_text
from workbench.app.publishing import publish_article

pytestmark = pytest.mark.usefixtures("each_backend")  # on SQLite and on PostgreSQL

ARTICLE = """NUG Ofers Cash to Pilots

By Staff Writer

The NUG said on Monday that pilots would be paid. The army denied it.

Reporters confirmed it.
"""
TITLE_MY = "NUG က လေယာဉ်မှူးများကို ငွေပေးမည်"


def _kinds(store, article_id: int) -> list[tuple[str, str]]:
    return [(row.kind, row.text) for row in store.segments(article_id)]


@pytest.fixture
def article(workspace) -> int:
    article_id = import_article_text(workspace.store, ARTICLE, "pilots.txt").article_id
    assert _kinds(workspace.store, article_id)[:2] == [("title", "NUG Ofers Cash to Pilots"), ("byline", "By Staff Writer")]
    return article_id


def _details(workspace, article_id: int, **changed) -> Details:
    article = workspace.store.get_article(article_id)
    values = {"title": article.title, "byline": article.byline, "source": article.source,
              "published": article.published, "precision": article.published_precision, **changed}
    return Details(**values)


def test_a_corrected_title_is_the_title_segment_and_its_translation_becomes_a_draft(workspace, article):
    store = workspace.store
    title, *body = store.segments(article)
    store.save_translation(article, title.segment_id, "my", TITLE_MY, "translated", "tin")
    body_translation = store.save_translation(article, body[-1].segment_id, "my", "အတည်ပြုသည်။", "translated", "tin")
    saved = correct_details(store, article, _details(workspace, article, title="NUG Offers Cash to Pilots"), "ed")
    assert (saved.segments, saved.drafts) == (("title",), 1)
    new_title, *new_body = store.segments(article)
    assert (new_title.kind, new_title.text) == ("title", "NUG Offers Cash to Pilots")
    assert new_title.segment_id != title.segment_id
    assert [(row.segment_id, row.text) for row in new_body] == [(row.segment_id, row.text) for row in body]
    moved = store.translations(article, "my")
    assert (moved[new_title.segment_id].text, moved[new_title.segment_id].status) == (TITLE_MY, "draft")
    kept = moved[body[-1].segment_id]  # the body is untouched
    assert (kept.text, kept.status, kept.revision) == (body_translation.text, "translated", body_translation.revision)
    history = store.translation_history(article, "my", new_title.segment_id)
    assert [(row.how, row.status) for row in history] == [("typed", "translated"), ("marked", "draft")]
    assert "title was corrected" in history[-1].detail
    assert store.get_article(article).title == "NUG Offers Cash to Pilots"


def test_the_publishing_gate_sees_the_corrected_title_as_not_translated_yet(workspace, article):
    store = workspace.store
    for row in store.segments(article):
        store.save_translation(article, row.segment_id, "my", "ဘာသာပြန်", "translated", "tin")
    def title_reasons() -> list[tuple[str, ...]]:
        return [item.reasons for item in publish_article(workspace, article, "my", "txt").missing
                if item.segment.kind == "title"]

    assert not any("draft" in reasons for reasons in title_reasons())
    correct_details(store, article, _details(workspace, article, title="NUG Offers Cash to Pilots"), "ed")
    assert any("draft" in reasons for reasons in title_reasons())


def test_a_byline_can_be_corrected_cleared_and_added_and_the_date_stays_month_only(workspace, article):
    store = workspace.store
    november = dt.date(2021, 11, 1)
    correct_details(store, article, _details(workspace, article, byline=None, published=november,
                                             precision="month"), "ed")
    assert [kind for kind, _ in _kinds(store, article)][:2] == ["title", "body"]
    correct_details(store, article, _details(workspace, article, byline="By Aung Naing"), "ed")
    assert _kinds(store, article)[:2] == [("title", "NUG Ofers Cash to Pilots"), ("byline", "By Aung Naing")]
    rows = store.segments(article)
    assert [row.position for row in rows] == list(range(len(rows)))
    assert [row.paragraph_index for row in rows[:2]] == [-2, -1]
    article_row = store.get_article(article)
    assert (article_row.byline, article_row.published, article_row.published_precision) == (
        "By Aung Naing", november, "month")


def test_an_unchanged_working_title_is_not_made_a_segment(workspace):
    store = workspace.store
    article_id = import_article_text(store, "The NUG said on Monday that pilots would be paid.\n", "x.txt").article_id
    before = _kinds(store, article_id)
    assert store.get_article(article_id).title_derived
    saved = correct_details(store, article_id, _details(workspace, article_id, published=dt.date(2022, 4, 9)), "ed")
    assert saved.segments == () and _kinds(store, article_id) == before
    assert store.get_article(article_id).title_derived  # still a working title
    correct_details(store, article_id, _details(workspace, article_id, title="Pilots to be paid"), "ed")
    assert _kinds(store, article_id)[0] == ("title", "Pilots to be paid")
    assert not store.get_article(article_id).title_derived
