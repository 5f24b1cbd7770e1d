"""PO export/import of an article's translations: contract (round trip, bad file, huge file),
the plural header per target language, and the CLI a translator uses."""

from __future__ import annotations

import getpass
import gettext
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.cli_helpers import assert_one_line_error, run_cli
from workbench.errors import UserError
from workbench.formats.po import PoDocument, PoUnit, po_bytes, read_po

BURMESE = "အမျိုးသားညီညွတ်ရေးအစိုးရ (NUG) က \"ဒေါ်လာ ၅၀၀,၀၀၀\" ပေးမည်ဟု ဆိုသည်။"


def _document(lang: str = "my", count: int = 3) -> PoDocument:
    units = [
        PoUnit(f"seg{i}", f'Sentence {i} with "quotes", a tab\tand a backslash \\.',
               BURMESE if i % 2 == 0 else "", fuzzy=i % 3 == 0, comments=(f"paragraph {i}",))
        for i in range(count)
    ]
    return PoDocument(lang, 7, "/desk/report.txt", units)


def _write(path: Path, document: PoDocument) -> Path:
    path.write_bytes(po_bytes(document, title="A report — Burmese"))
    return path


# ---------------------------------------------------------------- contract

def test_round_trip_keeps_every_field(tmp_path):
    original = _document()
    read = read_po(_write(tmp_path / "a.po", original))
    assert (read.target_lang, read.article_id, read.origin) == ("my", 7, "/desk/report.txt")
    assert [(u.segment_id, u.source, u.target, u.fuzzy, u.comments) for u in read.units] == \
        [(u.segment_id, u.source, u.target, u.fuzzy, u.comments) for u in original.units]


def test_huge_file_round_trips_completely(tmp_path):
    original = _document(count=20_000)
    read = read_po(_write(tmp_path / "huge.po", original))
    assert len(read.units) == 20_000
    assert read.units[-1].target == original.units[-1].target


@pytest.mark.parametrize("damage", ["cut_inside_a_string", "garbage", "latin1", "no_language", "empty"])
def test_bad_file_is_one_line_user_error(tmp_path, damage):
    good = po_bytes(_document())
    bad = {
        "cut_inside_a_string": good[: good.index("အမျိုးသား".encode()) + len("အမျိုး".encode())],
        "garbage": b"\x00\x01PK\x03\x04 not a po file",
        "latin1": 'msgid ""\nmsgstr "Language: fr\\n"\n\nmsgctxt "a"\nmsgid "caf\xe9"\nmsgstr "caf\xe9"\n'.encode("latin-1"),
        "no_language": b'msgid ""\nmsgstr ""\n\nmsgctxt "a"\nmsgid "x"\nmsgstr "y"\n',
        "empty": b"",
    }[damage]
    path = tmp_path / "bad.po"
    path.write_bytes(bad)
    with pytest.raises(UserError) as error:
        read_po(path)
    message = str(error.value)
    assert "\n" not in message and str(path) in message


@pytest.mark.parametrize(("lang", "header"), [
    ("my", "Plural-Forms: nplurals=1; plural=0;"),
    ("fr", "Plural-Forms: nplurals=2; plural=(n > 1);"),
    ("ja", "Plural-Forms: nplurals=1; plural=0;"),
])
def test_header_plural_forms_are_right_for_the_target(tmp_path, lang, header):
    text = po_bytes(_document(lang)).decode()
    assert header in text and f"Language: {lang}" in text


