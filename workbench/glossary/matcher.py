"""Find glossary terms in English source text with Aho-Corasick (no regular expressions).

Semantics (shared by `GlossaryMatcher.find` and the brute-force `reference_find`):

- Text and terms are normalised (`normalize.py`: NFC, ’→', whitespace runs → " ");
  spans are reported in the ORIGINAL text.
- Whole words: a match never starts or ends inside a word. A word character is a
  letter, digit or underscore (`\\w`); "NUG" matches in "NUG’s" and "(NUG)", not in
  "NUGS" or "aNUG". A term that begins or ends with punctuation has no boundary
  requirement on that side.
- Case: `Term.case_sensitive` terms match with exact case ("PDF" never matches "pdf"
  or "Pdf"); the others compare lower case.
- Suffixes: a possessive ('s, ’s) always follows a whole term, since the apostrophe
  ends the word. A plural is allowed when the term's last word is lower case
  ("defector" → "defectors"; "-es" after s, x, z, ch, sh: "bus" → "buses"; both after
  o) or an acronym ("PDF" → "PDFs", "s" only); not when it is Capitalised like a name
  ("Acme International" does not match "Acme Internationals", so "Acme" does) nor for
  `before_name` terms; "party" → "parties" is not handled. "PDFs’" works too.
  The span covers THE TERM ONLY (text[start:end] is "PDF" in "PDFs"); `Match.suffix`
  holds what followed ("s", "’s", "s’") and `Match.word_end` the end of the plural.
- Context rules: `before_name` needs one space and a capitalised word after the term
  ("U Nay Phone Lat"; not "Plan U", "U."); `not_followed_by` / `not_preceded_by` reject a
  neighbour word (case-insensitive, separated by one space; the follower may be plural:
  "PDF files").
- Selection: every valid occurrence (boundaries, case, context checked FIRST) is a
  candidate; then leftmost, then longest (to the end of the plural), non-overlapping.
- Retired terms (`Term.retired`: deprecated, superseded, notRecommended, obsolete) are matched
  like the others, so a text that uses one is recognised, but `Match.retired` says it is not the
  concept's live term: `GlossaryIndex` makes such a hit one to replace, never one to enforce.
- Several terms valid at the same span (two entries with the term "PDF", or "PDF" and
  "pdf" entries): the first in glossary order wins, entries in the order given, terms in
  entry order. Context rules therefore decide between homonyms: an entry whose rule
  fails at that spot leaves the span to the next entry.
"""

from __future__ import annotations

import gc
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

import ahocorasick

from workbench.glossary.model import CASE_AUTO, RETIRED_TERM_STATUSES, ContextRule, Entry, Term
from workbench.glossary.normalize import (
    APOSTROPHES,
    is_word_char,
    lower_same_length,
    normalize,
    normalize_many,
    normalize_with_offsets,
)

# Every non-word character except " " becomes " " (one for one) in the searched copy.
_PUNCTUATION = re.compile(r"[^\w ]")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
_ASCII_MASK = bytes(c if chr(c).isalnum() or c == 95 else 32 for c in range(128)) + b" " * 128
_KEEP_NUL_MASK = b"\x00" + _ASCII_MASK[1:]  # for NUL-joined batches of terms
_LAST_WORD = re.compile(r"\w+\Z")
_ES_ENDINGS = ("s", "x", "z", "ch", "sh")

# (before_name, lowered followers, lowered preceders); None when the rule is empty.
Context = tuple[bool, tuple[str, ...], tuple[str, ...]]


@dataclass(frozen=True)
class Match:
    """A term found in the text; start/end index the original text (the term only)."""

    start: int
    end: int
    text: str  # the original text[start:end]
    entry_id: str
    term: str  # the Term.text that matched
    kind: str  # the Term.kind (full, abbreviation, variant)
    suffix: str = ""  # original text right after the term: "s", "es", "’s", "s’" or ""
    status: str = ""  # the Term.status: a retired one (superseded, deprecated, …) is not the concept's live term

    @property
    def retired(self) -> bool:
        return self.status in RETIRED_TERM_STATUSES

    @property
    def word_end(self) -> int:
        """End of the word with its plural ("PDFs"), without a possessive."""
        plural = "" if self.suffix[:1] in APOSTROPHES + "'" else self.suffix.rstrip(APOSTROPHES + "'")
        return self.end + len(plural)


