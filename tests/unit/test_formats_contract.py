"""One contract for every glossary exchange format (TBX, CSV, TSV), as translate-toolkit tests its stores.

Each test runs once per format: round trips keep every field, bad files are one-line
UserErrors, a failed write leaves the target untouched, large files work, and a hypothesis
property round-trips random entries. Random text avoids what XML 1.0 cannot hold (C0
controls other than tab, LF and CR; lone surrogates; U+FFFE / U+FFFF): `write_glossary`
refuses those in every format, which is tested too.
"""

from __future__ import annotations

import os
import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.errors import UserError
from workbench.formats.glossary_io import read_glossary, write_glossary
from workbench.glossary.model import (
    ABBREVIATION,
    APPROVED,
    CASE_AUTO,
    CASE_EXACT,
    CASE_IGNORE,
    CASE_RULES,
    DEPRECATED,
    FORBIDDEN,
    FULL,
    PROPOSED,
    REJECTED,
    STATUSES,
    TERM_KINDS,
    VARIANT,
    ContextRule,
    Entry,
    Rendering,
    Term,
)

FORMATS = ["tbx", "csv", "tsv"]


@pytest.fixture(params=FORMATS)
def fmt(request) -> str:
    return request.param


def glossary_path(folder: Path, fmt: str, name: str = "glossary") -> Path:
    return folder / f"{name}.{fmt}"


def sample_entries() -> list[Entry]:
    """Burmese, Japanese, curly apostrophes, flags, context rules, every status, kind and case rule."""
    return [
        Entry(
            "peoples-embrace",
            (Term("People’s Embrace"), Term("PE", ABBREVIATION, CASE_EXACT),
             Term("people's embrace movement", VARIANT, CASE_IGNORE)),
            (Rendering("my", "ပြည်သူ့ပွေ့ပိုက်မှု", APPROVED, source="BBC Burmese, 3 May 2024"),
             Rendering("my", "ပြည်သူ့ ပွေ့ဖက်မှု", PROPOSED, note="Seen once; needs a second source."),
             Rendering("ja", "人民の抱擁", DEPRECATED, note="旧訳"),
             Rendering("my", "လူထုပွေ့ပိုက်", FORBIDDEN, note="Party slogan, not neutral."),
             Rendering("fr", "l’Étreinte du peuple", REJECTED)),
            domain="politics", definition="A civic movement founded in 2023.\nIt is not a party.",
            note="Check with the Yangon desk.", sources=("https://example.org/a?x=1|2", "Desk style guide"),
        ),
        Entry(
            "daw",
            (Term("Daw", FULL, CASE_AUTO, ContextRule(before_name=True)),),
            (Rendering("my", "ဒေါ်", APPROVED, honorific=True, source="Style guide §4"),),
            domain="honorifics",
        ),
        Entry(
            "pdf",
            (Term("PDF", ABBREVIATION, CASE_AUTO,
                  ContextRule(not_followed_by=("file", "version"), not_preceded_by=("a", "the"))),),
            (Rendering("my", "PDF", APPROVED, do_not_translate=True),
             Rendering("ja", "PDF", APPROVED, do_not_translate=True)),
        ),
        Entry(
            "2020-election",  # not an XML name: TBX keeps it in a workbench note
            (Term("=SUM(A1)"), Term("'quoted'"), Term("-dash"), Term("@handle"), Term("  spaced  ")),
            (Rendering("my", "", PROPOSED, note="workbench: looks like a marker", source="\r\nline\rbreaks\n"),
             Rendering("zh_Hans", "<&> \"quotes\" \t tab", REJECTED, note="'")),
            note="workbench:id=not-this", definition="  leading and trailing  ",
        ),
        Entry("no-terms", (), (Rendering("th", "ไม่มีคำ", PROPOSED),)),
        Entry("bare", ()),
    ]


# ---------------------------------------------------------------- round trips

def test_round_trip_keeps_every_field(tmp_path, fmt):
    path = glossary_path(tmp_path, fmt)
    write_glossary(sample_entries(), path)
    assert read_glossary(path) == sample_entries()


def test_every_status_kind_and_case_rule_round_trips(tmp_path, fmt):
    entries = [
        Entry(f"e-{status}-{kind}-{case}", (Term(f"term {kind} {case}", kind, case),),
              (Rendering("my", f"ဘာသာ {status}", status),))
        for status in STATUSES for kind in TERM_KINDS for case in CASE_RULES
    ]
    path = glossary_path(tmp_path, fmt)
    write_glossary(entries, path)
    assert read_glossary(path) == entries


