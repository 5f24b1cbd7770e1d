"""Text normalisation for term matching, with a map back to the original text.

Matching runs on a normalised copy of the text so that "People’s Embrace" (curly),
"People's  Embrace" (straight, two spaces) and a decomposed "é" all look alike, while
the reported spans must point into the text the user sees. `normalize_with_offsets`
returns the normalised text and an `OffsetMap` that turns a normalised span into the
exact original span.

Steps, in order:
1. Unicode NFC (skipped at C speed when the text is already NFC, as almost all is);
2. curly/straight apostrophes and quotes unified, and every whitespace character made
   " " (one character for one: no offset moves);
3. the marks of each Burmese syllable put in one storage order (`workbench.myanmar.order`:
   ‘ဒေါ့်’ typed with ့ and ် either way, medials in any order), one permutation inside a run
   of marks, so no offset moves;
4. runs of spaces collapsed to one " " (so any whitespace run becomes one space).
Only steps 1 and 4 create offset groups, and only where the text changes.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence

from workbench.myanmar.order import canonical_order

# One character for one, so this step never moves an offset.
APOSTROPHES = "’‘ʼ′‛"
DOUBLE_QUOTES = "“”„″‟"
# The characters str.isspace() accepts, other than " " (a test checks the list).
OTHER_WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_ONE_FOR_ONE = (
    tuple((c, "'") for c in APOSTROPHES) + tuple((c, '"') for c in DOUBLE_QUOTES)
    + tuple((c, " ") for c in OTHER_WHITESPACE)
)
_SPACE_RUN = re.compile("  +")


class OffsetMap:
    """Maps positions in a normalised text back to the text it came from.

    Stored as the few *groups* where the texts differ (a collapsed whitespace run, an
    NFC-composed cluster): normalised [ns, ne) came from original [os, oe). Between
    groups the texts agree character for character, shifted by the groups before.
    A span that touches a group widens to the whole group, never splitting it.
    """

    __slots__ = ("_groups", "_starts", "_parent")

    def __init__(self, groups: Sequence[tuple[int, int, int, int]] = (), parent: OffsetMap | None = None):
        self._groups = list(groups)
        self._starts = [g[0] for g in self._groups]
        self._parent = parent

    def _own_start(self, i: int) -> int:
        k = bisect_right(self._starts, i) - 1
        if k < 0:
            return i
        ns, ne, os_, oe = self._groups[k]
        return os_ if i < ne else i - ne + oe

    def _own_end(self, e: int) -> int:
        # The end of a span is the original end of its last character, e - 1.
        k = bisect_right(self._starts, e - 1) - 1
        if k < 0 or e <= 0:
            return e
        ns, ne, os_, oe = self._groups[k]
        return oe if e - 1 < ne else e - ne + oe

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of normalised text[start:end]."""
        if start >= end:
            a = self._own_start(start)
            b = a
        else:
            a, b = self._own_start(start), self._own_end(end)
        return self._parent.span(a, b) if self._parent is not None else (a, b)

    def start(self, i: int) -> int:
        """Original position of normalised position `i` (the start of its character)."""
        return self.span(i, i)[0]


def _one_for_one(text: str) -> str:
    """Quotes and whitespace unified, one character for one (offsets do not move).

    `in` + str.replace per character: a C scan each, and instant for a character above
    the text's widest one (no curly quote can be in a pure-ASCII string). A dict
    str.translate would be per-character Python-object work on non-ASCII text.
    """
    for old, new in _ONE_FOR_ONE:
        if old in text:
            text = text.replace(old, new)
    return text


def _can_cut(chunk: str, char: str) -> bool:
    """Whether NFC may treat `chunk` and a cluster starting with `char` apart (slow path).

    `char` must be a starter that does not compose with the chunk: Hangul LV + T,
    Myanmar ဥ + ီ → ဦ and a few others compose two starters.
    """
    if unicodedata.combining(char) or unicodedata.combining(unicodedata.normalize("NFD", char)[0]):
        return False
    nfc = unicodedata.normalize
    return nfc("NFC", chunk + char) == nfc("NFC", chunk) + nfc("NFC", char)