def test_gettext_itself_reads_the_burmese_plural_header(tmp_path):
    """Compiled to MO and loaded by Python's gettext: one form, so every count picks it."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po as babel_read_po

    path = _write(tmp_path / "a.po", _document())
    with path.open("rb") as stream:
        catalog = babel_read_po(stream)
    mo = tmp_path / "a.mo"
    with mo.open("wb") as stream:
        write_mo(stream, catalog)
    with mo.open("rb") as stream:
        translations = gettext.GNUTranslations(stream)
    assert translations.plural(1) == translations.plural(5) == 0
    assert "nplurals=1" in translations.info()["plural-forms"]


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt is not installed")
def test_gnu_msgfmt_accepts_the_file(tmp_path):
    path = _write(tmp_path / "a.po", _document())
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# ---------------------------------------------------------------- CLI

def _export(tmp_path, *extra) -> Path:
    out = tmp_path / "article.po"
    result = run_cli("translations", "export", "1", "--to", "my", "--out", str(out), *extra)
    assert result.returncode == 0, result.stderr
    return out


def _fill(path: Path, translations: dict[int, tuple[str, bool]]) -> None:
    """Fill the n-th entry's msgstr (and fuzzy flag) as a PO editor would."""
    blocks = path.read_text(encoding="utf-8").split("\n\n")
    for number, (text, fuzzy) in translations.items():
        block = blocks[number]
        block = block.replace('msgstr ""', f'msgstr "{text}"')
        if fuzzy:
            block = block.replace("msgctxt", "#, fuzzy\nmsgctxt", 1)
        blocks[number] = block
    path.write_text("\n\n".join(blocks), encoding="utf-8")


def test_export_then_import_saves_translations_as_translated_or_draft(tmp_path, workspace):
    path = _export(tmp_path)
    _fill(path, {1: ("ပထမ ဝါကျ", False), 2: ("ဒုတိယ", True)})
    result = run_cli("translations", "import", str(path))
    assert result.returncode == 0, result.stderr
    assert "2 translations" in result.stdout and "1 translated, 1 drafts" in result.stdout
    segments = workspace.store.segments(1)
    saved = workspace.store.translations(1, "my")
    assert saved[segments[0].segment_id].text == "ပထမ ဝါကျ"
    assert saved[segments[0].segment_id].status == "translated"
    assert saved[segments[1].segment_id].status == "draft"
    again = run_cli("translations", "import", str(path))
    assert "imported 0 translations" in again.stdout  # nothing changed, nothing rewritten


def test_export_carries_existing_work_and_marks_drafts_fuzzy(tmp_path, workspace):
    segment = workspace.store.segments(1)[0]
    workspace.store.save_translation(1, segment.segment_id, "my", "မူကြမ်း", "draft", "tester")
    document = read_po(_export(tmp_path))
    first = next(u for u in document.units if u.segment_id == segment.segment_id)
    assert (first.target, first.fuzzy) == ("မူကြမ်း", True)
    assert len(document.units) == len(workspace.store.segments(1))
    assert "nplurals=1; plural=0;" in (tmp_path / "article.po").read_text(encoding="utf-8")


def test_import_refuses_a_file_whose_sentence_changed_and_saves_nothing(tmp_path, workspace):
    path = _export(tmp_path)
    _fill(path, {1: ("ပထမ", False)})
    text = path.read_text(encoding="utf-8").replace("National Unity Government", "National Unity Govt", 1)
    path.write_text(text, encoding="utf-8")
    result = run_cli("translations", "import", str(path))
    assert_one_line_error(result, "no longer reads as in the file")
    assert workspace.store.translations(1, "my") == {}


def test_import_refuses_a_truncated_file_and_saves_nothing(tmp_path, workspace):
    path = _export(tmp_path)
    _fill(path, {1: ("ပထမ", False), 2: ("ဒုတိယ", False)})
    data = path.read_bytes()
    path.write_bytes(data[: data.index("ဒုတိယ".encode()) + 6])
    result = run_cli("translations", "import", str(path))
    assert_one_line_error(result, "damaged PO file")
    assert workspace.store.translations(1, "my") == {}


@pytest.mark.parametrize(("args", "expected"), [
    (("translations", "export", "1", "--to", "my", "--out", "x.txt"), "use a name ending in .po"),
    (("translations", "export", "99", "--to", "my", "--out", "x.po"), "no article with id 99"),
    (("translations", "export", "1", "--to", "zz!", "--out", "x.po"), "unknown language code"),
    (("translations", "import", "missing.po"), "missing.po does not exist"),
])
def test_mistakes_are_one_line(tmp_path, monkeypatch, args, expected):
    monkeypatch.chdir(tmp_path)
    assert_one_line_error(run_cli(*args), expected)
    assert not (tmp_path / "x.po").exists()


