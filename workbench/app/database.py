"""The workspace's database itself: bringing its schema to this workbench's version, and (on
PostgreSQL) the database roles that hold each desk login to its role."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench.app.config import Settings
from workbench.app.errors import database_unreachable
from workbench.errors import UserError
from workbench.storage.store import Store, shown_url

if TYPE_CHECKING:
    from workbench.storage.desk_logins import DeskRoles


@dataclass(frozen=True)
class Migration:
    """What `migrate_database` did: the schema version found and the one left (equal: nothing to do)."""

    database: str  # the URL with any password hidden
    before: int
    after: int


def migrate_database(settings: Settings) -> Migration:
    """Apply the migrations the configured database lacks (none when it is current); a database
    that does not exist yet as a SQLite file, or an empty PostgreSQL database, is created whole."""
    store = Store(settings.db_url)
    try:
        before = store.schema_version()
        store.migrate()
        return Migration(shown_url(settings.db_url), before, store.schema_version())
    except UserError:
        raise
    except Exception as error:
        message = database_unreachable(error, shown_url(settings.db_url))
        if message is None:
            raise
        raise UserError(message) from None
    finally:
        store.close()


def grant_desk_roles(settings: Settings) -> DeskRoles:
    """On PostgreSQL, the translator and editor database roles created or brought up to date and
    every login of `workbench users` made a member of its role's, in one transaction: a translator's
    login can then write no glossary table and no role, even in direct SQL."""
    import sqlalchemy as sa

    from workbench.storage import desk_logins
    from workbench.storage.glossary_schema import VERSION_2_TABLES

    if not settings.db_url.startswith("postgresql"):
        raise UserError("the workspace is a SQLite file: it has no logins or privileges to grant, the workbench keeps "
                        "the roles itself (`workbench users`); `workbench db grant` is for a PostgreSQL database")
    store = Store(settings.db_url)
    try:
        if store.schema_version() == 0:
            raise UserError(f"{shown_url(settings.db_url)} holds no workspace yet; run `workbench db migrate` first")
        with store.engine.begin() as conn:
            return desk_logins.grant_desk_roles(conn, {table.name for table in VERSION_2_TABLES})
    except UserError:
        raise
    except sa.exc.DBAPIError as error:
        message = database_unreachable(error, shown_url(settings.db_url))
        if message is not None:
            raise UserError(message) from None
        reason = str(getattr(error, "orig", error)).splitlines()[0]
        raise UserError(f"the database refused to grant the roles ({reason}); nothing was changed: run "
                        "`workbench db grant` as the login that owns the workspace's tables, with CREATEROLE") from None
    finally:
        store.close()
