"""One storage order for the marks of a Burmese syllable.

The same visible syllable can be typed with its marks in different orders: ‘ဒေါ့်’ with the
dot below ့ (U+1037) before or after the asat ် (U+103A), ‘ခံ့’ with the anusvara ံ before
or after the dot below, the medials ျ ြ ွ ှ in any order, ‘ကို’ with ု before ိ. Fonts draw
them alike, so a translator cannot see the difference, but string comparison can. Matching
and QA compare Burmese after `canonical_order`, which sorts each run of marks into the
order of Unicode Technical Note #11 ("Representing Myanmar in Unicode"):

    medials ျ < ြ < ွ < ှ, vowel ေ, upper vowels ိ ီ ဲ, lower vowels ု ူ, ါ ာ,
    anusvara ံ, dot below ့, asat ်, visarga း

(dot below before asat is also what NFC does: their combining classes are 7 and 9).
An asat right after the consonant and followed by a vowel sign is a contraction
(ကျွန်ုပ်) and stays where it is. Characters only move inside a run of marks, so the
result has the same length and every other character keeps its position: offsets
into the original text stay valid at syllable granularity.
"""

from __future__ import annotations

import re

ASAT = "\u103a"
# Rank of each reorderable mark in the UTN #11 storage order.
_MARK_RANK = {
    "\u103b": 10, "\u103c": 11, "\u103d": 12, "\u103e": 13,  # medials ျ ြ ွ ှ
    "\u1031": 20,  # vowel sign e ေ (stored after the medials, drawn before the consonant)
    "\u102d": 30, "\u102e": 30, "\u1032": 30,  # upper vowels ိ ီ ဲ
    "\u102f": 40, "\u1030": 40,  # lower vowels ု ူ
    "\u102b": 50, "\u102c": 50,  # tall and short aa ါ ာ
    "\u1036": 60,  # anusvara ံ
    "\u1037": 70,  # dot below ့
    ASAT: 80,  # asat ်
    "\u1038": 90,  # visarga း
}
_VOWEL_SIGNS = frozenset("\u102b\u102c\u102d\u102e\u102f\u1030\u1031\u1032")
_MARK_RUN = re.compile("[" + "".join(_MARK_RANK) + "]{2,}")
# Two adjacent marks out of order: almost all text has none, and this finds that at C speed.
_OUT_OF_ORDER = re.compile("|".join(
    f"{mark}[{''.join(m for m, r in _MARK_RANK.items() if r < rank)}]"
    for mark, rank in _MARK_RANK.items() if any(r < rank for r in _MARK_RANK.values())
))


def _sorted_run(run: str) -> str:
    if run[0] == ASAT and run[1] in _VOWEL_SIGNS:  # a contraction: the asat belongs to the consonant
        return ASAT + _sorted_run(run[1:]) if len(run) > 2 else run
    return "".join(sorted(run, key=_MARK_RANK.__getitem__))  # stable: equal ranks keep their order


def canonical_order(text: str) -> str:
    """`text` with the marks of each Burmese syllable in one storage order (same length)."""
    if text.isascii() or not _OUT_OF_ORDER.search(text):
        return text
    return _MARK_RUN.sub(lambda match: _sorted_run(match.group()), text)


def same_burmese(a: str, b: str) -> bool:
    """Whether two texts are the same once alternative mark orders are made one."""
    return canonical_order(a) == canonical_order(b)
