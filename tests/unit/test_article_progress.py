"""Word counts, article progress and what an MT run did (workbench.app.progress), and MT that
reaches the caller batch by batch (workbench.app.translating)."""

from __future__ import annotations

import pytest

from tests.support.stored import stored_mt
from workbench.app import editing
from workbench.app.importing import import_article_text
from workbench.app.progress import Progress, RunCounts, article_progress, articles_progress, progress_of, word_count
from workbench.app.translating import batch_bounds, translate_article
from workbench.app.workspace import open_workspace


@pytest.mark.parametrize(("text", "words"), [
    ("The ex-captain's unit, 2022.", 4),
    ("“We asked them,” she said.", 5),
    ("NUG’s foreign ministry", 3),
    ("— … !", 0),
    ("", 0),
])
def test_word_count(text, words):
    assert word_count(text) == words


def test_progress_counts_confirmed_segments_and_their_words():
    progress = progress_of([("One two three.", "translated"), ("Four five.", "draft"), ("Six.", "")])
    assert progress == Progress(segments=3, translated=1, words=6, words_translated=3)
    assert progress.percent == 50
    assert progress.describe() == "1 of 3 segments translated (3 of 6 words)"
    assert Progress().percent == 0 and Progress(1, 1).percent == 100


def test_run_counts_add_up_and_say_repeats():
    counts = RunCounts(segments=45, translated=27, repeats=16, from_cache=2)
    assert counts.describe() == "45 segments: 27 translated now, 16 repeats of those, 2 from cache"
    cut = RunCounts(segments=10, translated=3, repeats=0, from_cache=2, cancelled=True)
    assert cut.left == 5 and cut.describe() == "10 segments: 3 translated now, 2 from cache, 5 not translated (cancelled)"


def test_batches_start_small_then_take_the_engine_batch():
    assert batch_bounds(0) == []
    assert batch_bounds(3) == [(0, 3)]
    assert batch_bounds(100) == [(0, 4), (4, 12), (12, 28), (28, 60), (60, 92), (92, 100)]


def test_article_progress_follows_the_stored_statuses(workspace):
    before = article_progress(workspace.store, 1, "my")
    assert before.translated == 0 and before.words > 100
    view = workspace.article_view(1, "my")
    first = view.segments[0]
    editing.save_edit(workspace.store, view, first.segment_id, "စမ်း", "desk")
    editing.toggle_translated(workspace.store, view, first.segment_id, "desk")
    after = articles_progress(workspace.store, "my")[1]
    assert (after.translated, after.words_translated) == (1, word_count(first.source))
    assert articles_progress(workspace.store, "fr")[1].translated == 0  # per target language


class BatchRecorder:
    """The real engine, noting each call's size and how many results the caller had seen before it."""

    def __init__(self, real, seen: list[int]):
        self.real, self.seen, self.calls = real, seen, []

    def model_for(self, source, target):
        return self.real.model_for(source, target)

    def translate(self, texts, source, target, on_result=None, cancelled=None):
        self.calls.append((len(texts), len(self.seen)))
        return self.real.translate(texts, source, target, on_result, cancelled)


def test_mt_reaches_the_caller_batch_by_batch_and_the_summary_adds_up(settings, installed_models):
    workspace = open_workspace(settings)
    try:
        repeated = "Reporters confirmed it on Monday."
        text = "Repeats\n\n" + " ".join([repeated] * 3) + " " + " ".join(f"Sentence number {n} is here." for n in range(30))
        article = import_article_text(workspace.store, text, "repeats.txt").article_id
        seen: list[int] = []
        engine = BatchRecorder(workspace.engine, seen)
        report = translate_article(workspace.store, engine, article, "my",
                                   on_progress=lambda done, total, sid, mt: seen.append(done))
        sizes = [size for size, _ in engine.calls]
        assert sizes[:3] == [4, 8, 16] and sum(sizes) == report.translated
        # Before each batch, the results of every earlier batch had reached the caller.
        assert [before for _, before in engine.calls][1:] == [n for n in _running_totals(sizes, report)][:-1]
        counts = report.counts()
        assert counts.repeats == 2 and counts.left == 0
        assert counts.translated + counts.repeats + counts.from_cache == report.total
        _model, mt = stored_mt(workspace.store, workspace.engine, article, "my")
        assert len(mt) == report.total
    finally:
        workspace.close()


def _running_totals(sizes: list[int], report) -> list[int]:
    """Segments reported after each batch: its texts plus their repeats (the one repeated text is in batch 1)."""
    totals, done = [], report.from_cache
    for index, size in enumerate(sizes):
        done += size + (report.repeats if index == 0 else 0)
        totals.append(done)
    return totals
