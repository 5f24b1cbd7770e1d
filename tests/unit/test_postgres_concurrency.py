"""Real concurrent processes writing translations on PostgreSQL (READ COMMITTED): the compare-and-set
refuses every stale write, and no acknowledged write is lost or wrongly refused."""

from __future__ import annotations

import multiprocessing

from workbench.app.importing import import_article_text
from workbench.storage.store import Store
from workbench.storage.translation_records import StaleTranslation

STORY = "The council met on Monday. It agreed on a plan. Reporters confirmed it. The army moved."
ROUNDS = 25


def _article(url: str) -> tuple[int, list[str]]:
    store = Store(url)
    store.migrate()
    article_id = import_article_text(store, STORY, "story.txt").article_id
    segment_ids = [segment.segment_id for segment in store.segments(article_id)]
    store.close()
    return article_id, segment_ids


def _confirmer(url: str, article_id: int, segment_id: str, name: str, barrier, results) -> None:
    """A separate process confirming its own text of a segment, each time on the revision it just read.

    The barrier lines the processes up between the read and the write, so when they share a
    segment every round is a real race for one revision."""
    store = Store(url)
    acknowledged, refused = [], 0
    for n in range(ROUNDS):
        current = store.translation(article_id, segment_id, "my")
        text = f"{name}-{n}"
        barrier.wait(timeout=60)
        try:
            row = store.save_translation(article_id, segment_id, "my", text, "translated", name,
                                         expected_revision=current.revision if current else 0)
            acknowledged.append((row.revision, text))
        except StaleTranslation:
            refused += 1
        barrier.wait(timeout=60)
    store.close()
    results.put((segment_id, acknowledged, refused))


def _race(url: str, article_id: int, segment_ids: list[str]) -> list[tuple[str, list, int]]:
    context = multiprocessing.get_context("spawn")
    results, barrier = context.Queue(), context.Barrier(len(segment_ids))
    workers = [context.Process(target=_confirmer, args=(url, article_id, segment_id, f"w{n}", barrier, results))
               for n, segment_id in enumerate(segment_ids)]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=180) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
    assert all(worker.exitcode == 0 for worker in workers)
    return outcomes


def test_two_processes_confirming_one_segment_on_postgresql_one_wins_each_revision(postgres_url):
    article_id, segment_ids = _article(postgres_url)
    segment_id = segment_ids[0]
    outcomes = _race(postgres_url, article_id, [segment_id, segment_id])
    acknowledged = [write for _segment, writes, _refused in outcomes for write in writes]
    refused = sum(count for _segment, _writes, count in outcomes)
    store = Store(postgres_url)
    history = {row.revision: row.text for row in store.translation_history(article_id, "my", segment_id)}
    final = store.translation(article_id, segment_id, "my")
    units = store.tm_units("en", "my")
    store.close()
    # Every round was contended: exactly one save won it, the other was refused as stale, never applied.
    assert (len(acknowledged), refused) == (ROUNDS, ROUNDS)
    assert len({revision for revision, _text in acknowledged}) == ROUNDS  # no revision given twice
    assert all(history[revision] == text for revision, text in acknowledged)  # every acknowledged write kept
    assert sorted(history) == list(range(1, ROUNDS + 1))  # and nothing else was written
    assert final is not None and (final.revision, final.text) == max(acknowledged)
    assert [(unit.segment_id, unit.target_text) for unit in units] == [(segment_id, final.text)]  # memory in step


def test_processes_confirming_different_segments_at_once_are_never_refused(store_url):
    """Each confirmation also moves the memory's shared version counter: writers of different
    segments queue on it, and none of them is told "stale" for a segment nobody else touched."""
    article_id, segment_ids = _article(store_url)
    store = Store(store_url)
    version_before = store.tm_version()
    store.close()
    outcomes = _race(store_url, article_id, segment_ids[:3])
    store = Store(store_url)
    saved = store.translations(article_id, "my")
    version_after = store.tm_version()
    units = {unit.segment_id: unit.target_text for unit in store.tm_units("en", "my")}
    store.close()
    for segment_id, acknowledged, refused in outcomes:
        assert refused == 0 and [revision for revision, _text in acknowledged] == list(range(1, ROUNDS + 1))
        assert saved[segment_id].text == acknowledged[-1][1] == units[segment_id]
    assert version_after - version_before == 3 * ROUNDS  # every change of the memory counted once
