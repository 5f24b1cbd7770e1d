"""Zawgyi typed or pasted in the editor, judged chunk by chunk and never from remembered state.

A Zawgyi keyboard sends one code point per key, and a Zawgyi word converts right only when it is
complete (ေ comes before its consonant; the medials' code points mean other medials in Unicode).
Converting after each key leaves a Unicode+Zawgyi mix, and converting a mix breaks its Unicode
part. So:

- a change of several letters at once that is confidently Zawgyi by itself (a paste) is
  converted alone, at once;
- anything typed is saved as typed; the text is flagged when a stretch of it between chunks
  (runs between spaces and the ၊ ။ marks) that read as Unicode is confidently Zawgyi;
- F8 converts exactly those stretches, and only when the converted stretch reads as Unicode, so
  chunks that read as Unicode — the translator's earlier work — are never run through the
  converter. (Measured on the test sentences: a Unicode sentence followed by a Zawgyi one comes
  out exact in 132 of 144 pairs; in the other 12 a short Unicode word next to the Zawgyi, which
  the detector cannot place, is converted with it.)

Nothing is remembered between edits, so reopening the article or reloading the view changes
nothing about what F8 does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.myanmar.encoding import UNICODE_BELOW, Conversion, Encoding, classify, to_unicode, zawgyi_probability

# Chunks: runs of text between white space and the Burmese/ASCII phrase marks (same code
# points in Zawgyi and Unicode, so the split does not depend on the encoding).
_CHUNK = re.compile(r"[^\s၊။,.;:!?\"“”()]+")


@dataclass(frozen=True)
class TypedEdit:
    """An edit after the Zawgyi check: the text to save, the conversion of a paste if any, and
    the verdict when a chunk of the text is confidently Zawgyi (saved as typed, for F8)."""

    text: str
    converted: Conversion | None
    unsure: Encoding | None


def changed_part(before: str, after: str) -> tuple[int, int, int]:
    """(start, end in `before`, end in `after`) of the part that is not a common prefix or suffix."""
    start = 0
    limit = min(len(before), len(after))
    while start < limit and before[start] == after[start]:
        start += 1
    suffix = 0
    while suffix < limit - start and before[-1 - suffix] == after[-1 - suffix]:
        suffix += 1
    return start, len(before) - suffix, len(after) - suffix


def typed_edit(before: str, after: str, converter: str | None = None) -> TypedEdit:
    """`after` checked for Zawgyi: a Zawgyi paste converted alone, typing kept and judged."""
    start, _old_end, new_end = changed_part(before, after)
    change = after[start:new_end]
    if len(change) > 1 and classify(change, converter).is_zawgyi:
        conversion = to_unicode(change, converter)
        if classify(conversion.text, converter).probability < UNICODE_BELOW:
            text = after[:start] + conversion.text + after[new_end:]
            return TypedEdit(text, conversion, zawgyi_verdict(text, converter))
    verdict = zawgyi_verdict(after, converter)
    if verdict is None and len(change) > 1:  # pasted text too short to judge: ask, never convert
        whole = classify(after, converter)
        verdict = whole if whole.is_unsure else None
    return TypedEdit(after, None, verdict)


def _chunk_spans(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, reads as Unicode) of each chunk."""
    return [(m.start(), m.end(), zawgyi_probability(m.group()) < UNICODE_BELOW) for m in _CHUNK.finditer(text)]


def _runs(text: str) -> list[tuple[int, int]]:
    """The stretches between chunks that read as Unicode: where Zawgyi can be."""
    runs: list[tuple[int, int]] = []
    current = None
    for start, end, unicode in _chunk_spans(text):
        if unicode:
            if current:
                runs.append(current)
            current = None
        else:
            current = (current[0], end) if current else (start, end)
    return runs + ([current] if current else [])


def zawgyi_chunks(text: str, converter: str | None = None,
                  accept_unsure: bool = False) -> list[tuple[int, int, Conversion]]:
    """(start, end, conversion) of each stretch that is confidently Zawgyi (or, when asked, unsure)
    and whose conversion reads as Unicode. The whole text is one stretch when no chunk of it reads
    as Unicode: short Zawgyi words are judged better together."""
    spans = [(0, len(text))] if not any(unicode for _s, _e, unicode in _chunk_spans(text)) else _runs(text)
    found = []
    for start, end in spans:
        verdict = classify(text[start:end], converter)
        if not (verdict.is_zawgyi or (accept_unsure and verdict.is_unsure)):
            continue
        conversion = to_unicode(text[start:end], converter)
        if conversion.changed and zawgyi_probability(conversion.text) < UNICODE_BELOW:
            found.append((start, end, conversion))
    return found


def zawgyi_verdict(text: str, converter: str | None = None) -> Encoding | None:
    """The detector's verdict on the first Zawgyi chunk of `text`, or None when there is none."""
    chunks = zawgyi_chunks(text, converter)
    if not chunks:
        return None
    start, end, _conversion = chunks[0]
    return classify(text[start:end], converter)


def convert_chunks(text: str, converter: str | None = None) -> Conversion:
    """`text` with its Zawgyi chunks converted and everything else left exactly as it was.

    With no chunk confidently Zawgyi, the translator's F8 is the judgement: chunks the detector
    could not place (too short) are converted then, still never those that read as Unicode.
    """
    chunks = zawgyi_chunks(text, converter) or zawgyi_chunks(text, converter, accept_unsure=True)
    converted, name = text, None
    for start, end, conversion in reversed(chunks):  # from the end: offsets stay right
        converted, name = converted[:start] + conversion.text + converted[end:], conversion.converter
    return Conversion(converted, name or to_unicode("", converter).converter, converted != text)
