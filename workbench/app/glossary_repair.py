"""Editors repair the glossary: edit an entry's terms, renderings and texts, or remove it.

Every change is written on the revision the editor read (or named with --revision) and is
recorded in the entry's history; a removed entry keeps its history, ending in "remove".
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from workbench.app.glossary_workflow import ChangedMeanwhile, NotAllowed, Workflow
from workbench.errors import UserError
from workbench.glossary.model import Entry
from workbench.lang.languages import target_language
from workbench.safe_text import refuse_unsafe
from workbench.storage.glossary_repository import StaleRevision, remove_entry


@dataclass(frozen=True)
class EntryEdit:
    """What to change; everything left empty stays as it is."""

    replace_terms: dict[str, str] = field(default_factory=dict)  # old English text -> new
    remove_terms: tuple[str, ...] = ()
    remove_renderings: tuple[tuple[str, str], ...] = ()  # (language, text)
    definition: str | None = None
    note: str | None = None
    domain: str | None = None  # the subject field (the TUI's edit dialog changes it too)


def check_plain_text(text: str, what: str) -> str:
    """Glossary text on one line without control characters (they break every export and terminal)."""
    cleaned = " ".join(refuse_unsafe(text, f"the {what}").split())
    if not cleaned:
        raise UserError(f"the {what} is empty; give its text")
    return cleaned


def edit_entry(workflow: Workflow, entry_id: str, edit: EntryEdit, expected_revision: int | None = None) -> Entry:
    _editors_only(workflow, "edit entries")
    entry, current = workflow.entry_and_revision(entry_id)
    if expected_revision is not None and expected_revision != current:
        raise ChangedMeanwhile(workflow.changed_message(entry_id))
    updated, changes = _edited(entry, edit)
    if updated == entry:
        raise UserError(f"nothing to change in entry {entry_id}; see `workbench glossary show {entry_id}`")
    events = [{"action": "edit", "reason": change} for change in changes]
    try:
        workflow.repository.write(updated, workflow.actor, events, current)
    except StaleRevision:
        raise ChangedMeanwhile(workflow.changed_message(entry_id)) from None
    return workflow._entry_or_fail(entry_id)


def remove(workflow: Workflow, entry_id: str, reason: str, expected_revision: int | None = None) -> None:
    _editors_only(workflow, "remove entries")
    if not reason.strip():
        raise UserError('removing an entry needs a reason; add --reason "..."')
    refuse_unsafe(reason, "the reason")
    _entry, current = workflow.entry_and_revision(entry_id)
    try:
        remove_entry(workflow.repository.engine, entry_id, workflow.actor, reason, expected_revision or current)
    except StaleRevision:
        raise ChangedMeanwhile(workflow.changed_message(entry_id)) from None


def _editors_only(workflow: Workflow, what: str) -> None:
    if not workflow.is_editor:
        raise NotAllowed(f"{workflow.actor} is a translator; only an editor can {what} (nothing was changed)")


def _edited(entry: Entry, edit: EntryEdit) -> tuple[Entry, list[str]]:
    changes: list[str] = []
    terms = list(entry.terms)
    for old, new in edit.replace_terms.items():
        index = _term_index(entry, old)
        terms[index] = replace(terms[index], text=check_plain_text(new, "English term"))
        changes.append(f"term {old!r} -> {terms[index].text!r}")
    for old in edit.remove_terms:
        terms.pop(next(i for i, term in enumerate(terms) if term.text == entry.terms[_term_index(entry, old)].text))
        changes.append(f"term {old!r} removed")
    if not terms:
        raise UserError(f"entry {entry.id} would have no English term left; remove the entry instead")
    renderings = list(entry.renderings)
    for lang, text in edit.remove_renderings:
        code = target_language(lang).code
        kept = [r for r in renderings if not (r.lang == code and r.text == text)]
        if len(kept) == len(renderings):
            raise UserError(f"entry {entry.id} has no {code} rendering {text!r}; see `workbench glossary show {entry.id}`")
        renderings = kept
        changes.append(f"{code} rendering {text!r} removed")
    updated = replace(entry, terms=tuple(terms), renderings=tuple(renderings))
    for name in ("domain", "definition", "note"):
        value = getattr(edit, name)
        if value is not None and value != getattr(entry, name):
            refuse_unsafe(value, f"the {name}")
            updated = replace(updated, **{name: value})
            changes.append(f"{name} changed")
    return updated, changes


def _term_index(entry: Entry, text: str) -> int:
    for index, term in enumerate(entry.terms):
        if term.text == text:
            return index
    raise UserError(f"entry {entry.id} has no English term {text!r}; see `workbench glossary show {entry.id}`")