class _Prepared(NamedTuple):
    """A term ready for matching (a NamedTuple: 100k of them are made per build)."""

    order: int  # glossary order, the tie-breaker
    norm: str
    low: str
    exact: bool
    context: Context | None
    plurals: tuple[str, ...]  # the plural suffixes this term may take
    result: tuple[str, str, str, str]  # entry id, term text, term kind, term status


def _compile_context(rule: ContextRule) -> Context:
    def words(raw: tuple[str, ...]) -> tuple[str, ...]:
        cleaned = (lower_same_length(normalize(w).strip()) for w in raw)
        return tuple(w for w in cleaned if w)

    return (rule.before_name, words(rule.not_followed_by), words(rule.not_preceded_by))


def _case_sensitive(term: Term) -> bool:
    """`term.case_sensitive`, without its per-letter Python loop in the usual cases."""
    if term.case != CASE_AUTO:
        return term.case_sensitive
    text = term.text
    if not text.isupper():  # some letter is lower case (or none is cased): no acronym
        return term.context.before_name
    if text.isascii() and text.isalpha() and len(text) > 1:  # "PDF": only capitals
        return True
    return term.case_sensitive


def plural_suffixes(norm: str, context: Context | None) -> tuple[str, ...]:
    """The plural endings a term may take (see the module docstring)."""
    if (context is not None and context[0]) or not (norm[-1].isalnum() or norm[-1] == "_"):
        return ()  # honorifics and titles ("U", "Daw") take no plural
    word = norm[norm.rfind(" ") + 1 :]
    last_word = None if word.isalnum() else _LAST_WORD.search(word)
    if last_word is not None:
        word = last_word.group()
    if not word.islower():
        return ("s",) if word.isupper() and len(word) >= 2 else ()
    if word.endswith(_ES_ENDINGS):
        return ("es",)
    return ("s", "es") if word[-1] == "o" else ("s",)


def prepare_terms(entries: Iterable[Entry]) -> list[_Prepared]:
    """Every non-empty term of every entry, in glossary order."""
    pairs = [(entry, term) for entry in entries for term in entry.terms]
    texts = [term.text for _, term in pairs]
    if "\x00" in "".join(texts):  # NUL joins the batches below; no real term holds one
        texts = [text.replace("\x00", " ") for text in texts]
    norms = normalize_many(texts)  # one pass, not one per term
    lows = lower_same_length("\x00".join(norms)).split("\x00")
    prepared: list[_Prepared] = []
    add, new = prepared.append, tuple.__new__  # NamedTuple's own __new__ is Python code
    for (entry, term), norm, low in zip(pairs, norms, lows, strict=False):
        if norm:
            rule = term.context
            context = None if rule.is_empty else _compile_context(rule)
            add(new(_Prepared, (len(prepared), norm, low, _case_sensitive(term), context,
                                plural_suffixes(norm, context), (entry.id, term.text, term.kind, term.status))))
    return prepared


def _boundary_after(low: str, p: int) -> bool:
    return p >= len(low) or not is_word_char(low[p]) or not is_word_char(low[p - 1])


def _word_at(low: str, word: str, p: int) -> bool:
    """`word` (or its plural) as a whole word starting at p."""
    if not low.startswith(word, p):
        return False
    end = p + len(word)
    return any(low.startswith(s, end) and _boundary_after(low, end + len(s)) for s in ("", "s", "es"))


def context_ok(context: Context, norm: str, low: str, start: int, end: int) -> bool:
    """Whether the neighbours of norm[start:end] satisfy the term's context rule."""
    before_name, followers, preceders = context
    if before_name and not (norm.startswith(" ", end) and norm[end + 1 : end + 2].istitle()):
        return False
    if followers and norm.startswith(" ", end):
        if any(_word_at(low, word, end + 1) for word in followers):
            return False
    for word in preceders:
        p = start - 1 - len(word)
        if p >= 0 and low.startswith(word + " ", p) and (p == 0 or not is_word_char(low[p - 1])):
            return False
    return True


