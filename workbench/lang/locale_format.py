"""Dates for a locale, from Babel's CLDR data (plural forms: workbench.lang.plurals).

The UI locale comes from the settings (WORKBENCH_UI_LOCALE, else the usual LC_ALL /
LC_MESSAGES / LANG variables, else English). Dates are written with the locale's digits:
CLDR's Burmese patterns come back from Babel with Latin digits, so they go through
workbench.lang.digits like every other number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from workbench.errors import UserError

DEFAULT_UI_LOCALE = "en"


def parse_ui_locale(raw: str | None, origin: str = "WORKBENCH_UI_LOCALE") -> str:
    """A locale name Babel knows, from "my", "my_MM", "en_US.UTF-8"; UserError for nonsense."""
    from babel import Locale, UnknownLocaleError

    cleaned = (raw or "").strip().split(".")[0].split("@")[0].replace("-", "_")
    if cleaned in ("", "C", "POSIX"):
        return DEFAULT_UI_LOCALE
    try:
        return str(Locale.parse(cleaned))
    except (UnknownLocaleError, ValueError, TypeError):
        raise UserError(f"{origin}={raw!r} is not a locale Babel knows; use a code such as en, en_GB or my") from None


def ui_locale_from_environment(env: Mapping[str, str]) -> str:
    """WORKBENCH_UI_LOCALE if set (checked), else the first usable of LC_ALL, LC_MESSAGES, LANG."""
    explicit = env.get("WORKBENCH_UI_LOCALE")
    if explicit:
        return parse_ui_locale(explicit)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            try:
                return parse_ui_locale(value, name)
            except UserError:
                continue  # a system locale Babel lacks is not the user's mistake: fall back quietly
    return DEFAULT_UI_LOCALE


def format_date(value: dt.date | None, locale: str, width: str = "medium", precision: str = "day") -> str:
    """An article date as the UI locale writes it: "Mar 4, 2022", "2022 မတ် ၄"; "-" when unknown.
    A date known to the month only ("November 2021" in the article) is written without a day:
    "Nov 2021" (medium, short) or "November 2021" (long, full), by the locale's own pattern."""
    from babel.dates import format_date as babel_format_date
    from babel.dates import format_skeleton

    from workbench.lang.digits import localize_digits

    if value is None:
        return "-"
    if precision == "month":
        skeleton = "yMMMM" if width in ("long", "full") else "yMMM"
        return localize_digits(format_skeleton(skeleton, value, locale=locale), locale)
    return localize_digits(babel_format_date(value, width, locale=locale), locale)


def format_datetime(value: dt.datetime | None, locale: str, width: str = "medium") -> str:
    """A timestamp (glossary history, proposals) in the UI locale, in local time when it has a zone."""
    from babel.dates import format_datetime as babel_format_datetime

    from workbench.lang.digits import localize_digits

    if value is None:
        return "-"
    if value.tzinfo is not None:
        value = value.astimezone()
    return localize_digits(babel_format_datetime(value, width, locale=locale), locale)
