"""Gettext plural forms for a target language, the same whichever Babel is installed.

Decision: a PO file carries the classic gettext formulas (the table in the GNU gettext
manual, which `msginit` writes and which Weblate, Poedit and the PHP/JS gettext readers
every CMS uses accept). CLDR 46 adds a third French form (`many`, for 1,000,000) that those
tools do not expect, and Babel 2.19 started to hand CLDR's rules out for its gettext table,
so relying on Babel made the header change with a patch release. The table below is ours
and is what the tests pin; only a language it lacks falls back to CLDR's rule (through
Babel), converted to a gettext expression when that can be written with `n` alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_ONE_FORM = (1, "0")
_ONE_ONLY = (2, "(n != 1)")
_ZERO_AND_ONE = (2, "(n > 1)")
_EAST_SLAVIC = (3, "(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)")

# Grouped as the GNU gettext manual groups them ("Plural forms").
GETTEXT_TABLE: dict[str, tuple[int, str]] = {
    **dict.fromkeys(("my", "ja", "ko", "vi", "zh", "th", "lo", "km", "id", "ms"), _ONE_FORM),
    **dict.fromkeys(("en", "de", "nl", "sv", "da", "nb", "nn", "no", "fo", "es", "pt", "it", "bg", "el",
                     "fi", "et", "he", "eo", "hu", "tr", "ta"), _ONE_ONLY),
    **dict.fromkeys(("fr", "pt_BR", "hi", "bn"), _ZERO_AND_ONE),
    **dict.fromkeys(("ru", "uk", "be", "sr", "hr", "bs"), _EAST_SLAVIC),
    "cs": (3, "(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2"),
    "sk": (3, "(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2"),
    "pl": (3, "(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)"),
    "lv": (3, "(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2)"),
    "lt": (3, "(n%10==1 && n%100!=11 ? 0 : n%10>=2 && (n%100<10 || n%100>=20) ? 1 : 2)"),
    "ro": (3, "(n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2)"),
    "ga": (3, "n==1 ? 0 : n==2 ? 1 : 2"),
    "sl": (4, "(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3)"),
    "ar": (6, "(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5)"),
}

# What gettext assumes when nothing better is known.
_GETTEXT_DEFAULT = _ONE_ONLY
# A plural expression gettext can evaluate: only n, numbers, operators, parentheses.
_GETTEXT_SAFE = re.compile(r"^[n0-9\s()!=<>&|%?:+-]+$")


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
    """The gettext plural forms for a language code (full code first, then its base language)."""
    code = lang.replace("-", "_")
    for key in (code, code.split("_")[0]):
        if key in GETTEXT_TABLE:
            return PluralForms(*GETTEXT_TABLE[key])
    return _from_cldr(code)


def _from_cldr(code: str) -> PluralForms:
    """CLDR's rule as gettext, for languages the table lacks; the default when it needs more than n."""
    from babel import Locale, UnknownLocaleError
    from babel.plural import to_gettext

    try:
        rule = Locale.parse(code).plural_form
    except (UnknownLocaleError, ValueError, TypeError):
        return PluralForms(*_GETTEXT_DEFAULT)
    match = re.fullmatch(r"nplurals=(\d+); plural=(.*);", to_gettext(rule))
    if match is None or not _GETTEXT_SAFE.match(match.group(2)):
        return PluralForms(*_GETTEXT_DEFAULT)
    expression = "0" if match.group(2) in ("(0)", "0") else match.group(2)
    return PluralForms(int(match.group(1)), expression)