def _suffix_length(low: str, word_end: int, plural: int) -> int:
    """Plural length plus a following possessive ("'s" after a term, "'" after a plural)."""
    possessive = "'" if plural else "'s"
    if low.startswith(possessive, word_end) and _boundary_after(low, word_end + len(possessive)):
        return plural + len(possessive)
    return plural


def mask(text: str, table: bytes = _ASCII_MASK) -> str:
    """`text` with every non-word character except " " made " ", one for one.

    ASCII goes through bytes.translate (C, one table look-up per character); only runs
    of non-ASCII characters pay for the regex, as a Unicode category test per character.
    """
    masked = text.encode("ascii", "replace").translate(table).decode("ascii")
    if text.isascii():
        return masked
    pieces: list[str] = []
    last = 0
    for run in _NON_ASCII_RUN.finditer(text):
        pieces += (masked[last : run.start()], _PUNCTUATION.sub(" ", run.group()))
        last = run.end()
    pieces.append(masked[last:])
    return "".join(pieces)


def _build_match(text: str, low: str, offsets, start: int, word_end: int, plural: int, result) -> Match:
    end = word_end - plural
    a, b = offsets.span(start, end)
    suffix_len = _suffix_length(low, word_end, plural)
    suffix = text[slice(*offsets.span(end, end + suffix_len))] if suffix_len else ""
    entry_id, term, kind, status = result
    return Match(a, b, text[a:b], entry_id, term, kind, suffix=suffix, status=status)


def _leftmost_longest(candidates: list[tuple]) -> list[tuple]:
    """Candidates are (sort key, order, start, word end, ...); the key orders by start,
    then longest; equal keys fall back to glossary order."""
    candidates.sort()
    chosen, last = [], 0
    for candidate in candidates:
        if candidate[2] >= last:
            chosen.append(candidate)
            last = candidate[3]
    return chosen


