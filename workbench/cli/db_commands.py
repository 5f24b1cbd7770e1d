"""`workbench db migrate`: the database's schema brought to this workbench's version;
`workbench db copy --to URL`: the whole workspace copied into another, empty database;
`workbench db grant`: on PostgreSQL, the desk's roles made database privileges."""

from __future__ import annotations

import argparse
import sys

from workbench.app.config import Settings


def add_db_parser(commands) -> None:
    db = commands.add_parser("db", help="the workspace's database (SQLite or PostgreSQL)",
                             description="Work on the database itself (the one --db / WORKBENCH_DB names).")
    actions = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    actions.add_parser("migrate", help="bring the database's schema to this workbench's version",
                       description="Apply the schema migrations the database lacks, and say from which version "
                                   "to which. Running it again changes nothing. An empty database is created whole.")
    copy = actions.add_parser(
        "copy", help="copy the whole workspace into another, empty database (SQLite or PostgreSQL)",
        description="Copy every table of the workspace's database (--db / WORKBENCH_DB) into the empty database "
                    "--to names, migrated to this workbench's schema first, in one transaction: the copy is "
                    "verified by row counts and checksums before it is committed, or nothing is copied. "
                    "Refused when the target holds any row.")
    copy.add_argument("--to", required=True, metavar="URL",
                      help="the target database: postgresql+psycopg://user@host/database or sqlite:///path/to/file.db")
    actions.add_parser(
        "grant", help="make the roles of `workbench users` database privileges (PostgreSQL)",
        description="Create or update this database's two roles, DATABASE_translator and DATABASE_editor, and "
                    "make each login of `workbench users` a member of its role's: a translator's login can then "
                    "write translations, history, the MT cache and the memory, but no glossary table and no "
                    "role, even in direct SQL. Run it as the login that owns the tables, after `workbench db "
                    "migrate` and after every `workbench users set`.")


def db(settings: Settings, args: argparse.Namespace) -> int:
    return {"migrate": migrate, "copy": copy, "grant": grant}[args.db_command](settings, args)


def migrate(settings: Settings, _args: argparse.Namespace) -> int:
    from workbench.app.database import migrate_database

    done = migrate_database(settings)
    if done.before == done.after:
        print(f"{done.database}: already at schema version {done.after}; nothing was changed")
    elif done.before == 0:
        print(f"{done.database}: created at schema version {done.after}")
    else:
        print(f"{done.database}: migrated from schema version {done.before} to {done.after}")
    return 0


def grant(settings: Settings, _args: argparse.Namespace) -> int:
    from workbench.app.database import grant_desk_roles

    done = grant_desk_roles(settings)
    print(f"{done.database}: roles {done.translator_role} and {done.editor_role} granted")
    for login, role in done.members:
        print(f"  {login}\t{role}")
    for login in done.unbounded:
        print(f"workbench: warning: {login} owns the tables or is a superuser: the database does not hold it to "
              "its role (give each desk member a login of their own)", file=sys.stderr)
    return 0


def copy(settings: Settings, args: argparse.Namespace) -> int:
    from workbench.app.db_copy import copy_database

    bars: dict = {}
    done = copy_database(settings, args.to, lambda stage, rows, total: _show(bars, stage, rows, total))
    for bar in bars.values():
        bar.finish()
    print(f"copied {done.source} to {done.target} (schema version {done.schema_version}):")
    width = max(len("TABLE"), *(len(table.name) for table in done.tables))
    print(f"  {'TABLE':<{width}}  {'ROWS':>9}  SHA-256 (first 16)")
    for table in done.tables:
        print(f"  {table.name:<{width}}  {table.rows:>9,}  {table.checksum[:16]}")
    print(f"{done.rows:,} rows in {len(done.tables)} tables, verified: the row counts and checksums match")
    return 0


def _show(bars: dict, stage: str, rows: int, total: int) -> None:
    """One progress bar per stage, the one before finished when the next begins."""
    from workbench.cli.progress import ProgressBar

    if stage not in bars:
        for bar in bars.values():
            bar.finish()
        bars.clear()
        bars[stage] = ProgressBar(stage, total)
    bars[stage].update(rows)
