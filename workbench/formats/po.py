"""Gettext PO files for an article's translations: one entry per segment.

Each entry's msgctxt is the segment id, msgid the English sentence and msgstr the
translation. A draft (or an empty translation pre-filled from MT) is marked `#, fuzzy`,
as gettext tools expect of text a person has not finished. The header's Plural-Forms is
right for the target language (workbench.lang.plurals, a fixed gettext table): Babel's own PO
writer would give Burmese two forms; it has one.

Reading is a strict line-based reader of our own for what the workbench writes and PO editors
produce: comments, `#,` flags, `#.` notes, `#|` previous strings, `#~` obsolete entries, msgctxt,
msgid, msgid_plural, msgstr, msgstr[n], strings wrapped over lines. (Babel's parser read the first
part of a string cut at the end of the file, kept one of two msgctxt silently, and gave no line.)
The first problem refuses the whole file in one `file:line` message. What a cut leaves is refused:
a last line with no line break (every PO writer ends its lines; a whole-looking `"…"` may have
lost its continuation), an unclosed string, a keyword with no string, an entry ending before its
msgid, msgstr or msgstr[0], comments with nothing after them, a header with no entries and no
count, and fewer entries than X-Workbench-Segments (how a cut between two entries shows).
`msgfmt --check` accepts the missing line break, trailing comments, the lone header and missing
entries; it also accepts a blank line inside an entry, refused here (no PO tool writes one).

What a PO file cannot reveal:
- a cut at a line break inside the last entry's msgstr, once a PO editor has wrapped that msgstr
  over several lines: every line and entry is whole and the count is right. The export writes
  every string on one line, so a file as exported has no such place.
- a cut between entries of a file without X-Workbench-Segments (another tool's file, or the line
  deleted): the entries before the cut read as the whole file.
- entries deleted and the count edited to match.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

from workbench.errors import UserError
from workbench.files import read_user_file
from workbench.formats.po_lines import Line, classify, one_line

ARTICLE_HEADER = "X-Workbench-Article-Id"
ORIGIN_HEADER = "X-Workbench-Article"
COUNT_HEADER = "X-Workbench-Segments"  # how many entries were exported: a file cut between entries shows
MAX_PO_BYTES = 200 * 1024 * 1024  # far above any article; refuses a runaway file before parsing


@dataclass(frozen=True)
class PoUnit:
    segment_id: str
    source: str
    target: str
    fuzzy: bool = False
    comments: tuple[str, ...] = ()
    line: int = 0  # where the entry starts in the file, for messages


@dataclass(frozen=True)
class PoDocument:
    target_lang: str
    article_id: int | None
    origin: str
    units: list[PoUnit]


# ---------------------------------------------------------------- writing

def po_bytes(document: PoDocument, title: str = "") -> bytes:
    """The whole PO file as UTF-8 bytes."""
    from workbench import __version__
    from workbench.lang.plurals import plural_forms

    headers = [
        ("Project-Id-Version", f"workbench {__version__}"),
        ("Language", document.target_lang),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("Plural-Forms", plural_forms(document.target_lang).header),
    ]
    if document.article_id is not None:
        headers.append((ARTICLE_HEADER, str(document.article_id)))
    if document.origin:
        headers.append((ORIGIN_HEADER, document.origin))
    headers.append((COUNT_HEADER, str(len(document.units))))
    out = io.StringIO()
    if title:
        out.write(f"# {one_line(title)}\n")
    out.write('msgid ""\nmsgstr ""\n')
    for name, value in headers:
        out.write(f'"{_escape(f"{name}: {one_line(value)}")}\\n"\n')
    for unit in document.units:
        out.write("\n")
        out.writelines(f"#. {one_line(comment)}\n" for comment in unit.comments)
        if unit.fuzzy:
            out.write("#, fuzzy\n")
        out.write(f'msgctxt "{_escape(unit.segment_id)}"\n')
        out.write(f'msgid "{_escape(unit.source)}"\n')
        out.write(f'msgstr "{_escape(unit.target)}"\n')
    return out.getvalue().encode("utf-8")


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace('"', '\\"')
            .replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r"))


# ---------------------------------------------------------------- reading

def read_po(path: Path) -> PoDocument:
    """Parse a PO file written by `po_bytes` (or edited in Poedit, Lokalize…); UserError if unusable."""
    data = read_user_file(path, "a PO file", "a .po file", MAX_PO_BYTES)
    header, entries, last_line = _read_entries(_decode(data, path), path)
    fields = _header_fields(header)
    where = f"{path}:{header.start if header else 1}"  # header problems point at the header entry
    units = _units(entries, path)
    _check_complete(fields.get(COUNT_HEADER), len(units), last_line, path, where)
    lang = fields.get("Language", "").strip()
    if not lang:
        raise UserError(f"{where}: the PO header has no Language; add e.g. \"Language: my\\n\" to the header entry, "
                        "or export it again")
    article_id = _article_id(fields.get(ARTICLE_HEADER, ""), where)
    return PoDocument(lang.replace("-", "_"), article_id, fields.get(ORIGIN_HEADER, ""), units)


def _decode(data: bytes, path: Path) -> str:
    try:
        # Windows editors save CRLF; every rule below reads "\n" lines.
        return data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        if error.end >= len(data) and error.reason == "unexpected end of data":
            raise UserError(f"{path}:{line}: the file ends in the middle of a character: it was cut short; "
                            "export it again") from None
        raise UserError(f"{path}:{line}: not UTF-8 text; save the PO file as UTF-8 and import it again") from None


def _check_complete(raw: str | None, found: int, last_line: int, path: Path, where: str) -> None:
    """The export's entry count is what shows a file cut exactly between two entries."""
    if raw is None:
        if not found:  # a header cut before its count line, with nothing after it
            raise UserError(f"{path}:{last_line}: the file has no entries after the header: it was cut short; "
                            "export it again")
        return
    if not (raw.isascii() and raw.isdigit()):
        raise UserError(f"{where}: header {COUNT_HEADER} is {raw!r}, not a number of entries; export it again")
    if int(raw) != found:
        why = "cut short, or entries deleted" if found < int(raw) else "entries added"
        raise UserError(f"{path}:{last_line}: the file holds {found} of the {int(raw)} entries it was exported with "
                        f"({why}); export it again and redo the missing ones")


