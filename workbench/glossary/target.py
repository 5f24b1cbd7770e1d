"""Find a rendering in target-language text (used by QA: "is the approved term there?").

- Space-delimited languages: whole words (never inside a longer word), case-insensitive,
  on normalised text (NFC, ’ → ', whitespace runs → " ", the marks of a Burmese syllable in
  one storage order, so ‘ဒေါ့်’ typed with ့ and ် either way matches).
- Burmese (`my`): no spaces between words, so a match must start at a syllable start
  and end where a new syllable (or a non-Burmese character, or the end) begins: the
  rendering ပြည်သူ ("people") is not found in ပြည်သူ့ ("people's"), whose last
  syllable goes on with the dot below.
- A Burmese honorific (ဦး, ဒေါ်: `honorific=True`) is found only where it is the title
  before a name, never in ဒေါ်လာ (dollar), ဦးရေ (headcount) or the counter "(၃၄) ဦး"
  (`workbench.myanmar.honorifics`; `honorific_positions` gives those places).
- Chinese, Japanese, Thai, Lao, Khmer: plain substring (no word boundaries to check).
"""

from __future__ import annotations

from workbench.glossary.normalize import is_word_char, lower_same_length, normalize, normalize_with_offsets
from workbench.lang.languages import language
from workbench.myanmar.honorifics import title_positions
from workbench.myanmar.script import has_myanmar, is_myanmar_char, is_syllable_break, syllable_starts


def _is_break(text: str, i: int, starts: set[int] | frozenset[int]) -> bool:
    """Whether a match may begin or end at position i."""
    if i <= 0 or i >= len(text) or is_myanmar_char(text[i - 1]) or is_myanmar_char(text[i]):
        return is_syllable_break(text, i, starts)  # "NUG" inside Burmese text: a change of script
    return not (is_word_char(text[i - 1]) and is_word_char(text[i]))


def find_in_target(text: str, rendering_text: str, lang: str, honorific: bool = False) -> list[tuple[int, int]]:
    """Non-overlapping spans (in the original `text`) where the rendering occurs.

    `honorific`: the rendering is a title before a name (`Hit.honorific`); in Burmese it is
    then found only where a name follows it.
    """
    needle = lower_same_length(normalize(rendering_text).strip(" "))
    if not needle or not text:
        return []
    norm, offsets = normalize_with_offsets(text)
    target = language(lang)
    if honorific and target.is_burmese and has_myanmar(needle):
        return [offsets.span(i, i + len(needle)) for i in title_positions(norm, needle)]
    haystack = lower_same_length(norm)
    starts = frozenset(syllable_starts(norm)) if target.is_burmese else frozenset()
    # Other languages written without spaces match anywhere; Burmese at syllable boundaries.
    anywhere = not target.spaced and not target.is_burmese

    def ok(i: int) -> bool:
        return anywhere or _is_break(norm, i, starts)

    spans, pos = [], 0
    while (i := haystack.find(needle, pos)) >= 0:
        j = i + len(needle)
        if ok(i) and ok(j):
            spans.append(offsets.span(i, j))
            pos = j
        else:
            pos = i + 1
    return spans


def honorific_positions(text: str, honorific: str = "ဦး") -> list[int]:
    """Positions (in the original text) where the Burmese `honorific` is the title before a name."""
    return [start for start, _end in find_in_target(text, honorific, "my", honorific=True)]
