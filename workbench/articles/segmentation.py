"""Split English news paragraphs into sentences and give each sentence a stable id.

Sentences are the unit of translation, so the ids must survive re-importing an
edited article: an id depends only on the sentence's own text (plus an
occurrence number when the same sentence appears more than once), never on its
position, so editing one sentence leaves every other sentence's id unchanged.

The splitter is rule based (standard library only). A boundary is a run of
". ! ? …", optionally followed by closing quotes or brackets, then whitespace,
then an uppercase letter, a digit or an opening quote/bracket. A lone period is
not a boundary when the word before it is a known abbreviation:

* titles, ranks, months and Latin shorthands ("Dr.", "Gen.", "Sept.", "e.g.")
  never end a sentence here;
* "No.", "p.", "Vol." and similar do not end one when a number follows;
* dotted acronyms and initials ("U.S.", "p.m.", "J.") and company suffixes
  ("Co.", "Ltd.") are ambiguous: they end a sentence only when the next word is
  a typical sentence starter ("The", "But", "He", ...) or an opening quote.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

SEGMENT_ID_HEX_CHARS = 16

OPENING_MARKS = "“\"‘'(["
CLOSING_MARKS = "”\"’')]"

# Words before which a period never ends the sentence in news prose: a name, a
# date or an example always follows them.
NEVER_SENTENCE_FINAL = frozenset(
    {
        "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "capt", "maj",
        "sgt", "cpl", "pvt", "adm", "brig", "cmdr", "gov", "sen", "rep", "rev",
        "hon", "st", "mt", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
        "sep", "sept", "oct", "nov", "dec", "e.g", "i.e", "vs", "cf", "viz",
        "approx",
    }
)

# Abbreviations that introduce a number ("Division No. 33", "p. 5"); elsewhere
# "no." is the ordinary word and may end a sentence.
BEFORE_NUMBER = frozenset({"no", "nos", "vol", "p", "pp", "fig", "art", "para", "sec", "ch"})

# Abbreviations that end sentences as often as they continue them.
MAYBE_SENTENCE_FINAL = frozenset({"inc", "ltd", "co", "corp", "jr", "sr", "bros"})

# Words that typically open a sentence: after an ambiguous abbreviation such as
# "U.S." we split only when one of these follows ("...in the U.S. The ...").
SENTENCE_STARTERS = frozenset(
    {
        "The", "A", "An", "This", "That", "These", "Those", "He", "She", "It",
        "They", "We", "I", "You", "His", "Her", "Its", "Their", "Our", "In",
        "On", "At", "As", "If", "But", "And", "So", "Yet", "However",
        "Meanwhile", "There", "Then", "When", "After", "Since", "According",
    }
)

# "U.S", "p.m", "J": the token before the final period of an acronym or initial.
_DOTTED_ACRONYM_OR_INITIAL = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]")
_CANDIDATE_END = re.compile(r"[.!?…]+[" + re.escape(CLOSING_MARKS) + r"]*\s+")
_LETTERS = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True)
class Segment:
    """One sentence of an article, addressed by an id that survives edits elsewhere."""

    segment_id: str
    paragraph_index: int
    index_in_paragraph: int
    text: str


def split_sentences(paragraph: str) -> list[str]:
    """Split one paragraph into sentences; whitespace inside each is single spaces."""
    text = " ".join(paragraph.split())
    sentences: list[str] = []
    start = 0
    for match in _CANDIDATE_END.finditer(text):
        if _is_sentence_boundary(text, match):
            sentences.append(text[start : match.end()].strip())
            start = match.end()
    remainder = text[start:].strip()
    if remainder:
        sentences.append(remainder)
    return sentences


def _is_sentence_boundary(text: str, match: re.Match[str]) -> bool:
    next_char = text[match.end()]
    if not (next_char.isupper() or next_char.isdigit() or next_char in OPENING_MARKS):
        # A lowercase continuation (", she said", "etc. and") is the same sentence.
        return False
    ending = match.group().rstrip()
    if ending != ".":
        # "!", "?", an ellipsis or a closing quote after the period: the writer
        # clearly ended the sentence, abbreviations aside.
        return True
    return _period_ends_sentence(_word_before(text, match.start()), text, match.end())


def _word_before(text: str, period_index: int) -> str:
    """The word a period is attached to, without quotes, brackets or a hyphenated prefix."""
    word_start = text.rfind(" ", 0, period_index) + 1
    word = text[word_start:period_index].strip(OPENING_MARKS + CLOSING_MARKS)
    # "Lt-Gen." and "Snr-Gen." are judged by their last part.
    return re.split(r"[-–/]", word)[-1]


def _period_ends_sentence(word: str, text: str, next_index: int) -> bool:
    key = word.lower()
    if key in NEVER_SENTENCE_FINAL:
        return False
    if key in BEFORE_NUMBER and text[next_index].isdigit():
        return False
    if key in MAYBE_SENTENCE_FINAL or _DOTTED_ACRONYM_OR_INITIAL.fullmatch(word):
        return _starts_new_sentence(text, next_index)
    return True


def _starts_new_sentence(text: str, index: int) -> bool:
    """Whether the text at index looks like the start of a sentence after an ambiguous period."""
    if text[index] in OPENING_MARKS:
        return True
    word = _LETTERS.match(text, index)
    if word is None:
        return False
    if text.startswith(".", word.end()):
        # "J. A. Smith": "A." is another initial, not the article "A".
        return False
    return word.group() in SENTENCE_STARTERS


def segment_id_for(sentence: str, occurrence: int = 1) -> str:
    """Stable id: a hash of the NFC text, suffixed "-N" for the N-th repeat (N >= 2)."""
    normalised = unicodedata.normalize("NFC", sentence)
    digest = hashlib.sha1(normalised.encode("utf-8")).hexdigest()[:SEGMENT_ID_HEX_CHARS]
    return digest if occurrence == 1 else f"{digest}-{occurrence}"


def segment_paragraphs(paragraphs: Sequence[str]) -> list[Segment]:
    """Split every paragraph into sentences, each with an id unique within the article."""
    occurrences: Counter[str] = Counter()
    segments: list[Segment] = []
    for paragraph_index, paragraph in enumerate(paragraphs):
        for index_in_paragraph, sentence in enumerate(split_sentences(paragraph)):
            # Identical sentences (e.g. a repeated quote) share a hash, so
            # number the repeats to keep ids unique within the article.
            normalised = unicodedata.normalize("NFC", sentence)
            occurrences[normalised] += 1
            segments.append(
                Segment(
                    segment_id=segment_id_for(sentence, occurrences[normalised]),
                    paragraph_index=paragraph_index,
                    index_in_paragraph=index_in_paragraph,
                    text=sentence,
                )
            )
    return segments
