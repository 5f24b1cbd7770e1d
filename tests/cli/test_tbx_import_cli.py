"""TBX import end to end: what real termbases hold is stored, shown, exported again, or reported."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_cli import snapshot_tree
from tests.support.cli_helpers import assert_one_line_error, run_cli

FIXTURES = Path(__file__).parents[1] / "fixtures" / "tbx"


def _import(name: str, *extra: str):
    result = run_cli("glossary", "import", str(FIXTURES / name), *extra)
    assert result.returncode == 0, result.stderr
    return result


def test_every_field_is_stored_shown_and_exported_again(data_dir, tmp_path):
    imported = _import("basic_dca.tbx")
    assert "imported" in imported.stdout and "1 new" in imported.stdout
    show = run_cli("glossary", "show", "galaxy-cluster").stdout
    assert "astronomy" in show and "(fr) Structure de centaines" in show and "source: IAU glossary" in show
    assert "galaxy cluster  [full preferred noun]" in show
    assert "galactic cluster  [full superseded]  superseded term: do not use" in show
    exported = tmp_path / "desk.tbx"
    assert run_cli("glossary", "export", str(exported)).returncode == 0
    text = exported.read_text(encoding="utf-8")
    assert "supersededTerm-admn-sts" in text and "Astronomy style guide" in text and "Plural: galaxy clusters." in text
    again = run_cli("glossary", "import", str(exported))
    assert again.returncode == 0, again.stderr
    assert "0 new, 0 updated" in again.stdout and again.stderr == ""


def test_match_names_a_retired_term_and_the_term_to_use(data_dir, tmp_path):
    _import("basic_dca.tbx")
    text = tmp_path / "story.txt"
    text.write_text("The galactic cluster is now called a galaxy cluster.\n", encoding="utf-8")
    rows = [line.split("\t") for line in run_cli("glossary", "match", str(text)).stdout.splitlines()[1:]]
    found = {row[0]: row for row in rows}
    assert found["galactic cluster"][4] == "galactic cluster: superseded term; use 'galaxy cluster'"
    assert found["galaxy cluster"][4] == "fr=amas de galaxies"
    as_json = {row["term"]: row for row in json.loads(run_cli("glossary", "match", str(text), "--format", "json").stdout)}
    assert as_json["galactic cluster"]["status"] == "superseded" and as_json["galactic cluster"]["approved"] == {}
    assert as_json["galaxy cluster"]["approved"] == {"fr": "amas de galaxies"}


def test_a_term_twice_in_a_concept_imports_as_one(data_dir):
    result = _import("duplicate_term.tbx")
    assert "2 new" in result.stdout
    assert "repeated term in one concept (merged into one): 2" in result.stderr
    show = run_cli("glossary", "show", "ceasefire").stdout
    assert show.count("en  ceasefire") == 1 and show.count("အပစ်အခတ်ရပ်စဲရေး") == 1


def test_homonyms_stay_distinct_and_a_reimport_is_unchanged(data_dir):
    first = _import("homonyms.tbx")
    assert "3 new, 0 updated" in first.stdout
    again = _import("homonyms.tbx")
    assert "0 new, 0 updated, 3 unchanged" in again.stdout
    listing = run_cli("glossary", "list", "--format", "tsv").stdout
    assert all(entry in listing for entry in ("bank-finance", "bank-river", "\tbank\t"))


def test_a_file_without_english_terms_is_refused_whole(data_dir):
    run_cli("articles")
    before = snapshot_tree(data_dir)
    result = run_cli("glossary", "import", str(FIXTURES / "dutch_source.tbx"))
    assert_one_line_error(result, "dutch_source.tbx", "none of its 3 concepts has an English term", "'nl'")
    assert snapshot_tree(data_dir) == before


def test_what_was_not_imported_is_summarised_with_file_and_line(data_dir):
    result = _import("unknown_categories.tbx")
    assert "1 updated" in result.stdout  # the shipped glossary's "pdf" (PDF); the two concepts without English skipped
    path = str(FIXTURES / "unknown_categories.tbx")
    lines = result.stderr.splitlines()
    assert lines[0] == f"workbench: warning: {path}: what the glossary did not keep:"
    assert f"  crossReference not kept: 1 (e.g. {path}:7)" in lines
    assert f"  unknown data category <acme:flag>: 1 (e.g. {path}:14)" in lines
    assert (f"  concept without an English term (not imported): 2 (e.g. {path}:30 concept only-burmese; "
            f"{path}:33 concept only-japanese)") in lines
    assert run_cli("glossary", "show", "only-burmese").returncode != 0
