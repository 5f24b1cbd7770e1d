"""Language codes and names, from Babel (English name and the language's own name)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from workbench.errors import UserError

# Languages the desk works in, first the desk's own; any valid code is accepted too.
DESK_LANGUAGES = ("my", "fr", "ja", "th", "zh", "es", "de", "ru", "hi", "ar")


@dataclass(frozen=True)
class Language:
    code: str
    english_name: str
    native_name: str

    @property
    def label(self) -> str:
        """What a list shows: "Burmese — မြန်မာ"."""
        if self.native_name and self.native_name != self.english_name:
            return f"{self.english_name} — {self.native_name}"
        return self.english_name


@lru_cache(maxsize=256)
def language(code: str) -> Language:
    """Look a code up in Babel's locale data; UserError if Babel does not know it."""
    from babel import Locale, UnknownLocaleError

    cleaned = code.strip().replace("-", "_")
    try:
        locale = Locale.parse(cleaned)
    except (UnknownLocaleError, ValueError, TypeError):
        raise UserError(
            f"unknown language code {code!r}; use an ISO 639 code such as my, fr or ja"
        ) from None
    english = locale.get_display_name("en") or cleaned
    native = locale.get_display_name(locale) or english
    # One spelling per code ("MY" and "my" are one language, so data is never split between
    # them), but no alias or likely-subtag rewriting: "tl" stays "tl", "zh_TW" stays "zh_TW",
    # matching the Argos index and what is already stored.
    from babel.core import get_locale_identifier, parse_locale

    return Language(code=get_locale_identifier(parse_locale(cleaned)), english_name=english, native_name=native)


def parse_language_list(raw: str) -> list[Language]:
    """Parse "my,fr" into languages, refusing the whole list if one code is unknown."""
    codes = [part.strip() for part in raw.split(",") if part.strip()]
    if not codes:
        raise UserError("no target language given; pass codes such as --to my,fr")
    return [language(code) for code in codes]


def desk_languages() -> list[Language]:
    return [language(code) for code in DESK_LANGUAGES]
