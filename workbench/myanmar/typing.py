"""Zawgyi typed key by key: track what was typed since the text was last known to be Unicode.

A Zawgyi keyboard sends one code point per key, and a Zawgyi word converts right only when it is
complete (ေ comes before its consonant; the medials' code points mean other medials in Unicode).
Converting after each key leaves a Unicode+Zawgyi mix, and converting the mix again breaks the
Unicode part (Unicode ျ read as Zawgyi becomes ြ). So typed text is never converted here on its
own: the spans of the text typed since it was last Unicode are kept ("pending"), flagged while
they may be Zawgyi, and converted — those spans alone — when the translator asks (F8). A change
that is confidently Zawgyi by itself and touches no pending span (a paste) is converted at once.

Spans are (start, end) offsets into the current text, sorted and never touching each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.myanmar.encoding import (
    MIN_SURE_LETTERS, UNICODE_BELOW, Conversion, Encoding, classify, to_unicode, zawgyi_probability,
)

Span = tuple[int, int]


@dataclass(frozen=True)
class TypedEdit:
    """An edit after the Zawgyi check: the text to save, the conversion of a paste if any, the
    verdict on the pending spans when they may be Zawgyi, and the pending spans of `text`."""

    text: str
    converted: Conversion | None
    unsure: Encoding | None
    pending: tuple[Span, ...]


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


def move_spans(spans, start: int, old_end: int, new_end: int, typed: bool) -> list[Span]:
    """`spans` after `[start, old_end)` was replaced by `[start, new_end)`.

    Typed text joins the pending spans it touches (a word typed key by key stays one span);
    text that is not pending (a converted paste) only cuts the spans it replaced.
    """
    delta = new_end - old_end
    kept: list[Span] = []
    joined = (start, new_end) if typed else None
    for a, b in spans:
        if b < start or (b == start and not typed):
            kept.append((a, b))
        elif a > old_end or (a == old_end and not typed):
            kept.append((a + delta, b + delta))
        elif typed:
            joined = (min(joined[0], a), max(joined[1], b + delta))
        else:  # cut by the converted text: keep what lies outside it
            kept += [(a, start)] if a < start else []
            kept += [(new_end, b + delta)] if b > old_end else []
    if joined is not None:
        kept.append(joined)
    return sorted(span for span in kept if span[0] < span[1])


def _touches(spans, start: int, end: int) -> bool:
    return any(a <= end and b >= start for a, b in spans)


def _without_finished_unicode_words(text: str, spans) -> list[Span]:
    """`spans` less the words typed in full (a space follows) that the detector, reading the word
    alone, is sure are Unicode, and less bare spaces: typing in Unicode stops being pending word by
    word. The word is read alone because Unicode around a Zawgyi word outweighs it (measured: 69
    of 77 Zawgyi words after 40 Unicode characters scored as Unicode; alone, none of 105 did)."""
    kept: list[Span] = []
    for a, b in spans:
        for word in re.finditer(r"\S+", text[a:b]):
            start, end = a + word.start(), a + word.end()
            finished = end < len(text) and text[end].isspace()
            if finished and zawgyi_probability(word.group()) < UNICODE_BELOW:
                continue
            if kept and kept[-1][1] >= a and text[kept[-1][1]:start].isspace():
                kept[-1] = (kept[-1][0], end)  # the same pending run, across a space
            else:
                kept.append((start, end))
        if kept and kept[-1][1] >= a and b > kept[-1][1] and text[kept[-1][1]:b].isspace():
            kept[-1] = (kept[-1][0], b)  # keep a trailing space typed after a pending word with it
    return kept


def pending_verdict(text: str, spans, converter: str | None = None) -> Encoding | None:
    """The detector's verdict on the pending spans, when it is not plain Unicode."""
    if not spans:
        return None
    verdict = classify(" ".join(text[a:b] for a, b in spans), converter)
    return verdict if verdict.is_zawgyi or verdict.is_unsure else None


def typed_edit(before: str, after: str, pending=(), converter: str | None = None) -> TypedEdit:
    """`after` checked for Zawgyi, given the spans of `before` still pending."""
    start, old_end, new_end = changed_part(before, after)
    cut = move_spans(pending, start, old_end, start, typed=False)  # what is left of them around the change
    change = after[start:new_end]
    verdict = classify(change, converter)
    if change and not _touches(cut, start, start) and verdict.is_zawgyi:
        conversion = to_unicode(change, converter)  # a paste: the pasted text alone
        text = after[:start] + conversion.text + after[new_end:]
        spans = move_spans(pending, start, old_end, start + len(conversion.text), typed=False)
        return TypedEdit(text, conversion, pending_verdict(text, spans, converter), tuple(spans))
    pasted_unicode = verdict.myanmar_letters >= MIN_SURE_LETTERS and verdict.probability < UNICODE_BELOW
    spans = move_spans(pending, start, old_end, new_end, typed=not pasted_unicode)
    spans = _without_finished_unicode_words(after, spans)
    return TypedEdit(after, None, pending_verdict(after, spans, converter), tuple(spans))


def convert_spans(text: str, spans, converter: str | None = None) -> Conversion:
    """`text` with each span converted from Zawgyi, and everything else left exactly as it was."""
    converted = text
    name = None
    for a, b in sorted(spans, reverse=True):  # from the end, so earlier offsets stay right
        part = to_unicode(text[a:b], converter)
        converted, name = converted[:a] + part.text + converted[b:], part.converter
    return Conversion(converted, name or to_unicode("", converter).converter, converted != text)