# ---- lines

# ---- entries

@dataclass
class _Entry:
    start: int  # the line of its first keyword
    obsolete: bool
    fuzzy: bool
    notes: tuple[str, ...]
    strings: dict[str, list[str]] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # where each keyword is given
    last: str = ""  # the keyword a continuation string extends
    end: int = 0  # its last line
    closed: bool = False  # a blank line followed it

    def text(self, keyword: str) -> str | None:
        parts = self.strings.get(keyword)
        return None if parts is None else "".join(parts)

    def missing(self) -> str:
        if "msgid" not in self.strings:
            return "no msgid after msgctxt"
        if "msgid_plural" in self.strings:
            return "" if "msgstr[0]" in self.strings else "no msgstr[0] after msgid_plural"
        return "" if "msgstr" in self.strings else "no msgstr after msgid"


def _order_fault(entry: _Entry, keyword: str) -> str:
    """Why `keyword` cannot come next in the unfinished `entry` ("" if it can)."""
    have = entry.strings
    if keyword in have:
        return (f"{keyword} twice in the entry that starts at line {entry.start} "
                f"(first at line {entry.lines[keyword]})")
    if not have or keyword == "msgid":
        return ""  # the first keyword (msgctxt or msgid: the caller checks), or msgid after msgctxt
    if keyword == "msgctxt" or "msgid" not in have:
        return f"{keyword} out of place in the entry that starts at line {entry.start} (the order is msgctxt, msgid, msgstr)"
    if keyword == "msgid_plural":
        return "" if "msgstr" not in have else "msgid_plural after msgstr"
    if keyword == "msgstr":
        return "" if "msgid_plural" not in have else "msgstr in a plural entry (msgstr[0], msgstr[1]… expected)"
    expected = f"msgstr[{sum(name.startswith('msgstr[') for name in have)}]"
    if "msgid_plural" not in have:
        return f"{keyword} without msgid_plural"
    return "" if keyword == expected else f"{keyword} where {expected} was expected"


