"""Who acts is the login (on SQLite the process's OS login): a translator's login cannot approve or
change roles whatever name it gives, and an editor's login entering work for someone is recorded
as "NAME, entered by LOGIN"."""

from __future__ import annotations

import os
import pwd
import subprocess
import sys

import pytest

from tests.support.cli_helpers import assert_one_line_error, run_cli
from tests.support.logins import login
from workbench.app.config import load_settings
from workbench.storage.store import Store

SAGAING_MY = "စစ်ကိုင်းတိုင်း"
APPROVE = ("glossary", "approve", "sagaing-region", "--lang", "my", "--rendering", SAGAING_MY)


@pytest.fixture
def desk(data_dir):
    """lead's login created the project (its first editor); mya is an editor, tin a translator who proposed."""
    for command in (("users", "set", "mya", "--role", "editor"), ("users", "set", "tin", "--role", "translator")):
        assert run_cli(*command, env=login("lead")).returncode == 0
    proposed = run_cli("glossary", "propose", "Sagaing Region", "--lang", "my", "--rendering", SAGAING_MY, env=login("tin"))
    assert proposed.returncode == 0, proposed.stderr
    return data_dir


def _state() -> tuple[str, str, str]:
    """Everything a refused command must leave as it was: renderings, history and roles."""
    listing = run_cli("glossary", "list", "--format", "json", env=login("lead")).stdout
    history = run_cli("glossary", "history", "sagaing-region", env=login("lead")).stdout
    return listing, history, run_cli("users", "list", env=login("lead")).stdout


@pytest.mark.parametrize("command", [APPROVE, ("glossary", "forbid", "sagaing-region", "--lang", "my", "--rendering", SAGAING_MY),
                                     ("users", "set", "tin", "--role", "editor"), ("users", "set", "mya", "--role", "translator")])
@pytest.mark.parametrize("naming, env, fragment", [
    (("--as", "mya"), {}, "--as mya"),
    ((), {"WORKBENCH_USER": "lead"}, "WORKBENCH_USER=lead"),
    ((), {}, "only an editor can"),
])
def test_a_translators_login_is_refused_whatever_name_it_gives(desk, command, naming, env, fragment):
    before = _state()
    refused = run_cli(*naming, *command, env={**login("tin"), **env})
    assert refused.returncode == 2
    assert_one_line_error(refused, "tin is a translator", fragment, "nothing was changed")
    assert _state() == before


def test_a_translator_may_name_their_own_login(desk):
    proposed = run_cli("--as", "tin", "glossary", "propose", "Sagaing Region", "--lang", "fr", "--rendering", "Sagaing",
                       env={**login("tin"), "WORKBENCH_USER": "tin"})
    assert proposed.returncode == 0, proposed.stderr
    assert run_cli("glossary", "history", "sagaing-region").stdout.splitlines()[-1].split()[3] == "tin"


def test_an_editors_login_entering_for_someone_is_recorded_as_entered_by(desk, tmp_path):
    approved = run_cli("--as", "Daw Khin", *APPROVE, env=login("mya"))
    assert approved.returncode == 0, approved.stderr
    assert "Daw Khin, entered by mya" in run_cli("glossary", "history", "sagaing-region").stdout.splitlines()[-1]
    by_variable = run_cli("users", "set", "tin", "--role", "editor", env={**login("lead"), "WORKBENCH_USER": "Daw Khin"})
    assert by_variable.returncode == 0, by_variable.stderr
    assert _updated_by("tin") == "Daw Khin, entered by lead"
    # A translation saved through the CLI: its author and its history name both.
    exported = tmp_path / "article.po"
    assert run_cli("translations", "export", "1", "--to", "my", "--out", str(exported)).returncode == 0
    blocks = exported.read_text(encoding="utf-8").split("\n\n")
    blocks[1] = blocks[1].replace('msgstr ""', 'msgstr "ပထမ"')
    exported.write_text("\n\n".join(blocks), encoding="utf-8")
    imported = run_cli("--as", "Ko Aung", "translations", "import", str(exported), env=login("mya"))
    assert imported.returncode == 0, imported.stderr
    store = Store(load_settings().db_url)
    try:
        segment = store.segments(1)[0].segment_id
        assert store.translations(1, "my")[segment].author == "Ko Aung, entered by mya"
        assert [version.author for version in store.translation_history(1, "my", segment)] == ["Ko Aung, entered by mya"]
    finally:
        store.close()


def _updated_by(name: str) -> str:
    import sqlalchemy as sa

    store = Store(load_settings().db_url)
    with store.engine.connect() as conn:
        found = conn.scalar(sa.text("SELECT updated_by FROM users WHERE name = :name"), {"name": name})
    store.close()
    return str(found)


def test_sqlite_acts_as_the_operating_system_login(data_dir):
    """With no login variable set, the password database's name for the process's user."""
    plain = {name: value for name, value in os.environ.items() if name not in ("LOGNAME", "USER", "LNAME", "USERNAME")}
    first = subprocess.run([sys.executable, "-m", "workbench", "users", "list"], env=plain, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines() == [f"{pwd.getpwuid(os.getuid()).pw_name}\teditor"]
    by_login = run_cli("glossary", "propose", "Sagaing Region", "--lang", "my", "--rendering", SAGAING_MY, env=login("ann"))
    assert by_login.returncode == 0, by_login.stderr
    assert run_cli("glossary", "history", "sagaing-region").stdout.splitlines()[-1].split()[3] == "ann"


def test_the_first_start_makes_the_login_the_first_editor_and_refuses_as(data_dir):
    refused = run_cli("--as", "lead", "users", "list", env=login("ann"))
    assert_one_line_error(refused, "ann is not an editor here", "--as lead")
    assert not (data_dir / "workbench.db").exists()  # nothing was created
    first = run_cli("users", "list", env=login("ann"))
    assert first.returncode == 0 and first.stdout.splitlines() == ["ann\teditor"], first.stderr


def test_a_workspace_without_an_editor_lets_any_login_name_the_first(desk):
    for name in ("mya", "lead"):
        assert run_cli("users", "set", name, "--role", "translator", env=login("lead")).returncode == 0
    assert "editor" not in run_cli("users", "list").stdout
    named = run_cli("users", "set", "tin", "--role", "editor", env=login("tin"))
    assert named.returncode == 0, named.stderr
    assert_one_line_error(run_cli("users", "set", "lead", "--role", "editor", env=login("lead")), "lead is a translator")


def test_a_database_url_that_cannot_be_used_is_one_line_with_as_too(tmp_path):
    for url in ("notaurl", "mysql://a@b/c", "postgresql+psycopg://u:secret@127.0.0.1:notaport/x"):
        for args in (("--as", "x", "glossary", "list"), ("db", "migrate")):
            run = run_cli(*args, env={"WORKBENCH_DB": url})
            assert_one_line_error(run, "cannot use database URL")
            assert "secret" not in run.stderr
