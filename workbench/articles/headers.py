"""Header lines of English news texts: outlet and credit lines, month-year dates, datelines, cut-off endings.

Copied articles start with more than a title and a byline. Shapes seen at the desk:

* an outlet line, alone or with a date: "The Diplomat, November 2021", "Visual Rebellion";
* a republication credit: "DVB, originally published on Mohinga Matters";
* a date of month and year only: "November 2021", "Nov. 2021";
* a dateline opening the first paragraph: "UNDERGROUND – ...", "YANGON — ...",
  "BANGKOK (Reuters) - ...": split off as a segment of its own;
* a text cut off while copying ("... such as finance and hea"): reported, still imported.

The kinds of segment an article has (stored with each segment, schema version 7) are
`SEGMENT_KINDS`: header kinds come first in an article, in the order the text has them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

DateT = TypeVar("DateT")

TITLE, STANDFIRST, BYLINE, SOURCE, DATELINE, BODY = "title", "standfirst", "byline", "source", "dateline", "body"
SEGMENT_KINDS = (TITLE, STANDFIRST, BYLINE, SOURCE, DATELINE, BODY)
HEADER_KINDS = frozenset(SEGMENT_KINDS) - {BODY}

# A credit or outlet line names a publication: a few words, not a sentence.
MAX_CREDIT_WORDS = 5
MAX_STANDFIRST_WORDS = 60
MAX_DATELINE_CHARS = 40

_MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"),
            ("april", "apr"), ("may",), ("june", "jun"), ("july", "jul"),
            ("august", "aug"), ("september", "sept", "sep"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
MONTH_PATTERN = r"(?P<month>" + "|".join(sorted(_MONTH_NAMES, key=len, reverse=True)) + r")\.?"
_REPUBLISHED = re.compile(
    r"(?P<outlet>[^,]{1,60}?),?\s+(?:(?:originally|first)\s+)?(?:published|republished|appeared)\s+"
    r"(?:on|in|by|at)\s+(?P<origin>\S.{0,80})",
    re.IGNORECASE,
)
_OUTLET_WITH_DATE = re.compile(r"(?P<outlet>[^,]{1,60}),\s*(?P<date>\S.{2,40})")
_CREDIT_WORD = re.compile(r"[A-Z0-9][\w’'&.\-]*|of|the|and|for|on|in|&")
# Upper-case place (and country or agency), then a dash: "YANGON —", "BANGKOK (Reuters) -".
_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z’'.\- ]*[A-Z](?:,\s*[A-Z][\w’'. \-]*?)?(?:\s*\([^()]{1,30}\))?)\s*[–—-]{1,2}\s+(?=\S)"
)
_SENTENCE_END = re.compile(r"[.!?…။:;]["  + re.escape("”\"’')]»") + r"]*$")


@dataclass(frozen=True)
class HeaderLine:
    """One line of an article's header, translated like a sentence: its kind and text."""

    kind: str
    text: str


def month_number(name: str) -> int:
    """1-12 for "November", "nov", "Sept"; KeyError for anything else."""
    return _MONTH_NAMES[name.lower().rstrip(".")]


def outlet_line(line: str, parse_date: Callable[[str], DateT | None]) -> tuple[str, str, DateT | None] | None:
    """An outlet or credit line as (segment text, outlet name, date or None); None for other lines.

    `parse_date(text)` reads a date (day or month precision) or returns None."""
    republished = _REPUBLISHED.fullmatch(line)
    if republished is not None and _is_credit(republished.group("outlet")):
        return line, republished.group("outlet").strip(), None
    with_date = _OUTLET_WITH_DATE.fullmatch(line)
    if with_date is not None and _is_credit(with_date.group("outlet")):
        date = parse_date(with_date.group("date").strip())
        if date is not None:
            outlet = with_date.group("outlet").strip()
            return outlet, outlet, date
    if _is_credit(line):
        return line, line, None
    return None


def _is_credit(text: str) -> bool:
    """A short run of capitalised words without sentence punctuation: "Visual Rebellion", "DVB"."""
    words = text.split()
    if not words or len(words) > MAX_CREDIT_WORDS or not words[0][0].isupper():
        return False
    if _SENTENCE_END.search(text) or any(mark in text for mark in ",;:?!\"“”"):
        return False
    return all(_CREDIT_WORD.fullmatch(word) for word in words)


def split_dateline(paragraph: str) -> tuple[str, str] | None:
    """("YANGON", rest of the paragraph) when the paragraph opens with a dateline, else None."""
    match = _DATELINE.match(paragraph)
    if match is None or len(match.group("place")) > MAX_DATELINE_CHARS:
        return None
    place = match.group("place").strip()
    if sum(char.isalpha() for char in place.split(",")[0].split("(")[0]) < 4:
        return None  # "US – China talks": a short acronym is a subject, not a place
    rest = paragraph[match.end():].strip()
    return (place, rest) if rest else None


def is_standfirst(line: str) -> bool:
    """A deck under the headline: prose of at most a few dozen words."""
    return 0 < len(line.split()) <= MAX_STANDFIRST_WORDS


def cut_off_ending(last_paragraph: str) -> str | None:
    """The last words when the article stops mid-sentence or mid-word, else None."""
    text = last_paragraph.rstrip()
    if not text or _SENTENCE_END.search(text):
        return None
    words = text.split()
    return ("…" if len(words) > 5 else "") + " ".join(words[-5:])
