"""Merge an imported glossary into the project without silently overwriting approved work."""

from __future__ import annotations

import gc
from dataclasses import dataclass, field, replace

from workbench.app.glossary_workflow import Workflow
from workbench.errors import UserError
from workbench.glossary.model import APPROVED, PROPOSED, Entry, Rendering, Term
from workbench.lang.languages import target_language


@dataclass
class MergeReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    conflicts: list[str] = field(default_factory=list)
    not_imported: list[str] = field(default_factory=list)  # entry ids the file gave without an English term


def merge_glossary(workflow: Workflow, imported: list[Entry], origin: str) -> MergeReport:
    """Add new entries, terms and renderings; a different approved rendering becomes a proposal.

    A translator's import proposes everything; an editor's keeps the file's statuses
    except where they would replace an approved rendering. Everything is written in one
    transaction at the end, so a file applies whole or not at all.

    Which entry a file entry merges into: the glossary's entry of the same id when they share
    an English term; else a glossary entry (one there before this import, not yet merged with
    another entry of the file) that shares an English term; else none: it is new. Two concepts
    of one file that share a term are homonyms and stay two entries; importing the same file
    again finds each by its id and changes nothing. An entry without an English term is not
    imported (`MergeReport.not_imported`).
    """
    paused = gc.isenabled()
    gc.disable()  # tens of thousands of entries and no cycles: the cyclic collector only slows the merge
    try:
        return _merge(workflow, imported, origin)
    finally:
        if paused:
            gc.enable()


def _merge(workflow: Workflow, imported: list[Entry], origin: str) -> MergeReport:
    report = MergeReport()
    report.not_imported = [entry.id for entry in imported if not entry.terms]
    imported = _canonical_languages([entry for entry in imported if entry.terms], origin)
    _refuse_unexportable(imported, origin)
    is_editor = workflow.is_editor  # one role query, not one per entry
    entries, revisions = workflow.repository.entries_with_revisions()  # read once: imports can be large
    known = _Known(entries, imported)
    writes: dict[str, tuple[Entry, list[dict]]] = {}
    for entry in imported:
        existing = known.same_concept(entry, report)
        if existing is None:
            new = entry if is_editor else _all_proposed(entry)
            free = known.free_id(new.id)
            new = new if free == new.id else replace(new, id=free)
            known.put(new)
            writes[new.id] = (new, _events(origin, [(r, None) for r in new.renderings]))
            report.added.append(new.id)
            continue
        merged, changes = _merge_one(existing, entry, is_editor, report)
        if merged == existing:
            report.unchanged += 1
            continue
        known.put(merged)
        earlier = writes.get(merged.id, (None, []))[1]  # two file entries may merge into one
        writes[merged.id] = (merged, earlier + _events(origin, changes))
        report.updated.append(existing.id)
    # Each entry is written on the revision read above: one changed meanwhile is kept as it is.
    stale = workflow.repository.write_many(
        [(entry, events, revisions.get(entry_id, 0)) for entry_id, (entry, events) in writes.items()], workflow.actor)
    for entry_id in stale:
        report.added = [added for added in report.added if added != entry_id]
        report.updated = [updated for updated in report.updated if updated != entry_id]
        report.conflicts.append(f"{entry_id}: changed by someone else while the file was being imported; "
                                "kept as they left it (nothing of the file's applied to it): import again to merge")
    return report


def _refuse_unexportable(imported: list[Entry], origin: str) -> None:
    """An entry no format could write back (a control character in a term, a blank term) is refused
    at the door, whole file and all: once stored it would block every export."""
    from workbench.formats.glossary_io import unexportable

    problems = unexportable(imported)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise UserError(f"{origin}: entry {problems[0]}{more}; nothing was imported: fix the file and import it again")


def _canonical_languages(imported: list[Entry], origin: str) -> list[Entry]:
    """The entries with each rendering in the desk's code ("FR", "ug-CN" → "fr", "ug"), and a term or
    rendering repeated in an entry kept once.

    Refuses the whole file before anything is written if a rendering's language is wrong.
    """
    codes: dict[str, str] = {}  # a file holds a few languages and many renderings
    canonical = []
    for entry in imported:
        renderings = []
        for rendering in entry.renderings:
            code = codes.get(rendering.lang)
            if code is None:
                try:
                    code = codes[rendering.lang] = target_language(rendering.lang).code
                except UserError as error:
                    raise UserError(f"{origin}: entry {entry.id}, rendering {rendering.text!r}: {error}") from None
            renderings.append(rendering if code == rendering.lang else replace(rendering, lang=code))
        kept_renderings = _without_repeats(renderings, lambda rendering: (rendering.lang, rendering.text))
        kept_terms = _without_repeats(list(entry.terms), lambda term: term.text)
        if kept_renderings != entry.renderings or kept_terms != entry.terms:
            entry = replace(entry, terms=kept_terms, renderings=kept_renderings)
        canonical.append(entry)
    return canonical


def _without_repeats(items: list, key) -> tuple:
    """One rendering per (language, text), one term per text: "MY" and "my" rows of one file entry become one."""
    kept: dict = {}
    for item in items:
        kept.setdefault(key(item), item)
    return tuple(kept.values())


