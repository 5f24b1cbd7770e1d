"""The approval workflow: translators propose, editors decide; every step is kept.

All rules about who may do what are here, on top of GlossaryRepository, so the
CLI and the TUI behave the same.
"""

from __future__ import annotations

from dataclasses import replace

from workbench.app.identity import ENTERED_BY, login_in
from workbench.errors import UserError
from workbench.glossary.model import (
    APPROVED,
    DEPRECATED,
    FORBIDDEN,
    PROPOSED,
    REJECTED,
    Entry,
    Rendering,
    Term,
    entry_id_for,
)
from workbench.lang.languages import target_language
from workbench.storage.glossary_repository import GlossaryRepository, StaleRevision

TRANSLATOR, EDITOR = "translator", "editor"
ROLES = (TRANSLATOR, EDITOR)
DECISIONS = {"approve": APPROVED, "reject": REJECTED, "forbid": FORBIDDEN, "deprecate": DEPRECATED}


class NotAllowed(UserError):
    """The user's role does not allow this; nothing was changed."""


class ChangedMeanwhile(UserError):
    """Someone else changed the entry since it was read; nothing was changed."""


class Workflow:
    """Glossary actions of one login, recorded under the name it acts as (`actor`)."""

    def __init__(self, repository: GlossaryRepository, actor: str, login: str | None = None):
        self.repository = repository
        self.actor = actor  # recorded: the login, or "NAME, entered by LOGIN" (workbench.app.identity)
        self.login = login or login_in(actor)  # whose role counts, whatever name is recorded

    @property
    def role(self) -> str:
        return self.repository.role(self.login) or TRANSLATOR

    @property
    def is_editor(self) -> bool:
        return self.role == EDITOR

    # -- roles -------------------------------------------------------------
    def set_role(self, name: str, role: str) -> None:
        """Editors manage roles; a project with no editor yet lets its first one be named."""
        if role not in ROLES:
            raise UserError(f"unknown role {role!r}; use translator or editor")
        if ENTERED_BY in name:
            raise UserError(f"{name!r} is not a login name; give the login of a desk member")
        has_editor = any(r == EDITOR for _n, r in self.repository.users())
        if has_editor and not self.is_editor:
            raise NotAllowed(f"{self.login} is a {self.role}; only an editor can change roles (nothing was changed)")
        self.repository.set_role(name, role, self.actor)

    # -- proposing -----------------------------------------------------------
    def propose(self, english: str, lang: str | None = None, rendering: str | None = None, note: str = "") -> Entry:
        """Propose a new term, or a rendering for an existing term (found by its English text)."""
        english = " ".join(english.split())
        if not english:
            raise UserError("the English term is empty; give the term to propose")
        if (lang is None) != (rendering is None):
            raise UserError("give both --lang and --rendering, or neither")
        existing = self.find_by_term(english)
        if existing is not None and rendering is not None:
            return self._propose_rendering(existing.id, lang, rendering, note)
        entry = existing or Entry(id=self._new_id(english), terms=(Term(english),))
        events = [] if existing else [{"action": "propose-term", "new_status": PROPOSED, "reason": note}]
        if lang is not None and rendering is not None:
            entry, event = _with_proposal(entry, target_language(lang).code, " ".join(rendering.split()), note)
            events.append(event)
        if not events:
            raise UserError(f"{english!r} is already in the glossary as entry {entry.id}; propose a rendering with --lang and --rendering")
        self.repository.write(entry, self.actor, events)
        return self._entry_or_fail(entry.id)

    def _propose_rendering(self, entry_id: str, lang: str | None, rendering: str, note: str) -> Entry:
        """A rendering for an existing entry, written on the revision read (re-read if it moved)."""
        code = target_language(lang or "").code

        def proposed(entry: Entry, _revision: int) -> tuple[Entry, list[dict]]:
            updated, event = _with_proposal(entry, code, " ".join(rendering.split()), note)
            return updated, [event]

        self._modify(entry_id, proposed, None)
        return self._entry_or_fail(entry_id)

    def _modify(self, entry_id: str, change, expected_revision: int | None) -> None:
        """Read, change and write the entry in one locked transaction: nobody's decision is lost."""
        try:
            if not self.repository.modify(entry_id, change, self.actor, expected_revision):
                raise UserError(f"no glossary entry {entry_id!r}; see `workbench glossary list`")
        except StaleRevision:
            raise ChangedMeanwhile(self.changed_message(entry_id)) from None

    def find_by_term(self, english: str) -> Entry | None:
        wanted = english.casefold()
        for entry in self.repository.entries():
            if any(term.text.casefold() == wanted for term in entry.terms):
                return entry
        return None

    def _new_id(self, english: str) -> str:
        base = entry_id_for(english)
        candidate, number = base, 2
        while self.repository.revision(candidate) is not None:
            candidate, number = f"{base}-{number}", number + 1
        return candidate

    # -- deciding ------------------------------------------------------------
    def decide(self, decision: str, entry_id: str, lang: str, rendering: str,
               reason: str = "", expected_revision: int | None = None) -> Entry:
        """approve / reject / forbid / deprecate one rendering (editors only)."""
        new_status = DECISIONS.get(decision)
        if new_status is None:
            raise UserError(f"unknown decision {decision!r}; use one of {', '.join(DECISIONS)}")
        if not self.is_editor:
            raise NotAllowed(f"{self.login} is a translator; only an editor can {decision} renderings (nothing was changed)")
        if decision == "reject" and not reason.strip():
            raise UserError("a rejection needs a reason; add --reason \"...\"")
        text = " ".join(rendering.split())
        if not text:
            raise UserError("the rendering is empty; give the rendering's text with --rendering")
        lang = target_language(lang).code  # "MY" and "my" are one language: never two renderings

        def decided(entry: Entry, current: int) -> tuple[Entry, list[dict]]:
            if expected_revision is not None and not 1 <= expected_revision <= current:
                raise UserError(f"entry {entry_id} has no revision {expected_revision} (it is at revision {current})")
            known = any(r.lang == lang and r.text == text for r in entry.renderings)
            if not known and decision in ("reject", "deprecate"):
                raise UserError(f"entry {entry_id} has no {lang} rendering {text!r} to {decision}; "
                                f"see `workbench glossary show {entry_id}`")
            updated, old_status = _with_status(entry, lang, text, new_status)
            return updated, [{"action": decision, "lang": lang, "rendering": rendering, "old_status": old_status,
                              "new_status": new_status, "reason": reason}]

        # Based on the revision the editor named, else on the one read under the write lock.
        self._modify(entry_id, decided, expected_revision)
        return self._entry_or_fail(entry_id)

    def entry_and_revision(self, entry_id: str) -> tuple[Entry, int]:
        found = self.repository.entry_and_revision(entry_id)
        if found is None:
            raise UserError(f"no glossary entry {entry_id!r}; see `workbench glossary list`")
        return found

    def _entry_or_fail(self, entry_id: str) -> Entry:
        entry = self.repository.entry(entry_id)
        if entry is None:
            raise UserError(f"no glossary entry {entry_id!r}; see `workbench glossary list`")
        return entry

    def changed_message(self, entry_id: str) -> str:
        last = self.repository.history(entry_id)[-1]
        return (f"entry {entry_id} changed meanwhile: {last.actor} did {last.action} "
                f"{last.rendering or ''} ({last.lang or '-'}) at {last.at:%Y-%m-%d %H:%M}; "
                "nothing was changed: review it again and decide")


def _with_proposal(entry: Entry, lang: str, text: str, note: str) -> tuple[Entry, dict]:
    if not text:
        raise UserError("the rendering is empty; give the text to propose")
    if any(r.lang == lang and r.text == text for r in entry.renderings):
        current = next(r for r in entry.renderings if r.lang == lang and r.text == text)
        raise UserError(f"{text!r} is already a {lang} rendering of {entry.id} ({current.status})")
    added = Rendering(lang=lang, text=text, status=PROPOSED, note=note)
    event = {"action": "propose", "lang": lang, "rendering": text, "new_status": PROPOSED, "reason": note}
    return replace(entry, renderings=entry.renderings + (added,)), event


def _with_status(entry: Entry, lang: str, text: str, status: str) -> tuple[Entry, str | None]:
    """The entry with one rendering's status changed; an editor may approve or forbid a new one directly."""
    for index, rendering in enumerate(entry.renderings):
        if rendering.lang == lang and rendering.text == text:
            changed = entry.renderings[:index] + (replace(rendering, status=status),) + entry.renderings[index + 1:]
            return replace(entry, renderings=changed), rendering.status
    return replace(entry, renderings=entry.renderings + (Rendering(lang, text, status),)), None
