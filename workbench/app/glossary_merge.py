"""Merge an imported glossary into the project without silently overwriting approved work."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from workbench.app.glossary_workflow import Workflow
from workbench.errors import UserError
from workbench.glossary.model import APPROVED, PROPOSED, Entry, Rendering
from workbench.lang.languages import target_language


@dataclass
class MergeReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    conflicts: list[str] = field(default_factory=list)


def merge_glossary(workflow: Workflow, imported: list[Entry], origin: str) -> MergeReport:
    """Add new entries, terms and renderings; a different approved rendering becomes a proposal.

    A translator's import proposes everything; an editor's keeps the file's statuses
    except where they would replace an approved rendering. Everything is written in one
    transaction at the end, so a file applies whole or not at all.
    """
    imported = _canonical_languages(imported, origin)
    _refuse_unexportable(imported, origin)
    report = MergeReport()
    is_editor = workflow.is_editor  # one role query, not one per entry
    entries, revisions = workflow.repository.entries_with_revisions()  # read once: imports can be large
    known = _Known(entries)
    writes: dict[str, tuple[Entry, list[dict]]] = {}
    for entry in imported:
        existing = known.same_concept(entry, report)
        if existing is None:
            new = entry if is_editor else _all_proposed(entry)
            new = replace(new, id=known.free_id(new.id))
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
    """The entries with each rendering in the desk's code ("FR", "ug-CN" → "fr", "ug").

    Refuses the whole file before anything is written if a rendering's language is wrong.
    """
    canonical = []
    for entry in imported:
        renderings = []
        for rendering in entry.renderings:
            try:
                code = target_language(rendering.lang).code
            except UserError as error:
                raise UserError(f"{origin}: entry {entry.id}, rendering {rendering.text!r}: {error}") from None
            renderings.append(replace(rendering, lang=code))
        canonical.append(replace(entry, renderings=_without_repeats(renderings)))
    return canonical


def _without_repeats(renderings: list[Rendering]) -> tuple[Rendering, ...]:
    """One rendering per (language, text): "MY" and "my" rows of one file entry become one."""
    kept: dict[tuple[str, str], Rendering] = {}
    for rendering in renderings:
        kept.setdefault((rendering.lang, rendering.text), rendering)
    return tuple(kept.values())


class _Known:
    """The glossary as the import changes it, by id and by English term."""

    def __init__(self, entries: list[Entry]):
        self.by_id: dict[str, Entry] = {}
        self.by_term: dict[str, str] = {}
        for entry in entries:
            self.put(entry)

    def put(self, entry: Entry) -> None:
        self.by_id[entry.id] = entry
        for term in entry.terms:
            self.by_term.setdefault(term.text.casefold(), entry.id)

    def same_concept(self, entry: Entry, report: MergeReport) -> Entry | None:
        """The existing entry for this concept: same id AND a shared English term, or a shared term."""
        by_id = self.by_id.get(entry.id)
        if by_id is not None:
            if _share_a_term(by_id, entry):
                return by_id
            report.conflicts.append(
                f"{entry.id}: the file's entry names {', '.join(t.text for t in entry.terms)!r}, the glossary's "
                f"names {', '.join(t.text for t in by_id.terms)!r}; imported as a separate entry")
        for term in entry.terms:
            found = self.by_term.get(term.text.casefold())
            if found is not None:
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
    known_terms = {t.text.casefold() for t in existing.terms}
    terms = existing.terms + tuple(t for t in incoming.terms if t.text.casefold() not in known_terms)
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
    return replace(existing, terms=terms, renderings=tuple(renderings)), changes


def _events(origin: str, changes) -> list[dict]:
    events = [{"action": "import", "reason": f"imported from {origin}"}]
    events += [
        {"action": "import", "lang": r.lang, "rendering": r.text, "old_status": old, "new_status": r.status,
         "reason": f"imported from {origin}"}
        for r, old in changes
    ]
    return events
