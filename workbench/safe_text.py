"""Untrusted text made safe to print: nothing in it can drive the terminal.

Titles, glossary terms, file names, package metadata and file excerpts come from outside; a
terminal obeys the control characters in them (ESC ] 0;… BEL retitles the window, CSI moves the
cursor, CR and bidi overrides hide or reorder text). `visible()` shows each such character as
a visible stand-in instead, so the reader sees exactly what is there:

- C0 controls except tab and newline, and DEL: their Unicode control pictures, one cell each
  (ESC is ␛, BEL ␇, NUL ␀, CR ␍, DEL ␡), as the TUI shows them too;
- C1 controls, which have no pictures: ``\\xNN`` (the 8-bit CSI is ``\\x9b``);
- bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): ``\\u202e``;
- a byte that was not UTF-8 (Python's surrogateescape, from argv or the environment): the byte,
  ``\\xff``; any other lone surrogate: ``\\udNNN``.

Everything else is left alone: Burmese and other scripts, combining marks, ZWJ/ZWNJ.
"""

from __future__ import annotations

import json
import re

from workbench.errors import UserError

# One class of characters for printing, JSON and refusing typed input alike.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NOT_UTF8 = re.compile("[\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: show the byte the user's system gave
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with every character that could drive a terminal shown by a visible stand-in (see above)."""
    return _UNSAFE.sub(_escape, text)


def json_text(value: object) -> str:
    """JSON of `value` (indented, non-ASCII kept) in which no character can drive a terminal.

    json.dumps already escapes C0 controls; DEL, C1, bidi controls and lone surrogates it leaves
    raw, so they are written as \\uNNNN here: the same text once parsed, still valid JSON.
    """
    return _UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", json.dumps(value, ensure_ascii=False, indent=1))


def refuse_not_utf8(text: str, what: str, hint: str = "retype it in a UTF-8 terminal") -> str:
    """`text` unless it holds bytes that were not UTF-8 (argv, environment); one UserError then."""
    if _NOT_UTF8.search(text):
        raise UserError(f"{what} '{visible(text)}' is not UTF-8 text; {hint}")
    return text


def refuse_unsafe(text: str, what: str, hint: str = "retype it in a UTF-8 terminal") -> str:
    """`text` when it is UTF-8 text without control characters (tab and newline aside); one UserError otherwise."""
    refuse_not_utf8(text, what, hint)
    found = _UNSAFE.search(text)
    if found:
        raise UserError(f"{what} '{visible(text)}' contains the control character {_escape(found)}; "
                        "give it without control characters")
    return text
