"""Repetitions: confirming a segment fills the article's EMPTY copies of the sentence, in one batch."""

from __future__ import annotations

import pytest

from workbench.app import editing
from workbench.app.importing import import_article_text
from workbench.app.repetitions import repetitions
from workbench.qa.consistency import source_key
from workbench.storage.store import Store

pytestmark = pytest.mark.usefixtures("each_backend")  # on SQLite and on PostgreSQL

# Segments: 1 R, 2, 3 R, 4 (lower case: not a repetition), 5, 6 R, 7 R. No headline or byline: they
# would be segments 1 and 2, and these numbers are the sentences'.
ARTICLE = """Reporters confirmed it on Monday. The army denied it.

Reporters confirmed it on Monday.

reporters confirmed it on Monday.

Others said nothing. Reporters confirmed it on Monday.

Reporters confirmed it on Monday.
"""
SENTENCE = "Reporters confirmed it on Monday."
MINE = "သတင်းထောက်များက တနင်္လာနေ့တွင် အတည်ပြုခဲ့သည်။"


@pytest.fixture
def article(workspace) -> int:
    return import_article_text(workspace.store, ARTICLE, "repetitions.txt").article_id


def _view(workspace, article: int) -> editing.ArticleView:
    return workspace.article_view(article, "my")


def _at(view: editing.ArticleView, number: int) -> editing.SegmentView:
    return view.segments[number - 1]


def _counting(store: Store, monkeypatch) -> list[list]:
    """Record each `save_translations` batch (each is one transaction)."""
    batches: list[list] = []
    original = store.save_translations

    def recording(article_id, target_lang, changes, author):
        batches.append(list(changes))
        return original(article_id, target_lang, changes, author)

    monkeypatch.setattr(store, "save_translations", recording)
    return batches


def test_the_normalisation_keeps_case_and_punctuation_and_ignores_whitespace():
    assert source_key("  Reporters\u00a0confirmed\tit\non Monday. ") == SENTENCE
    assert source_key("Cafe\u0301 opened.") == source_key("Café opened.")  # NFC
    assert source_key("reporters confirmed it on Monday.") != SENTENCE
    assert source_key("Reporters confirmed it on Monday!") != SENTENCE


def test_marking_fills_only_the_empty_repetitions_in_one_batch(workspace, article, monkeypatch):
    view = _view(workspace, article)
    assert [s.number for s in repetitions(view, _at(view, 1))] == [3, 6, 7]
    store = workspace.store
    editing.save_edit(store, view, _at(view, 3).segment_id, "ကိုယ်ပိုင် စာ", "mya")  # own text: never overwritten
    editing.save_edit(store, view, _at(view, 1).segment_id, MINE, "tin")
    batches = _counting(store, monkeypatch)
    row = editing.toggle_translated(store, view, _at(view, 1).segment_id, "tin")
    assert isinstance(row, editing.ConfirmedRow) and row.status == "translated"
    assert row.propagation is not None
    assert [s.number for s in row.propagation.filled] == [6, 7] and row.propagation.left == ()
    assert row.propagation.notice == "propagated to 2 repetitions: 6, 7"
    assert len(batches) == 2  # the mark, then ONE batch with every propagated write
    assert [change.segment_id for change in batches[1]] == [_at(view, 6).segment_id, _at(view, 7).segment_id]
    assert {change.expected_revision for change in batches[1]} == {0}
    saved = store.translations(article, "my")
    for number in (6, 7):
        segment = _at(view, number)
        assert (saved[segment.segment_id].text, saved[segment.segment_id].status) == (MINE, "translated")
        assert (segment.translation, segment.status, segment.revision) == (MINE, "translated", 1)  # the view shows it
    assert saved[_at(view, 3).segment_id].text == "ကိုယ်ပိုင် စာ" and saved[_at(view, 3).segment_id].status == "draft"
    assert _at(view, 4).segment_id not in saved  # a different case is a different sentence
    assert _at(view, 2).segment_id not in saved


def test_history_shows_propagated_with_the_segment_it_came_from(workspace, article):
    view = _view(workspace, article)
    source = _at(view, 1)
    editing.save_edit(workspace.store, view, source.segment_id, MINE, "tin")
    editing.toggle_translated(workspace.store, view, source.segment_id, "tin")
    histories = [workspace.store.translation_history(article, "my", _at(view, n).segment_id) for n in (3, 6, 7)]
    for history in histories:
        assert [(row.revision, row.how, row.status, row.text, row.author) for row in history] == [
            (1, "propagated", "translated", MINE, "tin")]
        assert history[0].detail == f"from segment 1 ({source.segment_id} r2)"
    assert len({history[0].at for history in histories}) == 1  # written in the same transaction


