"""The `[[n]]` placeholder that carries an approved glossary term through MT, defined once.

Enforcement writes it and finds it again (also mangled by the engine), QA reports any left in
a translation, and digit localisation must leave its digits alone; all three use this module.
The form was chosen by measuring what survives the SentencePiece tokenizers (bench/placeholders.py).
"""

from __future__ import annotations

import re

PLACEHOLDER = "[[{}]]"  # str.format with the placeholder's number
EXACT_SOURCE = r"\[\[[0-9]+\]\]"
EXACT = re.compile(r"\[\[([0-9]+)\]\]")

_OPEN = r"[\[\(\{⟦［【〚｟⦅«<]"
_CLOSE = r"[\]\)\}⟧］】〛｠⦆»>]"
# "[[n]]" and what engines make of it: 1-2 opening brackets, digits (any script), 0-2 closing.
TOLERANT = re.compile(rf"(?:{_OPEN}\s*){{1,2}}(\d+)(?:\s*{_CLOSE}){{0,2}}|(\d+)(?:\s*{_CLOSE}){{2}}")

# What QA calls a placeholder left in a translation: [[0]] and the forms other tools use
# (⟦0⟧, ⟦T0⟧, ｟0｠, __GL0__, <gl0>, <gl0/>, </gl0>), with spaces or any digits an engine may
# put in, and a lone ⟦ ⟧ ｟ ｠ (never used in prose) as a mangled one.
LEFTOVER_PATTERN = (
    r"\[\[\s*\d+\s*\]\]|⟦\s*[Tt]?\s*\d+\s*⟧|｟\s*\d+\s*｠|__\s*GL\s*\d+\s*__|<\s*/?\s*gl\s*\d+\s*/?\s*>|[⟦⟧｟｠]"
)
LEFTOVER = re.compile(LEFTOVER_PATTERN, re.IGNORECASE)