def test_import_converts_zawgyi_translations_and_says_so(tmp_path, workspace):
    zawgyi = "ျမန္မာႏိုင္ငံ အမ်ိဳးသားညီညြတ္ေရးအစိုးရ"  # Zawgyi for မြန်မာနိုင်ငံ အမျိုးသားညီညွတ်ရေးအစိုးရ
    path = _export(tmp_path)
    _fill(path, {1: (zawgyi, False)})
    result = run_cli("translations", "import", str(path))
    assert result.returncode == 0, result.stderr
    assert "converted 1 Zawgyi translations" in result.stderr
    first = workspace.store.segments(1)[0]
    assert workspace.store.translations(1, "my")[first.segment_id].text == "မြန်မာနိုင်ငံ အမျိုးသားညီညွတ်ရေးအစိုးရ"


def test_a_file_saved_with_windows_line_endings_imports(tmp_path, workspace):
    path = _export(tmp_path)
    _fill(path, {1: ("ပထမ", False)})
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    result = run_cli("translations", "import", str(path))
    assert result.returncode == 0, result.stderr
    assert "imported 1 translations" in result.stdout


def test_a_header_wrapped_by_a_po_editor_still_names_the_article(tmp_path):
    text = po_bytes(_document()).decode()
    wrapped = text.replace('"X-Workbench-Article-Id: 7\\n"', '"X-Workbench-"\n"Article-Id: 7\\n"')
    assert wrapped != text
    path = tmp_path / "wrapped.po"
    path.write_text(wrapped, encoding="utf-8")
    assert read_po(path).article_id == 7


def test_language_with_a_territory_is_the_desk_language(tmp_path, workspace):
    path = _export(tmp_path)
    _fill(path, {1: ("ပထမ", False)})
    path.write_text(path.read_text(encoding="utf-8").replace("Language: my\\n", "Language: my_MM\\n"), encoding="utf-8")
    result = run_cli("translations", "import", str(path))
    assert result.returncode == 0, result.stderr
    assert "read as my" in result.stderr
    assert len(workspace.store.translations(1, "my")) == 1


def test_a_file_cut_between_entries_is_refused(tmp_path, workspace):
    path = _export(tmp_path)
    _fill(path, {1: ("ပထမ", False)})
    blocks = path.read_text(encoding="utf-8").split("\n\n")
    path.write_text("\n\n".join(blocks[:6]) + "\n", encoding="utf-8")
    result = run_cli("translations", "import", str(path))
    assert_one_line_error(result, "holds 5 of the", "entries it was exported with")
    assert workspace.store.translations(1, "my") == {}


@pytest.mark.parametrize(("damage", "expected"), [
    ("duplicate", "appears twice"),
    ("bad_escape", "not PO syntax"),
])
def test_entries_gettext_would_refuse_are_refused(tmp_path, damage, expected):
    text = po_bytes(_document()).decode()
    if damage == "duplicate":
        text = text.replace('msgctxt "seg2"', 'msgctxt "seg1"')
    else:
        text = text.replace('msgid "Sentence 1', 'msgid "Sentence \\q1')
    path = tmp_path / "bad.po"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError, match=expected):
        read_po(path)


def test_octal_escapes_are_refused_not_stored_as_backslash_text(tmp_path):
    text = po_bytes(_document()).decode().replace('msgid "Sentence 1', 'msgid "Sentence \\341\\200\\231 1')
    path = tmp_path / "escaped.po"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError, match="escape"):
        read_po(path)


def test_a_long_cut_line_of_escapes_is_refused_at_once(tmp_path):
    path = tmp_path / "cut.po"
    path.write_text('msgid ""\nmsgstr "Language: my\\n"\n\nmsgctxt "a"\nmsgid "x"\nmsgstr "' + "\\n" * 40, encoding="utf-8")
    with pytest.raises(UserError, match="not PO syntax"):
        read_po(path)


def test_as_names_the_author_of_imported_translations(tmp_path, workspace):
    path = _export(tmp_path)
    _fill(path, {1: ("ပထမ", False)})
    result = run_cli("--as", "bob", "translations", "import", str(path))  # by the workspace's first editor's login
    assert result.returncode == 0, result.stderr
    first = workspace.store.segments(1)[0]
    assert workspace.store.translations(1, "my")[first.segment_id].author == f"bob, entered by {getpass.getuser()}"