class GlossaryMatcher:
    """Built once from the entries (a changed glossary means a new instance).

    Two automata: exact-case terms are searched in the normalised text, the others in
    its lower-cased copy (so "the" never hits the acronym "THE"). Each searches a
    `mask`ed copy, punctuation made " ", with a " " added at the start. Keys are the
    masked terms with a " " before them when the term starts with a word character:
    every hit then starts on a word boundary, and the many hits inside words ("ate" in
    "translates") cost no Python time at all. The end is checked per hit: the next
    masked character is " ", or a plural suffix is ("pdf" + "s"). A trailing " " on the
    keys would spare that check but cost 10% more trie nodes and a key per plural, for
    very few extra hits (a term that is the start of a longer word). Hits of terms
    with spaces or punctuation are compared with the real text ("Zin-Mar" is not "Zin
    Mar").
    """

    def __init__(self, entries: Iterable[Entry], version: object = None):
        self.version = version  # the caller's glossary version, kept for cache checks
        # A build allocates about ten tuples per term; CPython's cyclic GC would walk
        # every live object several times meanwhile (half the build time at 100k terms).
        # Nothing made here forms a cycle, so collection pauses until the build is done.
        paused = gc.isenabled()
        gc.disable()
        try:
            self._terms = prepare_terms(entries)
            self._exact = self._build([t for t in self._terms if t.exact])
            self._ignore_case = self._build([t for t in self._terms if not t.exact])
        finally:
            if paused:
                gc.enable()

    def __len__(self) -> int:
        return len(self._terms)

    @cached_property
    def fingerprint(self) -> str:
        """A digest of everything that affects matching (lazy: costs a pass)."""
        digest = hashlib.sha256()
        for t in self._terms:
            digest.update(repr((t.norm, t.exact, t.context, t.result)).encode())
        return digest.hexdigest()[:16]

    @staticmethod
    def _build(terms: list[_Prepared]):
        """One automaton; a key's value lists the terms it stands for (usually one)."""
        if not terms:
            return None
        sources = [t.norm if t.exact else t.low for t in terms]
        # Masked and given the leading " " in one C pass; a term that starts with
        # punctuation (masked to " ") drops it below.
        keys = (" " + "\x00 ".join(mask("\x00".join(sources), _KEEP_NUL_MASK).split("\x00"))).split("\x00")
        values: dict[str, tuple[tuple, ...]] = {}
        for (order, _, _, _, context, plurals, result), text, key in zip(terms, sources, keys, strict=False):
            lead = key[1] != " "
            key = key[1 - lead :]
            checked = key[lead:] != text or " " in text  # spaces or punctuation to compare
            variant = (len(key) - lead, key[-1] != " ", text if checked else None, context, plurals, order, result)
            values[key] = (*values[key], variant) if key in values else (variant,)
        automaton = ahocorasick.Automaton()
        for key, value in values.items():  # a dict first: a trie look-up misses the cache per letter
            automaton.add_word(key, value)
        automaton.make_automaton()
        return automaton

    @staticmethod
    def _collect(automaton, source: str, norm: str, low: str, found: list) -> None:
        """Append the valid candidates: (sort key, order, start, word end, plural, result)."""
        width = len(norm) + 1
        add = found.append
        # Position i of `source` is i + 1 here; the two trailing " " keep every look-up
        # one past a hit in range.
        search = " " + mask(source) + "  "
        for last, variants in automaton.iter(search):
            for back, needs_end, expect, context, plurals, order, result in variants:
                start, word_end = last - back, last
                if needs_end and search[last + 1] != " ":  # the word goes on: a plural?
                    for suffix in plurals:
                        if source.startswith(suffix, last) and search[last + 1 + len(suffix)] == " ":
                            word_end += len(suffix)
                            break
                    else:
                        continue
                if expect is not None and source[start:last] != expect:
                    continue
                if context is not None and not context_ok(context, norm, low, start, word_end):
                    continue
                add((start * width - word_end, order, start, word_end, word_end - last, result))

    def find(self, text: str) -> list[Match]:
        """All terms in `text`: leftmost-longest, non-overlapping, in text order."""
        if not text or (self._exact is None and self._ignore_case is None):
            return []
        norm, offsets = normalize_with_offsets(text)
        low = lower_same_length(norm)
        found: list[tuple] = []
        if self._exact is not None:
            self._collect(self._exact, norm, norm, low, found)
        if self._ignore_case is not None:
            self._collect(self._ignore_case, low, norm, low, found)
        chosen = _leftmost_longest(found)
        return [_build_match(text, low, offsets, c[2], c[3], c[4], c[5]) for c in chosen]


def reference_find(entries: Iterable[Entry], text: str) -> list[Match]:
    """Brute force with the same semantics: every term at every position.

    Slow (terms × positions) and meant as the oracle for tests; word boundaries are
    checked here character by character instead of through the masked copy.
    """
    terms = prepare_terms(entries)
    norm, offsets = normalize_with_offsets(text)
    low = lower_same_length(norm)
    width = len(norm) + 1
    found = []
    for start in range(len(norm)):
        if start > 0 and is_word_char(norm[start - 1]) and is_word_char(norm[start]):
            continue  # inside a word
        for t in terms:
            source, key = (norm, t.norm) if t.exact else (low, t.low)
            if not source.startswith(key, start):
                continue
            for suffix in ("", *t.plurals):
                word_end = start + len(key) + len(suffix)
                if not source.startswith(suffix, start + len(key)):
                    continue
                if word_end < len(norm) and is_word_char(norm[word_end - 1]) and is_word_char(norm[word_end]):
                    continue
                if t.context is not None and not context_ok(t.context, norm, low, start, word_end):
                    continue
                found.append((start * width - word_end, t.order, start, word_end, len(suffix), t.result))
    chosen = _leftmost_longest(found)
    return [_build_match(text, low, offsets, c[2], c[3], c[4], c[5]) for c in chosen]
