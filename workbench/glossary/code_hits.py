"""Inline codes as do-not-translate glossary hits, so MT carries them as `[[n]]` placeholders.

`workbench.glossary.enforce.protect` swaps a do-not-translate hit for a placeholder and `restore` puts
it back, flagging one MT dropped or repeated: an inline code (`<x1/>`, `<g2>`) needs exactly that, so
it is given to enforcement as such a hit instead of a second placeholder scheme.
"""

from __future__ import annotations

from workbench.glossary.hits import Hit
from workbench.lang.inline_codes import CODE_TAG

CODE_ENTRY = "inline-code"  # the entry id of a code's hit: no glossary entry has it


def code_hits(text: str) -> list[Hit]:
    """A do-not-translate hit for each inline code of the text, in order."""
    if "<" not in text:
        return []
    return [Hit(CODE_ENTRY, match.group(), match.start(), match.end(), (), (), (), True)
            for match in CODE_TAG.finditer(text)]


def with_code_hits(text: str, hits: list[Hit]) -> list[Hit]:
    """The glossary hits and the code hits of a text; a term overlapping a code gives way to it."""
    codes = code_hits(text)
    if not codes:
        return hits
    kept = [hit for hit in hits if not any(hit.start < code.end and code.start < hit.end for code in codes)]
    return sorted([*kept, *codes], key=lambda hit: hit.start)
