"""Gettext PO files for an article's translations: one entry per segment.

Each entry's msgctxt is the segment id, msgid the English sentence and msgstr the
translation. A draft (or an empty translation pre-filled from MT) is marked `#, fuzzy`,
as gettext tools expect of text a person has not finished. The header's Plural-Forms is
right for the target language (workbench.lang.plurals, a fixed gettext table): Babel's own PO
writer would give Burmese two forms; it has one.

Reading goes through Babel's PO parser with `abort_invalid`, so a damaged file is refused
as a whole instead of being read in part.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from workbench.errors import UserError
from workbench.files import read_user_file

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
        out.write(f"# {_one_line(title)}\n")
    out.write('msgid ""\nmsgstr ""\n')
    for name, value in headers:
        out.write(f'"{_escape(f"{name}: {_one_line(value)}")}\\n"\n')
    for unit in document.units:
        out.write("\n")
        out.writelines(f"#. {_one_line(comment)}\n" for comment in unit.comments)
        if unit.fuzzy:
            out.write("#, fuzzy\n")
        out.write(f'msgctxt "{_escape(unit.segment_id)}"\n')
        out.write(f'msgid "{_escape(unit.source)}"\n')
        out.write(f'msgstr "{_escape(unit.target)}"\n')
    return out.getvalue().encode("utf-8")


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace('"', '\\"')
            .replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r"))


def _one_line(text: str, limit: int | None = None) -> str:
    flat = " ".join(text.split())
    return flat if limit is None or len(flat) <= limit else flat[: limit - 1] + "…"


# ---------------------------------------------------------------- reading

def read_po(path: Path) -> PoDocument:
    """Parse a PO file written by `po_bytes` (or edited in Poedit, Lokalize…); UserError if unusable."""
    data = read_user_file(path, "a PO file", "a .po file", MAX_PO_BYTES)
    text = _decode(data, path)
    catalog = _parse(text, path)
    headers = _header_fields(text)
    lang = headers.get("Language", "").strip()
    if not lang:
        raise UserError(f"{path}: the PO header has no Language; add e.g. \"Language: my\\n\" to the header entry")
    article_id = _article_id(headers.get(ARTICLE_HEADER, ""), path)
    units = [_unit(message, path) for message in catalog if message.id]
    _check_count(headers.get(COUNT_HEADER, ""), len(units), path)
    return PoDocument(lang.replace("-", "_"), article_id, headers.get(ORIGIN_HEADER, ""), units)


def _check_count(raw: str, found: int, path: Path) -> None:
    if raw.strip().isdigit() and int(raw) != found:
        raise UserError(f"{path}: the file holds {found} of the {int(raw)} entries it was exported with "
                        "(cut short, or entries deleted); export the article again and redo the missing ones")


def _decode(data: bytes, path: Path) -> str:
    try:
        # Windows editors save CRLF; every rule below reads "\n" lines.
        return data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise UserError(f"{path}:{line}: not UTF-8 text; save the PO file as UTF-8 and import it again") from None


def _parse(text: str, path: Path):
    from babel.messages.pofile import PoFileError
    from babel.messages.pofile import read_po as babel_read_po

    if "msgid" not in text:
        raise UserError(f"{path}: not a PO file (no msgid entries); export one with `workbench translations export`")
    _check_lines(text, path)
    try:
        return babel_read_po(io.StringIO(text), abort_invalid=True)
    except PoFileError as error:
        raise UserError(f"{path}: damaged PO file ({_one_line(str(error), 160)}); export it again or repair it in a PO editor") from None
    except (ValueError, TypeError, IndexError, KeyError) as error:
        raise UserError(f"{path}: damaged PO file ({_one_line(str(error), 160) or type(error).__name__}); export it again") from None


# Every line of a PO file is blank, a comment, or a keyword and/or one complete quoted string
# with the escapes the workbench writes and reads back (\\ \" \n \t \r; octal and hex escapes,
# which `msgcat --escape` writes, would be stored as literal text, so they are refused).
_STRING = r'"(?:[^"\\\x00]|\\[\\"ntr])*+"'
_PO_LINE = re.compile(r'^\s*(?:#.*|(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?' + _STRING + r'\s*)?$')
_CONTEXT_LINE = re.compile(r'^msgctxt (' + _STRING + r')\s*$')


def _check_lines(text: str, path: Path) -> None:
    """Babel accepts a string cut short at the end of the file, and merges two entries for one
    segment silently; such a file must be refused whole."""
    contexts: dict[str, int] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        if not _PO_LINE.match(line):
            raise UserError(f"{path}:{number}: damaged PO file (this line is not PO syntax, or uses an escape "
                            f"other than \\n \\t \\r \\\\ \\\": {_one_line(line, 60)!r}); export it again "
                            "or save it without escaped characters")
        context = _CONTEXT_LINE.match(line)
        if context:
            segment_id = context.group(1)[1:-1]
            if segment_id in contexts:
                raise UserError(f"{path}:{number}: segment {segment_id} appears twice (first at line "
                                f"{contexts[segment_id]}); keep one entry for it")
            contexts[segment_id] = number


def _header_fields(text: str) -> dict[str, str]:
    """The header entry's fields, ours included (Babel keeps only the standard ones).

    The header msgstr may be split over several strings anywhere (PO tools wrap long lines),
    so its strings are unescaped and joined before the "Name: value" lines are read.
    """
    match = re.search(r'^msgid ""\nmsgstr ((?:' + _STRING + r'\s*\n?)+)', text, re.MULTILINE)
    if match is None:
        return {}
    joined = "".join(_unescape(part[1:-1]) for part in re.findall(_STRING, match.group(1)))
    fields = {}
    for line in joined.split("\n"):
        name, colon, value = line.partition(":")
        if colon and name.strip():
            fields[name.strip()] = value.strip()
    return fields


def _unescape(text: str) -> str:
    from babel.messages.pofile import unescape

    return unescape(f'"{text}"')


def _article_id(raw: str, path: Path) -> int | None:
    raw = raw.strip()
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit()):
        raise UserError(f"{path}: header {ARTICLE_HEADER} is {raw!r}, not an article id; export the article again")
    return int(raw)


def _unit(message, path: Path) -> PoUnit:
    if message.pluralizable:
        raise UserError(f"{path}:{message.lineno}: plural entries are not segments; this PO file was not exported by the workbench")
    if not message.context:
        raise UserError(f"{path}:{message.lineno}: entry has no msgctxt (the segment id); export the article again")
    target = message.string if isinstance(message.string, str) else ""
    return PoUnit(message.context, message.id, target, message.fuzzy, tuple(message.auto_comments), message.lineno)


def units_by_segment(units: Iterable[PoUnit], path: Path) -> dict[str, PoUnit]:
    """Units keyed by segment id; the same segment twice is a mistake worth a clear line."""
    seen: dict[str, PoUnit] = {}
    for unit in units:
        if unit.segment_id in seen:
            raise UserError(f"{path}:{unit.line}: segment {unit.segment_id} appears twice; keep one entry for it")
        seen[unit.segment_id] = unit
    return seen
