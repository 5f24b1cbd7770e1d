"""Machine-translate an article's segments, through the cache in the database."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

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
    translated: int
    cancelled: bool


def mt_key(model: ModelInfo) -> MTKey:
    return MTKey(model.source_lang, model.target_lang, model.engine, model.model_id, model.model_version)


def stored_mt(store: Store, engine: TranslationEngine, article_id: int, target_lang: str) -> tuple[ModelInfo | None, dict[str, str]]:
    """The MT already stored for an article, by segment id, for the installed model."""
    article = store.get_article(article_id)
    model = engine.model_for(article.source_lang, target_lang)
    if model is None:
        return None, {}
    segments = store.segments(article_id)
    cached = store.cached_mt(mt_key(model), (s.text for s in segments))
    return model, {s.segment_id: cached[s.text] for s in segments if s.text in cached}


def translate_article(
    store: Store,
    engine: TranslationEngine,
    article_id: int,
    target_lang: str,
    on_progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> TranslateReport:
    """Fill in MT for every segment, storing each result as it arrives.

    Segments already in the cache are reported at once and not translated again;
    the rest (each distinct text once) go to the engine in one batched call.
    """
    article = store.get_article(article_id)
    model = engine.model_for(article.source_lang, target_lang)
    if model is None:
        raise NoModelError(article.source_lang, target_lang)
    run = _ArticleRun(store, model, store.segments(article_id), on_progress)
    pending = run.report_cached()
    translated = 0
    if pending:
        outputs = engine.translate(pending, article.source_lang, target_lang, run.store_result, cancelled)
        translated = sum(1 for output in outputs if output is not None)
    return TranslateReport(
        article_id=article_id,
        target_lang=target_lang,
        model=model,
        total=len(run.segments),
        from_cache=run.from_cache,
        translated=translated,
        cancelled=bool(cancelled and cancelled()),
    )


class _ArticleRun:
    """Progress bookkeeping for one article: cached results first, then new ones."""

    def __init__(self, store: Store, model: ModelInfo, segments, on_progress: ProgressCallback | None):
        self.store, self.key, self.segments, self.on_progress = store, mt_key(model), segments, on_progress
        self.ids_by_text: dict[str, list[str]] = {}
        for segment in segments:
            self.ids_by_text.setdefault(segment.text, []).append(segment.segment_id)
        self.done = 0
        self.from_cache = 0
        self.pending: list[str] = []

    def report_cached(self) -> list[str]:
        """Report cached segments; return the distinct texts still to translate."""
        cached = self.store.cached_mt(self.key, self.ids_by_text)
        for segment in self.segments:
            if segment.text in cached:
                self.from_cache += 1
                self._advance(segment.segment_id, cached[segment.text])
        self.pending = [text for text in self.ids_by_text if text not in cached]
        return self.pending

    def store_result(self, index: int, output: str) -> None:
        source = self.pending[index]
        self.store.save_mt(self.key, {source: output})
        for segment_id in self.ids_by_text[source]:
            self._advance(segment_id, output)

    def _advance(self, segment_id: str, output: str) -> None:
        self.done += 1
        if self.on_progress:
            self.on_progress(self.done, len(self.segments), segment_id, output)
