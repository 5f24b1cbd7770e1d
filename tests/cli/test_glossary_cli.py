"""`workbench glossary` and `workbench users` as a desk uses them from a shell."""

import json

import pytest

from tests.support.cli_helpers import assert_one_line_error, run_cli
from tests.support.logins import login


@pytest.fixture
def desk(data_dir):
    """A project created by `lead` (its first editor) with one more editor and a translator."""
    env = login("lead")
    assert run_cli("users", "set", "mya", "--role", "editor", env=env).returncode == 0
    assert run_cli("users", "set", "tin", "--role", "translator", env=env).returncode == 0
    return env


def test_users_list_shows_roles(desk):
    out = run_cli("users", "list", env=desk).stdout.split("\n")
    assert "lead\teditor" in out and "mya\teditor" in out and "tin\ttranslator" in out


def test_a_translator_cannot_make_themselves_editor(desk):
    result = run_cli("users", "set", "tin", "--role", "editor", env=login("tin"))
    assert_one_line_error(result, "only an editor can change roles")


def test_propose_then_approve_then_list_as_tsv_and_json(desk):
    result = run_cli("glossary", "propose", "Sagaing Region", "--lang", "my", "--rendering", "စစ်ကိုင်းတိုင်း", env=login("tin"))
    assert result.returncode == 0 and "sagaing-region" in result.stdout
    pending = run_cli("glossary", "list", "--status", "pending", "--format", "tsv").stdout.splitlines()
    assert pending[0].split("\t") == ["entry_id", "term", "lang", "rendering", "status"]
    assert "sagaing-region\tSagaing Region\tmy\tစစ်ကိုင်းတိုင်း\tproposed" in pending
    refused = run_cli("glossary", "approve", "sagaing-region", "--lang", "my", "--rendering", "စစ်ကိုင်းတိုင်း", env=login("tin"))
    assert_one_line_error(refused, "tin is a translator")
    approved = run_cli("glossary", "approve", "sagaing-region", "--lang", "my", "--rendering", "စစ်ကိုင်းတိုင်း", env=login("mya"))
    assert approved.returncode == 0 and approved.stdout.strip().endswith("approved")
    rows = json.loads(run_cli("glossary", "list", "--lang", "my", "--status", "approved", "--format", "json").stdout)
    assert {"entry_id": "sagaing-region", "term": "Sagaing Region", "lang": "my", "rendering": "စစ်ကိုင်းတိုင်း", "status": "approved"} in rows


def test_history_shows_who_did_what_when_and_why(desk):
    run_cli("glossary", "propose", "Sagaing Region", "--lang", "fr", "--rendering", "Sagaing", env=login("tin"))
    run_cli("glossary", "reject", "sagaing-region", "--lang", "fr", "--rendering", "Sagaing", "--reason", "use région de Sagaing", env=login("mya"))
    lines = run_cli("glossary", "history", "sagaing-region").stdout.splitlines()
    assert "tin" in lines[0] and "propose-term" in lines[0]
    assert "mya" in lines[-1] and "reject" in lines[-1] and "proposed→rejected" in lines[-1]
    assert "(use région de Sagaing)" in lines[-1]


def test_reject_without_reason_and_stale_revision_are_refused(desk):
    run_cli("glossary", "propose", "Sagaing Region", "--lang", "fr", "--rendering", "Sagaing", env=login("tin"))
    assert_one_line_error(run_cli("glossary", "reject", "sagaing-region", "--lang", "fr", "--rendering", "Sagaing", env=login("mya")), "needs a reason")
    revision = 1
    run_cli("glossary", "approve", "sagaing-region", "--lang", "fr", "--rendering", "Sagaing", env=login("mya"))
    stale = run_cli("glossary", "forbid", "sagaing-region", "--lang", "fr", "--rendering", "Sagaing", "--revision", str(revision), env=login("lead"))
    assert_one_line_error(stale, "changed meanwhile", "mya did approve")
    assert "approved" in run_cli("glossary", "show", "sagaing-region").stdout


@pytest.mark.parametrize("args, fragment", [
    (["glossary", "history", "nope"], "no glossary entry 'nope'"),
    (["glossary", "approve", "nope", "--lang", "my", "--rendering", "x"], "no glossary entry"),
    (["glossary", "propose", "Term", "--lang", "my"], "give both --lang and --rendering"),
    (["glossary", "propose", "Term", "--lang", "zz-qq", "--rendering", "x"], "unknown language code"),
    (["glossary", "match", "/no/such/file.txt"], "no such file"),
    (["--as", " ", "glossary", "list"], "--as needs a user name"),
])
def test_glossary_mistakes_are_one_line(desk, args, fragment):
    assert_one_line_error(run_cli(*args, env=desk), fragment)


def test_one_rendering_whatever_the_case_of_the_language_code(desk):
    """`propose --lang MY` then `approve --lang my` is one rendering, approved (it used to be two)."""
    proposed = run_cli("glossary", "propose", "Sagaing Region", "--lang", "MY", "--rendering", "စစ်ကိုင်းတိုင်း", env=login("tin"))
    assert proposed.returncode == 0, proposed.stderr
    approved = run_cli("glossary", "approve", "sagaing-region", "--lang", "my", "--rendering", "စစ်ကိုင်းတိုင်း", env=login("mya"))
    assert approved.returncode == 0, approved.stderr
    rows = json.loads(run_cli("glossary", "list", "--format", "json").stdout)
    mine = [row for row in rows if row["entry_id"] == "sagaing-region"]
    assert mine == [{"entry_id": "sagaing-region", "term": "Sagaing Region", "lang": "my", "rendering": "စစ်ကိုင်းတိုင်း", "status": "approved"}]
    by_region = run_cli("glossary", "list", "--lang", "my-MM", "--format", "json")
    assert any(row["entry_id"] == "sagaing-region" for row in json.loads(by_region.stdout))


def test_imported_region_codes_join_the_desk_language(desk, tmp_path):
    """A TBX with ug-CN and FR stores ug and fr: `--lang ug` finds it and FR joins the curated fr."""
    path = tmp_path / "partner.tbx"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tbx type="TBX-Basic" style="dca" xml:lang="en" '
        'xmlns="urn:iso:std:iso:30042:ed-2"><text><body>'
        '<conceptEntry id="sagaing-region"><langSec xml:lang="en"><termSec><term>Sagaing Region</term></termSec></langSec>'
        '<langSec xml:lang="ug-CN"><termSec><term>ساگايىڭ رايونى</term></termSec></langSec>'
        '<langSec xml:lang="FR"><termSec><term>région de Sagaing</term></termSec></langSec>'
        '</conceptEntry></body></text></tbx>\n', encoding="utf-8")
    result = run_cli("glossary", "import", str(path), env=login("lead"))
    assert result.returncode == 0, result.stderr
    uyghur = json.loads(run_cli("glossary", "list", "--lang", "ug", "--format", "json").stdout)
    assert [row["rendering"] for row in uyghur] == ["ساگايىڭ رايونى"]
    french = json.loads(run_cli("glossary", "list", "--lang", "fr", "--format", "json").stdout)
    assert "région de Sagaing" in [row["rendering"] for row in french]
    exported = tmp_path / "out.tbx"
    assert run_cli("glossary", "export", str(exported)).returncode == 0
    assert 'xml:lang="ug"' in exported.read_text(encoding="utf-8")
