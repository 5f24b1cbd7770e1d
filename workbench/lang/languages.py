"""One language value: the canonical code and the facts the workbench needs about a language.

Every place where a language code enters (CLI options, TUI dialogs, TBX/CSV/PO/TOML files,
Argos package metadata, the glossary workflow) builds a `Language` with `language(raw)` and
keeps its `code`. `MY`, `my-MM`, `my_MM` and `my` are the same language everywhere.

The desk rule for regions: a region (territory) is folded into its language (`my_MM` → `my`,
`ug-CN` → `ug`, `fr_FR` → `fr`) unless the desk keeps that region as a language of its own.
Kept regions are `REGIONAL_LANGUAGES` plus whatever the desk lists in the
`WORKBENCH_REGIONAL_LANGUAGES` variable (comma-separated, e.g. `pt_BR,es_MX`). Scripts are
always kept (`zh_Hant`, `sr_Latn`): they are different writing, not a region.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

from workbench.errors import UserError

# Languages the desk works in, first the desk's own; any valid code is accepted too.
DESK_LANGUAGES = ("my", "fr", "ja", "th", "zh", "es", "de", "ru", "hi", "ar")

# Regions the desk keeps apart from their language by default (Argos also ships them apart).
REGIONAL_LANGUAGES = ("zh_TW", "zh_HK", "pt_BR")
REGIONAL_VARIABLE = "WORKBENCH_REGIONAL_LANGUAGES"

# Written without spaces between words: sentences and words join with nothing between them.
UNSPACED_LANGUAGES = frozenset({"my", "th", "lo", "km", "ja", "zh", "bo", "dz"})

SOURCE_LANGUAGE = "en"  # the desk translates from English; articles store their own source_lang


@dataclass(frozen=True)
class Language:
    code: str  # canonical, Babel style: "my", "zh_TW", "sr_Latn"
    english_name: str
    native_name: str

    @property
    def base(self) -> str:
        """The language without script or region: "zh" for "zh_TW"."""
        return self.code.split("_")[0]

    @property
    def tag(self) -> str:
        """The BCP 47 tag, as XML files write it: "zh-TW"."""
        return self.code.replace("_", "-")

    @property
    def locale(self) -> str:
        """The Babel locale identifier for dates, numbers and plural rules."""
        return self.code

    @property
    def spaced(self) -> bool:
        """True when words (and sentences) are separated by spaces."""
        return self.base not in UNSPACED_LANGUAGES

    @property
    def is_english(self) -> bool:
        return self.base == "en"

    @property
    def is_burmese(self) -> bool:
        return self.base == "my"

    @property
    def label(self) -> str:
        """What a list shows: "Burmese — မြန်မာ"."""
        if self.native_name and self.native_name != self.english_name:
            return f"{self.english_name} — {self.native_name}"
        return self.english_name


def language(code: str) -> Language:
    """The canonical language for a code as typed or as a file writes it; UserError if unknown."""
    return _language(code, regional_languages())


def language_at(code: str, where: str) -> Language:
    """`language(code)` for a code read from a file: the error says where it was found."""
    try:
        return language(code)
    except UserError as error:
        raise UserError(f"{where}: {error}") from None


def regional_languages() -> frozenset[str]:
    """The regions the desk keeps as languages of their own (defaults plus the setting)."""
    return _regional(os.environ.get(REGIONAL_VARIABLE, ""))


@lru_cache(maxsize=8)
def _regional(setting: str) -> frozenset[str]:
    listed = [part.strip().replace("-", "_") for part in setting.split(",") if part.strip()]
    return frozenset((*REGIONAL_LANGUAGES, *listed))


@lru_cache(maxsize=512)
def _language(code: str, regional: frozenset[str]) -> Language:
    from babel import Locale, UnknownLocaleError
    from babel.core import get_locale_identifier, parse_locale

    cleaned = str(code).strip().replace("-", "_")
    try:
        parts = parse_locale(cleaned)
        Locale.parse(cleaned)
    except (UnknownLocaleError, ValueError, TypeError):
        raise UserError(f"unknown language code {code!r}; use an ISO 639 code such as my, fr or ja") from None
    base, territory, script = parts[0], parts[1], parts[2]
    kept = {f"{base}_{region}".lower() for region in [territory] if region}
    if territory and not kept & {name.lower() for name in regional}:
        territory = None  # the desk's rule: a region is its language unless the desk keeps it apart
    canonical = get_locale_identifier((base, territory, script))
    # No alias rewriting ("tl" stays "tl"), matching the Argos index and what is stored.
    locale = Locale.parse(canonical)
    english = locale.get_display_name("en") or canonical
    native = locale.get_display_name(locale) or english
    return Language(code=canonical, english_name=english, native_name=native)


def parse_language_list(raw: str) -> list[Language]:
    """Parse "my,fr" into languages, refusing the whole list if one code is unknown."""
    codes = [part.strip() for part in raw.split(",") if part.strip()]
    if not codes:
        raise UserError("no target language given; pass codes such as --to my,fr")
    return list(dict.fromkeys(language(code) for code in codes))


def desk_languages() -> list[Language]:
    return [language(code) for code in DESK_LANGUAGES]


def target_language(code: str) -> Language:
    """A language renderings and translations may be in: known, and not the English source."""
    found = language(code)
    if found.is_english:
        raise UserError("English is the source language; renderings are for target languages such as my, fr, ja")
    return found
