"""Burmese honorifics (ဦး U, ဒေါ် Daw, …): where one stands as the title before a name.

An honorific's letters also begin ordinary words, and ဦး is also the counter for persons and
the last syllable of many names (တင်ဦး, Tin Oo). One rule, used by the glossary look-up, the
QA checks and the restoring of MT output: an occurrence is the title only when

1. it begins a syllable;
2. it does not begin a word of `NOT_TITLES` (ဒေါ်လာ dollar, ဦးရေ number of people, …),
   matched as whole syllables;
3. a name follows: the next syllable, directly or after spaces, begins with a letter and is
   not a particle (`PARTICLES`: တင်ဦးက is Tin Oo + the subject marker). A space before
   the name is fine where the title begins a word (ဦး နေဖုန်းလတ်); glued to the syllable
   before it and followed by a space, the letters end a word (တင်ဦး ပြောသည်);
4. for a counter (`COUNTERS`: ဦး) no number comes right before it: digits, optionally in
   brackets, then an optional space ("(၃၄) ဦး", "၃၄ဦး"), or a numeral word (တစ်ဦး, သုံးဦး);
5. it is not inside the name a previous title began (the name runs to the next space,
   digit or punctuation): in ဦးတင်ဦးက only the first ဦး counts.

Texts are compared as `workbench.glossary.normalize` leaves them (NFC, one mark order).
Limits, kept on purpose: two names written with no space between (ဦးတင်ဦးနှင့်ဦးလှ) give
the first title only; a name spelled like a word of `NOT_TITLES` (a U Saung written
ဦးဆောင်) is not seen; ကို (Ko) and မ (Ma) are also a particle and a verb prefix, which no
rule over letters can tell apart from the title.
"""

from __future__ import annotations

import re

from workbench.myanmar.script import (
    is_in_word,
    is_myanmar_letter,
    is_syllable_break,
    syllable_starts,
)

# Words that begin with an honorific's syllables and are no title. Each is one word of the
# Burmese dictionary ICU's word breaker uses (tests/unit/test_honorifics.py checks that).
NOT_TITLES = frozenset({
    "ဒေါ်လာ",  # dollar
    "ဦးရေ",  # number of people (လူဦးရေ population)
    "ဦးတည်",  # to head towards, aim at
    "ဦးစီး",  # to lead, be in charge (ဦးစီးဌာန department)
    "ဦးဆောင်",  # to lead
    "ဦးနှောက်",  # brain
    "ဦးထုပ်",  # hat
    "ဦးစား",  # priority (ဦးစားပေး)
    "ဦးစွာ",  # first, firstly
    "ဦးဦးဖျားဖျား",  # first of all
    "ဦးဆုံး",  # first (ပထမဦးဆုံး the very first)
    "ဦးခေါင်း",  # head (of the body)
})
_NOT_TITLES_LONGEST_FIRST = tuple(sorted(NOT_TITLES, key=len, reverse=True))

# Particles and postpositions that never begin a name: after one, the honorific's letters ended a word.
PARTICLES = frozenset({
    "က", "သည်", "နှင့်", "နဲ့", "မှ", "တို့", "များ", "လည်း", "ရဲ့", "အား", "ထံ", "ဟု", "မှာ", "တွင်", "သို့",
})
# ကို is the object marker, and also begins names (ဦးကိုကို, Ko Ko): a particle only when a word ends with it.
WORD_END_PARTICLES = frozenset({"ကို"})

COUNTERS = frozenset({"ဦး"})  # honorifics that are also the counter for persons
NUMERALS = ("တစ်", "နှစ်", "သုံး", "လေး", "ငါး", "ခြောက်", "ခုနစ်", "ရှစ်", "ကိုး", "ဆယ်", "ရာ", "ထောင်",
            "သောင်း", "သိန်း", "သန်း")
# Digits of any script, optionally in brackets, then optional spaces, up to the counter.
_NUMBER_BEFORE = re.compile(r"(?:\d+(?:[,.]\d+)*|[(（]\s*\d+(?:[,.]\d+)*\s*[)）])\s*\Z")
_GAP = " \t\u00a0\u200b"  # what may stand between a title and its name (ZWSP included)


def title_positions(text: str, honorific: str) -> list[int]:
    """Positions in `text` where `honorific` is the title before a name (rules 1-5 above)."""
    key = honorific.strip()
    if not key or key not in text:
        return []
    starts = frozenset(syllable_starts(text))
    found: list[int] = []
    name_end, pos = -1, 0
    while (i := text.find(key, pos)) >= 0:
        pos = i + 1
        if i < name_end or not is_syllable_break(text, i, starts):
            continue
        word = _word_at(text, i, starts)
        if word:
            pos = i + len(word)  # the honorific letters inside it (ဦးဦးဖျားဖျား) are the word's too
            continue
        name = _name_after(text, i, i + len(key), starts)
        if name is None or (key in COUNTERS and _number_before(text, i, starts)):
            continue
        found.append(i)
        name_end = _word_end(text, name)
    return found


def begins_name(text: str, i: int = 0) -> bool:
    """Whether a name can begin at position i: a letter starting a syllable, and no particle."""
    starts = frozenset(syllable_starts(text))
    return _can_begin_name(text, i, starts)


def _word_at(text: str, i: int, starts: frozenset[int]) -> str | None:
    for word in _NOT_TITLES_LONGEST_FIRST:
        if text.startswith(word, i) and is_syllable_break(text, i + len(word), starts):
            return word
    return None


def _name_after(text: str, i: int, j: int, starts: frozenset[int]) -> int | None:
    """Where the name after the honorific text[i:j] begins, or None when no name follows."""
    n = j
    while n < len(text) and (text[n] in _GAP or text[n].isspace()):
        n += 1
    if n > j and i > 0 and is_in_word(text[i - 1]):
        return None  # glued to the syllable before, a space after: the end of a word (တင်ဦး ပြောသည်)
    return n if _can_begin_name(text, n, starts) else None


def _can_begin_name(text: str, n: int, starts: frozenset[int]) -> bool:
    if n >= len(text) or n not in starts or not is_myanmar_letter(text[n]):
        return False
    end = next(k for k in range(n + 1, len(text) + 1) if is_syllable_break(text, k, starts))
    syllable = text[n:end]
    if syllable in PARTICLES:
        return False
    return not (syllable in WORD_END_PARTICLES and (end == len(text) or not is_in_word(text[end])))


def _number_before(text: str, i: int, starts: frozenset[int]) -> bool:
    """Whether a number comes right before position i: then ဦး counts persons."""
    if _NUMBER_BEFORE.search(text, max(0, i - 40), i):
        return True
    return any(text.endswith(numeral, 0, i) and is_syllable_break(text, i - len(numeral), starts)
               for numeral in NUMERALS)


def _word_end(text: str, i: int) -> int:
    """The end of the run of Myanmar letters and marks from i (a name has no inner space)."""
    while i < len(text) and is_in_word(text[i]):
        i += 1
    return i
