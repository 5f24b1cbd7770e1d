"""A glossary CSV or TSV cut short is refused whole when the file can tell (see `glossary_csv`)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from workbench.errors import UserError
from workbench.formats.glossary_io import read_glossary, write_glossary
from workbench.glossary.model import APPROVED, Entry, Rendering, Term

HEADER = "entry_id,domain,definition,term,term_kind,case,context,lang,rendering,status,do_not_translate,honorific,note,source"
ENTRIES = [  # rows: 3 pdf term, 4-5 pdf rendering (a line break in its note), 6-7 nug terms, 8 nug rendering
    Entry("pdf", (Term("People's Defence Force"),), (Rendering("my", "ပြည်သူ့ကာကွယ်ရေးတပ်", note="two\nlines"),)),
    Entry("nug", (Term("National Unity Government"), Term("NUG", "abbreviation", "exact")),
          (Rendering("my", "အမျိုးသားညီညွတ်ရေးအစိုးရ", APPROVED, source="BBC Burmese"),), domain="politics"),
]


@pytest.fixture(params=["csv", "tsv"])
def written(request, tmp_path) -> Path:
    path = tmp_path / f"glossary.{request.param}"
    write_glossary(ENTRIES, path)
    return path


def _lines(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


def _refused(path: Path, *fragments: str) -> str:
    with pytest.raises(UserError) as error:
        read_glossary(path)
    message = str(error.value)
    assert "\n" not in message and message.strip() == message
    assert re.match(rf"{re.escape(str(path))}:\d+: ", message), message
    for fragment in fragments:
        assert fragment in message, (fragment, message)
    return message


def test_the_writer_states_how_many_rows_follow_in_row_2(written):
    lines = _lines(written)
    assert lines[1] == b"# rows: 5\r\n"  # 3 term rows and 2 rendering rows
    assert read_glossary(written) == ENTRIES


def test_a_file_cut_at_any_row_boundary_is_refused(written):
    data = written.read_bytes()
    boundaries = [match.end() for match in re.finditer(rb"\r\n", data)]
    cell_break = data.index(b"two\nlines") + 3  # a line break inside a quoted cell is not a row boundary
    for end in boundaries[1:-1]:  # after the count row, up to the row before the last
        written.write_bytes(data[:end])
        _refused(written, "cut short", "# rows: 5", "export it again")
    written.write_bytes(data[:cell_break + 1])
    _refused(written, "never closed")


def test_a_file_cut_inside_its_last_cell_is_refused(written):
    written.write_bytes(written.read_bytes()[: -len("rmese\r\n")])  # "BBC Bu": every cell is still there
    message = _refused(written, "line break", "export it again")
    assert f"{written}:8:" in message


def test_an_unclosed_quote_at_the_end_names_the_line_where_the_cell_starts(tmp_path):
    path = tmp_path / "cut.csv"
    path.write_bytes(f'{HEADER}\r\nx,,,a,,,,,,,,,,\r\nx,,,,,,,my,"first line\r\nsecond'.encode())
    _refused(path, f"{path}:3:", "row 3", "never closed")


def test_a_count_row_moved_and_padded_by_a_spreadsheet_still_counts(tmp_path):
    path = tmp_path / "sorted.csv"
    rows = ["nug,,,NUG,,,,,,,,,,", "# rows: 2,,,,,,,,,,,,,", "nug,,,,,,,my,r,,,,,"]
    path.write_bytes("\r\n".join([HEADER, *rows, ""]).encode())
    assert len(read_glossary(path)) == 1
    path.write_bytes("\r\n".join([HEADER, *rows[:2], ""]).encode())
    _refused(path, "1 of the 2 rows", "row 3")


def test_rows_added_after_the_export_are_read(tmp_path):
    path = tmp_path / "added.csv"
    path.write_bytes("\r\n".join([HEADER, "# rows: 1", "nug,,,NUG,,,,,,,,,,", "new,,,New Term,,,,,,,,,,"]).encode())
    assert [entry.id for entry in read_glossary(path)] == ["nug", "new"]  # a spreadsheet may drop the last line break


def test_two_count_rows_are_refused(tmp_path):
    path = tmp_path / "twice.csv"
    path.write_bytes("\r\n".join([HEADER, "# rows: 1", "nug,,,NUG,,,,,,,,,,", "# rows: 1", ""]).encode())
    _refused(path, f"{path}:4:", "row 2")


def test_a_hand_made_file_without_a_count_is_read_as_it_is(tmp_path):
    path = tmp_path / "hand.csv"
    path.write_bytes("\n".join([HEADER, "nug,,,NUG,,,,,,,,,,"]).encode())  # no count, no final line break
    assert [entry.id for entry in read_glossary(path)] == ["nug"]


def test_an_entry_id_that_looks_like_the_count_row_round_trips(tmp_path):
    entries = [Entry("# rows: 5", ()), Entry("#hashtag", (Term("#MilkTeaAlliance"),))]
    path = tmp_path / "odd.csv"
    write_glossary(entries, path)
    assert read_glossary(path) == entries