# ---------------------------------------------------------------- a file cut anywhere

SMALL_ARTICLE = ('The desk test\n\nThe "NUG" said it will pay. It also said the army lost a base.\n\n'
                 'A second paragraph ends here. Then a backslash \\ follows.\n')
SMALL_WORK = [("အမျိုးသားညီညွတ်ရေးအစိုးရ (NUG) က \"ပေးမည်\"ဟု ဆိုသည်။", "translated"),
              ("စစ်တပ်သည် စခန်းတစ်ခု\nဆုံးရှုံးခဲ့သည်။", "draft"), None,
              ("ထို့နောက် နောက်ပြန်မျဉ်းစောင်း \\ တစ်ခု လိုက်လာသည်။ ဤဝါကျသည် ရှည်သည်။", "translated")]


@pytest.fixture
def small_export(tmp_path, workspace) -> Path:
    """A real export of a four-sentence article: translated, draft (fuzzy), empty, and escapes."""
    source = tmp_path / "small.txt"
    source.write_text(SMALL_ARTICLE, encoding="utf-8")
    imported = run_cli("import", str(source))
    assert imported.returncode == 0, imported.stderr
    article = int(re.search(r"as article (\d+)", imported.stdout).group(1))
    # The sentences of the body (the article's first line is its headline, a segment of its own kind).
    segments = [segment for segment in workspace.store.segments(article) if getattr(segment, "kind", "body") == "body"]
    assert len(segments) == len(SMALL_WORK)
    for segment, work in zip(segments, SMALL_WORK, strict=True):
        if work:
            workspace.store.save_translation(article, segment.segment_id, "my", work[0], work[1], "tester")
    out = tmp_path / "small.po"
    exported = run_cli("translations", "export", str(article), "--to", "my", "--out", str(out))
    assert exported.returncode == 0, exported.stderr
    return out


def _wrap(text: str, width: int = 30) -> str:
    """Long msgid/msgstr lines re-wrapped after spaces over several strings, as Poedit and msgcat save them."""
    out = []
    for line in text.split("\n"):
        keyword = line.partition(" ")[0]
        if keyword not in ("msgid", "msgstr") or len(line) <= width:
            out.append(line)
            continue
        chunks = [""]
        for word in re.findall(r"[^ ]+ *| +", line[len(keyword) + 2:-1]):  # a space is never inside an escape
            if chunks[-1] and len(chunks[-1]) + len(word) > width:
                chunks.append("")
            chunks[-1] += word
        out += [f'{keyword} ""'] + [f'"{chunk}"' for chunk in chunks]
    return "\n".join(out)


def _entry_ends(data: bytes) -> dict[int, int]:
    """Offsets where a cut leaves only whole entries (before or after the blank line that follows
    one), and how many segment entries lie before each."""
    ends = {}
    for blank in re.finditer(rb"\n\n", data):
        ends[blank.start() + 1] = ends[blank.end()] = data[: blank.start()].count(b"\nmsgctxt ")
    return ends


def _read_every_cut(path: Path, data: bytes) -> dict[int, str]:
    """The refusal for the file cut at each offset short of its end ("" where it was read)."""
    outcomes = {}
    for offset in range(len(data)):
        path.write_bytes(data[:offset])
        try:
            read_po(path)
        except UserError as error:
            outcomes[offset] = str(error)
        else:
            outcomes[offset] = ""
    return outcomes


def _assert_refused_where_it_ends(path: Path, data: bytes, offset: int, message: str) -> None:
    """One line naming the file at its last line, saying it was cut short and to export it again."""
    cut = data[:offset]
    last_line = max(cut.count(b"\n") + (0 if cut.endswith(b"\n") else 1), 1)
    assert "\n" not in message, (offset, message)
    assert message.startswith(f"{path}:{last_line}: "), (offset, cut[-40:], message)
    assert "cut short" in message and "export it again" in message, (offset, cut[-40:], message)


