"""Split English news paragraphs into sentences and give each sentence a stable id.

Sentences are the unit of translation, so the ids must survive re-importing an
edited article: an id is a hash of the sentence's own text, never of its
position, so editing one sentence leaves every other sentence's id unchanged.

A sentence that occurs more than once in an article (a repeated quote, "He
denied it.") needs one id per copy. The LAST copy gets the plain hash; each
earlier copy gets the hash suffixed "+N", N being how many identical copies
follow it ("<hash>+1" for the copy before the last). So a copy's id depends
only on the copies after it:

* editing, removing or inserting a copy before it leaves its id alone, and so
  does any edit of another sentence; re-importing the same text gives the
  same ids;
* editing, removing or adding a copy AFTER it renumbers it: it then shows the
  translation saved for the copy that had that id (a translation of the same
  English sentence), and its own waits under the old id (it comes back if the
  edit is undone). Counting copies rather than using neighbouring sentences or
  paragraph numbers keeps ids stable when the text around a copy changes.

An earlier rule numbered copies from the FIRST one ("<hash>-2", "-3"); articles
stored that way keep those ids until re-imported, when `renamed_repeats` gives
the current id of each stored copy so its translations can move with it.

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
# The suffix of a repeat numbered from the first copy, as ids were made before.
_LEGACY_REPEAT = re.compile(r"-\d+$")


@dataclass(frozen=True)
class Segment:
    """One sentence of an article, addressed by an id that survives edits elsewhere."""

    segment_id: str
    paragraph_index: int
    index_in_paragraph: int
    text: str
    kind: str = "body"  # workbench.articles.headers.SEGMENT_KINDS


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


def segment_id_for(sentence: str, later_copies: int = 0) -> str:
    """Stable id: a hash of the NFC text, suffixed "+N" when N identical sentences follow it."""
    normalised = unicodedata.normalize("NFC", sentence)
    digest = hashlib.sha1(normalised.encode("utf-8")).hexdigest()[:SEGMENT_ID_HEX_CHARS]
    return digest if later_copies == 0 else f"{digest}+{later_copies}"


def segment_ids(sentences: Sequence[str]) -> list[str]:
    """The ids of an article's sentences, in order (repeats as the module docstring says)."""
    normalised = [unicodedata.normalize("NFC", sentence) for sentence in sentences]
    remaining = Counter(normalised)
    ids = []
    for text in normalised:
        remaining[text] -= 1
        ids.append(segment_id_for(text, remaining[text]))
    return ids


def segment_paragraphs(paragraphs: Sequence[str]) -> list[Segment]:
    """Split every paragraph into sentences, each with an id unique within the article."""
    placed = [
        (paragraph_index, index_in_paragraph, sentence)
        for paragraph_index, paragraph in enumerate(paragraphs)
        for index_in_paragraph, sentence in enumerate(split_sentences(paragraph))
    ]
    ids = segment_ids([sentence for _, _, sentence in placed])
    return [
        Segment(segment_id=segment_id, paragraph_index=paragraph_index,
                index_in_paragraph=index_in_paragraph, text=sentence)
        for segment_id, (paragraph_index, index_in_paragraph, sentence) in zip(ids, placed, strict=True)
    ]


def segment_article(header: Sequence[tuple[str, str]], paragraphs: Sequence[str]) -> list[Segment]:
    """An article's segments: its header lines ((kind, text), in order) first, then the body's sentences.

    Each header line is one segment, in a "paragraph" of its own numbered below zero (-3, -2, -1:
    the header is not part of the body); a dateline opens the first paragraph (paragraph 0). Ids
    are made over the whole sequence, and a copy's id depends only on the copies after it, so the
    body's ids are the ones `segment_paragraphs` gives: a header added on re-import moves nothing.
    """
    header = [(kind, " ".join(text.split())) for kind, text in header]
    lines = [(kind, text) for kind, text in header if kind != "dateline"]
    placed = [(index - len(lines), 0, text, kind) for index, (kind, text) in enumerate(lines)]
    placed += [(0, 0, text, kind) for kind, text in header if kind == "dateline"]
    first_shift = len(placed) - len(lines)  # the dateline comes before the first paragraph's sentences
    placed += [
        (paragraph_index, index_in_paragraph + (first_shift if paragraph_index == 0 else 0), sentence, "body")
        for paragraph_index, paragraph in enumerate(paragraphs)
        for index_in_paragraph, sentence in enumerate(split_sentences(paragraph))
    ]
    ids = segment_ids([text for _, _, text, _ in placed])
    return [
        Segment(segment_id=segment_id, paragraph_index=paragraph_index, index_in_paragraph=index_in_paragraph,
                text=text, kind=kind)
        for segment_id, (paragraph_index, index_in_paragraph, text, kind) in zip(ids, placed, strict=True)
    ]


def renamed_repeats(stored: Sequence[tuple[str, str]]) -> dict[str, str]:
    """{old id: current id} for an article stored under the earlier repeat rule ("<hash>-2").

    `stored` is the article's (segment id, text) pairs in order. Ids of the current rule
    never contain "-", so an article without such an id needs nothing and gets {}.
    """
    if not any(_LEGACY_REPEAT.search(segment_id) for segment_id, _ in stored):
        return {}
    current = segment_ids([text for _, text in stored])
    return {old: new for (old, _), new in zip(stored, current, strict=True) if old != new}