def test_empty_glossary_round_trips(tmp_path, fmt):
    path = glossary_path(tmp_path, fmt)
    write_glossary([], path)
    assert read_glossary(path) == []


def test_writing_twice_gives_identical_bytes(tmp_path, fmt):
    first, second = glossary_path(tmp_path, fmt, "a"), glossary_path(tmp_path, fmt, "b")
    write_glossary(sample_entries(), first)
    write_glossary(read_glossary(first), second)
    assert first.read_bytes() == second.read_bytes()


def test_huge_glossary_round_trips_completely(tmp_path, fmt):
    entries = [
        Entry(f"entry-{n}", (Term(f"Term number {n}"), Term(f"T{n}", ABBREVIATION)),
              (Rendering("my", f"ဝေါဟာရ {n}", STATUSES[n % len(STATUSES)], source=f"source {n}"),
               Rendering("ja", f"用語{n}", PROPOSED, note=f"note {n}")),
              domain="news", sources=(f"list {n}",))
        for n in range(20_000)
    ]
    path = glossary_path(tmp_path, fmt)
    write_glossary(entries, path)
    back = read_glossary(path)
    assert len(back) == 20_000
    assert back == entries


# ---------------------------------------------------------------- bad files

def _assert_one_line(error: pytest.ExceptionInfo, path: Path) -> None:
    message = str(error.value)
    assert "\n" not in message and message.strip() == message
    assert str(path) in message or path.name in message


def _garbage() -> bytes:
    return bytes(random.Random(7).randrange(256) for _ in range(4096))


def _truncated(fmt: str) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = glossary_path(Path(folder), fmt)
        write_glossary(sample_entries(), path)
        data = path.read_bytes()
    cut = data.index("ပွေ့ဖက်".encode()) + 3  # inside a rendering, mid-character
    return data[:cut]


BAD_FILES = {
    "garbage": lambda fmt: _garbage(),
    "truncated": _truncated,
    "empty": lambda fmt: b"",
    "whitespace only": lambda fmt: b" \r\n\t\n",
    "utf-16 with BOM": lambda fmt: _truncated_free_text(fmt).decode("utf-8").encode("utf-16"),
    "utf-16 without BOM": lambda fmt: _truncated_free_text(fmt).decode("utf-8").encode("utf-16-le"),
    "latin-1": lambda fmt: _latin1_text(fmt),
    "nul bytes": lambda fmt: _truncated_free_text(fmt).replace(b"Daw", b"D\x00w"),
}


def _truncated_free_text(fmt: str) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = glossary_path(Path(folder), fmt)
        write_glossary(sample_entries()[:3], path)
        return path.read_bytes().removeprefix(b"\xef\xbb\xbf")


def _latin1_text(fmt: str) -> bytes:
    """A file saved as Latin-1 (cp1252) although it declares (TBX) or must be (CSV) UTF-8."""
    entries = [Entry("cafe", (Term("café’s"),), (Rendering("fr", "déjà vu", APPROVED),))]
    with tempfile.TemporaryDirectory() as folder:
        path = glossary_path(Path(folder), fmt)
        write_glossary(entries, path)
        return path.read_bytes().removeprefix(b"\xef\xbb\xbf").decode("utf-8").encode("cp1252")


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_bad_file_is_a_one_line_user_error(tmp_path, fmt, kind):
    path = glossary_path(tmp_path, fmt)
    path.write_bytes(BAD_FILES[kind](fmt))
    with pytest.raises(UserError) as error:
        read_glossary(path)
    _assert_one_line(error, path)


def test_missing_file_and_folder_are_user_errors(tmp_path, fmt):
    path = glossary_path(tmp_path, fmt)
    with pytest.raises(UserError, match="does not exist"):
        read_glossary(path)
    folder = tmp_path / f"folder.{fmt}"
    folder.mkdir()
    with pytest.raises(UserError, match="is a folder"):
        read_glossary(folder)
    with pytest.raises(UserError, match="is a folder"):
        write_glossary(sample_entries(), folder)
    with pytest.raises(UserError, match="does not exist"):
        write_glossary(sample_entries(), tmp_path / "no-such-folder" / f"g.{fmt}")


def test_unknown_extension_names_the_supported_ones(tmp_path):
    for name in ("glossary.xlsx", "glossary"):
        with pytest.raises(UserError, match=r"\.tbx.*\.xml.*\.csv.*\.tsv") as error:
            write_glossary(sample_entries(), tmp_path / name)
        assert "\n" not in str(error.value)
        with pytest.raises(UserError, match=r"\.tbx.*\.csv"):
            read_glossary(tmp_path / name)
    assert list(tmp_path.iterdir()) == []


