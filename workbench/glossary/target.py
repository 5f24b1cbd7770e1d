"""Find a rendering in target-language text (used by QA: "is the approved term there?").

- Space-delimited languages: whole words (never inside a longer word), case-insensitive,
  on normalised text (NFC, ’ → ', whitespace runs → " ", the marks of a Burmese syllable in
  one storage order, so ‘ဒေါ့်’ typed with ့ and ် either way matches).
- Burmese (`my`): no spaces between words, so a match must start at a syllable start
  and end where a new syllable (or a non-Burmese character, or the end) begins: the
  rendering ပြည်သူ ("people") is not found in ပြည်သူ့ ("people's"), whose last
  syllable goes on with the dot below.
- Chinese, Japanese, Thai, Lao, Khmer: plain substring (no word boundaries to check).

`honorific_positions` tells the honorific ဦး (U) from the counter for persons and from
a name syllable.
"""

from __future__ import annotations

import re

from workbench.glossary.normalize import is_word_char, lower_same_length, normalize, normalize_with_offsets

BURMESE = frozenset({"my", "mya", "bur"})
UNSPACED = frozenset({"zh", "ja", "th", "lo", "km"})

# A syllable starts at a consonant, independent vowel, great sa, digit or sign/symbol
# (U+1000–U+102A, U+103F, U+1040–U+104F) unless the letter is killed by asat (U+103A,
# possibly after the dot below U+1037, which NFC puts first) or is stacked: followed by
# virama U+1039 (the upper half) or preceded by it (the lower half). This is the
# rule of the "sylbreak" segmenter.
_SYLLABLE_START = re.compile(r"(?<!\u1039)[\u1000-\u102A\u103F\u1040-\u104F](?!\u1037?[\u103A\u1039])")
_NAME_LETTER = re.compile(r"[\u1000-\u102A\u103F]")
# What makes a following ဦး the counter: a number or a closing bracket, then an optional space.
_COUNT_BEFORE = re.compile(r"[0-9\u1040-\u1049)\]）] ?\Z")


def _is_myanmar(char: str) -> bool:
    return "\u1000" <= char <= "\u109f" or "\ua9e0" <= char <= "\ua9ff" or "\uaa60" <= char <= "\uaa7f"


def burmese_syllable_starts(text: str) -> list[int]:
    """Positions in `text` where a Burmese syllable begins."""
    return [m.start() for m in _SYLLABLE_START.finditer(text)]


def _is_break(text: str, i: int, starts: set[int] | frozenset[int]) -> bool:
    """Whether a match may begin or end at position i."""
    if i <= 0 or i >= len(text):
        return True
    before, after = text[i - 1], text[i]
    burmese_before, burmese_after = _is_myanmar(before), _is_myanmar(after)
    if burmese_before and burmese_after:
        return i in starts
    if burmese_before != burmese_after:
        return True  # a change of script, as in "NUG" written inside Burmese text
    return not (is_word_char(before) and is_word_char(after))


def _base_language(lang: str) -> str:
    return lang.strip().replace("_", "-").split("-")[0].lower()


def find_in_target(text: str, rendering_text: str, lang: str) -> list[tuple[int, int]]:
    """Non-overlapping spans (in the original `text`) where the rendering occurs."""
    needle = lower_same_length(normalize(rendering_text).strip(" "))
    if not needle or not text:
        return []
    norm, offsets = normalize_with_offsets(text)
    haystack = lower_same_length(norm)
    base = _base_language(lang)
    starts = frozenset(burmese_syllable_starts(norm)) if base in BURMESE else frozenset()

    def ok(i: int) -> bool:
        return base in UNSPACED or _is_break(norm, i, starts)

    spans, pos = [], 0
    while (i := haystack.find(needle, pos)) >= 0:
        j = i + len(needle)
        if ok(i) and ok(j):
            spans.append(offsets.span(i, j))
            pos = j
        else:
            pos = i + 1
    return spans


def _name_run_end(text: str, i: int) -> int:
    """End of the run of Burmese letters and signs from i (a name has no inner space)."""
    while i < len(text) and _is_myanmar(text[i]) and not "\u1040" <= text[i] <= "\u104f":
        i += 1
    return i


def honorific_positions(text: str, honorific: str = "ဦး") -> list[int]:
    """Positions (in the original text) where `honorific` is used as the title.

    Kept simple, in this order:
    1. it starts a syllable and is followed DIRECTLY by a name letter that starts a
       syllable (so "ဦး" before a space, punctuation or the end is not the title);
    2. it is not after a number or a closing bracket (plus an optional space): then it
       is the counter for persons, "(၃၄) ဦး", "(၁၄၀၀၀)ဦး", "၃၄ဦး";
    3. it is not inside the name a previous title began: the name runs to the next
       space or punctuation, so in ဦးတင်ဦးက only the first ဦး counts. Limitation: two
       names written with no space between ("ဦးတင်ဦးနှင့်ဦးလှ") give the first only.
    """
    key = normalize(honorific).strip(" ")
    if not key:
        return []
    norm, offsets = normalize_with_offsets(text)
    starts = frozenset(burmese_syllable_starts(norm))
    found, name_end, pos = [], -1, 0
    while (i := norm.find(key, pos)) >= 0:
        j, pos = i + len(key), i + 1
        if i < name_end or not _is_break(norm, i, starts):
            continue
        if not (j in starts and _NAME_LETTER.match(norm, j)):
            continue
        if _COUNT_BEFORE.search(norm, max(0, i - 2), i):
            continue
        found.append(offsets.start(i))
        name_end = _name_run_end(norm, j)
    return found
