"""Replace across an article's translations: planned, written as ONE batch, undone as one."""

from __future__ import annotations

import pytest

from workbench.app import editing, replacing
from workbench.app.importing import import_article_text
from workbench.storage.store import Store

pytestmark = pytest.mark.usefixtures("each_backend")  # on SQLite and on PostgreSQL

# No headline or byline (they would be segments too): the four segments are the sentences.
ARTICLE = """The army denied it. Reporters confirmed it on Monday.

Others said nothing. The NUG spoke on Tuesday.
"""
TEXTS = ("စစ်တပ်က ငြင်းဆိုခဲ့သည်။", "Army said NO; the ARMY denied it.", "", "Nothing here.")


@pytest.fixture
def article(workspace) -> int:
    return import_article_text(workspace.store, ARTICLE, "replace.txt").article_id


@pytest.fixture
def view(workspace, article) -> editing.ArticleView:
    view = workspace.article_view(article, "my")
    for segment, text in zip(view.segments, TEXTS, strict=True):
        if text:
            editing.save_edit(workspace.store, view, segment.segment_id, text, "tin")
    editing.toggle_translated(workspace.store, view, view.segments[1].segment_id, "tin")
    return view


def _batches(store: Store, monkeypatch) -> list[list]:
    batches: list[list] = []
    original = store.save_translations

    def recording(article_id, target_lang, changes, author):
        batches.append(list(changes))
        return original(article_id, target_lang, changes, author)

    monkeypatch.setattr(store, "save_translations", recording)
    return batches


def test_plan_lists_every_change_case_insensitively_without_writing(workspace, view):
    changes = replacing.plan_replace(view, "army", "tatmadaw")
    assert [change.number for change in changes] == [2]
    change = changes[0]
    assert change.before == "Army said NO; the ARMY denied it."
    assert change.after == "tatmadaw said NO; the tatmadaw denied it."
    assert change.spans == ((0, 4), (18, 22))
    assert [change.after[a:b] for a, b in change.new_spans] == ["tatmadaw", "tatmadaw"]
    assert change.status == "translated" and change.revision == view.segments[1].revision
    assert replacing.plan_replace(view, "", "x") == [] and replacing.plan_replace(view, "absent", "x") == []
    assert workspace.store.translation(view.article_id, change.segment_id, "my").text == change.before


def test_burmese_is_matched_as_typed_in_nfc(view):
    changes = replacing.plan_replace(view, "ငြင်းဆို", "ပယ်ချ")
    assert [(c.number, c.after) for c in changes] == [(1, "စစ်တပ်က ပယ်ချခဲ့သည်။")]
    decomposed = "Cafe\u0301"
    assert replacing.find_spans(f"a {decomposed}", "café") == [(2, 6)]


def test_apply_writes_all_in_one_batch_keeping_statuses(workspace, view, monkeypatch):
    store = workspace.store
    batches = _batches(store, monkeypatch)
    changes = replacing.plan_replace(view, "it", "IT")
    assert [c.number for c in changes] == [2]
    changes = replacing.plan_replace(view, "သည်", "၏") + replacing.plan_replace(view, "army", "tatmadaw")
    batch = replacing.apply_replace(store, view, changes, "ed", "x", "y")
    assert len(batches) == 1 and len(batches[0]) == 2
    saved = store.translations(view.article_id, "my")
    assert saved[view.segments[0].segment_id].text == "စစ်တပ်က ငြင်းဆိုခဲ့၏။"
    assert saved[view.segments[1].segment_id].text.startswith("tatmadaw said NO")
    assert saved[view.segments[1].segment_id].status == "translated"  # statuses kept
    assert saved[view.segments[0].segment_id].status == "draft"
    assert saved[view.segments[3].segment_id].text == "Nothing here."  # no hit: untouched
    assert view.segments[1].translation.startswith("tatmadaw") and view.segments[1].revision == batches[0][1].expected_revision + 1
    history = store.translation_history(view.article_id, "my", view.segments[1].segment_id)
    assert (history[-1].how, history[-1].detail) == ("typed", f"replace #{batch}: 'x' → 'y'")
    assert store.segments(view.article_id)[0].text == "The army denied it."  # sources never touched
    assert view.segments[0].source == "The army denied it."


