"""Glossary import and export through the CLI: round trips, conflicts, nothing overwritten silently."""

import pytest

from tests.cli.test_cli import snapshot_tree
from tests.support.cli_helpers import assert_one_line_error, run_cli
from tests.support.logins import login

NUG = "national-unity-government"
NUG_MY = "အမျိုးသားညီညွတ်ရေးအစိုးရ"


@pytest.mark.parametrize("extension", ["tbx", "csv", "tsv"])
def test_export_then_import_the_same_file_changes_nothing(data_dir, tmp_path, extension):
    target = tmp_path / f"desk.{extension}"
    exported = run_cli("glossary", "export", str(target))
    assert exported.returncode == 0, exported.stderr
    before = run_cli("glossary", "list", "--format", "tsv").stdout
    history_before = run_cli("glossary", "history", NUG).stdout
    imported = run_cli("glossary", "import", str(target))
    assert imported.returncode == 0, imported.stderr
    assert "0 new, 0 updated" in imported.stdout and "0 conflicts" in imported.stdout
    assert run_cli("glossary", "list", "--format", "tsv").stdout == before
    assert run_cli("glossary", "history", NUG).stdout == history_before


def test_import_reports_a_different_approved_rendering_and_keeps_the_approved_one(data_dir, tmp_path):
    run_cli("articles")
    target = tmp_path / "desk.csv"
    run_cli("glossary", "export", str(target))
    text = target.read_text(encoding="utf-8-sig")
    target.write_text(text.replace(NUG_MY, "အမျိုးသား ညီညွတ်ရေး အစိုးရ"), encoding="utf-8")
    result = run_cli("glossary", "import", str(target))
    assert result.returncode == 0, result.stderr
    assert f"conflict: {NUG} (my)" in result.stderr and "1 conflicts" in result.stdout
    show = run_cli("glossary", "show", NUG).stdout
    assert f"{NUG_MY}  [approved" in show
    assert "အမျိုးသား ညီညွတ်ရေး အစိုးရ  [proposed" in show


def test_a_translators_import_only_proposes(data_dir, tmp_path):
    run_cli("articles")
    tbx = tmp_path / "new.tbx"
    tbx.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
 <tbxHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></tbxHeader>
 <text><body>
  <conceptEntry id="sagaing-region">
   <langSec xml:lang="en"><termSec><term>Sagaing Region</term></termSec></langSec>
   <langSec xml:lang="my"><termSec><term>စစ်ကိုင်းတိုင်း</term>
     <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec></langSec>
  </conceptEntry>
 </body></text>
</tbx>""", encoding="utf-8")
    result = run_cli("glossary", "import", str(tbx), env=login("tin"))
    assert result.returncode == 0 and "1 new" in result.stdout
    assert "စစ်ကိုင်းတိုင်း  [proposed" in run_cli("glossary", "show", "sagaing-region").stdout


@pytest.mark.parametrize("name, content, fragment", [
    ("bomb.tbx", '<?xml version="1.0"?><!DOCTYPE t [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><tbx>&b;</tbx>', "entities"),
    ("cut.tbx", '<?xml version="1.0"?><tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body><conceptEntry id="x">', "cut.tbx"),
    ("bad.csv", "entry_id,term\nx,y\n", "column"),
    ("glossary.xlsx", "PK", "xlsx"),
])
def test_bad_glossary_files_are_refused_and_change_nothing(data_dir, tmp_path, name, content, fragment):
    run_cli("articles")
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    before = run_cli("glossary", "list", "--format", "tsv").stdout
    files_before = snapshot_tree(data_dir)
    assert_one_line_error(run_cli("glossary", "import", str(path)), fragment)
    assert run_cli("glossary", "list", "--format", "tsv").stdout == before
    assert snapshot_tree(data_dir) == files_before


def test_match_reports_terms_with_spans_and_approved_renderings(data_dir, tmp_path):
    seed = tmp_path / "lead.txt"
    text = "Daw Zin Mar Aung, the NUG’s foreign minister, said the People’s Embrace was open. Plan U has a PDF file."
    seed.write_text(text, encoding="utf-8")
    lines = run_cli("glossary", "match", str(seed)).stdout.splitlines()
    assert lines[0].split("\t") == ["term", "start", "end", "entry_id", "approved"]
    rows = [line.split("\t") for line in lines[1:]]
    for term, start, end, _entry, _approved in rows:
        assert text[int(start):int(end)] == term
    found = {row[3]: row for row in rows}
    assert f"my={NUG_MY}" in found[NUG][4]
    assert "peoples-embrace" in found and "daw-zin-mar-aung" in found
    assert "u" not in found and "peoples-defense-force" not in found


def test_the_shipped_glossary_round_trips_through_tbx(tmp_path):
    from workbench.app.workspace import glossary_dir
    from workbench.formats.glossary_io import read_glossary, write_glossary
    from workbench.formats.glossary_toml import load_entries

    shipped = load_entries(glossary_dir())
    assert len(shipped) > 30
    write_glossary(shipped, tmp_path / "shipped.tbx")
    assert read_glossary(tmp_path / "shipped.tbx") == shipped


@pytest.mark.parametrize("extension", ["csv", "tsv"])
def test_an_export_cut_after_a_complete_row_is_refused_whole(data_dir, tmp_path, extension):
    target = tmp_path / f"desk.{extension}"
    assert run_cli("glossary", "export", str(target)).returncode == 0
    lines = target.read_bytes().split(b"\r\n")
    kept = len(lines) // 2
    cut = b"\r\n".join(lines[:kept]) + b"\r\n"  # exactly at a row boundary
    target.write_bytes(cut)
    before = run_cli("glossary", "list", "--format", "tsv").stdout
    result = run_cli("glossary", "import", str(target))
    last_line = cut.count(b"\n")  # cells hold line breaks too, so lines are not rows
    assert_one_line_error(result, f"{target}:{last_line}:", "cut short", "export it again")
    assert run_cli("glossary", "list", "--format", "tsv").stdout == before


def test_a_file_with_a_control_character_in_a_term_is_refused_whole(tmp_path, data_dir):
    """Stored, such an entry would block every export: it is refused at import, and nothing changes."""
    path = tmp_path / "hostile.csv"
    path.write_text("entry_id,domain,definition,term,term_kind,case,context,lang,rendering,status,do_not_translate,honorific,note,source\n"
                    "good-one,,,Good term,full,auto,,,,,,,,\n"
                    "bell,,,Bell\x07term,full,auto,,,,,,,,\n", encoding="utf-8")
    before = run_cli("glossary", "list", "--format", "tsv").stdout
    result = run_cli("glossary", "import", str(path))
    assert_one_line_error(result, "'bell'", "nothing was imported")
    assert run_cli("glossary", "list", "--format", "tsv").stdout == before
