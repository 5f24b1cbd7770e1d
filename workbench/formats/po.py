"""Gettext PO files for an article's translations: one entry per segment.

Each entry's msgctxt is the segment id, msgid the English sentence and msgstr the
translation. A draft (or an empty translation pre-filled from MT) is marked `#, fuzzy`,
as gettext tools expect of text a person has not finished. The header's Plural-Forms is
right for the target language (workbench.locale_format.plural_forms): Babel's own PO
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

ARTICLE_HEADER = "X-Workbench-Article-Id"
ORIGIN_HEADER = "X-Workbench-Article"
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
    from workbench.locale_format import plural_forms

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
    data = _read_bytes(path)
    text = _decode(data, path)
    catalog = _parse(text, path)
    headers = _header_fields(text)
    lang = headers.get("Language", "").strip()
    if not lang:
        raise UserError(f"{path}: the PO header has no Language; add e.g. \"Language: my\\n\" to the header entry")
    article_id = _article_id(headers.get(ARTICLE_HEADER, ""), path)
    units = [_unit(message, path) for message in catalog if message.id]
    return PoDocument(lang.replace("-", "_"), article_id, headers.get(ORIGIN_HEADER, ""), units)


def _read_bytes(path: Path) -> bytes:
    if path.is_dir():
        raise UserError(f"{path} is a folder, not a PO file; choose a .po file")
    try:
        if path.stat().st_size > MAX_PO_BYTES:
            raise UserError(f"{path} is larger than {MAX_PO_BYTES // 1024**2} MB; that is not an article's translations")
        return path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"{path} does not exist; check the file name and folder, then try again") from None
    except PermissionError:
        raise UserError(f"{path} cannot be read (permission denied); copy it somewhere readable") from None
    except OSError as error:
        raise UserError(f"{path} could not be read ({error.strerror or error}); check the file") from None


def _decode(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8-sig")
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


# Every line of a PO file is blank, a comment, or a keyword and/or one complete quoted string.
_PO_LINE = re.compile(r'^\s*(?:#.*|(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"\s*)?$')


def _check_lines(text: str, path: Path) -> None:
    """Babel accepts a string cut short at the end of the file; a cut file must be refused whole."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not _PO_LINE.match(line):
            raise UserError(f"{path}:{number}: damaged PO file (this line is not PO syntax: "
                            f"{_one_line(line, 60)!r}); export it again or repair it in a PO editor")


_HEADER_FIELD = re.compile(r'^"([A-Za-z][A-Za-z0-9-]*):\s*(.*?)\\n"$', re.MULTILINE)


def _header_fields(text: str) -> dict[str, str]:
    """The header entry's fields, ours included (Babel keeps only the standard ones)."""
    start = text.find('msgid ""')
    end = text.find("\n\n", start)
    block = text[start: end if end >= 0 else len(text)] if start >= 0 else ""
    return {name: value for name, value in _HEADER_FIELD.findall(block)}


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
