"""Glossary hits of one segment for a target language: what the translator must use."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.glossary.model import FORBIDDEN, PROPOSED, Entry


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

    @property
    def insertable(self) -> str | None:
        """What one key inserts: the approved rendering, or the English for do-not-translate terms."""
        if self.approved:
            return self.approved[0]
        return self.source_text if self.do_not_translate else None


class GlossaryIndex:
    """A matcher plus entries, rebuilt when the glossary version moves."""

    def __init__(self, entries: list[Entry], version: int):
        from workbench.glossary.matcher import GlossaryMatcher

        self.version = version
        self.entries = {entry.id: entry for entry in entries}
        self.matcher = GlossaryMatcher(entries)

    def hits(self, text: str, lang: str) -> list[Hit]:
        return [self._hit(match, lang) for match in self.matcher.find(text)]

    def _hit(self, match, lang: str) -> Hit:
        entry = self.entries[match.entry_id]
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


def describe(hit: Hit) -> str:
    """One line for the segment's glossary panel."""
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
