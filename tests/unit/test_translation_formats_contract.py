"""One contract for every translation exchange format (PO, XLIFF 1.2, XLIFF 2.1), as
tests/unit/test_formats_contract.py has one for the glossary formats.

Each test runs once per format: a round trip keeps every field, bad files and files cut at any byte
are one-line UserErrors, units deleted from a whole-looking file are refused, 5,000 segments work,
and an import over a translation edited in the workbench since the export is refused whole with
nothing saved (a real SQLite workspace, through the application layer the CLI uses).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from workbench.app.exchange import export_document, import_rows, save_imported, target_language_of
from workbench.errors import UserError
from workbench.formats.translation_exchange import (
    DRAFT,
    TRANSLATED,
    ExchangeDocument,
    ExchangeUnit,
    Note,
    PoFormat,
    TranslationFormat,
    format_of_file,
)
from workbench.formats.xliff import XliffFormat

FORMATS = {"po": (PoFormat(), ".po"), "xliff-1.2": (XliffFormat("1.2"), ".xlf"), "xliff-2.1": (XliffFormat("2.1"), ".xliff")}
BURMESE = "အမျိုးသားညီညွတ်ရေးအစိုးရ (NUG) က \"ဒေါ်လာ ၅၀၀,၀၀၀\" ပေးမည်ဟု ဆိုသည်။"


@pytest.fixture(params=sorted(FORMATS))
def fmt(request) -> tuple[TranslationFormat, str]:
    return FORMATS[request.param]


def _document(count: int = 4) -> ExchangeDocument:
    """Translated, draft, MT-filled and empty units; quotes, a tab, a backslash, markup characters,
    a line break and a carriage return; a repeated sentence's "+1" id."""
    units = []
    for i in range(count):
        target, status = [(BURMESE, TRANSLATED), ("မူကြမ်း\nဒုတိယကြောင်း\r", DRAFT), ("", DRAFT), ("<b> & </b>", TRANSLATED)][i % 4]
        units.append(ExchangeUnit(
            f"{i:016x}" + ("+1" if i == 1 else ""), f'Sentence {i} with "quotes", a tab\tand a backslash \\ <x/> & more.',
            target, status, based_on=i % 3, notes=(Note(f"paragraph {i}", "location"), Note("MT: ပေးမည်", "mt", "target")),
        ))
    return ExchangeDocument("my", 7, "/desk/report.txt", units, title="A report — Burmese")


def _write(folder: Path, fmt, document: ExchangeDocument, name: str = "a") -> Path:
    exchange, suffix = fmt
    path = folder / f"{name}{suffix}"
    path.write_bytes(exchange.write(document))
    return path


def _read(path: Path) -> ExchangeDocument:
    exchange, _notes = format_of_file(path)
    return exchange.read(path)


def _fields(document: ExchangeDocument) -> list[tuple]:
    return [(u.segment_id, u.source, u.target, u.status if u.target else "", u.based_on, [n.text for n in u.notes])
            for u in document.units]


def test_round_trip_keeps_every_field(tmp_path, fmt):
    original = _document()
    read = _read(_write(tmp_path, fmt, original))
    assert (read.target_lang, read.article_id, read.origin) == ("my", 7, "/desk/report.txt")
    assert _fields(read) == _fields(original)
    assert not read.foreign and all(not unit.problem for unit in read.units)


def test_the_file_is_detected_by_its_content_whatever_its_name(tmp_path, fmt):
    exchange, _suffix = fmt
    misnamed = tmp_path / ("a.xlf" if isinstance(exchange, PoFormat) else "a.po")
    misnamed.write_bytes(exchange.write(_document()))
    found, notes = format_of_file(misnamed)
    assert type(found) is type(exchange) and len(notes) == 1
    assert _fields(found.read(misnamed)) == _fields(_document())


def test_huge_file_round_trips_completely(tmp_path, fmt):
    original = _document(count=5_000)
    read = _read(_write(tmp_path, fmt, original, "huge"))
    assert len(read.units) == 5_000
    assert _fields(read)[-1] == _fields(original)[-1]
    assert read.units[4_999].line > read.units[0].line > 0  # messages can point into the file


_NO_LANGUAGE = {".po": (b"Language: my\\n", b""), ".xlf": (b' target-language="my"', b""),
                ".xliff": (b' trgLang="my"', b"")}


@pytest.mark.parametrize("damage", ["empty", "garbage", "latin1", "no_language", "not_utf8_declared"])
def test_bad_file_is_one_line_user_error(tmp_path, fmt, damage):
    exchange, suffix = fmt
    good = exchange.write(_document())
    bad = {
        "empty": b"",
        "garbage": b"\x00\x01PK\x03\x04 not a translation file",
        "latin1": good.replace("မူကြမ်း".encode(), b"caf\xe9"),
        "no_language": good.replace(*_NO_LANGUAGE[suffix]),
        "not_utf8_declared": good.replace("ဒေါ်လာ".encode(), b"\xff\xfe\xfd"),
    }[damage]
    assert bad != good or damage in ("empty", "garbage")
    path = tmp_path / f"bad{suffix}"
    path.write_bytes(bad)
    with pytest.raises(UserError) as error:
        document = _read(path)
        target_language_of(document, path)
    message = str(error.value)
    assert "\n" not in message and str(path) in message


