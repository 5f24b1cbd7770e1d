"""Errors that are the user's to fix: shown as one clear line, never a traceback."""


class UserError(Exception):
    """A mistake in what the user asked for: what is wrong, where, and what to do."""