class _Known:
    """The glossary as the import changes it: by id, and the entries there before it by English term."""

    def __init__(self, entries: list[Entry], imported: list[Entry]):
        self.by_id: dict[str, Entry] = {entry.id: entry for entry in entries}
        self.by_term: dict[str, list[str]] = {}
        for entry in entries:
            for term in entry.terms:
                ids = self.by_term.setdefault(term.text.casefold(), [])
                if entry.id not in ids:
                    ids.append(entry.id)
        # Entries the file names by id (sharing a term) are taken first: no other file entry merges into them.
        self.claimed = {entry.id for entry in imported if entry.id in self.by_id and _share_a_term(self.by_id[entry.id], entry)}

    def put(self, entry: Entry) -> None:
        self.by_id[entry.id] = entry

    def same_concept(self, entry: Entry, report: MergeReport) -> Entry | None:
        """The existing entry for this concept: same id AND a shared English term, or a shared term
        with an entry that no other entry of the file has merged into."""
        by_id = self.by_id.get(entry.id)
        if by_id is not None:
            if _share_a_term(by_id, entry):
                return by_id
            report.conflicts.append(
                f"{entry.id}: the file's entry names {', '.join(t.text for t in entry.terms)!r}, the glossary's "
                f"names {', '.join(t.text for t in by_id.terms)!r}; imported as a separate entry")
        for term in entry.terms:
            for found in self.by_term.get(term.text.casefold(), ()):
                if found not in self.claimed:
                    self.claimed.add(found)
                    return self.by_id[found]
        return None

    def free_id(self, wanted: str) -> str:
        candidate, number = wanted, 2
        while candidate in self.by_id:
            candidate, number = f"{wanted}-{number}", number + 1
        return candidate


def _share_a_term(one: Entry, other: Entry) -> bool:
    return bool({t.text.casefold() for t in one.terms} & {t.text.casefold() for t in other.terms})


def _all_proposed(entry: Entry) -> Entry:
    return replace(entry, renderings=tuple(replace(r, status=PROPOSED) for r in entry.renderings))


def _merge_one(existing: Entry, incoming: Entry, is_editor: bool, report: MergeReport):
    terms = _merged_terms(existing.terms, incoming.terms)
    renderings = list(existing.renderings)
    changes: list[tuple[Rendering, str | None]] = []
    for rendering in incoming.renderings:
        wanted = rendering if is_editor else replace(rendering, status=PROPOSED)
        approved = [r.text for r in existing.renderings_for(rendering.lang, APPROVED)]
        if wanted.status == APPROVED and approved and wanted.text not in approved:
            report.conflicts.append(
                f"{existing.id} ({rendering.lang}): the file approves {wanted.text!r} but the glossary "
                f"approves {' / '.join(map(repr, approved))}; added the file's as proposed")
            wanted = replace(wanted, status=PROPOSED)
        same = next((i for i, r in enumerate(renderings) if r.lang == wanted.lang and r.text == wanted.text), None)
        if same is None:
            renderings.append(wanted)
            changes.append((wanted, None))
        elif renderings[same].status == PROPOSED and wanted.status != PROPOSED:
            changes.append((wanted, renderings[same].status))
            renderings[same] = replace(renderings[same], status=wanted.status)
    filled = _filled(existing, incoming)
    return replace(existing, terms=terms, renderings=tuple(renderings), **filled), changes


def _merged_terms(known: tuple[Term, ...], incoming: tuple[Term, ...]) -> tuple[Term, ...]:
    """The glossary's terms (what they leave empty filled from the file's same term), then the file's new ones."""
    by_text = {t.text.casefold(): t for t in incoming}
    terms = []
    for term in known:
        other = by_text.pop(term.text.casefold(), None)
        empty = {} if other is None else {name: getattr(other, name) for name in _TERM_FIELDS
                                          if not getattr(term, name) and getattr(other, name)}
        terms.append(replace(term, **empty) if empty else term)
    return tuple(terms) + tuple(by_text.values())


_TERM_FIELDS = ("status", "part_of_speech", "note", "source")


def _filled(existing: Entry, incoming: Entry) -> dict:
    """What the glossary's entry leaves empty and the file gives: domain, definitions, note, sources
    (never overwritten: the glossary's own text wins; a change needs `glossary edit`)."""
    filled: dict = {name: getattr(incoming, name) for name in ("domain", "definition", "note")
                    if not getattr(existing, name) and getattr(incoming, name)}
    sources = tuple(source for source in dict.fromkeys(incoming.sources) if source not in existing.sources)
    if sources:
        filled["sources"] = existing.sources + sources
    languages = {lang for lang, _ in existing.definitions}
    definitions = existing.definitions + tuple(d for d in incoming.definitions if d[0] not in languages)
    if definitions != existing.definitions:
        filled["definitions"] = definitions
    return filled


def _events(origin: str, changes) -> list[dict]:
    events = [{"action": "import", "reason": f"imported from {origin}"}]
    events += [
        {"action": "import", "lang": r.lang, "rendering": r.text, "old_status": old, "new_status": r.status,
         "reason": f"imported from {origin}"}
        for r, old in changes
    ]
    return events