def test_extension_is_case_insensitive_and_xml_means_tbx(tmp_path):
    for name in ("G.TBX", "g.xml", "G.CSV", "g.Tsv"):
        write_glossary(sample_entries(), tmp_path / name)
        assert read_glossary(tmp_path / name) == sample_entries()
    assert (tmp_path / "g.xml").read_bytes().startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<tbx ')


# ---------------------------------------------------------------- failed writes

@pytest.fixture
def existing(tmp_path, fmt) -> Path:
    path = glossary_path(tmp_path, fmt)
    write_glossary(sample_entries()[:2], path)
    return path


def _unchanged(path: Path, before: bytes) -> None:
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name], "temporary file left behind"


def test_failed_write_leaves_the_target_untouched(existing, monkeypatch):
    before = existing.read_bytes()

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(UserError, match="No space left on device.*unchanged") as error:
        write_glossary(sample_entries(), existing)
    _assert_one_line(error, existing)
    _unchanged(existing, before)


def test_interrupted_write_leaves_the_target_untouched(existing, monkeypatch):
    before = existing.read_bytes()

    def interrupted(source, target):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_glossary(sample_entries(), existing)
    _unchanged(existing, before)


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        ([Entry("bell", (Term("ding\x07"),))], "U\\+0007"),
        ([Entry("x", (Term("x"),), (Rendering("my", "a", note="nul \x00 here"),))], "U\\+0000"),
        ([Entry("x", (Term("x"),), (Rendering("my", "\ufffe"),))], "U\\+FFFE"),
        ([Entry("same", (Term("a"),)), Entry("same", (Term("b"),))], "two entries"),
        ([Entry("", (Term("a"),))], "id"),
        ([Entry("x", (Term("   "),))], "blank"),
        ([Entry("x", (Term("a"),), (Rendering("en", "a"),))], "non-English language"),
        ([Entry("x", (Term("a"),), (Rendering("my", "a", status="approved?"),))], "status"),
        ([Entry("x", (Term("a", kind="acronym"),))], "kind"),
        ([Entry("x", (Term("a"),), sources=("two\nlines",))], "source"),
        ([Entry("x", (Term("a", context=ContextRule(not_followed_by=("a, b",))),))], "context word"),
    ],
)
def test_entries_no_format_can_hold_are_refused_before_writing(existing, entries, expected):
    before = existing.read_bytes()
    with pytest.raises(UserError, match=expected) as error:
        write_glossary(entries, existing)
    assert "\n" not in str(error.value)
    _unchanged(existing, before)


# ---------------------------------------------------------------- property

_XML_CHARS = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
_CHARS = st.one_of(_XML_CHARS, st.sampled_from("\t\n\r'’\"=+-@;,|<>&:"))
_TEXT = st.one_of(
    st.text(_CHARS, max_size=12),
    st.sampled_from(["workbench:", "workbench:note=x", "'", "=1+1", "ဒေါ်", "日本語", "\r\n"]),
)
_ONE_LINE = st.text(st.one_of(_XML_CHARS, st.sampled_from("'’=|:")), min_size=1, max_size=10)
_ITEM = _ONE_LINE.map(str.strip).filter(bool)
_WORD = _ITEM.filter(lambda word: "," not in word and ";" not in word)

_CONTEXT = st.builds(ContextRule, st.booleans(), st.lists(_WORD, max_size=3).map(tuple),
                     st.lists(_WORD, max_size=2).map(tuple))
_TERM = st.builds(Term, _TEXT.filter(str.strip), st.sampled_from(TERM_KINDS), st.sampled_from(CASE_RULES), _CONTEXT)
_RENDERING = st.builds(
    Rendering, st.sampled_from(["my", "ja", "fr", "zh_Hans", "th"]), _TEXT, st.sampled_from(STATUSES),
    st.booleans(), st.booleans(), _TEXT, _TEXT,
)
_ENTRY = st.builds(  # a term (or rendering) repeated in one concept is read as one (see workbench.formats.tbx)
    Entry, _ITEM, st.lists(_TERM, max_size=3, unique_by=lambda term: term.text).map(tuple),
    st.lists(_RENDERING, max_size=4, unique_by=lambda rendering: (rendering.lang, rendering.text)).map(tuple),
    _TEXT, _TEXT, _TEXT, st.lists(_ITEM, max_size=3).map(tuple),
)