def test_an_export_cut_at_any_byte_is_refused(small_export):
    data = small_export.read_bytes()
    assert read_po(small_export).units  # whole, it reads
    cut_path = small_export.with_name("cut.po")
    ends = _entry_ends(data)
    total = len(read_po(small_export).units)  # the body's sentences and the headline
    for offset, message in _read_every_cut(cut_path, data).items():
        assert message, f"a cut at byte {offset} read as complete: {data[:offset][-60:]!r}"
        _assert_refused_where_it_ends(cut_path, data, offset, message)
        if offset in ends:  # only the header's count shows a cut exactly between entries
            assert f"holds {ends[offset]} of the {total} entries" in message, (offset, message)
        else:
            assert "holds" not in message, (offset, data[:offset][-40:], message)


def test_a_wrapped_export_cut_anywhere_but_inside_its_last_msgstr_is_refused(small_export):
    """The one cut a PO file cannot show (module docstring): at a line break of the last entry's
    wrapped msgstr, where every entry is whole and the count is right."""
    def fields(path: Path) -> list[tuple]:
        return [(u.segment_id, u.source, u.target, u.fuzzy, u.comments) for u in read_po(path).units]

    whole = fields(small_export)
    small_export.write_text(_wrap(small_export.read_text(encoding="utf-8")), encoding="utf-8")
    assert fields(small_export) == whole
    data = small_export.read_bytes()
    last_msgstr = data.rindex(b'\nmsgstr ""\n') + len(b'\nmsgstr ""\n')
    breaks = re.compile(rb"\n").finditer(data, last_msgstr)
    undetectable = {last_msgstr} | {match.end() for match in breaks if match.end() < len(data)}
    assert len(undetectable) >= 3  # the last translation was wrapped over several lines
    cut_path = small_export.with_name("cut.po")
    outcomes = _read_every_cut(cut_path, data)
    assert {offset for offset, message in outcomes.items() if not message} == undetectable
    for offset, message in outcomes.items():
        if message:
            _assert_refused_where_it_ends(cut_path, data, offset, message)
    cut_path.write_bytes(data[: min(undetectable)])
    assert read_po(cut_path).units[-1].target == ""  # what such a cut reads as: a shorter last translation


def test_import_refuses_a_file_cut_inside_its_last_wrapped_msgstr_and_saves_nothing(small_export, workspace):
    """Measured before: this imported the first part of the last translation and reported success."""
    article = read_po(small_export).article_id
    before = workspace.store.translations(article, "my")
    small_export.write_text(_wrap(small_export.read_text(encoding="utf-8")), encoding="utf-8")
    data = small_export.read_bytes()
    first_part = data.index(b"\n", data.rindex(b'\nmsgstr ""\n') + len(b'\nmsgstr ""\n'))
    small_export.write_bytes(data[:first_part])  # the last line is a whole "…" string, with no line break
    result = run_cli("translations", "import", str(small_export))
    assert_one_line_error(result, f"{small_export}:", "cut short", "export it again")
    assert workspace.store.translations(article, "my") == before


def test_importing_over_an_edit_made_since_the_export_is_refused_whole(tmp_path, workspace):
    """The file says which revision each entry was based on; a later edit in the workbench is never overwritten."""
    path = tmp_path / "a1.po"
    assert run_cli("translations", "export", "1", "--to", "my", "--out", str(path)).returncode == 0
    first, second = (s.segment_id for s in workspace.store.segments(1)[:2])
    workspace.store.save_translation(1, first, "my", "ရုံးမှ ပြင်ဆင်ချက်", "translated", "ed", expected_revision=0)
    text = path.read_text(encoding="utf-8")
    for segment_id in (first, second):
        start = text.index(f'msgctxt "{segment_id}"')
        end = text.index('msgstr ""', start)
        text = text[:end] + 'msgstr "ဖိုင်မှ"' + text[end + len('msgstr ""'):]
    path.write_text(text, encoding="utf-8")
    result = run_cli("translations", "import", str(path))
    assert_one_line_error(result, "was changed in the workbench since this file was exported", "nothing was changed")
    saved = workspace.store.translations(1, "my")
    assert saved[first].text == "ရုံးမှ ပြင်ဆင်ချက်" and second not in saved
