"""Word counts and how far an article's translation is: "12 of 25 segments translated (310 of 720 words)".

A segment counts as translated once its translator confirmed it (status "translated"); a
draft is work in progress. Words are counted on the source, as the desk quotes and plans
work: runs of letters and digits, with inner apostrophes and hyphens ("NUG's", "ex-captain")
kept in one word. Plain Python: the TUI and the command line show the same figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.storage.store import Store

TRANSLATED = "translated"
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")


def word_count(text: str) -> int:
    """Words in a source text: "The ex-captain's unit, 2022." has 4."""
    return len(_WORD.findall(text))


@dataclass(frozen=True)
class Progress:
    segments: int = 0
    translated: int = 0  # segments confirmed (status "translated")
    words: int = 0
    words_translated: int = 0

    @property
    def percent(self) -> int:
        """Share of the words translated, rounded down (100 only when every word is)."""
        if not self.words:
            return 100 if self.segments and self.translated == self.segments else 0
        return self.words_translated * 100 // self.words

    def describe(self) -> str:
        return (f"{self.translated} of {self.segments} segment{'s' if self.segments != 1 else ''} translated "
                f"({self.words_translated} of {self.words} word{'s' if self.words != 1 else ''})")


def progress_of(segments: Iterable[tuple[str, str]]) -> Progress:
    """Progress over (source text, status) pairs."""
    count = translated = words = words_translated = 0
    for source, status in segments:
        size = word_count(source)
        count, words = count + 1, words + size
        if status == TRANSLATED:
            translated, words_translated = translated + 1, words_translated + size
    return Progress(count, translated, words, words_translated)


def article_progress(store: Store, article_id: int, lang: str) -> Progress:
    """One article in one target language, as stored."""
    saved = store.translations(article_id, lang)
    return progress_of((segment.text, saved[segment.segment_id].status if segment.segment_id in saved else "")
                       for segment in store.segments(article_id))


def articles_progress(store: Store, lang: str) -> dict[int, Progress]:
    """Every article of the workspace in one target language, by article id."""
    return {article.id: article_progress(store, article.id, lang) for article in store.list_articles()}


@dataclass(frozen=True)
class RunCounts:
    """What one MT run did with an article's segments; with `left`, the parts add up to `segments`."""

    segments: int
    translated: int  # segments whose text the engine translated in this run
    repeats: int  # segments that took the result of an identical segment translated in this run
    from_cache: int  # segments whose MT was already stored (the MT cache)
    cancelled: bool = False

    @property
    def left(self) -> int:
        """Segments without MT after the run (cancelled before them, or blank)."""
        return max(self.segments - self.translated - self.repeats - self.from_cache, 0)

    def describe(self) -> str:
        """"45 segments: 27 translated now, 16 repeats of those, 2 from cache"."""
        parts = [f"{self.translated} translated now"]
        if self.repeats:
            parts.append(f"{self.repeats} repeat{'s' if self.repeats != 1 else ''} of those")
        parts.append(f"{self.from_cache} from cache")
        if self.left:
            parts.append(f"{self.left} not translated" + (" (cancelled)" if self.cancelled else ""))
        return f"{self.segments} segments: " + ", ".join(parts)
