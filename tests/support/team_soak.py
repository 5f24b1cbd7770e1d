"""A desk at work on one database: translators and editors in separate processes, at random.

Each worker process (`work`) loops until its deadline over a small set of segments (so that they
race) and the glossary: translators type and confirm translations and try to approve (which
must be refused); editors also decide renderings and import batches of translations (one
transaction each, as a PO import is). Every write states the revision it read. A worker logs
each write the database acknowledged and each refusal, with what it was based on, and returns
the log. `verify` then reads the database and proves: every acknowledged write is in the
history with its text and author, and the current text is the last acknowledged one (nothing
lost); the history holds no write nobody was told of; every refusal was right (someone else
wrote the revision after the one it was based on); a translator's attempt changed nothing.

Used by tests/unit/test_team_soak.py (60 s on PostgreSQL) and bench/team.py.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from dataclasses import dataclass, field

from workbench.app.glossary_workflow import ChangedMeanwhile, NotAllowed, Workflow
from workbench.app.importing import import_article_text
from workbench.storage.glossary_repository import GlossaryRepository
from workbench.storage.store import Store
from workbench.storage.translation_records import StaleTranslation, TranslationChange

STORY = ("The council met on Monday. It agreed on a plan. Reporters confirmed it. The army moved. "
         "The NUG said it would pay. Prices rose in Yangon.")
TERMS = ("council", "plan", "reporters", "army")
DESK = (("tr1", "translator"), ("tr2", "translator"), ("ed1", "editor"), ("ed2", "editor"))
LANG = "my"


@dataclass
class Log:
    """What one worker was told: acknowledged writes, justified-or-not refusals, counts."""

    name: str
    acked: list[tuple] = field(default_factory=list)  # (segment, revision, text, status)
    refused: list[tuple] = field(default_factory=list)  # (segment, revision it was based on)
    decisions: list[str] = field(default_factory=list)  # reasons of acknowledged glossary decisions
    decisions_refused: int = 0
    forbidden: list[str] = field(default_factory=list)  # reasons of a translator's refused approvals
    operations: int = 0
    save_seconds: list[float] = field(default_factory=list)


def prepare(url: str) -> tuple[int, list[str], list[str]]:
    """A migrated database with the story, the desk's roles and one proposed entry per term."""
    store = Store(url)
    store.migrate()
    article_id = import_article_text(store, STORY, "soak.txt").article_id
    segment_ids = [segment.segment_id for segment in store.segments(article_id)]
    repository = GlossaryRepository(store.engine)
    for name, role in (("ed1", "editor"), *DESK):
        Workflow(repository, "ed1").set_role(name, role)
    entries = [Workflow(repository, "tr1").propose(term, LANG, f"{term}-my-0").id for term in TERMS]
    store.close()
    return article_id, segment_ids, entries


def work(url: str, name: str, role: str, article_id: int, segment_ids: list[str], entries: list[str],
         seconds: float, seed: int) -> Log:
    """One desk member's random work until the deadline; the log of what the database said."""
    rng, store, log = random.Random(seed), Store(url), Log(name)
    workflow = Workflow(GlossaryRepository(store.engine), name)
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline:
            log.operations += 1
            pick = rng.random()
            if pick < 0.6:
                _edit(store, log, article_id, rng.choice(segment_ids), rng)
            elif pick < 0.75 and role == "editor":
                _import_batch(store, log, article_id, rng.sample(segment_ids, 3), rng)
            elif role == "editor":
                _decide(workflow, log, rng.choice(entries), rng)
            elif pick < 0.8:
                _try_to_approve(workflow, log, rng.choice(entries))
            else:
                _edit(store, log, article_id, rng.choice(segment_ids), rng)
    finally:
        store.close()
    return log


def _edit(store: Store, log: Log, article_id: int, segment_id: str, rng: random.Random) -> None:
    current = store.translation(article_id, segment_id, LANG)
    based_on = current.revision if current else 0
    text, status = f"{log.name}-{log.operations}", rng.choice(("draft", "translated"))
    started = time.perf_counter()
    try:
        row = store.save_translation(article_id, segment_id, LANG, text, status, log.name, expected_revision=based_on)
    except StaleTranslation:
        log.refused.append((segment_id, based_on))
        return
    log.save_seconds.append(time.perf_counter() - started)
    log.acked.append((segment_id, row.revision, text, status))


def _import_batch(store: Store, log: Log, article_id: int, segment_ids: list[str], rng: random.Random) -> None:
    """Three segments in one transaction, as `workbench translations import` saves a file."""
    saved = store.translations(article_id, LANG)
    based = {sid: saved[sid].revision if sid in saved else 0 for sid in segment_ids}
    changes = [TranslationChange(sid, f"{log.name}-{log.operations}-{sid[:4]}", "translated", based[sid], "import",
                                 "soak.po") for sid in segment_ids]
    try:
        rows = store.save_translations(article_id, LANG, changes, log.name)
    except StaleTranslation as stale:  # the whole batch refused, nothing written; it names the stale ones
        log.refused += [(change.segment_id, change.expected_revision) for change, _current in stale.stale]
        return
    log.acked += [(row.segment_id, row.revision, row.text, row.status) for row in rows]


