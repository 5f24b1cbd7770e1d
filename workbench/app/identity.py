"""Who is acting: the login the connection is made as, and whom an editor enters work for.

The role is always the login's: the operating-system login on SQLite, the database login on
PostgreSQL. Only an editor's login may enter work under another name (--as NAME, WORKBENCH_USER),
and it is recorded as "NAME, entered by LOGIN", so the history never hides who typed it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from workbench.errors import UserError

if TYPE_CHECKING:
    from workbench.app.config import Settings

ENTERED_BY = ", entered by "


def recorded_name(name: str, login: str) -> str:
    """What is stored as the author of work `login` enters under `name`."""
    return login if name == login else f"{name}{ENTERED_BY}{login}"


def login_in(recorded: str) -> str:
    """The login a recorded name was entered by (the name itself when it names nobody else)."""
    return recorded.rpartition(ENTERED_BY)[2]


def verified_identity(settings: Settings, named_by: str) -> Settings:
    """The settings, once the login may act under the name they record (`named_by`: --as or
    WORKBENCH_USER). A login that is not an editor naming someone else is refused with one line,
    before anything is opened for writing; a database that does not exist yet has no editor."""
    from workbench.app.errors import database_unreachable
    from workbench.app.glossary_workflow import EDITOR
    from workbench.storage.desk_logins import login_and_role

    if settings.user == settings.login:
        return settings
    try:
        login, role = login_and_role(settings.db_url, settings.login)
    except UserError:
        raise
    except Exception as error:
        message = database_unreachable(error, settings.db_url)
        if message is None:
            raise
        raise UserError(message) from None
    name = settings.user.rpartition(ENTERED_BY)[0]
    if role != EDITOR:
        what = f"a {role}" if role else "not an editor here"
        given = f"--as {name}" if named_by == "--as" else f"{named_by}={name}"
        raise UserError(f"{login} is {what}: only an editor's login can enter work for someone else "
                        f"({given}); nothing was changed: run without {named_by} to act as {login}")
    return replace(settings, user=recorded_name(name, login), login=login)
