"""Concurrent requests into one engine call: a queue and one thread per language pair.

Each HTTP request hands its texts to the pair's queue and waits. The pair's thread takes the
first waiting request, gathers whatever else arrives within `window` seconds (up to `max_texts`
texts), and translates them all in one call, so eight clients asking at once cost about one
batch, not eight. One thread per pair also means a model is never driven by two requests at once.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field

# Translates a list of texts for (source, target): the glossary-enforcing function of serving.py.
TranslateTexts = Callable[[Sequence[str], str, str], list[str]]

DEFAULT_WINDOW = 0.005  # seconds a batch waits for more requests once it has one
DEFAULT_MAX_BATCH = 64  # texts per engine call
DEFAULT_MAX_WAITING = 4096  # texts queued per pair before new requests are told to slow down


class QueueFull(Exception):
    """Too many texts are already waiting for this pair."""


@dataclass
class _Job:
    texts: list[str]
    done: Future = field(default_factory=Future)


class _PairQueue:
    def __init__(self, pair: tuple[str, str], batcher: PairBatcher):
        self.pair, self.batcher = pair, batcher
        self.jobs: queue.Queue[_Job | None] = queue.Queue()
        self.waiting = 0  # texts queued, guarded by the batcher's lock
        self.thread = threading.Thread(target=self._run, name=f"mt-{pair[0]}-{pair[1]}", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while (first := self.jobs.get()) is not None:
            batch, stop = self._gather(first)
            self._translate(batch)
            if stop:
                return

    def _gather(self, first: _Job) -> tuple[list[_Job], bool]:
        batch, count = [first], len(first.texts)
        deadline = time.monotonic() + self.batcher.window
        while count < self.batcher.max_texts:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            try:
                job = self.jobs.get(timeout=remaining)
            except queue.Empty:
                break
            if job is None:
                return batch, True
            batch.append(job)
            count += len(job.texts)
        return batch, False

    def _translate(self, batch: list[_Job]) -> None:
        texts = [text for job in batch for text in job.texts]
        with self.batcher.lock:
            self.waiting -= len(texts)
            self.batcher.batches += 1
        try:
            results = self.batcher.translate_texts(texts, *self.pair)
        except BaseException as error:  # noqa: BLE001 - every waiting request gets the error, none hangs
            for job in batch:
                job.done.set_exception(error)
            return
        start = 0
        for job in batch:
            job.done.set_result(results[start:start + len(job.texts)])
            start += len(job.texts)


class PairBatcher:
    """Hands texts to the pair's thread; `translate` blocks until that batch is done."""

    def __init__(self, translate_texts: TranslateTexts, window: float = DEFAULT_WINDOW,
                 max_texts: int = DEFAULT_MAX_BATCH, max_waiting: int = DEFAULT_MAX_WAITING):
        self.translate_texts, self.window, self.max_texts, self.max_waiting = translate_texts, window, max_texts, max_waiting
        self.lock = threading.Lock()
        self._queues: dict[tuple[str, str], _PairQueue] = {}
        self.batches = 0  # engine calls made (bench/ and tests read it)

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        job = _Job(list(texts))
        with self.lock:
            pair = self._queues.get((source, target))
            if pair is None:
                pair = self._queues[(source, target)] = _PairQueue((source, target), self)
            if pair.waiting and pair.waiting + len(job.texts) > self.max_waiting:
                raise QueueFull(f"{pair.waiting} texts are waiting for {source}→{target}")
            pair.waiting += len(job.texts)
            pair.jobs.put(job)
        return job.done.result()

    def close(self) -> None:
        """Stop the pair threads once their queued work is done."""
        with self.lock:
            queues, self._queues = list(self._queues.values()), {}
        for pair in queues:
            pair.jobs.put(None)
        for pair in queues:
            pair.thread.join(timeout=30)
