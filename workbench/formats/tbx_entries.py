"""What one TBX level says, mapped to terms, renderings and entries (the reading half of the mapping
in `workbench.formats.tbx`; `tbx_read` walks the elements)."""

from __future__ import annotations

import re
from dataclasses import MISSING, fields, replace
from typing import Any

from workbench.errors import UserError
from workbench.formats.tbx_losses import Losses
from workbench.glossary.model import (
    ABBREVIATION,
    APPROVED,
    CASE_AUTO,
    CASE_RULES,
    DEPRECATED,
    FORBIDDEN,
    FULL,
    PROPOSED,
    STATUSES,
    TERM_STATUSES,
    VARIANT,
    ContextRule,
    Entry,
    Rendering,
    Term,
    entry_id_for,
)

_RENDERING_STATUS = {
    "preferred": APPROVED, "standardized": APPROVED, "legal": APPROVED, "regulated": APPROVED, "admitted": PROPOSED,
    "deprecated": DEPRECATED, "superseded": DEPRECATED, "notrecommended": DEPRECATED, "obsolete": DEPRECATED,
    "forbidden": FORBIDDEN,
}
_TERM_STATUS = {status.lower(): status for status in TERM_STATUSES if status} | {"forbidden": "deprecated"}
_ABBREVIATIONS = {"abbreviation", "acronym", "shortform", "initialism", "clippedterm"}
_FULL_FORMS = {"", "fullform", "phrase"}


class Level:
    """What one concept, language section or term section holds (groups included), before mapping."""

    __slots__ = ("element", "term", "term_element", "term_type", "status", "status_element", "part_of_speech",
                 "notes", "marks", "sources", "definitions", "domains", "subs")

    def __init__(self, element: Any):
        self.element = element
        self.term = ""
        self.term_element: Any = None  # None: the level has no <term>
        self.term_type = self.status = self.part_of_speech = ""
        self.status_element: Any = None
        self.notes: list[str] = []
        self.marks: list[tuple[str, str]] = []
        self.sources: list[str] = []
        self.definitions: list[str] = []
        self.domains: list[str] = []
        self.subs: list[Any] = []  # the elements of the level below

    def mark(self, key: str) -> str | None:
        if not self.marks:
            return None
        return next((value for name, value in self.marks if name == key), None)


class Parts:
    """One concept's entry as it is put together; a term repeated in the concept becomes one."""

    __slots__ = ("terms", "renderings", "definitions", "domains", "sources", "notes")

    def __init__(self) -> None:
        self.terms: dict[str, Term] = {}
        self.renderings: dict[tuple[str, str], Rendering] = {}
        self.definitions: dict[str, list[str]] = {}  # language code ("en" too) -> texts
        self.domains: list[str] = []
        self.sources: list[str] = []
        self.notes: list[str] = []

    def define(self, lang: str, texts: list[str]) -> None:
        if texts:
            self.definitions.setdefault(lang, []).extend(texts)

    def add(self, kept: dict, key: Any, value: Any, losses: Losses, at: Any) -> None:
        if key in kept:
            losses.add("repeated term in one concept (merged into one)", at, repr(value.text))
            value = richer(kept[key], value)
        kept[key] = value

    def entry(self, entry_id: str) -> Entry:
        definitions = {lang: texts[0] if len(texts) == 1 else "\n".join(dict.fromkeys(texts))
                       for lang, texts in self.definitions.items()} if self.definitions else {}
        domains = self.domains
        domain = (domains[0] if len(domains) == 1 else "; ".join(dict.fromkeys(d for d in domains if d))) if domains else ""
        sources = tuple(s for s in map(_one_line, self.sources) if s) if self.sources else ()
        return Entry(entry_id, tuple(self.terms.values()), tuple(self.renderings.values()), domain,
                     definitions.pop("en", ""), "\n".join(self.notes), sources, tuple(definitions.items()))


def _one_line(source: str) -> str:
    return re.sub(r"\r\n|\r|\n", " ", source).strip() if "\n" in source or "\r" in source else source.strip()


