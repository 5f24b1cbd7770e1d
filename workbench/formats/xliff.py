"""XLIFF 2.x and 1.2 for an article's translations: one unit per segment, states mapped both ways.

What the export writes (`xliff_write`): one `<file>` holding one unit per segment, in article order,
the unit id being the segment id (2.x ids are NMTOKENs, so a repeat's "+N" is written ".N"). The
workbench's own data is in attributes of a namespace of its own (`wb:`), where both versions allow
extensions: on `<file>` the article id and the number of units (a file with units deleted shows), on
each unit the translation revision it was based on (importing it over a later edit is refused).
Notes carry the segment's paragraph, its MT, its QA issues and its glossary hits.

States, workbench → file: empty → 2.x `initial` without a target, 1.2 `needs-translation`; draft →
`initial` / `needs-review-translation`; MT filled in by `--mt` → the same, 1.2 with
`state-qualifier="mt-suggestion"`; translated → `translated`.
File → workbench: 2.x `initial` → draft, `translated` → translated, `reviewed` and `final` →
translated (the workbench has no review states yet: the import says so). 1.2 `translated` or no
state → translated, `signed-off`, `final` or `approved="yes"` → translated (said so), `new` and the
`needs-*` states → draft, an `x-` state of another tool → draft (said so).

Reading (`xliff_read`) takes XLIFF 1.0-1.2 and 2.0-2.2 from any tool through the one safe XML reader:
extra elements and attributes are ignored; a 2.x unit another tool split into several segments reads
as one sentence (sources and targets joined, the lowest state); groups and `translate="no"` are
followed (such units are left alone); inline markup that only wraps text (2.x `pc`, `mrk`,
`sm`/`em`; 1.2 `g`, `mrk`) keeps its text; codes that stand for something that is not text (`ph`,
`sc`/`ec`, `cp`; `x`, `bx`/`ex`, `ph`, `bpt`/`ept`, `it`) make the unit unimportable, which refuses the
file only when the unit is one of the article's segments.
"""

from __future__ import annotations

import re
from pathlib import Path

from workbench.formats.translation_exchange import DRAFT, TRANSLATED, ExchangeDocument

WB_NAMESPACE = "urn:x-burmese-workbench:xliff"
XLIFF_1_NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF_2_NAMESPACES = ("urn:oasis:names:tc:xliff:document:2.0", "urn:oasis:names:tc:xliff:document:2.2")
WB_ARTICLE, WB_UNITS, WB_REVISION = (f"{{{WB_NAMESPACE}}}{name}" for name in ("article", "units", "revision"))
MAX_XLIFF_BYTES = 200 * 1024 * 1024  # as for PO: far above any article, refused before parsing

XLIFF_2_STATES = {"initial": DRAFT, "translated": TRANSLATED, "reviewed": TRANSLATED, "final": TRANSLATED}
XLIFF_1_STATES = {
    "new": DRAFT, "needs-translation": DRAFT, "needs-adaptation": DRAFT, "needs-l10n": DRAFT,
    "needs-review-adaptation": DRAFT, "needs-review-l10n": DRAFT, "needs-review-translation": DRAFT,
    "translated": TRANSLATED, "signed-off": TRANSLATED, "final": TRANSLATED,
}
# States above what the workbench has (until segment review exists): read as translated, and said so.
REVIEW_STATES = frozenset({"reviewed", "final", "signed-off"})

_REPEAT = re.compile(r"([0-9a-f]{16})[.+](\d+)")


def unit_id(segment_id: str) -> str:
    """A segment id as an XLIFF 2 unit id (an NMTOKEN has no "+")."""
    return segment_id.replace("+", ".")


def segment_id_of(raw: str) -> str:
    """The segment id a unit id stands for (a repeat's ".N" read back as "+N")."""
    match = _REPEAT.fullmatch(raw)
    return f"{match.group(1)}+{match.group(2)}" if match else raw


def xml_language(code: str) -> str:
    """A desk language code as BCP 47 (zh_TW → zh-TW)."""
    return code.replace("_", "-")


class XliffFormat:
    """XLIFF: `version` is what the export writes ("2.1" or "1.2"); reading detects the version."""

    carries_checks = True

    def __init__(self, version: str | None) -> None:
        self.version = version
        self.name = f"XLIFF {version}" if version else "XLIFF"

    def read(self, path: Path) -> ExchangeDocument:
        from workbench.formats.xliff_read import read_xliff

        return read_xliff(path)

    def write(self, document: ExchangeDocument) -> bytes:
        from workbench.formats.xliff_write import xliff_1_bytes, xliff_2_bytes

        return xliff_1_bytes(document) if self.version == "1.2" else xliff_2_bytes(document)
