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

    Segments already in the cache are not translated again; the rest go to the
    engine in one batched call.
    """
    article = store.get_article(article_id)
    model = engine.model_for(article.source_lang, target_lang)
    if model is None:
        raise NoModelError(article.source_lang, target_lang)
    key = mt_key(model)
    segments = store.segments(article_id)
    cached = store.cached_mt(key, (s.text for s in segments))
    done = 0
    for segment in segments:
        if segment.text in cached:
            done += 1
            if on_progress:
                on_progress(done, len(segments), segment.segment_id, cached[segment.text])
    pending_texts = list(dict.fromkeys(s.text for s in segments if s.text not in cached))
    ids_by_text: dict[str, list[str]] = {}
    for segment in segments:
        ids_by_text.setdefault(segment.text, []).append(segment.segment_id)
    counter = {"done": done}

    def store_result(index: int, output: str) -> None:
        source = pending_texts[index]
        store.save_mt(key, {source: output})
        for segment_id in ids_by_text[source]:
            counter["done"] += 1
            if on_progress:
                on_progress(counter["done"], len(segments), segment_id, output)

    translated = 0
    if pending_texts:
        outputs = engine.translate(pending_texts, article.source_lang, target_lang, store_result, cancelled)
        translated = sum(1 for output in outputs if output is not None)
    return TranslateReport(
        article_id=article_id,
        target_lang=target_lang,
        model=model,
        total=len(segments),
        from_cache=len(segments) - sum(len(ids_by_text[t]) for t in pending_texts),
        translated=translated,
        cancelled=bool(cancelled and cancelled()),
    )
