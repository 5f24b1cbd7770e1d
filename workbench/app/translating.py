"""Machine-translate an article's segments, through the cache in the database.

With a glossary index, approved terms are protected before MT and restored after
(workbench/enforce.py). The cache holds the engine's raw output keyed by the
*protected* text: approving a rendering changes the protected text of exactly the
segments that contain the term, so only those are translated again, and the
current renderings are restored whenever MT is read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from workbench.app.progress import RunCounts
from workbench.app.workspace import find_article
from workbench.glossary.enforce import Protected
from workbench.glossary.hits import GlossaryIndex
from workbench.mt.engine import CancelCheck, ModelInfo, NoModelError, TranslationEngine
from workbench.storage.store import MTKey, Store

# Called as (segments done, segments in all, segment id, machine translation).
ProgressCallback = Callable[[int, int, str, str], None]


@dataclass(frozen=True)
class TranslateReport:
    article_id: int
    target_lang: str
    model: ModelInfo
    total: int
    from_cache: int
    translated: int  # distinct texts the engine translated in this run (one segment each)
    cancelled: bool
    repeats: int = 0  # further segments with the same text as one translated in this run

    def counts(self) -> RunCounts:
        """The run's parts, adding up to `total`: "45 segments: 27 translated now, 16 repeats …"."""
        return RunCounts(self.total, self.translated, self.repeats, self.from_cache, self.cancelled)

    @property
    def route(self) -> str:
        """"en→my", or "en→es→fr" when no direct package exists and MT went through Spanish."""
        return self.model.route


@dataclass(frozen=True)
class SegmentMT:
    text: str  # what the translator sees: approved renderings restored
    raw: str  # the engine's output
    flags: tuple[str, ...] = ()  # placeholders the engine dropped, duplicated or mangled


class _Preparer:
    """Turns a source segment into the engine's input, and the engine's output into MT."""

    def __init__(self, index: GlossaryIndex | None, lang: str, digits: str = "native"):
        self.index, self.lang, self.digits = index, lang, digits
        self._codes_only: dict[str, Protected] = {}  # without a glossary: asked for before MT and after

    def protection(self, source: str) -> Protected:
        if self.index is not None:
            return self.index.protected(source, self.lang)  # memoised by the index
        found = self._codes_only.get(source)
        if found is None:
            from workbench.glossary.code_hits import code_hits
            from workbench.glossary.enforce import protect

            # No glossary: the inline codes of another tool's file still travel as placeholders.
            found = self._codes_only[source] = protect(source, code_hits(source), self.lang)
        return found

    def engine_text(self, source: str) -> str:
        return self.protection(source).text

    def finish(self, source: str, raw: str) -> SegmentMT:
        from workbench.glossary.enforce import restore
        from workbench.lang.digits import localize_digits

        restored = restore(raw, self.protection(source), self.lang)
        # Digits last, at read time: the desk's digit style applies to cached MT at once.
        return SegmentMT(localize_digits(restored.text, self.lang, self.digits), raw, tuple(restored.flags))


def mt_key(model: ModelInfo) -> MTKey:
    return MTKey(model.source_lang, model.target_lang, model.engine, model.model_id, model.model_version)


def stored_mt_results(store: Store, engine: TranslationEngine, article_id: int, target_lang: str,
                      index=None, digits: str = "native") -> tuple[ModelInfo | None, dict[str, SegmentMT]]:
    """Stored MT with its enforcement flags; nothing is translated here."""
    article = find_article(store, article_id)
    model = engine.model_for(article.source_lang, target_lang)
    if model is None:
        return None, {}
    preparer = _Preparer(index, target_lang, digits)
    segments = store.segments(article_id)
    inputs = {s.segment_id: preparer.engine_text(s.text) for s in segments}
    cached = store.cached_mt(mt_key(model), inputs.values())
    return model, {
        s.segment_id: preparer.finish(s.text, cached[inputs[s.segment_id]])
        for s in segments if inputs[s.segment_id] in cached
    }


