"""The curated glossary on disk: one TOML file per concept entry, reviewed like code.

`glossary/entries/<entry id>.toml` holds one entry. Files are written deterministically
(fixed key order, one `[[terms]]` / `[[renderings]]` table each, defaults left out) so that a
change to the glossary is a small, readable diff. Reading validates everything and reports
the first problem as one `UserError` line naming the file and the field.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NoReturn

import tomli_w

from workbench.errors import UserError
from workbench.files import write_atomically
from workbench.glossary.model import (
    APPROVED,
    CASE_AUTO,
    CASE_RULES,
    FULL,
    PROPOSED,
    STATUSES,
    TERM_KINDS,
    ContextRule,
    Entry,
    Rendering,
    Term,
)
from workbench.lang.languages import language

SUFFIX = ".toml"

# Field order in the files; anything else is refused as a typo.
ENTRY_KEYS = ("id", "domain", "definition", "note", "sources", "terms", "renderings")
TERM_KEYS = ("text", "kind", "case", "before_name", "not_followed_by", "not_preceded_by")
RENDERING_KEYS = ("lang", "text", "status", "do_not_translate", "honorific", "note", "source")

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_ALWAYS = object()  # a "default" no value equals: the field is always written


# ---------------------------------------------------------------- writing

def entry_to_toml(entry: Entry) -> str:
    """The file text of one entry: top-level fields, then each term, then each rendering."""
    chunks = [tomli_w.dumps(_entry_table(entry))]
    chunks += ["[[terms]]\n" + tomli_w.dumps(_term_table(term)) for term in entry.terms]
    chunks += ["[[renderings]]\n" + tomli_w.dumps(_rendering_table(r)) for r in entry.renderings]
    return "\n".join(chunks)


def _compact(fields: Iterable[tuple[str, Any, Any]]) -> dict[str, Any]:
    """Keep the fields whose value differs from its default, tuples as TOML arrays."""
    return {key: list(value) if isinstance(value, tuple) else value
            for key, value, default in fields if value != default}


def _entry_table(entry: Entry) -> dict[str, Any]:
    return _compact([
        ("id", entry.id, _ALWAYS), ("domain", entry.domain, ""), ("definition", entry.definition, ""),
        ("note", entry.note, ""), ("sources", entry.sources, ()),
    ])


def _term_table(term: Term) -> dict[str, Any]:
    context = term.context
    return _compact([
        ("text", term.text, _ALWAYS), ("kind", term.kind, FULL), ("case", term.case, CASE_AUTO),
        ("before_name", context.before_name, False),
        ("not_followed_by", context.not_followed_by, ()), ("not_preceded_by", context.not_preceded_by, ()),
    ])


def _rendering_table(rendering: Rendering) -> dict[str, Any]:
    r = rendering
    return _compact([
        ("lang", r.lang, _ALWAYS), ("text", r.text, _ALWAYS), ("status", r.status, _ALWAYS),
        ("do_not_translate", r.do_not_translate, False), ("honorific", r.honorific, False),
        ("note", r.note, ""), ("source", r.source, ""),
    ])


def write_entries(entries: Iterable[Entry], folder: str | os.PathLike, *, prune: bool = False) -> list[Path]:
    """Write one file per entry; returns the files that changed.

    Every entry is checked before any file is touched, and each file is replaced atomically
    (temp file + os.replace), so bad input changes nothing. Files whose text is unchanged are
    left alone. With `prune`, entry files of ids not in `entries` are removed.
    """
    folder = Path(folder)
    texts = _checked_texts(list(entries), folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"{folder}: cannot create the glossary folder: {exc.strerror or exc}") from None
    changed = []
    for entry_id, text in texts.items():
        path = folder / f"{entry_id}{SUFFIX}"
        if _current_text(path) != text:
            write_atomically(path, text.encode("utf-8"))
            changed.append(path)
    if prune:
        for path in sorted(folder.glob(f"*{SUFFIX}")):
            if path.stem not in texts:
                path.unlink()
                changed.append(path)
    return changed


def _checked_texts(entries: list[Entry], folder: Path) -> dict[str, str]:
    """Each entry's file text, after checking that it reads back as a valid entry."""
    texts: dict[str, str] = {}
    for entry in entries:
        origin = str(folder / f"{entry.id}{SUFFIX}")
        if not isinstance(entry.id, str) or not _ID.match(entry.id):
            raise UserError(f"{origin}: id: {entry.id!r} is not a valid entry id ({_ID_HINT})")
        if entry.id in texts:
            raise UserError(f"{origin}: id: duplicate entry id {entry.id!r}: two entries would write this file")
        texts[entry.id] = entry_to_toml(entry)
        entry_from_toml(texts[entry.id], origin)
    return texts


