"""Glossary entries as CSV (or TSV): one spreadsheet row per English term or rendering.

Files are UTF-8; writing adds a byte-order mark so Excel shows Burmese and Japanese correctly,
and reading accepts one. Rows end in CRLF; cells are quoted when needed (RFC 4180), so a cell
may hold commas, tabs, quotes and line breaks. TSV is the same with tabs between the cells.

The header row is required and names these columns, in any order (case, spaces and dashes
in the names are ignored: "Entry ID" = entry_id); a missing or unknown column is an error:

    entry_id          the concept's id (required on every row; rows of one entry need not
                      be next to each other, entries keep the order of their first row)
    domain            the entry's subject field      } entry fields: written on the entry's
    definition        the entry's definition          } first row; may be repeated on its rows
    term              an English term                 (term row)
    term_kind         full | abbreviation | variant   (empty = full; "acronym" = abbreviation)
    case              auto | exact | ignore           (empty = auto)
    context           the term's context rule, clauses separated by ";":
                      "before name; not followed by: file, version; not preceded by: a"
    lang              the rendering's language code   (rendering row)
    rendering         the rendering's text
    status            approved | proposed | forbidden | deprecated | rejected (empty = proposed)
    do_not_translate  yes or empty (also accepted: no, true, false, 1, 0, y, n, x)
    honorific         yes or empty (the same values)
    note              rendering row: the rendering's note; other rows: the entry's note
    source            rendering row: where the rendering was seen;
                      other rows: the entry's sources, one per line within the cell

A row with a `lang` is a rendering row and leaves term, term_kind, case and context empty.
A row without a `lang` is a term row (or, with an empty term, a row for the entry alone, as
written for entries without terms) and leaves rendering, status, do_not_translate and
honorific empty. Entry fields given on several rows must agree. Blank rows are skipped.
Rows are numbered as a spreadsheet numbers them: the header is row 1.

Example:

    entry_id,domain,definition,term,term_kind,case,context,lang,rendering,status,do_not_translate,honorific,note,source
    nug,politics,,National Unity Government,full,,,,,,,,,
    nug,,,NUG,abbreviation,exact,,,,,,,,
    nug,,,,,,,my,အမျိုးသားညီညွတ်ရေးအစိုးရ,approved,,,,BBC Burmese

Formula safety: a text cell that would start with = + - @, a tab or a carriage return is
written with a leading apostrophe (so a spreadsheet shows text, never runs a formula), and
so is one starting with an apostrophe, and an entry_id starting with # (so that no entry
reads as the row count below); reading removes one leading apostrophe.

Row count: row 2 of a file the workbench writes is one cell, `# rows: N`, the number of rows
after the header other than this one. A spreadsheet shows it as a note in the first column;
it may be padded with empty cells or sorted to another row, and it is optional (a file
without it is read as it is). A file that has it is refused when it holds fewer than N rows
(blank rows do not count), and when it holds exactly N but its last row ends without a line
break: the writer ends every row with one, so the file was cut inside that row. More than N
rows are read: they were added after the export.

What reading can tell, and what it cannot:

* a file cut inside a quoted cell: always (the quote is never closed);
* a file cut inside a row so that the row has fewer cells than the header: always;
* a file cut at a row boundary, or inside the last row's last cell: only when it has its
  row count, as every file the workbench writes does;
* a file without a row count (made by hand or by another program) cut after a complete
  row, or any file cut right after its header (it reads as an empty glossary, so nothing is
  imported), cannot be told from a complete one. A missing final line break alone is not
  refused: hand-made files and some spreadsheet exports end without one.

Refusals name the file and line (`glossary.csv:57: ...`) when the file's structure is
wrong, the file and row when a cell's value is.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from workbench.errors import UserError
from workbench.glossary.model import (
    ABBREVIATION,
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
from workbench.lang.languages import language_at

COLUMNS = ("entry_id", "domain", "definition", "term", "term_kind", "case", "context",
           "lang", "rendering", "status", "do_not_translate", "honorific", "note", "source")
_TERM_COLUMNS = ("term", "term_kind", "case", "context")
_RENDERING_COLUMNS = ("rendering", "status", "do_not_translate", "honorific")
_KIND_ALIASES = {"": FULL, "acronym": ABBREVIATION}
_YES, _NO = {"yes", "y", "true", "1", "x"}, {"", "no", "n", "false", "0"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")
_ID_START = (*_FORMULA_START, "#")  # an id like "# rows: 5" would read as the row count
_LINES = re.compile(r"\r\n|\r|\n")
COUNT_CELL = "# rows: {}"
_COUNT = re.compile(r"#\s*rows\s*:\s*(\d+)", re.IGNORECASE)


# ---------------------------------------------------------------- writing

def render_csv(entries: list[Entry], delimiter: str = ",") -> bytes:
    """The entries as UTF-8 CSV (with a byte-order mark); `delimiter="\\t"` gives TSV."""
    rows = [[_escape(row.get(name, ""), name) for name in COLUMNS] for entry in entries for row in _entry_rows(entry)]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerow([COUNT_CELL.format(len(rows))])  # row 2, so that a file cut after any row shows it
    writer.writerows(rows)
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")


def _entry_rows(entry: Entry) -> list[dict[str, str]]:
    first = {"domain": entry.domain, "definition": entry.definition, "note": entry.note,
             "source": "\n".join(entry.sources)}
    rows = [_term_row(term) for term in entry.terms] or [{}]
    rows[0].update(first)
    rows += [_rendering_row(rendering) for rendering in entry.renderings]
    for row in rows:
        row["entry_id"] = entry.id
    return rows


def _term_row(term: Term) -> dict[str, str]:
    return {"term": term.text, "term_kind": term.kind,
            "case": "" if term.case == CASE_AUTO else term.case, "context": _context_cell(term.context)}


def _context_cell(rule: ContextRule) -> str:
    clauses = ["before name"] if rule.before_name else []
    if rule.not_followed_by:
        clauses.append("not followed by: " + ", ".join(rule.not_followed_by))
    if rule.not_preceded_by:
        clauses.append("not preceded by: " + ", ".join(rule.not_preceded_by))
    return "; ".join(clauses)


def _rendering_row(rendering: Rendering) -> dict[str, str]:
    return {"lang": rendering.lang, "rendering": rendering.text, "status": rendering.status,
            "do_not_translate": "yes" if rendering.do_not_translate else "",
            "honorific": "yes" if rendering.honorific else "",
            "note": rendering.note, "source": rendering.source}


def _escape(cell: str, column: str) -> str:
    return "'" + cell if cell.startswith(_ID_START if column == "entry_id" else _FORMULA_START) else cell


def _unescape(cell: str) -> str:
    return cell[1:] if cell.startswith("'") else cell


# ---------------------------------------------------------------- reading

def parse_csv(data: bytes, origin: str, delimiter: str = ",") -> list[Entry]:
    """The entries of a glossary CSV (or TSV); every problem is a one-line UserError."""
    text = _decode(data, origin)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records = _records(reader, origin)
    first = next(records, None)
    header = first.cells if first else []
    if not any(cell.strip() for cell in header):
        raise UserError(f"{origin} has no header row; the first row must name the columns: {', '.join(COLUMNS)}")
    positions = _check_header(header, origin)
    builders: dict[str, _EntryRows] = {}
    count = _RowCount()
    for record in records:
        if not any(cell.strip() for cell in record.cells) or count.is_count_row(record, origin):
            continue
        if len(record.cells) != len(header):
            raise UserError(f"{origin}:{record.line}: row {record.number} has {len(record.cells)} cells but the header "
                            f"has {len(header)}; the file may be cut short (export it again), or a cell needs quotes")
        row = {name: record.cells[index] for name, index in positions.items()}
        _add_row(builders, row, f"{origin} row {record.number}", record.number)
        count.found += 1
    count.check(origin, reader.line_num, text.endswith(("\n", "\r")))
    return [builder.build() for builder in builders.values()]


@dataclass(frozen=True)
class _Record:
    number: int  # the row, as a spreadsheet numbers it
    line: int  # the file line it starts on (a quoted cell may hold line breaks)
    cells: list[str]


@dataclass
class _RowCount:
    """The optional `# rows: N` row and the rows actually read (see the module docstring)."""

    stated: int | None = None
    row: int = 0
    found: int = 0

    def is_count_row(self, record: _Record, origin: str) -> bool:
        match = _COUNT.fullmatch(record.cells[0].strip())
        if match is None or any(cell.strip() for cell in record.cells[1:]):
            return False
        if self.stated is not None:
            raise UserError(f"{origin}:{record.line}: row {record.number} is a second row count (the first is row "
                            f"{self.row}); keep the one the export wrote and delete the other")
        self.stated, self.row = int(match.group(1)), record.number
        return True

    def check(self, origin: str, last_line: int, ends_with_line_break: bool) -> None:
        if self.stated is None:
            return  # nothing to compare with: see "what reading cannot tell"
        stated = COUNT_CELL.format(self.stated)
        if self.found < self.stated:
            raise UserError(f"{origin}:{last_line}: the file ends after {self.found} of the {self.stated} rows its "
                            f"row {self.row} says it holds ('{stated}'), so it was cut short (or rows were deleted); "
                            f"export it again, or if you deleted rows on purpose, correct or delete row {self.row}")
        if self.found == self.stated and not ends_with_line_break:
            raise UserError(f"{origin}:{last_line}: the last row has no line break at its end, so the file may have "
                            f"been cut inside that row (the workbench ends every row with one); export it again, or "
                            f"if another program saved it so, delete the row count '{stated}' (row {self.row})")


def _decode(data: bytes, origin: str) -> str:
    if not data.strip():
        raise UserError(f"{origin} is empty; a glossary CSV or TSV file needs at least the header row: {', '.join(COLUMNS)}")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise UserError(f"{origin} is UTF-16 text, not UTF-8; save it as UTF-8 (Excel: \"CSV UTF-8\") and try again")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise UserError(f"{origin} is not UTF-8 text (byte 0x{data[error.start]:02X} at offset {error.start}, "
                        f"line {line}); save it as UTF-8 (Excel: \"CSV UTF-8\") and try again") from None
    if "\x00" in text:
        raise UserError(f"{origin} contains NUL bytes, so it is not a text file; save it as UTF-8 (Excel: \"CSV UTF-8\")")
    return text


def _records(reader, origin: str) -> Iterator[_Record]:
    number = 0
    while True:
        number, line = number + 1, reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            if str(error) == "unexpected end of data":  # the csv module's words for EOF inside quotes
                raise UserError(f"{origin}:{line}: row {number} is not valid CSV: a quoted cell in it is never closed "
                                "before the end of the file, so the file was cut short or a closing quote is missing; "
                                "export it again, or close the quote") from None
            raise UserError(f"{origin}:{line}: row {number} is not valid CSV ({error}); the file may be cut short, "
                            "or a quote is misplaced (quote the whole cell and double the quotes inside it)") from None
        yield _Record(number, line, cells)


def _check_header(header: list[str], origin: str) -> dict[str, int]:
    positions: dict[str, int] = {}
    other = next((sep for sep in (";", "\t", ",") if len(header) == 1 and sep in header[0]), None)
    if other:
        raise UserError(f"{origin}: the header is one cell holding {other!r} separators; save the file with "
                        "commas as .csv, or with tabs as .tsv")
    for index, cell in enumerate(header):
        name = re.sub(r"[\s-]+", "_", cell.strip().lower())
        if name not in COLUMNS:
            raise UserError(f"{origin}: unknown column {cell!r} in the header; the columns are: {', '.join(COLUMNS)}")
        if name in positions:
            raise UserError(f"{origin}: column {name!r} appears twice in the header; keep one")
        positions[name] = index
    missing = [name for name in COLUMNS if name not in positions]
    if missing:
        raise UserError(f"{origin}: the header has no {missing[0]!r} column; the columns are: {', '.join(COLUMNS)}")
    return positions


@dataclass
class _EntryRows:
    id: str
    terms: list[Term] = field(default_factory=list)
    renderings: list[Rendering] = field(default_factory=list)
    fields: dict[str, tuple[str, int]] = field(default_factory=dict)

    def set(self, name: str, value: str, number: int, where: str) -> None:
        if value == "":
            return
        known = self.fields.setdefault(name, (value, number))
        if known[0] != value:
            raise UserError(f"{where}: entry {self.id!r} has {name} {_short(value)} but row {known[1]} says "
                            f"{_short(known[0])}; keep one value (or repeat the same one)")

    def build(self) -> Entry:
        value = {name: known[0] for name, known in self.fields.items()}
        sources = (line.strip() for line in _LINES.split(value.get("source", "")))
        return Entry(self.id, tuple(self.terms), tuple(self.renderings), value.get("domain", ""),
                     value.get("definition", ""), value.get("note", ""), tuple(s for s in sources if s))


def _short(value: str) -> str:
    return repr(value if len(value) <= 40 else value[:37] + "...")


def _add_row(builders: dict[str, _EntryRows], row: dict[str, str], where: str, number: int) -> None:
    entry_id = _unescape(row["entry_id"].strip())
    if not entry_id:
        raise UserError(f"{where} has no entry_id; give every row the id of its entry")
    builder = builders.setdefault(entry_id, _EntryRows(entry_id))
    for name in ("domain", "definition"):
        builder.set(name, _unescape(row[name]), number, where)
    if row["lang"].strip():
        _refuse_filled(row, _TERM_COLUMNS, where, "a rendering row (it has a lang)")
        builder.renderings.append(_rendering(row, where))
        return
    _refuse_filled(row, _RENDERING_COLUMNS, where, "a term row (it has no lang)")
    for name in ("note", "source"):
        builder.set(name, _unescape(row[name]), number, where)
    if row["term"].strip():
        builder.terms.append(_term(row, where))
    else:
        _refuse_filled(row, _TERM_COLUMNS, where, "a row without a term")


def _refuse_filled(row: dict[str, str], names: tuple[str, ...], where: str, what: str) -> None:
    filled = [name for name in names if row[name].strip()]
    if filled:
        raise UserError(f"{where} is {what} but also fills {filled[0]!r}; put terms and renderings on separate rows")


def _term(row: dict[str, str], where: str) -> Term:
    kind = row["term_kind"].strip().lower()
    kind = _KIND_ALIASES.get(kind, kind)
    if kind not in TERM_KINDS:
        raise UserError(f"{where}: term_kind {row['term_kind']!r} is not one of {', '.join(TERM_KINDS)}")
    case = row["case"].strip().lower() or CASE_AUTO
    if case not in CASE_RULES:
        raise UserError(f"{where}: case {row['case']!r} is not one of {', '.join(CASE_RULES)}")
    return Term(_unescape(row["term"]), kind, case, _context(_unescape(row["context"]), where))


def _context(cell: str, where: str) -> ContextRule:
    before = False
    followed: list[str] = []
    preceded: list[str] = []
    for clause in filter(None, (part.strip() for part in cell.split(";"))):
        key, colon, words = clause.partition(":")
        key = " ".join(key.lower().replace("-", " ").replace("_", " ").split())
        found = [word.strip() for word in words.split(",") if word.strip()]
        if key == "before name" and not colon:
            before = True
        elif key in ("not followed by", "not preceded by") and found:
            (followed if key == "not followed by" else preceded).extend(found)
        else:
            raise UserError(f"{where}: context clause {clause!r} is not understood; use \"before name\", "
                            "\"not followed by: word, word\" or \"not preceded by: word\", separated by ;")
    return ContextRule(before, tuple(followed), tuple(preceded))


def _rendering(row: dict[str, str], where: str) -> Rendering:
    status = row["status"].strip().lower() or PROPOSED
    if status not in STATUSES:
        raise UserError(f"{where}: status {row['status']!r} is not one of {', '.join(STATUSES)}; fix the status cell")
    return Rendering(
        lang=language_at(row["lang"].strip(), f"{where}, lang").code, text=_unescape(row["rendering"]), status=status,
        do_not_translate=_flag(row, "do_not_translate", where), honorific=_flag(row, "honorific", where),
        note=_unescape(row["note"]), source=_unescape(row["source"]),
    )


def _flag(row: dict[str, str], name: str, where: str) -> bool:
    value = row[name].strip().lower()
    if value not in _YES | _NO:
        raise UserError(f"{where}: {name} {row[name]!r} is not yes or no; write yes, or leave the cell empty")
    return value in _YES
