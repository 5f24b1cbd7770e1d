"""What the store holds, read through the core the way the app reads it (no screen involved)."""

from __future__ import annotations

from workbench.app.translating import stored_mt_results


def stored_mt(store, engine, article_id: int, lang: str, index=None, digits: str = "native"):
    """(model, {segment id: MT text}) for an article, as the translator sees it."""
    model, results = stored_mt_results(store, engine, article_id, lang, index, digits)
    return model, {segment_id: result.text for segment_id, result in results.items()}
