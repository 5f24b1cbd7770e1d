"""Termbase data: concept entries with English terms and per-language renderings.

Plain frozen dataclasses shared by the curated files in `glossary/`, the database,
the matcher, the exchange formats (TBX, CSV) and the workflow.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# Rendering statuses. "rejected" keeps a turned-down proposal visible in history.
APPROVED, PROPOSED, FORBIDDEN, DEPRECATED, REJECTED = "approved", "proposed", "forbidden", "deprecated", "rejected"
STATUSES = (APPROVED, PROPOSED, FORBIDDEN, DEPRECATED, REJECTED)

# Term kinds: the preferred full form, an abbreviation/acronym, or another variant.
FULL, ABBREVIATION, VARIANT = "full", "abbreviation", "variant"
TERM_KINDS = (FULL, ABBREVIATION, VARIANT)

# Case rules: "auto" = ALL-CAPS terms ("NUG", "PDF") match only in capitals, others ignore case.
CASE_AUTO, CASE_EXACT, CASE_IGNORE = "auto", "exact", "ignore"
CASE_RULES = (CASE_AUTO, CASE_EXACT, CASE_IGNORE)

# Statuses of an English term, in TBX's administrative-status vocabulary ("" = none given, live).
# A retired term stays in the termbase (so it is recognised and can be named) but is never
# matched as the concept's live term: the text should use a live one instead.
LIVE_TERM_STATUSES = ("", "preferred", "admitted", "standardized", "legal", "regulated")
RETIRED_TERM_STATUSES = ("deprecated", "superseded", "notRecommended", "obsolete")
TERM_STATUSES = LIVE_TERM_STATUSES + RETIRED_TERM_STATUSES


@dataclass(frozen=True)
class ContextRule:
    """When an ambiguous term counts as this concept.

    `before_name`: only when followed by a capitalised name ("U Nay Phone Lat", not "Plan U").
    `not_followed_by` / `not_preceded_by`: negative neighbour words ("PDF file", "a PDF version").
    """

    before_name: bool = False
    not_followed_by: tuple[str, ...] = ()
    not_preceded_by: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (self.before_name or self.not_followed_by or self.not_preceded_by)


@dataclass(frozen=True)
class Term:
    """An English term of a concept: its text, kind, case rule and context rule."""

    text: str
    kind: str = FULL
    case: str = CASE_AUTO
    context: ContextRule = field(default_factory=ContextRule)
    status: str = ""  # one of TERM_STATUSES
    part_of_speech: str = ""
    note: str = ""
    source: str = ""

    @property
    def retired(self) -> bool:
        return self.status in RETIRED_TERM_STATUSES

    @property
    def case_sensitive(self) -> bool:
        if self.case == CASE_AUTO:
            letters = [c for c in self.text if c.isalpha()]
            is_acronym = len(letters) > 1 and all(c.isupper() for c in letters)
            return is_acronym or self.context.before_name
        return self.case == CASE_EXACT


@dataclass(frozen=True)
class Rendering:
    """How the desk writes a concept in one target language, and its status."""

    lang: str
    text: str
    status: str = PROPOSED
    do_not_translate: bool = False  # keep the English as is
    honorific: bool = False  # attaches to the following name without a space (ဒေါ် + ဇင်မာအောင်)
    note: str = ""
    source: str = ""  # where the rendering was seen (required for shipped "approved" ones)
    part_of_speech: str = ""


@dataclass(frozen=True)
class Entry:
    """A concept: its English terms and its renderings per language."""

    id: str
    terms: tuple[Term, ...]
    renderings: tuple[Rendering, ...] = ()
    domain: str = ""  # subject field
    definition: str = ""  # in English
    note: str = ""
    sources: tuple[str, ...] = ()
    definitions: tuple[tuple[str, str], ...] = ()  # (language code, text) for languages other than English

    @property
    def preferred(self) -> str:
        return self.terms[0].text if self.terms else self.id

    def renderings_for(self, lang: str, *statuses: str) -> tuple[Rendering, ...]:
        return tuple(r for r in self.renderings if r.lang == lang and (not statuses or r.status in statuses))

    def approved(self, lang: str) -> Rendering | None:
        found = self.renderings_for(lang, APPROVED)
        return found[0] if found else None

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.lang for r in self.renderings))


def entry_id_for(term: str) -> str:
    """A readable, stable id from an English term: "People's Embrace" -> "peoples-embrace"."""
    ascii_text = unicodedata.normalize("NFKD", term).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower().replace("'", "").replace("’", "")).strip("-")
    return slug or "term"
