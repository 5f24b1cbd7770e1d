"""Tokens for translation-memory matching: words, numbers, punctuation and tags.

A segment is cut into tokens of four classes:

- **tag**: an inline code kept whole: the glossary placeholder `[[1]]`, a numbered `{1}`, and
  XML-like codes `<b>`, `</b0>`, `<x1/>`, `<ph id="1">` (what TMX inline codes become);
- **number**: a run of decimal digits of any script with inner `.` or `,` groups
  (`500,000`, `၅၀၀,၀၀၀`, `3.5`); Myanmar and ASCII digits are both numbers;
- **word**: a run of letters, marks and digits that begins with a letter, with inner hyphens
  and apostrophes (`reform-minded`, `NUG’s`, `COVID-19`, `G7`); Burmese, written without
  spaces, is cut into syllables (`workbench.myanmar.script.syllable_starts`);
- **punct**: any other visible character, one token each (`.`, `“`, `%`, `။`).

Spaces only separate tokens. Each token keeps its text as written (for display and for the
95–99 classes of the scorer) and a **key** used for matching: NFC, case-folded, typographic
apostrophes and quotes made plain, digits of any script as ASCII (so `၅၀၀` and `500` match),
Burmese marks in one storage order (`workbench.myanmar.order.canonical_order`). The class of a
token is a function of its key, so an index can keep one class per distinct key.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from workbench.lang.digits import to_latin_digits
from workbench.lang.placeholders import EXACT_SOURCE
from workbench.myanmar.order import canonical_order
from workbench.myanmar.script import MYANMAR_CLASS, MYANMAR_NON_DIGIT_CLASS, is_myanmar_char, syllable_starts

WORD = "word"
NUMBER = "number"
PUNCT = "punct"
TAG = "tag"

_TAG = EXACT_SOURCE + r"|\{[0-9]+\}|</?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>"
_NUMBER = r"\d+(?:[.,]\d+)*"
# Myanmar letters and marks without its digits (U+1040–1049, Shan U+1090–1099: numbers),
# with ZWNJ/ZWJ, which Burmese text carries inside words.
_MYANMAR_RUN = f"[{MYANMAR_NON_DIGIT_CLASS}\u200c\u200d]+"
# Letters, digits and the combining marks Python's \w leaves out (Latin diacritics left
# decomposed, the Indic, Thai, Lao and Khmer vowel signs), so such a word stays one token.
_MARKS = "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0900-\u0dff\u0e00-\u0eff\u1780-\u17ff\u200c\u200d"
_WORD_CHAR = rf"[\w{_MARKS}]"
# In other text a word stops where Burmese begins ("COVID-19ကာလ" is a word, then syllables).
_WORD_CHAR_NOT_MYANMAR = rf"(?:(?![{MYANMAR_CLASS}]){_WORD_CHAR})"


def _token_pattern(word_char: str) -> re.Pattern[str]:
    word = rf"(?:[^\W\d_]|[{_MARKS}]){word_char}*(?:['’\-‐‑]{word_char}+)*"
    # No capturing groups, so `findall` gives the tokens' texts (the fast path). Order
    # matters: a tag before punctuation, a number before a word ("7G" is 7 + g).
    return re.compile(rf"{_TAG}|{_NUMBER}|{_MYANMAR_RUN}|{word}|\S")


# The two cut ASCII text alike (the look-ahead never fires there); the first is faster.
ASCII_TOKEN_PATTERN = _token_pattern(_WORD_CHAR)
TOKEN_PATTERN = _token_pattern(_WORD_CHAR_NOT_MYANMAR)
_MYANMAR_RUN_RE = re.compile(_MYANMAR_RUN)
_WORD_CHAR_RE = re.compile(_WORD_CHAR)
_TAG_KEY = re.compile(_TAG)
_NUMBER_KEY = re.compile(_NUMBER)
_MYANMAR_PUNCT = frozenset("\u104a\u104b")  # ၊ ။
# The typographic marks that fast path plains: ’ and the hyphens are inner word characters
# like ' and -, the double quotes are punctuation like ". ‘ is punctuation too, but its plain
# form is not (see `fast_form`). (Not ʼ: a letter, a part of its word.)
LEFT_QUOTE_STAND_IN, LEFT_QUOTE_KEY = "\x01", "'"
_FAST_PLAIN = (("’", "'"), ("“", '"'), ("”", '"'), ("„", '"'), ("‐", "-"), ("‑", "-"), ("‘", LEFT_QUOTE_STAND_IN))
_NOT_FAST = re.compile("[^\x00-\x7f—–…]")  # dashes and the ellipsis are punctuation keyed as themselves
_PLAIN_MARKS = str.maketrans({"’": "'", "‘": "'", "‛": "'", "ʼ": "'", "“": '"', "”": '"', "„": '"', "‐": "-", "‑": "-"})


@dataclass(frozen=True, slots=True)
class Token:
    """One token: its text as written, its matching key, its class, and where it is."""

    text: str
    key: str
    kind: str
    start: int
    end: int


def normalize_text(text: str) -> str:
    """The text a segment is compared as for exact and context matches: NFC, ends stripped."""
    return unicodedata.normalize("NFC", text).strip()


def tokenize(text: str) -> list[Token]:
    """The tokens of `text` (NFC first; offsets are into the NFC text)."""
    text = unicodedata.normalize("NFC", text)
    tokens: list[Token] = []
    for match in TOKEN_PATTERN.finditer(text):
        piece, start = match.group(), match.start()
        if _MYANMAR_RUN_RE.fullmatch(piece):
            tokens.extend(_myanmar_syllables(piece, start))
        else:
            key = key_of(piece)
            tokens.append(Token(piece, key, kind_of_key(key), start, match.end()))
    return tokens


def token_keys(text: str) -> list[str]:
    """The keys of `tokenize(text)`, quickly: what the index stores for every unit.

    Text in `fast_form` (most English sources) needs no per-token work: lower-casing the whole
    text first cuts it into the same tokens, since every class of the pattern holds both
    cases, and such a token's key is its lower case.
    """
    form = fast_form(text)
    if form is None:
        return [token.key for token in tokenize(text)]
    keys = ASCII_TOKEN_PATTERN.findall(form.lower())
    return [LEFT_QUOTE_KEY if key == LEFT_QUOTE_STAND_IN else key for key in keys] if LEFT_QUOTE_STAND_IN in form else keys


def fast_form(text: str) -> str | None:
    """`text` as the fast path cuts it, or None when only `tokenize` cuts it right.

    `ASCII_TOKEN_PATTERN.findall(form.lower())` gives the keys of `text`, except that the
    token LEFT_QUOTE_STAND_IN stands for ‘ (key LEFT_QUOTE_KEY). News English is ASCII but for
    its quotes and dashes: they are plained first (each plays the same part in the pattern as
    its plain form, and its key is that form); ‘ is punctuation whose key is ', yet ' is inner
    in words ("rock'n"), so it becomes a control character that is punctuation like it.
    """
    if LEFT_QUOTE_STAND_IN in text:
        return None
    if text.isascii():
        return text
    for mark, plain_form in _FAST_PLAIN:  # str.replace: far quicker than translate() with a table
        if mark in text:
            text = text.replace(mark, plain_form)
    if text.isascii():
        return text
    return None if _NOT_FAST.search(text) else text  # the dashes and the ellipsis stay as they are


def _myanmar_syllables(run: str, offset: int) -> list[Token]:
    starts = syllable_starts(run)
    if not starts or starts[0] != 0:
        starts.insert(0, 0)  # marks before the first letter stay with a syllable of their own
    bounds = [*starts, len(run)]
    syllables = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        piece = run[start:end]
        key = key_of(piece)
        syllables.append(Token(piece, key, kind_of_key(key), offset + start, offset + end))
    return syllables


@lru_cache(maxsize=65536)
def key_of(piece: str) -> str:
    """The matching key of one token's text (see the module docstring)."""
    key = piece.casefold().translate(_PLAIN_MARKS)
    if not key.isascii():
        key = canonical_order(to_latin_digits(unicodedata.normalize("NFC", key)))
    return key


@lru_cache(maxsize=65536)
def kind_of_key(key: str) -> str:
    """The class of a token from its key alone (keys of different classes never coincide)."""
    if len(key) > 1 and _TAG_KEY.fullmatch(key):
        return TAG
    if _NUMBER_KEY.fullmatch(key):
        return NUMBER
    if len(key) == 1 and (key in _MYANMAR_PUNCT or key == "_" or not (_WORD_CHAR_RE.match(key) or is_myanmar_char(key))):
        return PUNCT
    return WORD


def word_keys(tokens: list[Token]) -> tuple[str, ...]:
    """The keys of the word tokens only: two segments with the same are "the same words"."""
    return tuple(token.key for token in tokens if token.kind == WORD)