@pytest.mark.parametrize("kind", FORMATS)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries=st.lists(_ENTRY, max_size=4, unique_by=lambda entry: entry.id))
def test_random_entries_round_trip(kind, entries):
    with tempfile.TemporaryDirectory() as folder:
        path = glossary_path(Path(folder), kind)
        write_glossary(entries, path)
        assert read_glossary(path) == entries


# ---------------------------------------------------------------- CSV / TSV specifics

HEADER = "entry_id,domain,definition,term,term_kind,case,context,lang,rendering,status,do_not_translate,honorific,note,source"


def _csv(tmp_path: Path, *rows: str, header: str = HEADER, bom: bool = False) -> Path:
    path = tmp_path / "edited.csv"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + "\r\n".join((header,) + rows).encode("utf-8"))
    return path


def test_csv_written_by_a_spreadsheet_is_read(tmp_path):
    path = _csv(
        tmp_path,
        "nug,politics,,National Unity Government,,,,,,,,,,",
        ",,,,,,,,,,,,,",  # an empty row a spreadsheet leaves behind
        "daw,,,Daw,full,,before name,,,,,,,",
        "nug,,,NUG,Acronym,EXACT,not followed by: file; not preceded by: a,,,,,,,",
        "nug,politics,,,,,,my,အမျိုးသားညီညွတ်ရေးအစိုးရ,Approved,no,,,BBC Burmese",
        "daw,,,,,,,my,ဒေါ်,,,YES,,",
        header="Entry ID,Domain,Definition,Term,Term Kind,Case,Context,Lang,Rendering,Status,Do-Not-Translate,Honorific,Note,Source",
        bom=True,
    )
    nug, daw = read_glossary(path)
    assert nug == Entry("nug", (Term("National Unity Government"),
                                Term("NUG", ABBREVIATION, CASE_EXACT, ContextRule(False, ("file",), ("a",)))),
                        (Rendering("my", "အမျိုးသားညီညွတ်ရေးအစိုးရ", APPROVED, source="BBC Burmese"),), domain="politics")
    assert daw == Entry("daw", (Term("Daw", context=ContextRule(before_name=True)),),
                        (Rendering("my", "ဒေါ်", PROPOSED, honorific=True),))


@pytest.mark.parametrize(
    ("header", "rows", "expected"),
    [
        (HEADER.replace(",source", ""), (), "no 'source' column"),
        (HEADER + ",colour", (), "unknown column 'colour'"),
        (HEADER + ",status", (), "'status' appears twice"),
        (HEADER, ("x,,,,,,,my,r,approved?,,,,",), r"row 2: status 'approved\?' is not one of"),
        (HEADER, ("x,,,a,,,,,,,,,,", "x,,,,,,,my,r,banned,,,,"), r"row 3: status 'banned'"),
        (HEADER, ("x,,,a,weird,,,,,,,,,",), "row 2: term_kind 'weird'"),
        (HEADER, ("x,,,a,,sometimes,,,,,,,,",), "row 2: case 'sometimes'"),
        (HEADER, ("x,,,a,,,maybe later,,,,,,,",), "row 2: context clause 'maybe later'"),
        (HEADER, ("x,,,,,,,my,r,,perhaps,,,",), "row 2: do_not_translate 'perhaps' is not yes or no"),
        (HEADER, ("x,,,a,,,,my,r,,,,,",), "row 2 is a rendering row .* fills 'term'"),
        (HEADER, ("x,,,a,,,,,r,,,,,",), "row 2 is a term row .* fills 'rendering'"),
        (HEADER, (",,,a,,,,,,,,,,",), "row 2 has no entry_id"),
        (HEADER, ("x,politics,,a,,,,,,,,,,", "x,sport,,b,,,,,,,,,,"), "row 3: entry 'x' has domain 'sport' but row 2 says 'politics'"),
        (HEADER, ("x,,,a,,,,,,,,", ), "row 2 has 12 cells but the header has 14"),
        (HEADER, ('x,,,"a,,,,,,,,,,',), "row 2 is not valid CSV"),
        ("", ("x,,,a,,,,,,,,,,",), "no header row"),
    ],
)
def test_csv_problems_name_the_row_or_column(tmp_path, header, rows, expected):
    path = _csv(tmp_path, *rows, header=header)
    with pytest.raises(UserError, match=expected) as error:
        read_glossary(path)
    _assert_one_line(error, path)


