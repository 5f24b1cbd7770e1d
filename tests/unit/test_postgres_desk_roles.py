"""`workbench db grant` on a real PostgreSQL server: a translator's own database login cannot write
a glossary decision or a role even in direct SQL, yet saves translations, history, MT and memory;
through the CLI its approval is one line and changes nothing, whatever name it gives."""

from __future__ import annotations

import psycopg
import pytest
import sqlalchemy as sa

from tests.support.cli_helpers import assert_one_line_error, run_cli
from workbench.app import editing
from workbench.app.config import load_settings
from workbench.app.workspace import open_workspace
from workbench.storage.store import MTKey

SAGAING_MY = "စစ်ကိုင်းတိုင်း"
EDITOR_ONLY = {  # one write of each kind per table a translator's login may only read
    "glossary_entries": ["UPDATE glossary_entries SET note = 'mine'", "DELETE FROM glossary_entries",
                         "INSERT INTO glossary_entries (id, revision, updated_at, updated_by) VALUES ('x', 1, now(), 'tin')"],
    "glossary_renderings": ["UPDATE glossary_renderings SET status = 'approved'", "DELETE FROM glossary_renderings"],
    "glossary_terms": ["UPDATE glossary_terms SET text = 'x'", "DELETE FROM glossary_terms"],
    "glossary_history": ["DELETE FROM glossary_history", "UPDATE glossary_history SET actor = 'someone'"],
    "users": ["UPDATE users SET role = 'editor'", "DELETE FROM users",
              "INSERT INTO users (name, role, updated_at, updated_by) VALUES ('tin2', 'editor', now(), 'tin')"],
}


def _as(url: str, login: str) -> str:
    return sa.engine.make_url(url).set(username=login).render_as_string(hide_password=False)


def _create_logins(postgres_server, *names: str) -> None:
    """Desk members' logins (the test server trusts 127.0.0.1, so they need no password)."""
    with psycopg.connect(f"host=127.0.0.1 port={postgres_server.port} user=postgres dbname=postgres",
                         autocommit=True) as conn:
        for name in names:
            conn.execute(f"DO $$ BEGIN CREATE ROLE {name} LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$".encode())


@pytest.fixture
def desk(postgres_server, postgres_url) -> str:
    """A PostgreSQL workspace opened first by its owner (postgres, so its first editor), with tin a
    translator and mya an editor, and `workbench db grant` run."""
    _create_logins(postgres_server, "tin", "mya")
    for command in (("users", "set", "tin", "--role", "translator"), ("users", "set", "mya", "--role", "editor"),
                    ("glossary", "propose", "Sagaing Region", "--lang", "my", "--rendering", SAGAING_MY)):
        done = run_cli("--db", postgres_url, *command)
        assert done.returncode == 0, done.stderr
    granted = run_cli("--db", postgres_url, "db", "grant")
    assert granted.returncode == 0, granted.stderr
    database = postgres_url.rsplit("/", 1)[1]
    assert f"roles {database}_translator and {database}_editor granted" in granted.stdout
    assert "mya\teditor" in granted.stdout and "tin\ttranslator" in granted.stdout
    assert "postgres owns the tables or is a superuser" in granted.stderr  # said, not hidden
    return postgres_url


def _refused_in_sql(url: str, statement: str) -> bool:
    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text(statement))
    except sa.exc.ProgrammingError as error:
        return isinstance(error.orig, psycopg.errors.InsufficientPrivilege)
    finally:
        engine.dispose()
    return False


def _glossary_rows(url: str) -> tuple:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        rows = tuple(tuple(conn.execute(sa.text(f"SELECT * FROM {table} ORDER BY 1")).all()) for table in EDITOR_ONLY)
    engine.dispose()
    return rows


@pytest.mark.parametrize("table", sorted(EDITOR_ONLY))
def test_a_translators_login_cannot_write_glossary_tables_or_roles_in_sql(desk, table):
    before = _glossary_rows(desk)
    for statement in EDITOR_ONLY[table]:
        assert _refused_in_sql(_as(desk, "tin"), statement), statement
    assert _glossary_rows(desk) == before
    assert not _refused_in_sql(_as(desk, "mya"), EDITOR_ONLY[table][0])  # an editor's login may


