"""Every change of a translation is kept; writes based on an old revision are refused; undo walks back."""

from __future__ import annotations

import multiprocessing

import pytest

from workbench.app import editing
from workbench.app.config import load_settings
from workbench.app.workspace import open_workspace
from workbench.storage.store import Store
from workbench.storage.translation_records import StaleTranslation, TranslationChange

pytestmark = pytest.mark.usefixtures("each_backend")  # on SQLite and on PostgreSQL


def _first(workspace):
    view = workspace.article_view(1, "my")
    return view, view.segments[0]


def test_every_kind_of_change_is_kept_with_who_and_how(workspace):
    view, segment = _first(workspace)
    store = workspace.store
    segment.mt = "MT စာ။"  # as the grid shows it; no model needed for this test
    editing.save_edit(store, view, segment.segment_id, "ကိုယ်ပိုင် စာ။", "tin")
    editing.toggle_translated(store, view, segment.segment_id, "tin")
    editing.accept_mt(store, view, segment.segment_id, "tin", replace_own=True)
    editing.undo(store, view, segment.segment_id, "mya")
    history = store.translation_history(1, "my", segment.segment_id)
    assert [(row.revision, row.how, row.author) for row in history] == [
        (1, "typed", "tin"), (2, "marked", "tin"), (3, "mt", "tin"), (4, "restored", "mya")]
    assert (history[-1].text, history[-1].status) == ("ကိုယ်ပိုင် စာ။", "translated")
    assert store.translation(1, segment.segment_id, "my").revision == 4


def test_accepting_mt_over_own_text_asks_first(workspace):
    view, segment = _first(workspace)
    segment.mt = "MT စာ။"
    editing.save_edit(workspace.store, view, segment.segment_id, "ကိုယ်ပိုင် စာ။", "tin")
    with pytest.raises(editing.WouldReplaceOwnText):
        editing.accept_mt(workspace.store, view, segment.segment_id, "tin")
    assert workspace.store.translation(1, segment.segment_id, "my").text == "ကိုယ်ပိုင် စာ။"


def test_a_write_based_on_an_old_revision_is_refused_and_both_texts_are_kept(workspace):
    """Two screens on one article: the second one's keystroke must not overwrite the first's save."""
    first_view, first = _first(workspace)
    second_view, second = _first(workspace)
    editing.save_edit(workspace.store, first_view, first.segment_id, "ပထမ", "tin")
    with pytest.raises(editing.ChangedElsewhere) as changed:
        editing.save_edit(workspace.store, second_view, second.segment_id, "ဒုတိယ", "mya")
    assert (changed.value.theirs, changed.value.mine) == ("ပထမ", "ဒုတိယ")
    assert second.translation == "ပထမ" and second.revision == 1  # the view now shows what is stored
    assert workspace.store.translation(1, first.segment_id, "my").text == "ပထမ"
    editing.save_edit(workspace.store, second_view, second.segment_id, "ပထမ + ဒုတိယ", "mya")  # merged, on top
    assert [row.text for row in workspace.store.translation_history(1, "my", first.segment_id)] == ["ပထမ", "ပထမ + ဒုတိယ"]


def test_a_batch_with_one_stale_change_writes_nothing(workspace):
    segments = [s.segment_id for s in workspace.store.segments(1)[:3]]
    workspace.store.save_translation(1, segments[1], "my", "someone else", "draft", "ed", expected_revision=0)
    changes = [TranslationChange(sid, f"file {n}", "translated", 0, "import", "x.po") for n, sid in enumerate(segments)]
    with pytest.raises(StaleTranslation) as stale:
        workspace.store.save_translations(1, "my", changes, "tin")
    assert [change.segment_id for change, _row in stale.value.stale] == [segments[1]]
    saved = workspace.store.translations(1, "my")
    assert set(saved) == {segments[1]} and saved[segments[1]].text == "someone else"


def test_undo_steps_back_through_the_versions(workspace):
    view, segment = _first(workspace)
    for text in ("one", "two", "three"):
        editing.save_edit(workspace.store, view, segment.segment_id, text, "tin")
    seen = []
    while editing.undo(workspace.store, view, segment.segment_id, "tin") is not None:
        seen.append(segment.translation)
    assert seen == ["two", "one", ""]
    assert len(workspace.store.translation_history(1, "my", segment.segment_id)) == 6


def _writer(url: str, segment_id: str, name: str, rounds: int, barrier, results) -> None:
    """A separate process that saves, each time based on the revision it just read.

    Both processes read, then both save (the barrier lines them up), so every round is a real
    race for one revision: one save wins, the other must be refused as stale.
    """
    store = Store(url)
    acknowledged, refused = [], 0
    for n in range(rounds):
        current = store.translation(1, segment_id, "my")
        text = f"{name}-{n}"
        barrier.wait(timeout=60)
        try:
            row = store.save_translation(1, segment_id, "my", text, "draft", name,
                                         expected_revision=current.revision if current else 0)
            acknowledged.append((row.revision, text))
        except StaleTranslation:
            refused += 1
        barrier.wait(timeout=60)
    store.close()
    results.put((acknowledged, refused))


def test_concurrent_processes_never_lose_an_acknowledged_write(settings):
    workspace = open_workspace(settings)
    segment_id = workspace.store.segments(1)[0].segment_id
    workspace.close()
    context = multiprocessing.get_context("spawn")
    results, barrier, rounds = context.Queue(), context.Barrier(2), 30
    url = load_settings().db_url
    workers = [context.Process(target=_writer, args=(url, segment_id, name, rounds, barrier, results))
               for name in ("a", "b")]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=180) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
    acknowledged = [write for writes, _refused in outcomes for write in writes]
    refused = sum(count for _writes, count in outcomes)
    store = Store(url)
    history = {row.revision: row.text for row in store.translation_history(1, "my", segment_id)}
    final = store.translation(1, segment_id, "my")
    store.close()
    # Every round was contended: exactly one save won it and the other was refused, never applied.
    assert (len(acknowledged), refused) == (rounds, rounds)
    assert len({revision for revision, _text in acknowledged}) == len(acknowledged)  # no revision given twice
    assert all(history[revision] == text for revision, text in acknowledged)  # every acknowledged write is kept
    assert sorted(history) == list(range(1, len(acknowledged) + 1))  # and nothing else was written
    assert (final.revision, final.text) == max(acknowledged)
