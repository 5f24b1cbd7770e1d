"""TMX: the translation-memory exchange file of every CAT tool (OmegaT, Trados, memoQ, Okapi).

Reading (`workbench.formats.tmx_read.read_tmx`) takes TMX 1.4b as the tools write it and TMX 1.1 as
OmegaT's project_save.tmx still does (`lang=` instead of `xml:lang=`), in UTF-8 or UTF-16 with or
without a byte-order mark; writing
(`workbench.formats.tmx_write.tmx_bytes`) gives TMX 1.4b in UTF-8 that
reads back to the same units. One `TmxUnit` per (translation unit, target language): a `<tu>`
with English and three other variants is three units.

**The source is English**, the desk's source language. In each `<tu>` the English variant
(`en`, `EN-US`, `en-GB`…; the one the `srclang` names when there are several) is the source,
whatever the header's `srclang` says: `*all*` and English are the usual cases; a file whose
`srclang` is another language is read the other way round when its units have English (a note
says so), and refused with its line when a unit has none. Other English variants of a unit are
left out (a note counts them). A `<tu>` with no variant besides the source (nothing translated)
and a variant with an empty segment give no unit (counted in the notes).

**Languages** become the desk's codes (`workbench.lang.languages.language`: `EN-US` → `en`,
`my-MM` → `my`, `zh-TW` kept); the code as the file wrote it is kept and written back.

**Everything else is kept** in the unit's `extra` JSON under `"tmx"` and written back: the
attributes of the `<tu>` and of both `<tuv>`s (dates, ids, usage counts, tool attributes), their
`<prop>`s and `<note>`s, the header's `<prop>`s and `<note>`s, and the XML of every inline code
(`workbench.formats.tmx_codes`: a code is a `<gN>`/`</gN>`, `<hN>`/`</hN>` or `<xN/>` tag in the
text, which the matcher treats as one protected token). The unit's dates and authors are the
`<tu>`'s `creationdate`/`creationid`/`changedate`/`changeid`, else the target `<tuv>`'s, else
the header's; the previous segment's source (for context matches) is the `<tu>` prop
`x-context-pre` (memoQ) or `prev` (OmegaT), when there is one.

**Hostile or damaged files are refused whole**, with one line naming the file and line: no
entity is expanded and no external DTD loaded (`tmx_xml.py`), the file is read through
`read_user_file` (at most `MAX_TMX_BYTES`), and a file cut short is not well-formed XML. The plain
`<tu>`s of most files are read straight from the text (`tmx_scan.py`, which gives what the tree
would, and leaves every file it cannot read whole to the tree reader).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from workbench.files import MAX_USER_FILE_BYTES

MAX_TMX_BYTES = MAX_USER_FILE_BYTES
TMX_KIND = "a TMX translation memory"
TMX_CHOOSE = "a .tmx file exported by a CAT tool (OmegaT, Trados, memoQ) or by `workbench tm export`"
CONTEXT_PROPS = ("x-context-pre", "prev")  # the previous segment's source: memoQ, OmegaT
_DATE = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{2}):?(\d{2}):?(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?")


@dataclass(frozen=True)
class TmxUnit:
    """One translation unit of one target language, as read from or written to TMX."""

    source_lang: str  # desk codes: "en", "my", "zh_TW"
    target_lang: str
    source_text: str  # inline codes as tags (see workbench.formats.tmx_codes)
    target_text: str
    previous_source: str = ""
    tuid: str | None = None
    created_by: str | None = None
    created_at: dt.datetime | None = None  # aware, UTC
    changed_by: str | None = None
    changed_at: dt.datetime | None = None
    extra: dict = field(default_factory=dict)  # {"tmx": {...}} as described above


@dataclass(frozen=True)
class TmxFile:
    """What a file gave: its units (those of `--lang` only, when asked) and notes for the user."""

    units: list[TmxUnit]
    notes: list[str]
    languages: tuple[str, ...]  # every target language in the file (desk codes), sorted



UnitRow = tuple  # a TmxUnit's fields in their order: what the reader makes (a TmxUnit costs more than a tuple)


@dataclass(frozen=True)
class TmxRows:
    """A `TmxFile` whose units are still rows (`UnitRow`)."""

    rows: list[UnitRow]
    notes: list[str]
    languages: tuple[str, ...]

    def file(self) -> TmxFile:
        return TmxFile([TmxUnit(*row) for row in self.rows], self.notes, self.languages)


def parse_tmx_date(raw: str) -> dt.datetime | None:
    """TMX's YYYYMMDDThhmmssZ (and the ISO forms some tools write); None when it is neither."""
    if len(raw) == 16 and raw[8] == "T" and raw[15] == "Z" and raw[:8].isdecimal() and raw[9:15].isdecimal():
        try:  # the form TMX prescribes, as the pattern would read it (fromisoformat reads it too, faster)
            return dt.datetime.fromisoformat(raw)
        except ValueError:
            return None
    match = _DATE.fullmatch(raw.strip())
    if not match:
        return None
    year, month, day, hour, minute, second, zone = match.groups()
    try:
        value = dt.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0))
    except ValueError:
        return None
    if zone and zone != "Z":
        sign = 1 if zone[0] == "+" else -1
        digits = zone[1:].replace(":", "")
        value -= sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return value.replace(tzinfo=dt.UTC)
