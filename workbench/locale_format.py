"""Dates and plural rules for a locale, from Babel's CLDR data.

The UI locale comes from the settings (WORKBENCH_UI_LOCALE, else the usual LC_ALL /
LC_MESSAGES / LANG variables, else English). Dates are written with the locale's digits:
CLDR's Burmese patterns come back from Babel with Latin digits, so they go through
workbench.digits like every other number.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from workbench.errors import UserError

DEFAULT_UI_LOCALE = "en"

# What gettext needs when neither Babel's table nor a plain CLDR rule gives one.
_GETTEXT_DEFAULT = (2, "(n != 1)")
# A plural expression gettext can evaluate: only n, numbers, operators, parentheses.
_GETTEXT_SAFE = re.compile(r"^[n0-9\s()!=<>&|%?:+-]+$")


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


def ui_locale_from_environment(env: dict[str, str]) -> str:
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


def format_date(value: dt.date | None, locale: str, width: str = "medium") -> str:
    """An article date as the UI locale writes it: "Mar 4, 2022", "2022 မတ် ၄"; "-" when unknown."""
    from babel.dates import format_date as babel_format_date

    from workbench.digits import localize_digits

    if value is None:
        return "-"
    return localize_digits(babel_format_date(value, width, locale=locale), locale)


def format_datetime(value: dt.datetime | None, locale: str, width: str = "medium") -> str:
    """A timestamp (glossary history, proposals) in the UI locale, in local time when it has a zone."""
    from babel.dates import format_datetime as babel_format_datetime

    from workbench.digits import localize_digits

    if value is None:
        return "-"
    if value.tzinfo is not None:
        value = value.astimezone()
    return localize_digits(babel_format_datetime(value, width, locale=locale), locale)


@dataclass(frozen=True)
class PluralForms:
    count: int
    expression: str

    @property
    def header(self) -> str:
        """The PO header value: "nplurals=1; plural=0;"."""
        return f"nplurals={self.count}; plural={self.expression};"


@lru_cache(maxsize=128)
def plural_forms(lang: str) -> PluralForms:
    """Gettext plural forms for a target language.

    Babel's gettext table is tried first, but it lacks Burmese and would fall back to two
    forms; for a language it lacks, CLDR's plural rule is turned into a gettext expression
    (Burmese: one form, plural=0). A CLDR rule that uses operands gettext has no variable
    for (e, v, i…) cannot be written, so the common two-form rule is used then.
    """
    from babel import Locale, UnknownLocaleError
    from babel.messages.plurals import PLURALS
    from babel.plural import to_gettext

    code = lang.replace("-", "_")
    base = code.split("_")[0]
    for key in (code, base):
        if key in PLURALS:
            count, expression = PLURALS[key]
            return PluralForms(count, expression)
    try:
        rule = Locale.parse(code).plural_form
    except (UnknownLocaleError, ValueError, TypeError):
        return PluralForms(*_GETTEXT_DEFAULT)
    match = re.fullmatch(r"nplurals=(\d+); plural=(.*);", to_gettext(rule))
    if match is None or not _GETTEXT_SAFE.match(match.group(2)):
        return PluralForms(*_GETTEXT_DEFAULT)
    expression = match.group(2)
    if expression in ("(0)", "0"):
        expression = "0"
    return PluralForms(int(match.group(1)), expression)
