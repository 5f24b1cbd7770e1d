"""The workspace's database itself: bringing its schema to this workbench's version."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.app.config import Settings
from workbench.app.errors import database_unreachable
from workbench.errors import UserError
from workbench.storage.store import Store, shown_url


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
