"""Glossary hits of one segment for a target language: what the translator must use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench.glossary.model import FORBIDDEN, PROPOSED, Entry

if TYPE_CHECKING:
    from workbench.glossary.enforce import Protected


@dataclass(frozen=True)
class Hit:
    entry_id: str
    source_text: str  # as it appears in the segment
    start: int
    end: int
    approved: tuple[str, ...]  # approved renderings for the language, preferred first
    proposals: tuple[str, ...]
    forbidden: tuple[str, ...]
    do_not_translate: bool
    # A title before a name in this language (a rendering flagged `honorific`, as ဦး for "U"):
    # its renderings count only before a name and attach to it (`workbench.myanmar.honorifics`).
    honorific: bool = False
    # A retired English term of the concept ("galactic cluster", superseded): nothing is enforced
    # (no approved, proposed or forbidden renderings); the panel says which status and what to use.
    retired: str = ""  # the term's status, "" for a live term
    use_instead: str = ""  # the concept's first live term

    @property
    def insertable(self) -> str | None:
        """What one key inserts: the approved rendering, or the English for do-not-translate terms."""
        if self.approved:
            return self.approved[0]
        return self.source_text if self.do_not_translate else None


class GlossaryIndex:
    """A matcher plus entries for one glossary version (rebuilt when the version moves).

    Each segment's hits, and its protected MT input, are computed once per version and
    language and then shared by enforcement, the hits panel and QA: an index never changes,
    so what it computed stays true until the workspace builds a new one.
    """

    _MEMO_LIMIT = 100_000  # segment texts remembered per index; past that the memo starts again

    def __init__(self, entries: list[Entry], version: int):
        from workbench.glossary.matcher import GlossaryMatcher

        self.version = version
        self.entries = {entry.id: entry for entry in entries}
        self.matcher = GlossaryMatcher(entries)
        self._hits: dict[tuple[str, str], tuple[Hit, ...]] = {}
        self._protected: dict[tuple[str, str], Protected] = {}

    def hits(self, text: str, lang: str) -> list[Hit]:
        key = (text, lang)
        found = self._hits.get(key)
        if found is None:
            found = tuple(self._hit(match, lang) for match in self.matcher.find(text))
            self._remember(self._hits, key, found)
        return list(found)

    def protected(self, text: str, lang: str) -> Protected:
        """The MT input for a segment: approved terms replaced by placeholders (workbench.glossary.enforce)."""
        from workbench.glossary.code_hits import with_code_hits
        from workbench.glossary.enforce import protect

        key = (text, lang)
        found = self._protected.get(key)
        if found is None:  # inline codes (from another tool's file) travel as placeholders too
            found = protect(text, with_code_hits(text, self.hits(text, lang)), lang, self.entries)
            self._remember(self._protected, key, found)
        return found

    def _remember(self, memo: dict, key: tuple[str, str], value: object) -> None:
        if len(memo) >= self._MEMO_LIMIT:
            memo.clear()
        memo[key] = value

    def _hit(self, match, lang: str) -> Hit:
        entry = self.entries[match.entry_id]
        if match.retired:
            return Hit(entry.id, match.text, match.start, match.end, (), (), (), False,
                       retired=match.status, use_instead=live_term(entry))
        renderings = entry.renderings_for(lang)
        approved = tuple(r.text for r in renderings if r.status == "approved")
        return Hit(
            entry_id=entry.id,
            source_text=match.text,
            start=match.start,
            end=match.end,
            approved=approved,
            proposals=tuple(r.text for r in renderings if r.status == PROPOSED),
            forbidden=tuple(r.text for r in renderings if r.status == FORBIDDEN),
            do_not_translate=any(r.do_not_translate and r.status == "approved" for r in renderings),
            honorific=any(r.honorific for r in renderings),
        )


def live_term(entry: Entry) -> str:
    """The term to write instead of a retired one: the concept's first live term ("" if none)."""
    return next((term.text for term in entry.terms if not term.retired), "")


def retired_notice(text: str, status: str, entry: Entry) -> str:
    """"galactic cluster: superseded term; use 'galaxy cluster'"."""
    return _retired_line(text, status, live_term(entry))


def _retired_line(text: str, status: str, instead: str) -> str:
    return f"{text}: {status} term; " + (f"use '{instead}'" if instead else "the glossary has no live term for it")


def describe(hit: Hit) -> str:
    """One line for the segment's glossary panel."""
    if hit.retired:
        return _retired_line(hit.source_text, hit.retired, hit.use_instead)
    if hit.approved:
        line = f"{hit.source_text} → {' / '.join(hit.approved)}"
    elif hit.do_not_translate:
        line = f"{hit.source_text} → keep as is"
    elif hit.proposals:
        line = f"{hit.source_text} → no approved rendering (proposed: {' / '.join(hit.proposals)})"
    else:
        line = f"{hit.source_text} → no approved rendering"
    if hit.forbidden:
        line += f"  ✗ never: {' / '.join(hit.forbidden)}"
    return line
