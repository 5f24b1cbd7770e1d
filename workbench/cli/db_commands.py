"""`workbench db migrate`: the database's schema brought to this workbench's version."""

from __future__ import annotations

import argparse

from workbench.app.config import Settings


def add_db_parser(commands) -> None:
    db = commands.add_parser("db", help="the workspace's database (SQLite or PostgreSQL)",
                             description="Work on the database itself (the one --db / WORKBENCH_DB names).")
    actions = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    actions.add_parser("migrate", help="bring the database's schema to this workbench's version",
                       description="Apply the schema migrations the database lacks, and say from which version "
                                   "to which. Running it again changes nothing. An empty database is created whole.")


def db(settings: Settings, args: argparse.Namespace) -> int:
    return {"migrate": migrate}[args.db_command](settings, args)


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