class _Reader:
    """Builds entries from classified lines, refusing the first one that is incomplete or out of order."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: list[_Entry] = []  # obsolete entries are checked, then dropped
        self.entry: _Entry | None = None
        self.notes: list[str] = []
        self.fuzzy = False
        self.comment_line = 0  # the last comment not yet attached to an entry

    def feed(self, line: Line) -> None:
        entry = self.entry
        if line.kind == "blank":
            if entry is not None:
                entry.closed = True
            return
        if entry is not None and (entry.closed or line.kind not in ("keyword", "string") or line.obsolete != entry.obsolete):
            self._close(at_end=False)
        if line.kind == "keyword":
            self._keyword(line)
        elif line.kind == "string":
            self._string(line)
        else:
            self.notes += [line.value] if line.kind == "note" else []
            self.fuzzy |= line.kind == "flags" and "fuzzy" in (flag.strip() for flag in line.value.split(","))
            self.comment_line = line.number

    def _keyword(self, line: Line) -> None:
        entry = self.entry
        if entry is not None and not entry.missing() and line.keyword in ("msgctxt", "msgid"):
            self._close(at_end=False)  # gettext needs no blank line between entries
            entry = None
        if entry is None:
            if line.keyword not in ("msgctxt", "msgid"):
                self._refuse(line.number, f"{line.keyword} with no msgid before it")
            entry = self.entry = _Entry(line.number, line.obsolete, self.fuzzy, tuple(self.notes))
            self.notes, self.fuzzy, self.comment_line = [], False, 0
        fault = _order_fault(entry, line.keyword)
        if fault:
            self._refuse(line.number, fault)
        entry.strings[line.keyword] = [line.value]
        entry.lines[line.keyword] = entry.end = line.number
        entry.last = line.keyword

    def _string(self, line: Line) -> None:
        if self.entry is None:
            self._refuse(line.number, "a string with no keyword before it (a blank line or comment inside an entry?)")
        self.entry.strings[self.entry.last].append(line.value)
        self.entry.end = line.number

    def _close(self, at_end: bool) -> None:
        entry, self.entry = self.entry, None
        if entry is None:
            return
        missing = entry.missing()
        if missing and at_end:
            raise UserError(f"{self.path}:{entry.end}: the file ends inside the entry that starts at line {entry.start} "
                            f"({missing}): it was cut short; export it again")
        if missing:
            self._refuse(entry.end, f"the entry that starts at line {entry.start} has {missing}")
        if not entry.obsolete:
            self.entries.append(entry)

    def finish(self) -> list[_Entry]:
        self._close(at_end=True)
        if self.comment_line:
            raise UserError(f"{self.path}:{self.comment_line}: the file ends with comments and no entry after them: "
                            "it was cut short; export it again")
        return self.entries

    def _refuse(self, number: int, fault: str) -> NoReturn:
        raise UserError(f"{self.path}:{number}: damaged PO file: {fault}; export it again")


def _read_entries(text: str, path: Path) -> tuple[_Entry | None, list[_Entry], int]:
    """(header entry, other entries, number of lines) of the whole file, or UserError."""
    lines = text.split("\n")
    cut = lines.pop() != ""  # every PO writer ends its last line; text after the last line break is a cut
    last = len(lines) + cut
    if "msgid" not in text:
        raise UserError(f"{path}:{max(last, 1)}: not a PO file (no msgid anywhere), or one cut short before its "
                        "first entry; export it again with `workbench translations export`")
    reader = _Reader(path)
    for number, raw in enumerate(lines, start=1):
        reader.feed(classify(raw, number, path, cut=False))
    if cut:  # a syntax error in the cut line says so; a whole-looking one may have lost its continuation
        classify(text[text.rfind("\n") + 1:], last, path, cut=True)
        raise UserError(f"{path}:{last}: the file ends in the middle of line {last} (no line break after it): "
                        "it was cut short; export it again")
    entries = reader.finish()
    headers = [entry for entry in entries if entry.text("msgid") == "" and "msgctxt" not in entry.strings]
    if len(headers) > 1:
        raise UserError(f"{path}:{headers[1].start}: a second header entry (msgid \"\"; the first is at line "
                        f"{headers[0].start}); keep one, or export it again")
    header = headers[0] if headers else None
    return header, [entry for entry in entries if entry is not header], len(lines)


def _header_fields(header: _Entry | None) -> dict[str, str]:
    """The header entry's "Name: value" lines, ours included; PO editors may wrap them anywhere."""
    fields = {}
    for line in ((header.text("msgstr") or "") if header else "").split("\n"):
        name, colon, value = line.partition(":")
        if colon and name.strip():
            fields[name.strip()] = value.strip()
    return fields


def _article_id(raw: str, where: str) -> int | None:
    raw = raw.strip()
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit()):
        raise UserError(f"{where}: header {ARTICLE_HEADER} is {raw!r}, not an article id; export it again")
    return int(raw)


def _units(entries: list[_Entry], path: Path) -> list[PoUnit]:
    units: list[PoUnit] = []
    first_line: dict[str, int] = {}
    for entry in entries:
        if "msgid_plural" in entry.strings:
            raise UserError(f"{path}:{entry.start}: plural entries are not segments; this PO file was not exported "
                            "by the workbench: export it again")
        segment_id = entry.text("msgctxt")
        if segment_id is None:
            raise UserError(f"{path}:{entry.start}: entry has no msgctxt (the segment id); export it again")
        if segment_id in first_line:
            raise UserError(f"{path}:{entry.start}: segment {segment_id} appears twice (first at line "
                            f"{first_line[segment_id]}); keep one entry for it, or export it again")
        first_line[segment_id] = entry.start
        units.append(PoUnit(segment_id, entry.text("msgid") or "", entry.text("msgstr") or "",
                            entry.fuzzy, entry.notes, entry.start))
    return units


def units_by_segment(units: Iterable[PoUnit], path: Path) -> dict[str, PoUnit]:
    """Units keyed by segment id; the same segment twice is a mistake worth a clear line."""
    seen: dict[str, PoUnit] = {}
    for unit in units:
        if unit.segment_id in seen:
            raise UserError(f"{path}:{unit.line}: segment {unit.segment_id} appears twice; keep one entry for it")
        seen[unit.segment_id] = unit
    return seen
