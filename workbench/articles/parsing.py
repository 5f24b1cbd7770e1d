"""Parse a plain-text news article into title, byline, date, source and paragraphs.

Articles reach the desk as text copied from news sites, so the layout varies:

* an optional title line, then optional byline and/or date lines
  ("By The Irrawaddy 25 March 2022", "By Jane Doe | March 25, 2022",
  "25 Mar 2022" on its own line, "By Jane Doe" alone);
* a body whose paragraphs are separated by blank lines, or, when the body has
  no blank line at all, by single newlines;
* a site trailer such as "You may also like these stories:" followed by
  unrelated headlines, which is cut off together with everything after it;
* Burmese quotes typed in Zawgyi: converted line by line before anything else
  (`workbench.myanmar.lines`; the report is `ParsedArticle.zawgyi`).

A first line counts as a title only when it is short, does not end with a
period and is followed by a blank line or a byline/date line. Otherwise the
article has no title and a working title is derived from its lead sentence.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from workbench.articles.segmentation import split_sentences
from workbench.errors import UserError
from workbench.files import read_user_file
from workbench.myanmar.lines import AUTO, ZawgyiReport, fix_zawgyi_lines

# A headline is short; a longer first line is the lead paragraph.
MAX_TITLE_WORDS = 20
MAX_TITLE_CHARS = 150
# A byline names an author or two; a longer "By ..." line is prose.
MAX_BYLINE_WORDS = 12
DERIVED_TITLE_MAX_CHARS = 80

_TRAILER_LINE = re.compile(
    r"(?:you may also like(?: these stories)?|also read|related stories"
    r"|related articles|read more|see also)\s*:?",
    re.IGNORECASE,
)

_MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"),
            ("april", "apr"), ("may",), ("june", "jun"), ("july", "jul"),
            ("august", "aug"), ("september", "sept", "sep"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTH_NUMBERS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_DATE_PATTERNS = (
    rf"{_DAY}\s+{_MONTH},?\s+{_YEAR}",  # 25 March 2022, 25 Mar. 2022
    rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}",  # March 25, 2022
    r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})",  # 2022-03-25
)
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
_DATE_LINE_PREFIX = r"(?:(?:published|updated|posted)(?:\s+on)?:?\s+)?"
_DATE_AT_END = tuple(
    re.compile(rf"\b{_WEEKDAY}{pattern}\s*$", re.IGNORECASE) for pattern in _DATE_PATTERNS
)
_DATE_ONLY = tuple(
    re.compile(rf"{_DATE_LINE_PREFIX}{_WEEKDAY}{pattern}", re.IGNORECASE)
    for pattern in _DATE_PATTERNS
)
_BYLINE = re.compile(r"by\s+(?P<credit>\S.*)", re.IGNORECASE)
# What may sit between a byline's name and its date: "Jane Doe | 25 March 2022".
_CREDIT_DATE_SEPARATORS = " \t|,·•–—-"
_ENDS_WITH_PERIOD = re.compile(r"\.[" + re.escape("”\"’')]") + r"]*$")

# Wire services and outlets that appear alone in a byline ("By Reuters").
KNOWN_OUTLETS = frozenset(
    {
        "reuters", "afp", "ap", "associated press", "agence france-presse",
        "xinhua", "bloomberg", "kyodo", "bbc", "rfa", "radio free asia", "dvb",
        "mizzima", "myanmar now", "frontier myanmar", "irrawaddy", "the irrawaddy",
    }
)


@dataclass(frozen=True)
class ParsedArticle:
    """An article's metadata and body paragraphs, trailer removed."""

    title: str
    byline: str | None
    date: datetime.date | None
    source: str | None
    paragraphs: tuple[str, ...]
    title_derived: bool
    zawgyi: ZawgyiReport = field(default_factory=ZawgyiReport, compare=False)  # lines converted or flagged


@dataclass(frozen=True)
class _Header:
    title: str | None
    byline: str | None
    date: datetime.date | None
    body_start: int


MAX_ARTICLE_BYTES = 20 * 1024**2  # a long news article is well under 1 MB