# MT goes to the engine a few segments at a time, so that results show (and are stored) as they
# come: small batches first for a quick first segment, then the engine's own batch size.
FIRST_BATCHES = (4, 8, 16)
BATCH = 32


def batch_bounds(count: int) -> list[tuple[int, int]]:
    """(start, end) of the batches for `count` texts: 4, 8, 16, then 32 at a time."""
    bounds, start = [], 0
    sizes = iter(FIRST_BATCHES)
    while start < count:
        end = min(count, start + next(sizes, BATCH))
        bounds.append((start, end))
        start = end
    return bounds


def translate_article(
    store: Store,
    engine: TranslationEngine,
    article_id: int,
    target_lang: str,
    on_progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
    index=None,
    digits: str = "native",
) -> TranslateReport:
    """Fill in MT for every segment, storing each result as it arrives.

    Segments already in the cache are reported at once and not translated again; the rest
    (each distinct text once) go to the engine in batches (`batch_bounds`), each result
    stored and reported as soon as the engine returns it. Cancelling stops between results.
    """
    article = find_article(store, article_id)
    model = engine.model_for(article.source_lang, target_lang)
    if model is None:
        raise NoModelError(article.source_lang, target_lang)
    run = _ArticleRun(store, model, store.segments(article_id), on_progress, _Preparer(index, target_lang, digits))
    pending = run.report_cached()
    for start, end in batch_bounds(len(pending)):
        if cancelled is not None and cancelled():
            break
        engine.translate(pending[start:end], article.source_lang, target_lang, partial(run.store_result_at, start),
                         cancelled)
    return TranslateReport(
        article_id=article_id,
        target_lang=target_lang,
        model=model,
        total=len(run.segments),
        from_cache=run.from_cache,
        translated=run.translated,
        cancelled=bool(cancelled and cancelled()),
        repeats=run.repeats,
    )


class _ArticleRun:
    """Progress bookkeeping for one article: cached results first, then new ones."""

    def __init__(self, store: Store, model: ModelInfo, segments, on_progress: ProgressCallback | None,
                 preparer: _Preparer):
        self.store, self.key, self.segments, self.on_progress = store, mt_key(model), segments, on_progress
        self.preparer = preparer
        # Keyed by what the engine sees (the protected text), so identical inputs are translated once.
        self.ids_by_text: dict[str, list[tuple[str, str]]] = {}
        for segment in segments:
            engine_text = preparer.engine_text(segment.text)
            self.ids_by_text.setdefault(engine_text, []).append((segment.segment_id, segment.text))
        self.done = 0
        self.from_cache = 0
        self.translated = 0
        self.repeats = 0
        self.pending: list[str] = []

    def report_cached(self) -> list[str]:
        """Report cached segments; return the distinct texts still to translate."""
        cached = self.store.cached_mt(self.key, self.ids_by_text)
        for engine_text, segments in self.ids_by_text.items():
            if engine_text in cached:
                for segment_id, source in segments:
                    self.from_cache += 1
                    self._advance(segment_id, self.preparer.finish(source, cached[engine_text]).text)
        self.pending = [text for text in self.ids_by_text if text not in cached]
        return self.pending

    def store_result_at(self, offset: int, index: int, output: str) -> None:
        """A result of a batch that starts at `offset` in the pending texts."""
        self.store_result(offset + index, output)

    def store_result(self, index: int, output: str) -> None:
        engine_text = self.pending[index]
        self.store.save_mt(self.key, {engine_text: output})
        segments = self.ids_by_text[engine_text]
        self.translated += 1
        self.repeats += len(segments) - 1
        for segment_id, source in segments:
            self._advance(segment_id, self.preparer.finish(source, output).text)

    def _advance(self, segment_id: str, output: str) -> None:
        self.done += 1
        if self.on_progress:
            self.on_progress(self.done, len(self.segments), segment_id, output)
