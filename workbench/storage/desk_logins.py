"""The database side of who is acting: the connection's login and its role in the users table,
and on PostgreSQL the database roles whose privileges hold a translator's login to its role even
in direct SQL (`workbench db grant`)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from workbench.errors import UserError
from workbench.storage.glossary_schema import users
from workbench.storage.store import database_engine


def login_and_role(url: str, login: str) -> tuple[str, str | None]:
    """The login the database sees (PostgreSQL's current_user; `login` on SQLite) and its role
    (None: none stored, or no workspace there yet). A SQLite file that does not exist is not created."""
    try:
        parsed = sa.engine.make_url(url)
    except (sa.exc.ArgumentError, ValueError):
        parsed = None  # database_engine below says what is wrong with it, in one line
    if parsed is not None and parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if not database or (database != ":memory:" and not database.startswith("file:") and not Path(database).is_file()):
            return login, None
    engine = database_engine(url)
    try:
        with engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                login = str(conn.scalar(sa.text("SELECT current_user")))
            if not sa.inspect(conn).has_table(users.name):
                return login, None
            return login, conn.scalar(sa.select(users.c.role).where(users.c.name == login))
    finally:
        engine.dispose()


@dataclass(frozen=True)
class DeskRoles:
    """What `grant_desk_roles` left: the two database roles, each login's, and the logins the
    database cannot hold to a role (superusers and the tables' owner bypass privileges)."""

    database: str
    translator_role: str
    editor_role: str
    members: tuple[tuple[str, str], ...]  # (login, role in the users table), by login
    unbounded: tuple[str, ...]


def desk_role_names(database: str) -> tuple[str, str]:
    """Roles are shared by the whole server: named per database, so that an editor of one
    desk's database is not an editor of another's."""
    return f"{database}_translator", f"{database}_editor"


def grant_desk_roles(conn: sa.Connection, editor_only: Collection[str]) -> DeskRoles:
    """In the caller's transaction: create or update the translator and editor roles of this
    database, give them their privileges on the workspace's tables (a translator writes none of
    `editor_only`), and make each login of the users table a member of its role's, and of no other."""
    database, schema = conn.execute(sa.text("SELECT current_database(), current_schema()")).one()
    translator, editor = desk_role_names(database)
    if len(editor.encode()) > 63:
        raise UserError(f"the database name {database!r} is too long to name its roles ({editor!r}); "
                        "use a database whose name has at most 56 bytes")
    members = sorted((str(name), str(role)) for name, role in conn.execute(sa.select(users.c.name, users.c.role)))
    known = _logins(conn, [name for name, _ in members])
    missing = [name for name, _ in members if name not in known]
    if missing:
        shown = ", ".join(missing[:5]) + (", …" if len(missing) > 5 else "")
        raise UserError(f"{len(missing)} user(s) of `workbench users` have no database login: {shown}; nothing was "
                        "changed: create each (CREATE ROLE name LOGIN PASSWORD '…') or set the role of the login they use")
    quote = conn.dialect.identifier_preparer.quote_identifier
    for role in (translator, editor):
        if not conn.scalar(sa.text("SELECT 1 FROM pg_roles WHERE rolname = :role"), {"role": role}):
            conn.execute(sa.text(f"CREATE ROLE {quote(role)} NOLOGIN"))
    _grant_tables(conn, schema, quote(translator), quote(editor), editor_only)
    _set_members(conn, translator, editor, members)
    owner = conn.scalar(sa.text("SELECT tableowner FROM pg_tables WHERE schemaname = :schema AND tablename = :table"),
                        {"schema": schema, "table": users.name})
    unbounded = sorted(name for name, _ in members if known[name] or name == owner)
    return DeskRoles(database, translator, editor, tuple(members), tuple(unbounded))


def _logins(conn: sa.Connection, names: list[str]) -> dict[str, bool]:
    """{name: is a superuser} for the names that are database roles."""
    query = sa.text("SELECT rolname, rolsuper FROM pg_roles WHERE rolname = ANY(:names)")
    return {str(name): bool(superuser) for name, superuser in conn.execute(query, {"names": names})}


def _grant_tables(conn: sa.Connection, schema: str, translator: str, editor: str, editor_only: Collection[str]) -> None:
    """Privileges set afresh on every table of the schema: a rerun after a migration covers new tables."""
    quote = conn.dialect.identifier_preparer.quote_identifier
    tables = [str(name) for name in conn.scalars(
        sa.text("SELECT tablename FROM pg_tables WHERE schemaname = :schema ORDER BY tablename"), {"schema": schema})]
    both = f"{translator}, {editor}"
    conn.execute(sa.text(f"GRANT USAGE ON SCHEMA {quote(schema)} TO {both}"))
    conn.execute(sa.text(f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {quote(schema)} TO {both}"))
    for table in tables:
        name = f"{quote(schema)}.{quote(table)}"
        conn.execute(sa.text(f"REVOKE ALL ON {name} FROM {both}"))
        conn.execute(sa.text(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {name} TO {editor}"))
        writes = "SELECT" if table in editor_only else "SELECT, INSERT, UPDATE, DELETE"
        conn.execute(sa.text(f"GRANT {writes} ON {name} TO {translator}"))


def _set_members(conn: sa.Connection, translator: str, editor: str, members: list[tuple[str, str]]) -> None:
    """Each login in the role its users row names (a translator's unless it names an editor's), and out of the other."""
    quote = conn.dialect.identifier_preparer.quote_identifier
    query = sa.text("SELECT r.rolname, m.rolname FROM pg_auth_members a JOIN pg_roles r ON r.oid = a.roleid "
                    "JOIN pg_roles m ON m.oid = a.member WHERE r.rolname IN (:translator, :editor)")
    current = {(str(role), str(member)) for role, member in conn.execute(query, {"translator": translator, "editor": editor})}
    wanted = {(editor if role == "editor" else translator, name) for name, role in members}
    for role, member in sorted(current - wanted):
        conn.execute(sa.text(f"REVOKE {quote(role)} FROM {quote(member)}"))
    for role, member in sorted(wanted - current):
        conn.execute(sa.text(f"GRANT {quote(role)} TO {quote(member)}"))
