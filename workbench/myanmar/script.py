"""The Myanmar script: which characters belong to it, and where its syllables begin.

The one definition the workbench uses (matching, Zawgyi detection, enforcement, excerpts):
the Myanmar block U+1000–U+109F and its two extensions, Extended-A U+AA60–U+AA7F (Khamti
Shan, Aiton, Phake) and Extended-B U+A9E0–U+A9FF (Shan and Tai Laing additions).
"""

from __future__ import annotations

import re
import unicodedata

MYANMAR_RANGES = ((0x1000, 0x109F), (0xAA60, 0xAA7F), (0xA9E0, 0xA9FF))
# The ranges as the inside of a regex character class: f"[{MYANMAR_CLASS}]".
MYANMAR_CLASS = "".join(f"{chr(first)}-{chr(last)}" for first, last in MYANMAR_RANGES)
_MYANMAR = re.compile(f"[{MYANMAR_CLASS}]")
# The same without the digits (U+1040–U+1049, Shan U+1090–U+1099): letters, marks and ၊ ။.
MYANMAR_NON_DIGIT_CLASS = "".join(f"{chr(first)}-{chr(last)}" for first, last in (
    (0x1000, 0x103F), (0x104A, 0x108F), (0x109A, 0x109F), (0xAA60, 0xAA7F), (0xA9E0, 0xA9FF)))

# A syllable starts at a consonant, independent vowel, great sa, digit or sign/symbol
# (U+1000–U+102A, U+103F, U+1040–U+104F) unless the letter is killed by asat (U+103A,
# possibly after the dot below U+1037, which NFC puts first) or is stacked: followed by
# virama U+1039 (the upper half) or preceded by it (the lower half). This is the
# rule of the "sylbreak" segmenter.
_SYLLABLE_START = re.compile(r"(?<!\u1039)[\u1000-\u102A\u103F\u1040-\u104F](?!\u1037?[\u103A\u1039])")


def is_myanmar_char(char: str) -> bool:
    """Whether `char` (one character; "" is not) is Myanmar script: letter, sign, digit or ၊ ။."""
    return len(char) == 1 and any(first <= ord(char) <= last for first, last in MYANMAR_RANGES)


def has_myanmar(text: str) -> bool:
    return not text.isascii() and _MYANMAR.search(text) is not None


def count_myanmar(text: str) -> int:
    """How many characters of `text` are Myanmar script."""
    return 0 if text.isascii() else len(_MYANMAR.findall(text))


def myanmar_span(text: str) -> tuple[int, int] | None:
    """(start, end) from the first to the last Myanmar character, or None when there is none."""
    found = [i for i, char in enumerate(text) if is_myanmar_char(char)] if not text.isascii() else []
    return (found[0], found[-1] + 1) if found else None


def is_myanmar_letter(char: str) -> bool:
    """A consonant or independent vowel (what a word or name can begin with), any Myanmar block."""
    return is_myanmar_char(char) and unicodedata.category(char) == "Lo"


def is_in_word(char: str) -> bool:
    """A Myanmar letter or mark: what a written word is made of (digits and ၊ ။ ၏ end it)."""
    return is_myanmar_char(char) and unicodedata.category(char)[0] in "LM"


def syllable_starts(text: str) -> list[int]:
    """Positions in `text` where a Burmese syllable begins."""
    return [m.start() for m in _SYLLABLE_START.finditer(text)]


def is_syllable_break(text: str, i: int, starts: set[int] | frozenset[int]) -> bool:
    """Whether a Burmese word may begin or end at position i: a syllable start, the text's
    ends, or a change between Myanmar and another script or space (`starts` from `syllable_starts`)."""
    if i <= 0 or i >= len(text):
        return True
    return i in starts or not (is_myanmar_char(text[i - 1]) and is_myanmar_char(text[i]))
