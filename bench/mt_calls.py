"""What each way hands CTranslate2, recorded call by call and compared segment by segment.

The batch-invariant child (``mt_invariant.identity_child``) installs ``RecordingTranslator``
in place of ``ctranslate2.Translator`` before any way loads, so the workbench, argostranslate
and raw CTranslate2 all build recording translators without a line of their code changing.
Every ``translate_batch`` call is kept (``translate_iterable`` ends in it too), with the way
that made it.  ``compare_inputs`` then checks that every segment reached CTranslate2 as the
same token list with the same target prefix, and that every call asked for the same decoding
(beam size, length penalty, ..., and everything left at CTranslate2's defaults, such as
``max_decoding_length``).  Only the arguments in ``BATCHING`` and ``RETURNED`` may differ:
they group examples into batches or choose what comes back, never change a search.
"""

from __future__ import annotations

from dataclasses import dataclass, field

BATCHING = ("max_batch_size", "batch_type", "asynchronous")
RETURNED = ("return_scores",)


@dataclass
class Call:
    way: str
    compute_type: str
    examples: list[tuple[tuple[str, ...], tuple[str, ...] | None]]  # (tokens, target prefix)
    decoding: dict[str, object]  # every other argument given, None values left out
    batching: dict[str, object]  # the BATCHING and RETURNED arguments given


@dataclass
class Recorder:
    way: str | None = None  # calls are kept only while a way is named (not while loading)
    calls: list[Call] = field(default_factory=list)

    def record(self, translator, source, target_prefix, kwargs: dict) -> None:
        if self.way is None:
            return
        prefixes = list(target_prefix) if target_prefix is not None else [None] * len(source)
        examples = [(tuple(tokens), tuple(prefix) if prefix else None)
                    for tokens, prefix in zip(source, prefixes, strict=True)]
        free = BATCHING + RETURNED
        self.calls.append(Call(
            self.way, translator.compute_type, examples,
            {key: value for key, value in kwargs.items() if key not in free and value is not None},
            {key: value for key, value in kwargs.items() if key in free}))


def install(recorder: Recorder) -> None:
    """Every ``ctranslate2.Translator`` made from now on records its ``translate_batch`` calls."""
    import ctranslate2

    class RecordingTranslator(ctranslate2.Translator):
        def translate_batch(self, source, target_prefix=None, **kwargs):
            recorder.record(self, source, target_prefix, kwargs)
            return super().translate_batch(source, target_prefix, **kwargs)

    ctranslate2.Translator = RecordingTranslator


def _options(options: dict[str, object]) -> str:
    return ", ".join(f"{key}={value}" for key, value in sorted(options.items()))


def describe_batching(calls: list[Call]) -> str:
    """How one way grouped its examples: the calls, their sizes, the batching arguments."""
    sizes = sorted({len(call.examples) for call in calls})
    settings = sorted({_options(call.batching) or "one batch per call" for call in calls})
    size_text = "/".join(map(str, sizes)) + (" example" if sizes == [1] else " examples")
    return f"{len(calls)} call{'s' * (len(calls) != 1)} of {size_text}; {'; '.join(settings)}"


def compare_inputs(calls: list[Call], ways: list[str], segments: int) -> dict[str, object]:
    """Same tokens, prefixes, compute type and decoding options in every way? Lines to print."""
    by_way = {way: [call for call in calls if call.way == way] for way in ways}
    examples = {way: [ex for call in way_calls for ex in call.examples]
                for way, way_calls in by_way.items()}
    counts_ok = all(len(found) == segments for found in examples.values())
    differing = [i for i in range(segments) if counts_ok
                 and len({examples[way][i] for way in ways}) > 1]
    decodings = {_options(call.decoding) for call in calls}
    compute_types = {call.compute_type for call in calls}
    given = {key for call in calls for key in call.decoding}
    defaults = ("max_decoding_length and every other option not listed" if
                "max_decoding_length" not in given else "every option not listed")
    same = counts_ok and not differing and len(decodings) == 1 and len(compute_types) == 1
    lines = [f"same token lists and target prefixes for all {segments} segments in all "
             f"{len(ways)} ways: {counts_ok and not differing}"
             + ("" if counts_ok else " (a way did not send every segment exactly once)")
             + (f" (first differing segment: {differing[0]})" if differing else ""),
             f"same decoding in every call: {len(decodings) == 1 and len(compute_types) == 1} "
             f"({' | '.join(sorted(decodings))}; compute type {'/'.join(sorted(compute_types))}; "
             f"{defaults}: CTranslate2's defaults)"]
    prefixes = {prefix for found in examples.values() for _tokens, prefix in found}
    lines.append("target prefixes: " + ("none in any way" if prefixes == {None}
                                        else ", ".join(sorted(map(str, prefixes)))))
    batching = {way: describe_batching(way_calls) for way, way_calls in by_way.items()}
    return {"same": same, "lines": lines, "batching": batching}