def _current_text(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


# ---------------------------------------------------------------- reading

def load_entries(folder: str | os.PathLike) -> list[Entry]:
    """Every `*.toml` entry in the folder, validated, sorted by id.

    Ids are unique because each file must be named after its id (`load_entry`).
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise UserError(f"{folder}: glossary folder not found")
    return sorted((load_entry(path) for path in sorted(folder.glob(f"*{SUFFIX}"))), key=lambda entry: entry.id)


def load_entry(path: str | os.PathLike) -> Entry:
    """One entry file; its name must be `<id>.toml`."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise UserError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise UserError(f"{path}: not UTF-8 text; save the file as UTF-8") from None
    entry = entry_from_toml(text, path)
    if path.name != f"{entry.id}{SUFFIX}":
        raise UserError(f"{path}: id: {entry.id!r} does not match the file name; "
                        f"rename the file to {entry.id}{SUFFIX} or fix the id")
    return entry


def entry_from_toml(text: str, origin: str | os.PathLike = "<text>") -> Entry:
    """Parse and validate one entry file's text; `origin` names it in error messages."""
    origin = str(origin)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UserError(_one_line(f"{origin}: not valid TOML: {exc}")) from None
    fields = _Fields(data, origin, "")
    fields.only(ENTRY_KEYS)
    entry_id = fields.text("id", required=True)
    if not _ID.match(entry_id):
        fields.fail("id", f"{entry_id!r} is not a valid entry id ({_ID_HINT})")
    terms = tuple(_term(t, origin, f"terms[{i}]") for i, t in enumerate(fields.tables("terms", required=True), 1))
    renderings = tuple(_rendering(r, origin, f"renderings[{i}]")
                       for i, r in enumerate(fields.tables("renderings"), 1))
    _check_no_repeats(origin, "terms", [t.text for t in terms], "term")
    _check_no_repeats(origin, "renderings", [f"{r.lang}: {r.text}" for r in renderings], "rendering")
    return Entry(
        id=entry_id, terms=terms, renderings=renderings, domain=fields.text("domain"),
        definition=fields.text("definition"), note=fields.text("note"), sources=fields.words("sources"),
    )


def _term(table: Any, origin: str, where: str) -> Term:
    fields = _Fields(table, origin, where)
    fields.only(TERM_KEYS)
    text = fields.text("text", required=True)
    kind = fields.choice("kind", TERM_KINDS, FULL, "term kind")
    case = fields.choice("case", CASE_RULES, CASE_AUTO, "case rule")
    context = ContextRule(
        before_name=fields.flag("before_name"),
        not_followed_by=fields.words("not_followed_by"),
        not_preceded_by=fields.words("not_preceded_by"),
    )
    return Term(text=text, kind=kind, case=case, context=context)


def _rendering(table: Any, origin: str, where: str) -> Rendering:
    fields = _Fields(table, origin, where)
    fields.only(RENDERING_KEYS)
    try:
        lang = language(fields.text("lang", required=True)).code
    except UserError as exc:
        fields.fail("lang", str(exc))
    text = fields.text("text", required=True)
    status = fields.choice("status", STATUSES, PROPOSED, "status")
    source = fields.text("source")
    if status == APPROVED and not source:
        fields.fail("source", "an approved rendering must name the published source it was seen in; "
                              "add source = \"...\" or make it proposed")
    return Rendering(
        lang=lang, text=text, status=status, do_not_translate=fields.flag("do_not_translate"),
        honorific=fields.flag("honorific"), note=fields.text("note"), source=source,
    )


# ---------------------------------------------------------------- validation helpers

_ID_HINT = "use lower-case letters, digits and single hyphens, e.g. peoples-embrace"
_TYPE_NAMES = {str: "a string", bool: "true or false", int: "a number", float: "a number",
               list: "a list", dict: "a table"}


def _one_line(message: str) -> str:
    return " ".join(message.splitlines())


def _check_no_repeats(origin: str, key: str, labels: list[str], what: str) -> None:
    for i, label in enumerate(labels, 1):
        if label in labels[: i - 1]:
            raise UserError(_one_line(f"{origin}: {key}[{i}]: duplicate {what} {label!r}"))


class _Fields:
    """Typed reads from one TOML table; every failure is one line naming file and field."""

    def __init__(self, table: Any, origin: str, where: str):
        self.origin, self.where = origin, where
        if not isinstance(table, dict):
            self.fail("", f"must be a table, not {_type_name(table)}")
        self.table: dict[str, Any] = table

    def fail(self, key: str, problem: str) -> NoReturn:
        name = ".".join(part for part in (self.where, key) if part) or "file"
        raise UserError(_one_line(f"{self.origin}: {name}: {problem}"))

    def only(self, allowed: tuple[str, ...]) -> None:
        for key in self.table:
            if key not in allowed:
                self.fail(key, f"unknown field (expected one of: {', '.join(allowed)})")

    def text(self, key: str, *, required: bool = False) -> str:
        value = self.table.get(key, "")
        if not isinstance(value, str):
            self.fail(key, f"must be a string, not {_type_name(value)}")
        if required and not value.strip():
            self.fail(key, "missing or empty")
        if value != value.strip():
            self.fail(key, f"{value!r} has leading or trailing spaces")
        return value

    def flag(self, key: str) -> bool:
        value = self.table.get(key, False)
        if not isinstance(value, bool):
            self.fail(key, f"must be true or false, not {_type_name(value)}")
        return value

    def choice(self, key: str, choices: tuple[str, ...], default: str, what: str) -> str:
        value = self.table.get(key, default)
        if value not in choices:
            self.fail(key, f"unknown {what} {value!r} (use one of: {', '.join(choices)})")
        return value

    def words(self, key: str) -> tuple[str, ...]:
        value = self.table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
            self.fail(key, "must be a list of non-empty strings, e.g. [\"file\", \"format\"]")
        if any(item != item.strip() for item in value):
            self.fail(key, "an item has leading or trailing spaces")
        return tuple(value)

    def tables(self, key: str, *, required: bool = False) -> list[Any]:
        value = self.table.get(key, [])
        if not isinstance(value, list):
            self.fail(key, f"must be a list of [[{key}]] tables, not {_type_name(value)}")
        if required and not value:
            self.fail(key, f"missing: an entry needs at least one [[{key}]] table with a text")
        return value


def _type_name(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)
