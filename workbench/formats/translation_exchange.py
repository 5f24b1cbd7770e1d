"""One interface for the files an article's translations are exchanged in: PO, XLIFF 1.2, XLIFF 2.x.

A format reads a file into an `ExchangeDocument` and writes one back as bytes; `workbench.app.exchange`
works on documents only, so every format gets the same checks on import (the article's segments, the
sentence as exported, the revision each unit was based on, one transaction) and the same export.

A unit's `status` is the workbench's (draft or translated) as the format maps its own states; a state
the workbench does not have yet (XLIFF `reviewed`, `final`, `signed-off`, 1.2 `approved`) is read as
the nearest one below it and named in `file_state`, so the import can say so. `based_on` is the
translation revision the exported unit was based on (None: a file from elsewhere, nothing to compare).
`problem` says why a unit cannot be imported; it matters only if the unit is one of the article's
segments (other units of a foreign file are left alone).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from workbench.errors import UserError

DRAFT, TRANSLATED = "draft", "translated"
PO_SUFFIX = ".po"
XLIFF_SUFFIXES = (".xlf", ".xliff")
SUFFIXES = (PO_SUFFIX, *XLIFF_SUFFIXES)
XLIFF_VERSIONS = ("2.1", "1.2")  # what the export writes; reading takes 1.x and 2.x


@dataclass(frozen=True)
class Note:
    """A note for the translator: where the segment is, its MT, a QA issue, a glossary hit."""

    text: str
    category: str = ""  # "location", "mt", "qa", "glossary" ("" for notes read from a file)
    applies_to: str = ""  # "source", "target" or "" (the whole unit)


def _no_line() -> int:
    return 0


@dataclass(frozen=True)
class ExchangeUnit:
    segment_id: str
    source: str
    target: str
    status: str = TRANSLATED  # of a non-empty target
    based_on: int | None = None
    notes: tuple[Note, ...] = ()
    machine: bool = False  # the target is the stored MT, not a person's
    file_state: str = ""  # the file's own state when the workbench has no equal of it ("reviewed")
    skipped: str = ""  # why the file says to leave the unit alone (translate="no")
    problem: str = ""  # why the unit cannot be imported, should it be one of the article's segments
    # Where the unit starts; computed when a message asks (XML line numbers cost a scan of the text).
    locate: Callable[[], int] = field(default=_no_line, compare=False, repr=False)

    @property
    def line(self) -> int:
        return self.locate()


@dataclass(frozen=True)
class ExchangeDocument:
    target_lang: str
    article_id: int | None
    origin: str
    units: list[ExchangeUnit]
    title: str = ""
    # A file written by another tool (no workbench marks): its units that are not segments of the
    # article are left alone instead of refusing the file.
    foreign: bool = False
    kind: str = "PO"  # "PO", "XLIFF 1.2", "XLIFF 2.1"… for messages


class TranslationFormat(Protocol):
    """Read a file into a document, write a document to bytes; UserError (one line) when unusable."""

    name: str
    carries_checks: bool  # whether exports carry the QA issues and glossary hits as notes

    def read(self, path: Path) -> ExchangeDocument: ...

    def write(self, document: ExchangeDocument) -> bytes: ...


def format_for_export(path: Path, xliff_version: str | None) -> TranslationFormat:
    """The format a file name asks for (`--xliff` picks the XLIFF version, 2.1 unless given)."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UserError(f"{path}: translations are exchanged as PO or XLIFF files; use a name ending in "
                        f"{', '.join(SUFFIXES[:-1])} or {SUFFIXES[-1]}")
    if suffix == PO_SUFFIX:
        if xliff_version is not None:
            raise UserError(f"{path}: --xliff is for XLIFF files; name the file .xlf, or leave --xliff out for PO")
        return PoFormat()
    from workbench.formats.xliff import XliffFormat

    version = xliff_version or XLIFF_VERSIONS[0]
    if version not in XLIFF_VERSIONS:
        raise UserError(f"--xliff {version}: the export writes XLIFF {' or '.join(XLIFF_VERSIONS)}; choose one of them")
    return XliffFormat(version)


def format_of_file(path: Path) -> tuple[TranslationFormat, list[str]]:
    """The format of an existing file, by its content (XML is XLIFF) and else by its name;
    a note when the two disagree."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UserError(f"{path}: translations are exchanged as PO or XLIFF files; use a name ending in "
                        f"{', '.join(SUFFIXES[:-1])} or {SUFFIXES[-1]}")
    head = _head(path)
    if _looks_like_xml(head):
        from workbench.formats.xliff import XliffFormat

        return XliffFormat(None), ([f"{path}: holds XML, read as XLIFF"] if suffix == PO_SUFFIX else [])
    if suffix != PO_SUFFIX and b"msgid" in head:
        return PoFormat(), [f"{path}: holds a PO file, read as PO"]
    if suffix != PO_SUFFIX:
        from workbench.formats.xliff import XliffFormat

        return XliffFormat(None), []  # its reader says what is wrong with it
    return PoFormat(), []


def _head(path: Path) -> bytes:
    try:
        with open(path, "rb") as stream:
            return stream.read(4096)
    except OSError:
        return b""  # the format's reader says, in one line, why the file cannot be read


def _looks_like_xml(head: bytes) -> bool:
    if head.startswith((b"\xef\xbb\xbf<", b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<")):
        return True
    return head.lstrip(b" \t\r\n").startswith(b"<")


# ---------------------------------------------------------------- PO

REVISION_NOTE = "workbench-revision: "


def po_revision(comments: tuple[str, ...]) -> int | None:
    """The translation revision an exported PO entry was based on; None for files from elsewhere."""
    for comment in comments:
        if comment.startswith(REVISION_NOTE) and comment[len(REVISION_NOTE):].isdigit():
            return int(comment[len(REVISION_NOTE):])
    return None


class PoFormat:
    """gettext PO (`workbench.formats.po`): a draft is `#, fuzzy`, notes are `#.` comments and the
    revision is a `workbench-revision:` comment."""

    name = "PO"
    carries_checks = False  # the PO export is as it was before XLIFF: location, MT and revision only

    def read(self, path: Path) -> ExchangeDocument:
        from workbench.formats.po import read_po

        document = read_po(path)
        units = [ExchangeUnit(unit.segment_id, unit.source, unit.target, DRAFT if unit.fuzzy else TRANSLATED,
                              po_revision(unit.comments),
                              tuple(Note(comment) for comment in unit.comments if not comment.startswith(REVISION_NOTE)),
                              locate=_constant(unit.line))
                 for unit in document.units]
        return ExchangeDocument(document.target_lang, document.article_id, document.origin, units)

    def write(self, document: ExchangeDocument) -> bytes:
        from workbench.formats.po import PoDocument, PoUnit, po_bytes

        units = [PoUnit(unit.segment_id, unit.source, unit.target, bool(unit.target) and unit.status == DRAFT,
                        tuple(note.text for note in unit.notes)
                        + ((f"{REVISION_NOTE}{unit.based_on}",) if unit.based_on is not None else ()))
                 for unit in document.units]
        return po_bytes(PoDocument(document.target_lang, document.article_id, document.origin, units),
                        title=document.title)


def _constant(value: int) -> Callable[[], int]:
    return lambda: value