def _whole_end(data: bytes, suffix: str) -> int:
    """Where the content ends: a cut after it loses nothing (only XML's closing whitespace)."""
    return len(data) if suffix == ".po" else data.rindex(b"</xliff>") + len(b"</xliff>")


def test_a_file_cut_at_any_byte_is_refused(tmp_path, fmt):
    exchange, suffix = fmt
    data = exchange.write(_document(count=3))
    cut = tmp_path / f"cut{suffix}"
    for offset in range(_whole_end(data, suffix)):
        cut.write_bytes(data[:offset])
        with pytest.raises(UserError) as error:
            _read(cut)
        message = str(error.value)
        assert "\n" not in message and str(cut) in message, (offset, message)
        assert "export it again" in message or "choose" in message, (offset, message)


def _delete_second_unit(data: bytes, suffix: str) -> bytes:
    if suffix == ".po":
        blocks = data.split(b"\n\n")
        return b"\n\n".join(blocks[:2] + blocks[3:])
    tag = rb"trans-unit" if suffix == ".xlf" else rb"unit"
    units = list(re.finditer(rb"\s*<" + tag + rb"[ >].*?</" + tag + rb">", data, re.S))
    return data[: units[1].start()] + data[units[1].end():]


def test_units_deleted_from_a_whole_looking_file_are_refused(tmp_path, fmt):
    exchange, suffix = fmt
    path = tmp_path / f"short{suffix}"
    path.write_bytes(_delete_second_unit(exchange.write(_document()), suffix))
    with pytest.raises(UserError, match=r"holds 3 of the 4 (entries|units)"):
        _read(path)


# ---------------------------------------------------------------- against a real workspace

def _export(workspace, tmp_path: Path, fmt) -> Path:
    exchange, suffix = fmt
    path = tmp_path / f"article{suffix}"
    path.write_bytes(exchange.write(export_document(workspace, 1, "my", with_checks=exchange.carries_checks)))
    return path


def _edit(path: Path, targets: dict[str, tuple[str, str]]) -> None:
    """What a translator does in another tool: new targets (text, status) for some units, the rest as exported."""
    exchange, _notes = format_of_file(path)
    document = exchange.read(path)
    units = [replace(unit, target=targets[unit.segment_id][0], status=targets[unit.segment_id][1])
             if unit.segment_id in targets else unit for unit in document.units]
    path.write_bytes(exchange.write(replace(document, units=units)))


def _import(workspace, path: Path) -> int:
    document = _read(path)
    rows, _unchanged, _notes = import_rows(workspace, 1, "my", document, path)
    save_imported(workspace, 1, "my", rows, "tester", path)
    return len(rows)


@pytest.mark.usefixtures("each_backend")  # on SQLite and on PostgreSQL
def test_an_edited_file_imports_in_one_go_with_its_history(tmp_path, workspace, fmt):
    path = _export(workspace, tmp_path, fmt)
    first, second = (segment.segment_id for segment in workspace.store.segments(1)[:2])
    _edit(path, {first: ("ပထမ ဝါကျ", TRANSLATED), second: ("ဒုတိယ", DRAFT)})
    assert _import(workspace, path) == 2
    saved = workspace.store.translations(1, "my")
    assert (saved[first].text, saved[first].status, saved[second].status) == ("ပထမ ဝါကျ", "translated", "draft")
    history = workspace.store.translation_history(1, "my")
    assert {(row.segment_id, row.how, row.detail) for row in history} == {(first, "import", str(path)), (second, "import", str(path))}
    assert _import(workspace, path) == 0  # the same file again changes nothing


@pytest.mark.usefixtures("each_backend")  # on SQLite and on PostgreSQL
def test_importing_over_an_edit_made_since_the_export_is_refused_whole(tmp_path, workspace, fmt):
    path = _export(workspace, tmp_path, fmt)
    first, second = (segment.segment_id for segment in workspace.store.segments(1)[:2])
    workspace.store.save_translation(1, first, "my", "ရုံးမှ ပြင်ဆင်ချက်", "translated", "ed", expected_revision=0)
    _edit(path, {first: ("ဖိုင်မှ", TRANSLATED), second: ("ဖိုင်မှ", TRANSLATED)})
    with pytest.raises(UserError, match="was changed in the workbench since this file was exported") as error:
        _import(workspace, path)
    assert "nothing was changed" in str(error.value) and str(path) in str(error.value)
    saved = workspace.store.translations(1, "my")
    assert saved[first].text == "ရုံးမှ ပြင်ဆင်ချက်" and second not in saved


@pytest.mark.usefixtures("each_backend")  # on SQLite and on PostgreSQL
def test_a_file_whose_sentence_changed_is_refused_whole(tmp_path, workspace, fmt):
    path = _export(workspace, tmp_path, fmt)
    first, second = (segment.segment_id for segment in workspace.store.segments(1)[:2])
    _edit(path, {first: ("ပထမ", TRANSLATED)})
    exchange, _notes = format_of_file(path)
    document = exchange.read(path)
    units = [replace(unit, source=unit.source + " (edited)") if unit.segment_id == second else unit for unit in document.units]
    path.write_bytes(exchange.write(replace(document, units=units)))
    with pytest.raises(UserError, match="no longer reads as in the file"):
        _import(workspace, path)
    assert workspace.store.translations(1, "my") == {}