def test_a_segment_changed_since_the_plan_refuses_the_whole_replace(workspace, view):
    store = workspace.store
    changes = replacing.plan_replace(view, "ဆို", "X") + replacing.plan_replace(view, "army", "tatmadaw")
    other = workspace.article_view(view.article_id, "my")
    editing.save_edit(store, other, other.segments[1].segment_id, "someone else's text", "other")
    before = store.last_change()
    with pytest.raises(replacing.ReplaceRefused) as refused:
        replacing.apply_replace(store, view, changes, "ed")
    assert refused.value.numbers == (2,) and "segment 2" in str(refused.value)
    assert store.last_change() == before  # nothing written, not even segment 1
    assert store.translation(view.article_id, view.segments[0].segment_id, "my").text == TEXTS[0]
    assert view.segments[1].translation == "someone else's text"  # the view shows what is stored


def test_undo_restores_every_segment_in_one_batch_and_ctrl_z_goes_on_from_there(workspace, view, monkeypatch):
    store = workspace.store
    changes = replacing.plan_replace(view, "ဆို", "X") + replacing.plan_replace(view, "army", "tatmadaw")
    batch = replacing.apply_replace(store, view, changes, "ed", "army", "tatmadaw")
    batches = _batches(store, monkeypatch)
    restored = replacing.undo_replace(store, view, batch, "ed")
    assert len(batches) == 1 and [s.number for s in restored] == [1, 2]
    saved = store.translations(view.article_id, "my")
    assert [saved[s.segment_id].text for s in view.segments[:2]] == list(TEXTS[:2])
    assert saved[view.segments[1].segment_id].status == "translated"
    last = store.translation_history(view.article_id, "my", view.segments[1].segment_id)[-1]
    assert last.how == "restored" and last.detail.startswith("undo to r")
    # ctrl+z on one segment goes on back from the version before the replace (unmarks it).
    editing.undo(store, view, view.segments[1].segment_id, "ed")
    assert view.segments[1].status == "draft" and view.segments[1].translation == TEXTS[1]


def test_undo_is_refused_whole_when_a_segment_changed_since(workspace, view):
    store = workspace.store
    changes = replacing.plan_replace(view, "ဆို", "X") + replacing.plan_replace(view, "army", "tatmadaw")
    batch = replacing.apply_replace(store, view, changes, "ed")
    editing.save_edit(store, view, view.segments[1].segment_id, "edited after the replace", "ed")
    before = store.last_change()
    with pytest.raises(replacing.ReplaceRefused) as refused:
        replacing.undo_replace(store, view, batch, "ed")
    assert refused.value.numbers == (2,) and "segment 2 changed since the replace" in str(refused.value)
    assert store.last_change() == before
    assert view.segments[0].translation == "စစ်တပ်က ငြင်းXခဲ့သည်။"  # segment 1 not undone either
    with pytest.raises(replacing.ReplaceRefused):
        replacing.undo_replace(store, view, "nosuch", "ed")


def test_the_latest_replace_is_found_in_the_history_until_it_is_undone(workspace, view):
    store = workspace.store
    assert replacing.latest_replace(store, view) is None
    first = replacing.apply_replace(store, view, replacing.plan_replace(view, "army", "tatmadaw"), "ed")
    second = replacing.apply_replace(store, view, replacing.plan_replace(view, "ဆို", "X"), "ed")
    reopened = workspace.article_view(view.article_id, "my")  # as a screen opened later reads it
    assert replacing.latest_replace(store, reopened) == second != first
    replacing.undo_replace(store, reopened, second, "ed")
    assert replacing.latest_replace(store, workspace.article_view(view.article_id, "my")) is None
    other_language = workspace.article_view(view.article_id, "fr")
    assert replacing.latest_replace(store, other_language) is None
