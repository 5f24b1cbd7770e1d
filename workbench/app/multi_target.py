"""One article into several target languages in one run.

Scheduling: one thread per language, as many at a time as there are cores (each
translator decodes on one intra-op thread, and CTranslate2 releases the GIL), longest
route first. A language is never split across threads: int8 results depend on how
sentences are batched, so each language keeps exactly the batches a single-language
run would use and gives the same text.

Memory: a translator loads when its language starts. Before the run, translators no
requested language needs are released; with ``keep_loaded=False`` (the CLI) a
language's translators are also released as soon as no unfinished language needs
them, so at most ``workers`` routes are in memory at once. Each language decoding at
the same time holds its own work buffers (about 150 MB for a base-sized model at batch
32, beam 4; bench/mt.py); ``workers=1`` trades the speed for one set.

Callbacks run in the worker threads; the TUI posts them on as messages.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from workbench.app.translating import TranslateReport, translate_article
from workbench.app.workspace import find_article
from workbench.errors import UserError
from workbench.mt.engine import CancelCheck, ModelInfo, NoModelError, TranslationEngine
from workbench.storage.store import Store

# Called as (target language, segments done, segments in all, segment id, machine translation).
LanguageProgress = Callable[[str, int, int, str, str], None]
LanguageFinished = Callable[[TranslateReport], None]


@dataclass(frozen=True)
class LanguagePlan:
    """How one target language would be translated: its model (None: no route)."""

    target_lang: str
    model: ModelInfo | None

    @property
    def route(self) -> str | None:
        return self.model.route if self.model is not None else None

    @property
    def is_pivot(self) -> bool:
        return self.model is not None and bool(self.model.via)


@dataclass(frozen=True)
class MultiReport:
    reports: dict[str, TranslateReport]  # by target language, in the order asked
    cancelled: bool
    seconds: float


class SameLanguageError(UserError):
    """A target language that is the article's own language: nothing to translate."""

    def __init__(self, article: str, source_lang: str):
        from workbench.lang.languages import DESK_LANGUAGES, language

        example = next(code for code in DESK_LANGUAGES if language(code).base != language(source_lang).base)
        super().__init__(f"{article} is already in {language(source_lang).english_name}; "
                         f"choose a target language such as {example}")
        self.source_lang = source_lang


def plan_languages(engine: TranslationEngine, source_lang: str, targets: Sequence[str],
                   article: str = "the article") -> list[LanguagePlan]:
    """Each target's route, without loading anything; SameLanguageError for the source's own language.

    ``article`` names the article in that error's message, e.g. "article 3".
    """
    from workbench.lang.languages import language

    if any(language(target).base == language(source_lang).base for target in targets):
        raise SameLanguageError(article, source_lang)
    return [LanguagePlan(target, engine.model_for(source_lang, target)) for target in _distinct(targets)]


def release_unneeded(engine: TranslationEngine, source_lang: str, targets: Sequence[str]) -> list[str]:
    """Release the models no route to these targets uses (the TUI calls this when its view changes)."""
    released = engine.retain([(source_lang, target) for target in targets])
    if released:
        return_freed_memory()
    return released


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def translate_languages(
    store: Store,
    engine: TranslationEngine,
    article_id: int,
    targets: Sequence[str],
    on_progress: LanguageProgress | None = None,
    cancelled: CancelCheck | None = None,
    index=None,
    workers: int | None = None,
    keep_loaded: bool = True,
    on_finished: LanguageFinished | None = None,
    digits: str = "native",
) -> MultiReport:
    """Translate the article into every target.

    Before anything runs: SameLanguageError if a target is the article's own language,
    NoModelError if one has no route.
    """
    started = time.perf_counter()
    article = find_article(store, article_id)
    plans = plan_languages(engine, article.source_lang, targets, article=f"article {article_id}")
    for plan in plans:
        if plan.model is None:
            raise NoModelError(article.source_lang, plan.target_lang)
    release_unneeded(engine, article.source_lang, [plan.target_lang for plan in plans])
    run = _MultiRun(store, engine, article_id, article.source_lang, plans, on_progress, cancelled, index)
    run.on_finished, run.digits = on_finished, digits
    count = max(1, min(len(plans), workers or default_workers()))
    reports = run.execute(count, keep_loaded)
    return MultiReport(
        reports={plan.target_lang: reports[plan.target_lang] for plan in plans},
        cancelled=any(report.cancelled for report in reports.values()),
        seconds=time.perf_counter() - started,
    )


class _MultiRun:
    """The languages of one run, the shared stop flag, and what is still unfinished."""

    def __init__(self, store, engine, article_id, source_lang, plans, on_progress, cancelled, index):
        self.store, self.engine, self.article_id, self.source_lang = store, engine, article_id, source_lang
        self.plans, self.on_progress, self.user_cancelled, self.index = plans, on_progress, cancelled, index
        self.stop = threading.Event()  # set when the caller cancels or one language fails
        self.unfinished = {plan.target_lang for plan in plans}
        self.lock = threading.Lock()
        self.on_finished: LanguageFinished | None = None
        self.digits = "native"

    def cancelled(self) -> bool:
        if not self.stop.is_set() and self.user_cancelled is not None and self.user_cancelled():
            self.stop.set()
        return self.stop.is_set()

    def execute(self, workers: int, keep_loaded: bool) -> dict[str, TranslateReport]:
        # Longest route first, so a two-leg language does not start last and run alone.
        order = sorted(self.plans, key=lambda plan: -len(plan.model.via))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="mt") as pool:
            futures = {plan.target_lang: pool.submit(self._one, plan.target_lang, keep_loaded) for plan in order}
            try:
                return {lang: future.result() for lang, future in futures.items()}
            except BaseException:
                self.stop.set()  # Ctrl-C or a failed language: the others stop at their next result
                raise

    def _one(self, lang: str, keep_loaded: bool) -> TranslateReport:
        try:
            if self.stop.is_set():
                return self._not_started(lang)
            progress = None
            if self.on_progress is not None:
                progress = lambda done, total, sid, text: self.on_progress(lang, done, total, sid, text)  # noqa: E731
            report = translate_article(self.store, self.engine, self.article_id, lang, on_progress=progress,
                                       cancelled=self.cancelled, index=self.index, digits=self.digits)
            if self.on_finished is not None:
                self.on_finished(report)
            return report
        except BaseException:
            self.stop.set()
            raise
        finally:
            self._finished(lang, keep_loaded)

    def _finished(self, lang: str, keep_loaded: bool) -> None:
        with self.lock:
            self.unfinished.discard(lang)
            if not keep_loaded:
                release_unneeded(self.engine, self.source_lang, sorted(self.unfinished))
        return_freed_memory()

    def _not_started(self, lang: str) -> TranslateReport:
        model = next(plan.model for plan in self.plans if plan.target_lang == lang)
        total = len(self.store.segments(self.article_id))
        return TranslateReport(self.article_id, lang, model, total, 0, 0, cancelled=True)


def _distinct(targets: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(targets))


def return_freed_memory() -> None:
    """Give decoding's freed work buffers back to the system (glibc keeps them otherwise).

    Each translator decodes on its own thread, so glibc gives each its own malloc arena;
    without this every language that has run keeps ~150 MB (base-sized model, batch 32,
    beam 4) of freed buffers resident, measured in bench/mt.py. Takes milliseconds.
    """
    import ctypes

    try:
        trim = getattr(ctypes.CDLL(None), "malloc_trim", None)  # the C library already loaded
    except OSError:
        trim = None
    if trim is not None:  # None: not glibc, nothing to do
        trim(0)
