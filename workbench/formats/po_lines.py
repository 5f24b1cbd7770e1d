"""The lines of a PO file: what each one is (comment, flags, keyword, string), or why it is not PO.

Only the escapes the workbench writes and reads back are accepted (see workbench.formats.po).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from workbench.errors import UserError

# One quoted string with only the escapes the workbench writes and reads back (\\ \" \n \t \r);
# octal and hex escapes, which `msgcat --escape` writes, would be stored as literal text.
# The possessive `*+` keeps a long run of backslashes from backtracking.
_STRING = r'"(?:[^"\\\x00]|\\[\\"ntr])*+"'
_ITEM = re.compile(r'(?:(msgctxt|msgid_plural|msgid|msgstr(?:\[[0-9]+\])?)[ \t]+)?(' + _STRING + r')[ \t]*')
_KEYWORD = re.compile(r'msgctxt|msgid_plural|msgid|msgstr(?:\[[0-9]+\])?')
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"'}
_ESCAPE = re.compile(r'\\(.)')


@dataclass(frozen=True)
class Line:
    number: int
    kind: str  # "blank", "comment", "flags", "note", "keyword" or "string"
    keyword: str = ""
    value: str = ""  # the unescaped string, or the comment's text
    obsolete: bool = False  # a `#~` line


def classify(raw: str, number: int, path: Path, cut: bool) -> Line:
    """What one line is; UserError if it is not PO syntax. `cut`: the file ends inside this line."""
    line = raw.strip(" \t")
    if line.startswith("#~"):
        rest = line[2:].strip(" \t")
        if rest.startswith("|"):  # previous msgid of an obsolete entry: checked, then ignored
            _item(rest[1:].strip(" \t"), raw, number, path, cut)
            return Line(number, "comment")
        keyword, value = _item(rest, raw, number, path, cut)
        return Line(number, "keyword" if keyword else "string", keyword, value, obsolete=True)
    if line.startswith("#|"):  # previous msgid (msgmerge --previous): checked, then ignored
        _item(line[2:].strip(" \t"), raw, number, path, cut)
        return Line(number, "comment")
    if line.startswith(("#,", "#.")):
        return Line(number, "flags" if line[1] == "," else "note", value=line[2:].strip())
    if not line or line.startswith("#"):
        return Line(number, "comment" if line else "blank")
    keyword, value = _item(line, raw, number, path, cut)
    return Line(number, "keyword" if keyword else "string", keyword, value)


def _item(line: str, raw: str, number: int, path: Path, cut: bool) -> tuple[str, str]:
    """(keyword or "", unescaped string) of a line holding one quoted string."""
    match = _ITEM.fullmatch(line)
    if match is None:
        fault = _fault(line)
        ending = ("the file ends inside this line: it was cut short; export it again" if cut else
                  "export it again, or save it without escaped characters" if "escape" in fault else "export it again")
        raise UserError(f"{path}:{number}: damaged PO file: this line is not PO syntax ({fault}): "
                        f"{one_line(raw, 60)!r}; {ending}")
    body = match.group(2)[1:-1]
    return match.group(1) or "", _ESCAPE.sub(lambda escape: _ESCAPES[escape.group(1)], body) if "\\" in body else body


def _fault(line: str) -> str:
    """Why a line is not a keyword and/or one string, said the way a translator can act on it."""
    head, quote, body = line.partition('"')
    word = head.strip(" \t")
    if word and not _KEYWORD.fullmatch(word):
        return f"unknown keyword {one_line(word, 20)!r}"
    if not quote:
        return f"{word} has no string" if word else "no quoted string"
    if word and head == word:
        return f"no space between {word} and its string"
    index = 0
    while index < len(body):
        char = body[index]
        if char == '"':
            return "text after the closing quote"
        if char == "\x00":
            return "a NUL character inside the string"
        if char == "\\" and index + 1 < len(body) and body[index + 1] not in _ESCAPES:
            return f"the escape \\{body[index + 1]} is not one of \\n \\t \\r \\\\ \\\""
        index += 2 if char == "\\" else 1
    return "the string is never closed"


def one_line(text: str, limit: int | None = None) -> str:
    flat = " ".join(text.split())
    return flat if limit is None or len(flat) <= limit else flat[: limit - 1] + "…"