def test_a_translators_login_saves_translations_history_mt_and_memory(desk, monkeypatch):
    workspace = open_workspace(load_settings(db_url=_as(desk, "tin")))
    try:
        assert workspace.settings.user == "tin"
        view = workspace.article_view(1, "my")
        segment = view.segments[0].segment_id
        editing.save_edit(workspace.store, view, segment, "ကိုယ်ပိုင် စာ။", "tin")
        editing.toggle_translated(workspace.store, workspace.article_view(1, "my"), segment, "tin")
        workspace.store.save_mt(MTKey("en", "my", "argos", "translate-en_my", "1.0"), {"Hello.": "မင်္ဂလာပါ။"})
    finally:
        workspace.close()
    engine = sa.create_engine(desk)
    with engine.connect() as conn:
        assert conn.scalar(sa.text("SELECT text FROM translations WHERE segment_id = :s AND target_lang = 'my'"),
                           {"s": segment}) == "ကိုယ်ပိုင် စာ။"
        assert conn.scalar(sa.text("SELECT count(*) FROM translation_history WHERE author = 'tin'")) >= 2
        assert conn.scalar(sa.text("SELECT count(*) FROM tm_units")) >= 1
        assert conn.scalar(sa.text("SELECT count(*) FROM machine_translations")) >= 1
    engine.dispose()


def test_a_translators_proposal_is_refused_by_the_database_in_one_line(desk):
    """Proposals write the glossary tables too: with `db grant`, they are an editor's on PostgreSQL."""
    before = _glossary_rows(desk)
    proposed = run_cli("--db", _as(desk, "tin"), "glossary", "propose", "Sagaing Region", "--lang", "fr", "--rendering", "Sagaing")
    assert_one_line_error(proposed, "permission denied", "nothing was changed", "your login's role may not make this change")
    assert _glossary_rows(desk) == before


@pytest.mark.parametrize("named", [("--as", "mya"), ("--as", "postgres"), ()])
def test_a_translators_login_is_refused_approving_through_the_cli(desk, named):
    before = _glossary_rows(desk)
    approve = ("glossary", "approve", "sagaing-region", "--lang", "my", "--rendering", SAGAING_MY)
    refused = run_cli("--db", _as(desk, "tin"), *named, *approve)
    assert_one_line_error(refused, "tin is a translator")
    assert_one_line_error(run_cli("--db", _as(desk, "tin"), "users", "set", "tin", "--role", "editor"), "tin is a translator")
    by_environment = run_cli("--db", _as(desk, "tin"), *approve, env={"WORKBENCH_USER": "mya"})
    assert_one_line_error(by_environment, "tin is a translator", "WORKBENCH_USER=mya")
    assert _glossary_rows(desk) == before
    approved = run_cli("--db", _as(desk, "mya"), *approve)
    assert approved.returncode == 0, approved.stderr
    history = run_cli("--db", desk, "glossary", "history", "sagaing-region").stdout
    assert history.splitlines()[-1].split()[3:5] == ["mya", "approve"]


def test_grant_again_follows_a_role_change(desk):
    promote = run_cli("--db", desk, "users", "set", "tin", "--role", "editor")
    assert promote.returncode == 0, promote.stderr
    assert _refused_in_sql(_as(desk, "tin"), "UPDATE users SET updated_by = 'tin'")  # not before db grant
    regrant = run_cli("--db", desk, "db", "grant")
    assert regrant.returncode == 0 and "tin\teditor" in regrant.stdout, regrant.stderr
    assert not _refused_in_sql(_as(desk, "tin"), "UPDATE users SET updated_by = 'tin'")
    demote = run_cli("--db", desk, "users", "set", "tin", "--role", "translator")
    assert demote.returncode == 0 and run_cli("--db", desk, "db", "grant").returncode == 0
    assert _refused_in_sql(_as(desk, "tin"), "UPDATE users SET updated_by = 'tin'")


def test_grant_refuses_a_user_without_a_login_and_changes_nothing(postgres_url):
    assert run_cli("--db", postgres_url, "users", "set", "nologin_ann", "--role", "translator").returncode == 0
    refused = run_cli("--db", postgres_url, "db", "grant")
    assert_one_line_error(refused, "no database login: nologin_ann", "nothing was changed")
    engine = sa.create_engine(postgres_url)
    with engine.connect() as conn:
        database = conn.scalar(sa.text("SELECT current_database()"))
        assert not conn.scalar(sa.text("SELECT count(*) FROM pg_roles WHERE rolname LIKE :r"), {"r": f"{database}_%"})
    engine.dispose()


def test_grant_on_sqlite_is_one_line():
    assert_one_line_error(run_cli("db", "grant"), "SQLite", "for a PostgreSQL database")