def test_csv_cells_that_look_like_formulas_are_written_as_text(tmp_path):
    entries = [Entry("=cmd", (Term("=HYPERLINK(\"http://evil\")"), Term("+1"), Term("'tis")),
                     (Rendering("my", "@SUM(A1)", note="-2"),))]
    path = tmp_path / "g.csv"
    write_glossary(entries, path)
    text = path.read_text(encoding="utf-8-sig")
    assert "'=cmd" in text and "'=HYPERLINK" in text and "'+1" in text and "''tis" in text and "'@SUM" in text
    for line in text.splitlines()[1:]:
        assert all(not cell.startswith(("=", "+", "-", "@")) for cell in line.split(","))
    assert read_glossary(path) == entries


def test_csv_is_utf8_with_bom_and_crlf_and_the_documented_header(tmp_path):
    path = tmp_path / "g.tsv"
    write_glossary(sample_entries()[:1], path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf" + HEADER.replace(",", "\t").encode() + b"\r\n")


def test_csv_saved_with_semicolons_gets_a_hint(tmp_path):
    path = _csv(tmp_path, "x;;;a;;;;;;;;;;", header=HEADER.replace(",", ";"))
    with pytest.raises(UserError, match="one cell holding ';' separators") as error:
        read_glossary(path)
    _assert_one_line(error, path)


# ---------------------------------------------------------------- TMX (translation memory): the same contract

def _tmx_units():
    import datetime as dt

    from workbench.formats.tmx import TmxUnit

    when = dt.datetime(2024, 3, 1, 9, 30, tzinfo=dt.UTC)
    return [TmxUnit("en", "my", "The NUG’s <b> & \"quotes\"", "ပြည်သူ့ <b> & ‘ကိုး’", "Before.", None, "tin", when, "mya", when),
            TmxUnit("en", "zh_TW", "  spaced\r\nlines\t", "行", "", "t-2", "tin", when, "tin", when),
            TmxUnit("en", "fr", "=SUM(A1)", "l’Étreinte", "", "t-3", "ed", when, "ed", when)]


def test_tmx_round_trip_keeps_every_field(tmp_path):
    from workbench.files import write_atomically
    from workbench.formats.tmx_read import read_tmx
    from workbench.formats.tmx_write import tmx_bytes

    path = tmp_path / "memory.tmx"
    write_atomically(path, tmx_bytes(_tmx_units()))
    back = read_tmx(path).units
    assert [(u.source_text, u.target_text, u.previous_source, u.tuid, u.created_by, u.changed_at) for u in back] == \
           [(u.source_text, u.target_text, u.previous_source, u.tuid, u.created_by, u.changed_at) for u in _tmx_units()]
    assert tmx_bytes(back) == path.read_bytes()  # writing twice gives identical bytes


def test_tmx_empty_memory_round_trips(tmp_path):
    from workbench.formats.tmx_read import parse_tmx
    from workbench.formats.tmx_write import tmx_bytes

    assert parse_tmx(tmx_bytes([]), "empty.tmx").units == []


@pytest.mark.parametrize("kind", ["garbage", "truncated", "empty", "whitespace only", "latin-1", "nul bytes"])
def test_tmx_bad_file_is_a_one_line_user_error(tmp_path, kind):
    from workbench.formats.tmx_read import read_tmx
    from workbench.formats.tmx_write import tmx_bytes

    good = tmx_bytes(_tmx_units())
    data = {"garbage": _garbage(), "truncated": good[: good.index("ပြည်သူ့".encode()) + 4], "empty": b"",
            "whitespace only": b" \r\n\t\n", "latin-1": good.decode().replace("’", "'").replace("É", "\u00e9").encode("latin-1", "replace"),
            "nul bytes": good.replace(b"tin", b"t\x00n")}[kind]
    path = tmp_path / "memory.tmx"
    path.write_bytes(data)
    with pytest.raises(UserError) as error:
        read_tmx(path)
    _assert_one_line(error, path)


def test_tmx_huge_memory_round_trips_completely(tmp_path):
    import datetime as dt

    from workbench.formats.tmx import TmxUnit
    from workbench.formats.tmx_read import parse_tmx
    from workbench.formats.tmx_write import tmx_bytes

    when = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    units = [TmxUnit("en", "my", f"Sentence number {n}.", f"စာကြောင်း {n}။", "", f"tu{n}", "tin", when, "tin", when)
             for n in range(20_000)]
    back = parse_tmx(tmx_bytes(units), "huge.tmx").units
    assert len(back) == 20_000
    assert [(u.source_text, u.target_text, u.tuid) for u in back] == [(u.source_text, u.target_text, u.tuid) for u in units]
