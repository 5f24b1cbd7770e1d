"""More user mistakes found in review: each one line, nothing changed, no traceback."""

import subprocess
import sys

import pytest

from tests.support.cli_helpers import assert_one_line_error, run_cli


def test_two_files_with_the_same_name_are_two_articles(tmp_path, data_dir):
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(f"Report from {folder}\n\nThe NUG met in {folder}.\n", encoding="utf-8")
    result = run_cli("import", str(tmp_path / "x" / "report.txt"), str(tmp_path / "y" / "report.txt"))
    assert result.returncode == 0 and "re-imported" not in result.stdout
    listing = run_cli("articles").stdout
    assert "Report from x" in listing and "Report from y" in listing


def test_a_read_only_database_is_one_line_and_changes_nothing(tmp_path, data_dir):
    run_cli("articles")
    database = data_dir / "workbench.db"
    url = f"sqlite:///file:{database}?mode=ro&uri=true"
    story = tmp_path / "story.txt"
    story.write_text("A story\n\nThe NUG met.\n", encoding="utf-8")
    before = run_cli("articles").stdout
    assert_one_line_error(run_cli("--db", url, "import", str(story)), "nothing was changed")
    assert_one_line_error(run_cli("--db", url, "glossary", "propose", "Sagaing Region"), "not locked")
    assert run_cli("articles").stdout == before


def test_a_data_folder_that_cannot_be_created_is_one_line(tmp_path):
    blocker = tmp_path / "afile"
    blocker.write_text("x")
    assert_one_line_error(run_cli("--data-dir", str(blocker / "ws"), "articles"), "cannot create the data folder")


def test_output_into_a_closed_pipe_is_quiet(data_dir):
    run_cli("articles")
    command = f"{sys.executable} -m workbench glossary list --format tsv | head -1"
    result = subprocess.run(command, shell=True, capture_output=True, text=True, timeout=60)
    assert result.stdout.startswith("entry_id\t") and "Traceback" not in result.stderr


def test_an_odd_article_reference_is_one_line(data_dir):
    assert_one_line_error(run_cli("translate", "²", "--to", "fr"), "neither an article id nor an existing file")


@pytest.mark.parametrize("args, fragment", [
    (["glossary", "approve", "army-captain", "--lang", "my", "--rendering", "  "], "the rendering is empty"),
    (["glossary", "approve", "army-captain", "--lang", "en", "--rendering", "Captain"], "English is the source language"),
    (["glossary", "approve", "army-captain", "--lang", "fr", "--rendering", "capitaine", "--revision", "99"], "no revision 99"),
    (["glossary", "propose", "Army captain", "--lang", "en", "--rendering", "x"], "English is the source language"),
])
def test_glossary_decisions_that_would_corrupt_the_glossary_are_refused(data_dir, args, fragment):
    run_cli("articles")
    before = run_cli("glossary", "show", "army-captain").stdout
    assert_one_line_error(run_cli(*args), fragment)
    assert run_cli("glossary", "show", "army-captain").stdout == before


def test_match_refuses_invalid_utf8_on_standard_input(data_dir):
    result = subprocess.run([sys.executable, "-m", "workbench", "glossary", "match", "-"],
                            input=b"army\xff captain\n", capture_output=True, timeout=60)
    assert result.returncode == 2 and b"standard input is not UTF-8" in result.stderr


def _csv(rows: list[str]) -> str:
    header = "entry_id,domain,definition,term,term_kind,case,context,lang,rendering,status,do_not_translate,honorific,note,source"
    return "\n".join([header, *rows]) + "\n"


def test_an_import_with_an_english_rendering_is_refused_whole(tmp_path, data_dir):
    run_cli("articles")
    path = tmp_path / "bad.csv"
    path.write_text(_csv([
        "sagaing-region,place,,Sagaing Region,full,auto,,,,,,,,",
        "sagaing-region,,,,,,,my,စစ်ကိုင်းတိုင်း,proposed,false,false,,",
        "army-captain,,,army captain,full,auto,,,,,,,,",
        "army-captain,,,,,,,en,Captain,approved,false,false,,seen",
    ]), encoding="utf-8")
    before = run_cli("glossary", "list", "--format", "tsv").stdout
    assert_one_line_error(run_cli("glossary", "import", str(path)), "English is the source language")
    assert run_cli("glossary", "list", "--format", "tsv").stdout == before


def test_an_import_whose_id_names_other_terms_becomes_a_separate_entry(tmp_path, data_dir):
    run_cli("articles")
    path = tmp_path / "clash.csv"
    path.write_text(_csv([
        "army-captain,,,banana,full,auto,,,,,,,,",
        "army-captain,,,,,,,fr,banane,proposed,false,false,,",
    ]), encoding="utf-8")
    result = run_cli("glossary", "import", str(path))
    assert result.returncode == 0 and "conflict: army-captain" in result.stderr and "1 new" in result.stdout
    assert "banana" not in run_cli("glossary", "show", "army-captain").stdout
    assert "banane" in run_cli("glossary", "show", "army-captain-2").stdout


def test_two_concepts_of_one_file_sharing_a_term_stay_two_entries(tmp_path, data_dir):
    """Homonyms: the file says they are two concepts (two ids). The first merges into the glossary's
    entry for the term; the second is not folded into it (its renderings would become the first's)."""
    run_cli("articles")
    path = tmp_path / "two.csv"
    path.write_text(_csv([
        "capt-a,,,army captain,full,auto,,,,,,,,",
        "capt-a,,,,,,,fr,capitaine (armée de terre),proposed,false,false,,",
        "capt-b,,,Army Captain,full,auto,,,,,,,,",
        "capt-b,,,,,,,de,Hauptmann,proposed,false,false,,",
    ]), encoding="utf-8")
    result = run_cli("glossary", "import", str(path))
    assert result.returncode == 0, result.stderr
    assert "1 new, 1 updated" in result.stdout
    shown = run_cli("glossary", "show", "army-captain").stdout
    assert "capitaine (armée de terre)" in shown and "Hauptmann" not in shown
    assert "Hauptmann" in run_cli("glossary", "show", "capt-b").stdout