KEYS: dict[str, str] = {}  # memo of key_of


def key_of(name: str) -> str:
    """"Subject Field", "subject_field", "subjectField" -> "subjectfield" (memoised: few distinct names)."""
    found = KEYS.get(name)
    if found is None:
        found = KEYS[name] = re.sub(r"[\s_-]+", "", name).lower()
    return found


def _status(level: Level, table: dict[str, str], what: str, losses: Losses) -> str | None:
    if not level.status:
        return None
    key = key_of(level.status).removesuffix("admnsts").removesuffix("term")
    if key not in table:
        losses.add(f"unknown administrative status {level.status!r} (the {what} kept without it)", level.status_element)
        return None
    return table[key]


def term_of(level: Level, where: str, losses: Losses) -> Term:
    term_type = key_of(level.term_type)
    kind = ABBREVIATION if term_type in _ABBREVIATIONS else FULL if term_type in _FULL_FORMS else VARIANT
    case = level.mark("case") or CASE_AUTO
    if case not in CASE_RULES:
        raise UserError(f"{where}: term {level.term!r} has workbench:case={case!r}; use one of {', '.join(CASE_RULES)}")
    context = ContextRule(
        before_name=level.mark("before-name") is not None,
        not_followed_by=tuple(value for key, value in level.marks if key == "not-followed-by"),
        not_preceded_by=tuple(value for key, value in level.marks if key == "not-preceded-by"),
    ) if level.marks else ContextRule()
    return Term(level.term, kind, case, context, _status(level, _TERM_STATUS, "term", losses) or "",
                level.part_of_speech, "\n".join(level.notes), "; ".join(level.sources))


def rendering_of(lang: str, level: Level, where: str, losses: Losses, lang_notes: list[str]) -> Rendering:
    status = level.mark("status")
    if status is None:
        status = _status(level, _RENDERING_STATUS, "rendering", losses) or PROPOSED
    elif status not in STATUSES:
        raise UserError(f"{where}: rendering {level.term!r} has workbench:status={status!r}; "
                        f"use one of {', '.join(STATUSES)}")
    return Rendering(
        lang=lang, text=level.term, status=status,
        do_not_translate=level.mark("do-not-translate") is not None,
        honorific=level.mark("honorific") is not None,
        note="\n".join(level.notes + lang_notes), source="; ".join(level.sources),
        part_of_speech=level.part_of_speech,
    )


def richer(first: Any, second: Any) -> Any:
    """One term (or rendering) from two of the same text: a field the first leaves at its default is
    taken from the second; notes and sources are joined."""
    changes = {}
    for item in fields(first):
        mine, theirs = getattr(first, item.name), getattr(second, item.name)
        if mine == theirs or not theirs:
            continue
        if item.name in _JOINED:
            changes[item.name] = _JOINED[item.name].join(dict.fromkeys(part for part in (mine, theirs) if part))
        elif mine == _default(item):
            changes[item.name] = theirs
    return replace(first, **changes)


_JOINED = {"note": "\n", "source": "; "}


def _default(item: Any) -> Any:
    return item.default_factory() if item.default is MISSING and item.default_factory is not MISSING else item.default


def with_ids(concepts: list[tuple[str | None, Parts]], origin: str) -> list[Entry]:
    """The entries, with their ids: duplicates refused, missing ones derived from the first term."""
    used: set[str] = set()
    for xml_id, _parts in concepts:
        if xml_id in used:
            raise UserError(f"{origin}: two concepts have the id {xml_id!r}; give each concept its own id")
        used.update([xml_id] if xml_id is not None else [])
    entries = []
    for xml_id, parts in concepts:
        if xml_id is None:
            xml_id = unique(entry_id_for(next(iter(parts.terms), "")), used)
            used.add(xml_id)
        entries.append(parts.entry(xml_id))
    return entries


def unique(base: str, used: set[str]) -> str:
    candidate, number = base, 1
    while candidate in used:
        number += 1
        candidate = f"{base}-{number}"
    return candidate
