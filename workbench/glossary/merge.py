"""Merge an imported glossary into the project without silently overwriting approved work."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from workbench.glossary.model import APPROVED, PROPOSED, Entry, Rendering
from workbench.glossary.workflow import Workflow


@dataclass
class MergeReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    conflicts: list[str] = field(default_factory=list)


def merge_glossary(workflow: Workflow, imported: list[Entry], origin: str) -> MergeReport:
    """Add new entries, terms and renderings; a different approved rendering becomes a proposal.

    A translator's import proposes everything; an editor's keeps the file's statuses
    except where they would replace an approved rendering.
    """
    report = MergeReport()
    for entry in imported:
        existing = workflow.repository.entry(entry.id) or _find_by_terms(workflow, entry)
        if existing is None:
            new = entry if workflow.is_editor else _all_proposed(entry)
            _write(workflow, new, origin, [(r, None) for r in new.renderings])
            report.added.append(new.id)
            continue
        merged, changes = _merge_one(existing, entry, workflow.is_editor, report)
        if merged == existing:
            report.unchanged += 1
            continue
        _write(workflow, merged, origin, changes)
        report.updated.append(existing.id)
    return report


def _find_by_terms(workflow: Workflow, entry: Entry) -> Entry | None:
    for term in entry.terms:
        found = workflow.find_by_term(term.text)
        if found is not None:
            return found
    return None


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


def _write(workflow: Workflow, entry: Entry, origin: str, changes) -> None:
    events = [{"action": "import", "reason": f"imported from {origin}"}]
    events += [
        {"action": "import", "lang": r.lang, "rendering": r.text, "old_status": old, "new_status": r.status,
         "reason": f"imported from {origin}"}
        for r, old in changes
    ]
    workflow.repository.write(entry, workflow.actor, events)
