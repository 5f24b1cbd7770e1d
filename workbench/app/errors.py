"""The one place that turns a database error into the line the user reads (CLI and TUI alike)."""

from __future__ import annotations


def _reason(error: BaseException) -> str:
    original = getattr(error, "orig", None)
    return str(original or error).splitlines()[0] if str(original or error) else type(error).__name__


def database_refused(error: BaseException) -> str | None:
    """Why the database refused a write (the transaction was rolled back), or None if not a database error."""
    import sqlalchemy as sa

    if not isinstance(error, sa.exc.DBAPIError):
        return None
    return f"the database refused the change ({_reason(error)})"


def database_unreachable(error: BaseException, url: str) -> str | None:
    """Why the database cannot be opened, or None if `error` is not about reaching it."""
    import sqlalchemy as sa

    from workbench.storage.store import shown_url

    if not isinstance(error, sa.exc.OperationalError):
        return None
    return f"cannot open database {shown_url(url)}: {_reason(error)}; check --db / WORKBENCH_DB"  # no password