def _decide(workflow: Workflow, log: Log, entry_id: str, rng: random.Random) -> None:
    entry, revision = workflow.entry_and_revision(entry_id)
    reason = f"{log.name}-{log.operations}"
    try:
        if rng.random() < 0.3:
            workflow.propose(entry.terms[0].text, LANG, f"{entry.terms[0].text}-my-{reason}", reason)
        else:
            rendering = rng.choice([r for r in entry.renderings if r.lang == LANG])
            decision = rng.choice(("approve", "reject", "forbid", "deprecate"))
            workflow.decide(decision, entry_id, LANG, rendering.text, reason, expected_revision=revision)
    except ChangedMeanwhile:
        log.decisions_refused += 1
        return
    log.decisions.append(reason)


def _try_to_approve(workflow: Workflow, log: Log, entry_id: str) -> None:
    entry, _revision = workflow.entry_and_revision(entry_id)
    reason = f"{log.name}-{log.operations}"
    try:
        workflow.decide("approve", entry_id, LANG, entry.renderings[0].text, reason)
    except NotAllowed:
        log.forbidden.append(reason)
        return
    raise AssertionError(f"{log.name}, a translator, was allowed to approve")


@dataclass(frozen=True)
class Outcome:
    operations: int
    acknowledged: int
    conflicts: int
    lost: int
    problems: list[str]


def verify(url: str, article_id: int, logs: list[Log]) -> Outcome:
    """Read the database back and compare it with what every worker was told (module doc)."""
    store = Store(url)
    try:
        history = store.translation_history(article_id, LANG)
        current = store.translations(article_id, LANG)
        repository = GlossaryRepository(store.engine)
        glossary_reasons = Counter(event.reason for entry in repository.entries()
                                   for event in repository.history(entry.id))
    finally:
        store.close()
    written = {(row.segment_id, row.revision): row for row in history}
    acked = {(segment, revision): (text, status, log.name) for log in logs
             for segment, revision, text, status in log.acked}
    problems: list[str] = []
    lost = [key for key, (text, status, name) in acked.items()
            if key not in written or (written[key].text, written[key].status, written[key].author) != (text, status, name)]
    problems += [f"acknowledged but not in the history as written: {key}" for key in lost]
    problems += [f"in the history but nobody was told: {key}" for key in written if key not in acked]
    problems += _revision_problems(written, current, acked)
    problems += [f"refused without a newer revision: {item} ({log.name})" for log in logs for item in log.refused
                 if (item[0], item[1] + 1) not in written]
    problems += [f"decision acknowledged {glossary_reasons[r]} times in the history: {r}" for log in logs
                 for r in log.decisions if glossary_reasons[r] != 1]
    problems += [f"a translator's refused approval is in the history: {r}" for log in logs
                 for r in log.forbidden if glossary_reasons[r]]
    conflicts = sum(len(log.refused) + log.decisions_refused for log in logs)
    return Outcome(sum(log.operations for log in logs), len(acked) + sum(len(log.decisions) for log in logs),
                   conflicts, len(lost), problems)


def _revision_problems(written: dict, current: dict, acked: dict) -> list[str]:
    """Each segment's revisions are 1..n with no gap, and its current text is the last acknowledged one."""
    problems = []
    by_segment: dict[str, list[int]] = {}
    for segment, revision in written:
        by_segment.setdefault(segment, []).append(revision)
    for segment, revisions in by_segment.items():
        if sorted(revisions) != list(range(1, len(revisions) + 1)):
            problems.append(f"revisions of {segment} are not 1..n: {sorted(revisions)}")
        last = acked.get((segment, max(revisions)))
        row = current.get(segment)
        if last is None or row is None or (row.text, row.revision) != (last[0], max(revisions)):
            problems.append(f"{segment}: the current text is not the last acknowledged write")
    return problems


def run_worker(results, *args) -> None:
    """A process's entry point: `work`, its log put on the queue."""
    results.put(work(*args))


def run_desk(url: str, seconds: float, seed: int = 1) -> tuple[int, list[Log]]:
    """The four desk members of `DESK` as separate processes on one prepared database."""
    import multiprocessing

    article_id, segment_ids, entries = prepare(url)
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    workers = [context.Process(target=run_worker, args=(results, url, name, role, article_id, segment_ids[:4],
                                                        entries, seconds, seed + n))
               for n, (name, role) in enumerate(DESK)]
    for worker in workers:
        worker.start()
    logs = [results.get(timeout=seconds + 120) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
    if any(worker.exitcode != 0 for worker in workers):
        raise AssertionError(f"a desk process failed: exit codes {[worker.exitcode for worker in workers]}")
    return article_id, logs
