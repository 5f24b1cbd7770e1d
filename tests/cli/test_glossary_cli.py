"""`workbench glossary` and `workbench users` as a desk uses them from a shell."""

import json

import pytest

from tests.support.cli_helpers import assert_one_line_error, run_cli


@pytest.fixture
def desk(data_dir):
    """A project created by `lead` (its first editor) with one more editor and a translator."""
    env = {"WORKBENCH_USER": "lead"}
    assert run_cli("users", "set", "mya", "--role", "editor", env=env).returncode == 0
    assert run_cli("users", "set", "tin", "--role", "translator", env=env).returncode == 0
    return env


def test_users_list_shows_roles(desk):
    out = run_cli("users", "list", env=desk).stdout.split("\n")
    assert "lead\teditor" in out and "mya\teditor" in out and "tin\ttranslator" in out


def test_a_translator_cannot_make_themselves_editor(desk):
    result = run_cli("users", "set", "tin", "--role", "editor", "--as", "tin")
    assert_one_line_error(result, "only an editor can change roles")


def test_propose_then_approve_then_list_as_tsv_and_json(desk):
    result = run_cli("--as", "tin", "glossary", "propose", "Sagaing Region", "--lang", "my", "--rendering", "စစ်ကိုင်းတိုင်း")
    assert result.returncode == 0 and "sagaing-region" in result.stdout
    pending = run_cli("glossary", "list", "--status", "pending", "--format", "tsv").stdout.splitlines()
    assert pending[0].split("\t") == ["entry_id", "term", "lang", "rendering", "status"]
    assert "sagaing-region\tSagaing Region\tmy\tစစ်ကိုင်းတိုင်း\tproposed" in pending
    refused = run_cli("glossary", "approve", "sagaing-region", "--lang", "my", "--rendering", "စစ်ကိုင်းတိုင်း", "--as", "tin")
    assert_one_line_error(refused, "tin is a translator")
    approved = run_cli("glossary", "approve", "sagaing-region", "--lang", "my", "--rendering", "စစ်ကိုင်းတိုင်း", "--as", "mya")
    assert approved.returncode == 0 and approved.stdout.strip().endswith("approved")
    rows = json.loads(run_cli("glossary", "list", "--lang", "my", "--status", "approved", "--format", "json").stdout)
    assert {"entry_id": "sagaing-region", "term": "Sagaing Region", "lang": "my", "rendering": "စစ်ကိုင်းတိုင်း", "status": "approved"} in rows


def test_history_shows_who_did_what_when_and_why(desk):
    run_cli("--as", "tin", "glossary", "propose", "Sagaing Region", "--lang", "fr", "--rendering", "Sagaing")
    run_cli("--as", "mya", "glossary", "reject", "sagaing-region", "--lang", "fr", "--rendering", "Sagaing", "--reason", "use région de Sagaing")
    lines = run_cli("glossary", "history", "sagaing-region").stdout.splitlines()
    assert "tin" in lines[0] and "propose-term" in lines[0]
    assert "mya" in lines[-1] and "reject" in lines[-1] and "proposed→rejected" in lines[-1]
    assert "(use région de Sagaing)" in lines[-1]


def test_reject_without_reason_and_stale_revision_are_refused(desk):
    run_cli("--as", "tin", "glossary", "propose", "Sagaing Region", "--lang", "fr", "--rendering", "Sagaing")
    assert_one_line_error(run_cli("--as", "mya", "glossary", "reject", "sagaing-region", "--lang", "fr", "--rendering", "Sagaing"), "needs a reason")
    revision = 1
    run_cli("--as", "mya", "glossary", "approve", "sagaing-region", "--lang", "fr", "--rendering", "Sagaing")
    stale = run_cli("--as", "lead", "glossary", "forbid", "sagaing-region", "--lang", "fr", "--rendering", "Sagaing", "--revision", str(revision))
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
