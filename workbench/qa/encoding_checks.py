"""Zawgyi check: a translation that looks like Zawgyi is wrong data, however right it looks.

The workbench converts Zawgyi when text is typed, pasted or imported, so this finds what
came in before that (or was kept on purpose) and short text the detector could not decide.

Given a whole text, the detector can call a Unicode sentence followed by a Zawgyi one
Unicode. So each sentence (split at ။ and line breaks) is judged on its own too, and inside
a sentence each stretch the editor's F8 would convert (`workbench.myanmar.typing.zawgyi_chunks`).
A part judged on its own needs `MIN_PART_LETTERS` Myanmar characters. That number was
measured on the test sentences: the longest Unicode stretch the detector called Zawgyi had
10 (မေတ္တာထား၍; ရွာကို and ကြက်ဥ၊ have 6), while every Zawgyi stretch of 5 or more was called Zawgyi.
"""

from __future__ import annotations

import re

from workbench.myanmar.encoding import Encoding, classify
from workbench.myanmar.lines import excerpt
from workbench.myanmar.typing import zawgyi_chunks
from workbench.qa.base import ERROR, WARNING, Check, Issue, QAUnit, is_empty

MIN_PART_LETTERS = 15
_SENTENCE = re.compile(r"[^။\n]+။?")


def zawgyi_parts(text: str) -> list[tuple[str, Encoding]]:
    """The parts of `text` that look like Zawgyi, with the verdict on each: the whole text when
    it does, else the first Zawgyi stretch of each sentence."""
    whole = classify(text)
    if whole.is_zawgyi:
        return [(text, whole)]
    if not whole.myanmar_letters:
        return []
    found = [_zawgyi_part(match.group()) for match in _SENTENCE.finditer(text)]
    return [part for part in found if part is not None]


def _zawgyi_part(sentence: str) -> tuple[str, Encoding] | None:
    """The sentence, or else its first stretch between Unicode chunks, when Zawgyi and long enough."""
    stretches = [(0, len(sentence))] + [(start, end) for start, end, _ in zawgyi_chunks(sentence)]
    for start, end in stretches:
        verdict = classify(sentence[start:end])
        if verdict.is_zawgyi and verdict.myanmar_letters >= MIN_PART_LETTERS:
            return sentence[start:end], verdict
    return None


class ZawgyiCheck(Check):
    id = "zawgyi"
    name = "Zawgyi encoding"
    description = ("The translation, or a sentence of it, looks like Zawgyi-encoded Burmese (error), or may be "
                   "Zawgyi but is too short for the detector to be sure (warning). Zawgyi looks right only in a "
                   "Zawgyi font.")
    severity = ERROR

    def check(self, unit: QAUnit) -> list[Issue]:
        if is_empty(unit):
            return []
        parts = zawgyi_parts(unit.target)
        if parts:
            text, encoding = parts[0]
            which = "translation" if text == unit.target else "part of the translation"
            more = f" and {len(parts) - 1} more sentence(s)" if len(parts) > 1 else ""
            return [self.issue(unit, f"{which} looks like Zawgyi ('{excerpt(text)}', Zawgyi probability "
                                     f"{encoding.probability:.2f}){more}; convert it to Unicode")]
        if classify(unit.target).is_unsure:
            return [self.issue(unit, f"translation may be Zawgyi ('{excerpt(unit.target)}'), too short to be sure; "
                                     "check it in a Unicode font", WARNING)]
        return []