def test_a_repetition_filled_meanwhile_is_left_alone_and_reported(workspace, article):
    view = _view(workspace, article)  # reads 6 and 7 empty
    other = Store(workspace.settings.db_url)  # another translator's connection
    other.save_translation(article, _at(view, 6).segment_id, "my", "theirs", "draft", "other", expected_revision=0)
    other.close()
    editing.save_edit(workspace.store, view, _at(view, 1).segment_id, MINE, "tin")
    row = editing.toggle_translated(workspace.store, view, _at(view, 1).segment_id, "tin")
    assert isinstance(row, editing.ConfirmedRow) and row.propagation is not None
    assert [s.number for s in row.propagation.filled] == [3, 7]
    assert [s.number for s in row.propagation.left] == [6]
    assert row.propagation.notice == ("propagated to 2 repetitions: 3, 7; "
                                      "1 repetition changed meanwhile, left as they are: 6")
    history = workspace.store.translation_history(article, "my", _at(view, 6).segment_id)
    assert [(row.text, row.how, row.author) for row in history] == [("theirs", "typed", "other")]
    assert _at(view, 6).translation == "theirs"  # the view was refreshed to what is stored
    assert workspace.store.translation(article, _at(view, 7).segment_id, "my").text == MINE


def test_unmarking_does_not_take_propagated_text_back(workspace, article):
    view = _view(workspace, article)
    source = _at(view, 1).segment_id
    editing.save_edit(workspace.store, view, source, MINE, "tin")
    editing.toggle_translated(workspace.store, view, source, "tin")
    row = editing.toggle_translated(workspace.store, view, source, "tin")
    assert row is not None and row.status == "draft" and not isinstance(row, editing.ConfirmedRow)
    saved = workspace.store.translations(article, "my")
    assert [(saved[_at(view, n).segment_id].text, saved[_at(view, n).segment_id].status) for n in (3, 6, 7)] == [
        (MINE, "translated")] * 3
    assert [r.how for r in workspace.store.translation_history(article, "my", _at(view, 7).segment_id)] == ["propagated"]


def test_typing_into_a_confirmed_segment_does_not_propagate(workspace, article):
    view = _view(workspace, article)
    source = _at(view, 1).segment_id
    editing.save_edit(workspace.store, view, source, MINE, "tin")
    editing.toggle_translated(workspace.store, view, source, "tin")
    editing.undo(workspace.store, view, _at(view, 7).segment_id, "tin")  # 7 is empty again
    editing.save_edit(workspace.store, view, source, MINE + " x", "tin")  # still translated, not re-confirmed
    assert _at(view, 1).status == "translated" and _at(view, 7).translation == ""


def test_undo_of_a_propagated_segment_empties_only_that_one(workspace, article):
    view = _view(workspace, article)
    source = _at(view, 1).segment_id
    editing.save_edit(workspace.store, view, source, MINE, "tin")
    editing.toggle_translated(workspace.store, view, source, "tin")
    undone = editing.undo(workspace.store, view, _at(view, 6).segment_id, "tin")
    assert undone is not None and (undone.text, undone.status) == ("", "draft")
    history = workspace.store.translation_history(article, "my", _at(view, 6).segment_id)
    assert [(row.how, row.detail) for row in history][-1] == ("restored", "undo to r0")
    assert [row.how for row in history] == ["propagated", "restored"]
    saved = workspace.store.translations(article, "my")
    assert saved[_at(view, 7).segment_id].text == MINE and saved[source].status == "translated"
    assert editing.undo(workspace.store, view, _at(view, 6).segment_id, "tin") is None  # nothing earlier


def test_restoring_a_translated_version_confirms_again(workspace, article):
    view = _view(workspace, article)
    source = _at(view, 1).segment_id
    editing.save_edit(workspace.store, view, source, MINE, "tin")
    editing.toggle_translated(workspace.store, view, source, "tin")  # r2 translated; 3, 6, 7 filled
    editing.toggle_translated(workspace.store, view, source, "tin")  # r3 draft
    editing.undo(workspace.store, view, _at(view, 7).segment_id, "tin")  # 7 empty again
    row = editing.undo(workspace.store, view, source, "tin")  # back to r2: translated again
    assert isinstance(row, editing.ConfirmedRow) and row.propagation is not None
    assert [s.number for s in row.propagation.filled] == [7]
    assert workspace.store.translation(article, _at(view, 7).segment_id, "my").text == MINE


def test_a_segment_without_repetitions_reports_nothing(workspace, article):
    view = _view(workspace, article)
    editing.save_edit(workspace.store, view, _at(view, 2).segment_id, "စစ်တပ်က ငြင်းဆိုခဲ့သည်။", "tin")
    row = editing.toggle_translated(workspace.store, view, _at(view, 2).segment_id, "tin")
    assert isinstance(row, editing.ConfirmedRow) and row.propagation is None
