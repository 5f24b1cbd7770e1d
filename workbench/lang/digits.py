"""Decimal digits in the numbering system a language writes (Myanmar ၀-၉ for Burmese), both ways.

Babel formats numbers with the locale's separators but always with Latin digits
(`format_decimal(500000, locale="my")` gives "500,000"), so the digits are converted here.
Only digit runs that stand on their own are converted: the "19" of "COVID-19" or the "16"
of "F-16" is part of a Latin-script name and keeps its digits.
"""

from __future__ import annotations

import re
from functools import lru_cache

from workbench.lang.placeholders import EXACT_SOURCE

# The zero of each CLDR numbering system the desk's languages use; the other nine follow it.
NUMBERING_SYSTEM_ZERO = {
    "latn": "0",
    "mymr": "\u1040",  # ၀
    "thai": "\u0e50",
    "deva": "\u0966",
    "arab": "\u0660",
    "arabext": "\u06f0",
    "beng": "\u09e6",
    "tamldec": "\u0be6",
    "khmr": "\u17e0",
    "laoo": "\u0ed0",
}


# What keeps its digits: a web address, a glossary placeholder [[n]], a Latin-script token
# with its digits ("COVID-19" with any hyphen, "F-16", "G7", "v1.2.3", "U.S.-19"). Dashes are
# punctuation, not part of a name ("the army—1,000 soldiers"), and a token never ends inside a
# grouped number.
# Everything else that is a number is the desk's to localise.
_LATIN_TOKEN_OR_NUMBER = re.compile(
    r"(?P<latin>(?:https?://|www\.)\S+|" + EXACT_SOURCE +
    r"|[A-Za-z][A-Za-z0-9.]*(?:[-‐‑][A-Za-z0-9.]+)*(?![,.]?\d))"
    r"|(?P<number>\d+(?:[.,]\d+)*)(?![\dA-Za-z])"
)


def to_myanmar_digits(text: str) -> str:
    """Every stand-alone number's digits as Myanmar digits: "500,000" → "၅၀၀,၀၀၀"."""
    return to_digits_of(text, "mymr")


def to_latin_digits(text: str) -> str:
    """Every decimal digit of any script as 0-9 (Myanmar ၀-၉ included): for reading and comparing."""
    return "".join(str(int(char)) if char.isdecimal() and not char.isascii() else char for char in text)


def to_digits_of(text: str, numbering_system: str) -> str:
    """Write the stand-alone numbers of `text` in `numbering_system` (e.g. "mymr", "latn")."""
    zero = NUMBERING_SYSTEM_ZERO.get(numbering_system)
    if zero is None or zero == "0":
        return to_latin_digits(text) if zero == "0" else text
    table = str.maketrans({str(value): chr(ord(zero) + value) for value in range(10)})

    def convert(match: re.Match) -> str:
        return match.group(0) if match.group("latin") else match.group(0).translate(table)

    # Native digits go back to Latin first, so a mixed "၅00" is read as one number.
    return _LATIN_TOKEN_OR_NUMBER.sub(convert, to_latin_digits(text))


@lru_cache(maxsize=64)
def native_numbering_system(lang: str) -> str:
    """The numbering system CLDR gives as the language's default ("mymr" for my, "latn" for fr)."""
    from babel import Locale, UnknownLocaleError

    try:
        system = Locale.parse(lang.replace("-", "_")).default_numbering_system
    except (UnknownLocaleError, ValueError, TypeError):
        return "latn"
    return system if system in NUMBERING_SYSTEM_ZERO else "latn"


def localize_digits(text: str, lang: str, style: str = "native") -> str:
    """Digits as the desk wants them in `lang`: "native" (CLDR default), "latin", or "keep"."""
    if style == "keep":
        return text
    if style == "latin":
        return to_latin_digits(text)
    return to_digits_of(text, native_numbering_system(lang))


def format_number(value: int | float, lang: str, style: str = "native") -> str:
    """A number with the language's grouping (Babel) and digits: 500000 in my → "၅၀၀,၀၀၀"."""
    from babel import UnknownLocaleError
    from babel.numbers import format_decimal

    try:
        formatted = format_decimal(value, locale=lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError, LookupError):
        formatted = format_decimal(value, locale="en")
    return localize_digits(formatted, lang, style)