def _changed_group(chunk: str, piece: str, at: int, out_pos: int) -> tuple[int, int, int, int]:
    """The group of a changed cluster, without the characters NFC left in place at
    either end (so " " + two reordered accents does not swallow the space)."""
    head = 0
    while head < min(len(chunk), len(piece)) - 1 and chunk[head] == piece[head]:
        head += 1
    tail = 0
    while tail < min(len(chunk), len(piece)) - head - 1 and chunk[-1 - tail] == piece[-1 - tail]:
        tail += 1
    return (out_pos + head, out_pos + len(piece) - tail, at + head, at + len(chunk) - tail)


def _nfc_with_offsets(text: str) -> tuple[str, OffsetMap]:
    """NFC per cluster, so that each changed cluster maps to its original characters."""
    cuts = [0]
    for i in range(1, len(text)):
        # The last 32 characters hold the starter that could compose (the check
        # below catches a pathological run of marks longer than that).
        if _can_cut(text[max(cuts[-1], i - 32) : i], text[i]):
            cuts.append(i)
    cuts.append(len(text))
    pieces, groups, out_pos = [], [], 0
    for a, b in zip(cuts, cuts[1:], strict=False):
        chunk = text[a:b]
        piece = unicodedata.normalize("NFC", chunk)
        if piece != chunk:
            groups.append(_changed_group(chunk, piece, a, out_pos))
        pieces.append(piece)
        out_pos += len(piece)
    result = "".join(pieces)
    if result != unicodedata.normalize("NFC", text):
        # Should not happen; if it does, stay correct with one coarse group.
        result = unicodedata.normalize("NFC", text)
        groups = [(0, len(result), 0, len(text))]
    return result, OffsetMap(groups)


def _collapse_spaces(text: str, parent: OffsetMap | None) -> tuple[str, OffsetMap | None]:
    runs = list(_SPACE_RUN.finditer(text)) if "  " in text else []
    if not runs:
        return text, parent
    pieces, groups, last, out_pos = [], [], 0, 0
    for run in runs:
        a, b = run.span()
        pieces.append(text[last:a])
        out_pos += a - last
        pieces.append(" ")
        groups.append((out_pos, out_pos + 1, a, b))
        out_pos += 1
        last = b
    pieces.append(text[last:])
    return "".join(pieces), OffsetMap(groups, parent)


def normalize_with_offsets(text: str) -> tuple[str, OffsetMap]:
    """Normalised text and the map from its spans back to spans of `text`."""
    parent = None
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):  # isascii is O(1)
        text, parent = _nfc_with_offsets(text)
    normalized, offsets = _collapse_spaces(canonical_order(_one_for_one(text)), parent)
    return normalized, offsets if offsets is not None else OffsetMap()


def normalize(text: str) -> str:
    """The normalised text alone (terms, neighbour words, renderings)."""
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = canonical_order(_one_for_one(text))
    return _SPACE_RUN.sub(" ", text) if "  " in text else text


def normalize_many(texts: list[str]) -> list[str]:
    """`normalize(t).strip(" ")` for each text, in one pass over all of them.

    Building a 100k-term glossary calls this once instead of 100k times: the texts are
    joined with NUL, which no step changes or merges across.
    """
    joined = "\x00".join(texts)
    if not texts or joined.count("\x00") != len(texts) - 1:  # a text holding NUL itself
        return [normalize(t).strip(" ") for t in texts]
    return [t.strip(" ") for t in normalize(joined).split("\x00")]


def lower_same_length(text: str) -> str:
    """Lower case that never changes the length ("İ".lower() is two characters).

    Case-insensitive matching compares lowered text position by position, so a
    character whose lower case is longer is kept as it is.
    """
    lowered = text.lower()
    if len(lowered) == len(text):  # lower() never shortens, so equal means 1:1
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def is_word_char(char: str) -> bool:
    """A letter, digit or underscore: the same as `\\w` in Python's `re` on str."""
    return char.isalnum() or char == "_"
