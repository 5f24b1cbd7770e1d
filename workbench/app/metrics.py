"""Term accuracy: how often the approved renderings of glossary terms reach the target text.

The measure is the exact-match term accuracy of the WMT terminology shared task: the
share of source term occurrences whose required target term appears in the output.
Here a source term occurrence is a glossary hit with an approved rendering for the
target language (for a do-not-translate term, the English itself); it is matched
when ANY approved rendering is found in the target (`find_in_target`: whole words,
Burmese syllable boundaries).  Occurrences are counted, not just terms: when a
segment has a term twice, the target must have it twice (the spans of all approved
renderings of the term, merged, give how many occurrences are matched).  Hits with
no approved rendering are not measured.

`project_metrics` compares three targets over the same segments: the engine's output
without enforcement, MT with enforcement (approved terms protected and restored) and
the translator's text.  It ONLY READS what is stored; nothing is translated.
Plain Python, no UI imports.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from workbench.glossary.hits import Hit
from workbench.glossary.target import find_in_target

TARGETS = ("mt_raw", "mt_enforced", "translation")


@dataclass(frozen=True)
class TermAccuracy:
    hits: int  # measured source term occurrences
    matched: int  # of those, found in the target
    accuracy: float | None  # matched / hits; None when nothing was measured


def required_renderings(hit: Hit) -> tuple[str, ...]:
    """What counts as the term in the target: approved renderings, or the English for DNT."""
    if hit.approved:
        return hit.approved
    return (hit.source_text,) if hit.do_not_translate else ()


def _found_count(target: str, renderings: Sequence[str], lang: str, honorific: bool = False) -> int:
    """Non-overlapping occurrences of any of `renderings` in the target (titles only before a name)."""
    spans = sorted(span for text in renderings for span in find_in_target(target, text, lang, honorific))
    count, end = 0, -1
    for start, stop in spans:
        if start >= end:  # overlapping matches (one rendering inside another) count once
            count += 1
            end = stop
        else:
            end = max(end, stop)
    return count


def segment_counts(hits: Iterable[Hit], target: str, lang: str) -> tuple[int, int]:
    """(measured occurrences, matched occurrences) for one segment."""
    wanted: dict[tuple[tuple[str, ...], bool], int] = {}
    for hit in hits:
        renderings = required_renderings(hit)
        if renderings:
            key = (renderings, hit.honorific)
            wanted[key] = wanted.get(key, 0) + 1
    matched = sum(min(n, _found_count(target, renderings, lang, honorific))
                  for (renderings, honorific), n in wanted.items())
    return sum(wanted.values()), matched


def term_accuracy(pairs: Iterable[tuple[Sequence[Hit], str]], lang: str) -> TermAccuracy:
    """Exact-match term accuracy over (hits of a source segment, target text) pairs."""
    total = matched = 0
    for hits, target in pairs:
        measured, found = segment_counts(hits, target or "", lang)
        total += measured
        matched += found
    return TermAccuracy(total, matched, matched / total if total else None)


@dataclass
class _Collected:
    """Per target kind, the (hits, text) pairs of the segments that have that text."""

    segments: int = 0
    occurrences: int = 0
    with_terms: int = 0
    no_model: int = 0
    pairs: dict[str, list] = field(default_factory=lambda: {name: [] for name in TARGETS})


def _article_texts(workspace, article_id: int, lang: str, index) -> tuple[list, dict[str, dict], bool]:
    """The article's segments, per target kind the stored text by segment id, and whether no model."""
    from workbench.app.translating import stored_mt_results

    store, engine = workspace.store, workspace.engine
    model, raw = stored_mt_results(store, engine, article_id, lang, None)
    _, enforced = stored_mt_results(store, engine, article_id, lang, index)
    translations = store.translations(article_id, lang)
    texts = {
        "mt_raw": {sid: result.raw for sid, result in raw.items()},
        "mt_enforced": {sid: result.text for sid, result in enforced.items()},
        "translation": {sid: row.text for sid, row in translations.items() if row.text.strip()},
    }
    return store.segments(article_id), texts, model is None


def _collect(workspace, lang: str, article_ids: list[int]) -> _Collected:
    index = workspace.glossary_index()
    collected = _Collected()
    for article_id in article_ids:
        segments, texts, no_model = _article_texts(workspace, article_id, lang, index)
        collected.no_model += len(segments) if no_model else 0
        for segment in segments:
            hits = index.hits(segment.text, lang)
            measured = sum(1 for hit in hits if required_renderings(hit))
            collected.segments += 1
            collected.occurrences += measured
            collected.with_terms += 1 if measured else 0
            for name in TARGETS:
                if segment.segment_id in texts[name]:
                    collected.pairs[name].append((hits, texts[name][segment.segment_id]))
    return collected


def project_metrics(workspace, lang: str, article_ids: Iterable[int] | None = None) -> dict:
    """Term accuracy of raw MT, enforced MT and the translators' text, over the chosen articles.

    Reads only what is stored: raw MT is the cache entry for the plain source text (what
    ``translate_article(..., index=None)`` stores), enforced MT is the cache entry for the
    protected text with the approved renderings restored (``index=workspace.glossary_index()``),
    the translation is the saved text.  Segments without a text of a kind are skipped for
    that kind and counted in ``segments``.  Accuracy is None when nothing is measured.
    """
    wanted = [article.id for article in workspace.articles(article_ids)]
    collected = _collect(workspace, lang, wanted)
    results = {name: term_accuracy(collected.pairs[name], lang) for name in TARGETS}
    segments = {"total": collected.segments, "with_terms": collected.with_terms,
                "no_model": collected.no_model}
    for name in TARGETS:
        segments[name] = len(collected.pairs[name])
        segments[f"without_{name}"] = collected.segments - len(collected.pairs[name])
    return {
        "term_accuracy": {lang: {name: results[name].accuracy for name in TARGETS}},
        "measured": {lang: {name: {"hits": results[name].hits, "matched": results[name].matched}
                            for name in TARGETS}},
        "occurrences": collected.occurrences,
        "segments": segments,
    }