def read_article_file(path: Path, zawgyi: str = AUTO) -> ParsedArticle:
    """Read and parse a UTF-8 article file; every problem becomes a one-line UserError.

    `zawgyi` is the policy for lines that look like Zawgyi (see `workbench.myanmar.lines`).
    """
    path = Path(path)
    text = _decode_article_bytes(_read_article_bytes(path), path)
    return parse_article(text, origin=str(path), zawgyi=zawgyi)


def _read_article_bytes(path: Path) -> bytes:
    return read_user_file(path, "an article file", "a UTF-8 .txt file", MAX_ARTICLE_BYTES)


def _decode_article_bytes(data: bytes, path: Path) -> str:
    # Windows tools often save UTF-16; name it rather than calling it binary.
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UserError(f"{path} is UTF-16 text, not UTF-8; save it as UTF-8 and try again")
    nul_offset = data.find(b"\x00")
    if nul_offset != -1:
        raise UserError(
            f"{path} looks like a binary file (NUL byte at offset {nul_offset}), "
            "not plain text; open the article's .txt file instead"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UserError(
            f"{path} is not UTF-8 text (invalid byte at offset {error.start}); "
            "save it as UTF-8 and try again"
        ) from None


def parse_article(text: str, *, origin: str = "<text>", zawgyi: str = AUTO) -> ParsedArticle:
    """Parse article text; origin names the file or paste in error messages."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text, zawgyi_report = fix_zawgyi_lines(text, zawgyi)  # line numbers as in the file
    lines = _cut_trailer(_normalise_lines(text))
    header = _parse_header(lines, origin)
    paragraphs = _body_paragraphs(lines[header.body_start :])
    if not paragraphs:
        raise UserError(
            f"Cannot read the article: no article text found in {origin}; "
            "paste the article's text or open a file that contains it"
        )
    title = header.title if header.title is not None else derive_title(paragraphs[0])
    return ParsedArticle(
        title=title,
        byline=header.byline,
        date=header.date,
        source=_source_from_byline(header.byline),
        paragraphs=tuple(paragraphs),
        title_derived=header.title is None,
        zawgyi=zawgyi_report,
    )


def _normalise_lines(text: str) -> list[str]:
    """BOM, line endings, NFC and trailing whitespace; characters otherwise kept as typed."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    # Word processors paste Unicode line/paragraph separators instead of newlines.
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = unicodedata.normalize("NFC", text)
    return [line.rstrip() for line in text.split("\n")]


def _cut_trailer(lines: list[str]) -> list[str]:
    """Drop a "You may also like these stories:" line and the unrelated headlines after it."""
    for index, line in enumerate(lines):
        if _TRAILER_LINE.fullmatch(line.strip()):
            return lines[:index]
    return lines


def _next_nonblank(lines: list[str], start: int) -> int | None:
    for index in range(start, len(lines)):
        if lines[index].strip():
            return index
    return None


def _parse_header(lines: list[str], origin: str) -> _Header:
    """Read an optional title, then byline and date lines in either order."""
    index = _next_nonblank(lines, 0)
    title = None
    if index is not None and _is_title_line(lines, index, origin):
        title = lines[index].strip()
        index = _next_nonblank(lines, index + 1)
    byline = date = None
    while index is not None:
        line, line_number = lines[index].strip(), index + 1
        credit = _parse_byline(line, origin, line_number) if byline is None else None
        line_date = None if date is not None else _parse_date_line(line, origin, line_number)
        if credit is not None:
            byline, date = credit[0], date or credit[1]
        elif line_date is not None:
            date = line_date
        else:
            break
        index = _next_nonblank(lines, index + 1)
    body_start = len(lines) if index is None else index
    return _Header(title=title, byline=byline, date=date, body_start=body_start)


def _is_title_line(lines: list[str], index: int, origin: str) -> bool:
    line = lines[index].strip()
    if _is_byline_or_date(line, origin, index + 1):
        return False
    if len(line) > MAX_TITLE_CHARS or len(line.split()) > MAX_TITLE_WORDS:
        return False
    if _ENDS_WITH_PERIOD.search(line) or line.endswith((":", ",", ";")):
        return False
    if index + 1 >= len(lines):
        return False  # a lone line is the whole body, not a headline
    following = lines[index + 1].strip()
    return not following or _is_byline_or_date(following, origin, index + 2)


def _is_byline_or_date(line: str, origin: str, line_number: int) -> bool:
    return (
        _parse_byline(line, origin, line_number) is not None
        or _parse_date_line(line, origin, line_number) is not None
    )


def _parse_byline(
    line: str, origin: str, line_number: int
) -> tuple[str | None, datetime.date | None] | None:
    """A "By NAME [separator] [DATE]" line as (name, date); None for any other line."""
    match = _BYLINE.fullmatch(line)
    if match is None or not match.group("credit")[0].isupper():
        return None  # "by the way ..." is prose
    if len(line.split()) > MAX_BYLINE_WORDS or _ENDS_WITH_PERIOD.search(line):
        return None  # "By 2020, the junta had ..." is prose
    credit, date = match.group("credit"), None
    for pattern in _DATE_AT_END:
        date_match = pattern.search(credit)
        if date_match is not None:
            date = _date_from_match(date_match, origin, line_number)
            credit = credit[: date_match.start()]
            break
    credit = re.sub(r"\s+on$", "", credit.strip(_CREDIT_DATE_SEPARATORS))
    return (credit.strip(_CREDIT_DATE_SEPARATORS) or None, date)


def _parse_date_line(line: str, origin: str, line_number: int) -> datetime.date | None:
    for pattern in _DATE_ONLY:
        match = pattern.fullmatch(line)
        if match is not None:
            return _date_from_match(match, origin, line_number)
    return None


def _date_from_match(match: re.Match[str], origin: str, line_number: int) -> datetime.date:
    month_text = match.group("month").lower()
    month = int(month_text) if month_text.isdigit() else _MONTH_NUMBERS[month_text]
    try:
        return datetime.date(int(match.group("year")), month, int(match.group("day")))
    except ValueError:
        raise UserError(
            f"{origin}, line {line_number}: '{' '.join(match.group().split())}' "
            "is not a valid date; "
            "correct the date or delete that line"
        ) from None


def _source_from_byline(byline: str | None) -> str | None:
    """The outlet named in a byline: "The Irrawaddy", "Jane Doe / Reuters"; else None.

    A credit starting with "The" is a publication (people are not named "The
    ..."); otherwise only known wire services and outlets count.
    """
    if byline is None:
        return None
    last_part = re.split(r"\s*(?:/|\||,|\bfor\b)\s*", byline)[-1].strip()
    if last_part.lower() in KNOWN_OUTLETS or last_part.startswith("The "):
        return last_part
    return None


def _body_paragraphs(lines: list[str]) -> list[str]:
    """Blank-line separated blocks, or one paragraph per line when the body has no blank line."""
    stripped = [line.strip() for line in lines]
    while stripped and not stripped[-1]:
        stripped.pop()
    while stripped and not stripped[0]:
        stripped.pop(0)
    if "" not in stripped:
        blocks = [[line] for line in stripped]
    else:
        blocks, current = [], []
        for line in stripped + [""]:
            if line:
                current.append(line)
            elif current:
                blocks.append(current)
                current = []
    # Hard-wrapped lines in a block belong to one paragraph.
    return [_collapse_spaces(" ".join(block)) for block in blocks]


def _collapse_spaces(paragraph: str) -> str:
    # Collapse runs and tabs only; a single no-break space stays as typed.
    return re.sub(r"[^\S\n]{2,}|\t", " ", paragraph).strip()


def derive_title(lead_paragraph: str) -> str:
    """A working title: the lead sentence, cut at a word boundary to ~80 chars with "…"."""
    sentences = split_sentences(lead_paragraph)
    first = sentences[0] if sentences else lead_paragraph.strip()
    if len(first) <= DERIVED_TITLE_MAX_CHARS:
        return first.removesuffix(".")
    cut = first[: DERIVED_TITLE_MAX_CHARS - 1]
    if not first[DERIVED_TITLE_MAX_CHARS - 1].isspace() and " " in cut:
        cut = cut.rsplit(" ", 1)[0]  # do not end mid-word
    return cut.rstrip(" ,;:–—-") + "…"
