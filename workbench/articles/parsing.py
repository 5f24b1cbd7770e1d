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
Outlet lines, month-year dates, a standfirst and a dateline are read by
`workbench.articles.headers`; the header lines become segments before the body.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from workbench.articles.headers import (
    BYLINE,
    DATELINE,
    MONTH_PATTERN,
    SOURCE,
    STANDFIRST,
    TITLE,
    HeaderLine,
    cut_off_ending,
    is_standfirst,
    month_number,
    outlet_line,
    split_dateline,
)
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

_MONTH = MONTH_PATTERN
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_DATE_PATTERNS = (
    rf"{_DAY}\s+{_MONTH},?\s+{_YEAR}",  # 25 March 2022, 25 Mar. 2022
    rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}",  # March 25, 2022
    r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})",  # 2022-03-25
    rf"{_MONTH},?\s+{_YEAR}",  # November 2021: a date of month precision
)
DAY, MONTH = "day", "month"  # how precise an article's date is
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
    # Title, standfirst, byline, outlet lines and the dateline, in text order: segments before the body.
    header: tuple[HeaderLine, ...] = ()
    date_precision: str = DAY  # MONTH for "November 2021" (the date is then the 1st)
    warnings: tuple[str, ...] = ()  # imported anyway: "ends mid-sentence"


Dated = tuple[datetime.date, str]  # a date and its precision (DAY or MONTH)


@dataclass(frozen=True)
class _Header:
    title: str | None
    byline: str | None
    dated: Dated | None
    source: str | None
    lines: tuple[HeaderLine, ...]
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
    header_lines = list(header.lines)
    dateline = split_dateline(paragraphs[0])
    if dateline is not None:  # "YANGON — The junta ...": the place is a segment, the sentence starts after it
        header_lines.append(HeaderLine(DATELINE, dateline[0]))
        paragraphs[0] = dateline[1]
    title = header.title if header.title is not None else derive_title(paragraphs[0])
    cut = cut_off_ending(paragraphs[-1])
    return ParsedArticle(
        title=title,
        byline=header.byline,
        date=header.dated[0] if header.dated else None,
        source=header.source or _source_from_byline(header.byline),
        paragraphs=tuple(paragraphs),
        title_derived=header.title is None,
        zawgyi=zawgyi_report,
        header=tuple(header_lines),
        date_precision=header.dated[1] if header.dated else DAY,
        warnings=() if cut is None else (f"{origin}: the article ends mid-sentence ('{cut}'); it may have been "
                                         "cut off when copied: compare it with the original and import it again",),
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
    """An optional title (and standfirst), then byline, date and outlet lines in any order."""
    index = _next_nonblank(lines, 0)
    title = None
    found: list[HeaderLine] = []
    if index is not None and _is_title_line(lines, index, origin):
        title = lines[index].strip()
        found.append(HeaderLine(TITLE, title))
        index = _next_nonblank(lines, index + 1)
        if index is not None and _is_standfirst_at(lines, index, origin):
            found.append(HeaderLine(STANDFIRST, lines[index].strip()))
            index = _next_nonblank(lines, index + 1)
    byline = source = None
    dated: Dated | None = None
    while index is not None:
        line, line_number = lines[index].strip(), index + 1
        credit = _parse_byline(line, origin, line_number) if byline is None else None
        line_date = None if credit is not None or dated is not None else _parse_date_line(line, origin, line_number)
        outlet = None
        if credit is None and line_date is None and source is None:
            outlet = _outlet_line(line, origin, line_number, bare_credit_allowed=bool(found) or dated is not None)
        if credit is not None:
            byline, dated = credit[0], dated or credit[1]
            found.append(HeaderLine(BYLINE, credit[2]))
        elif line_date is not None:
            dated = line_date
        elif outlet is not None:
            text, source, outlet_date = outlet
            dated = dated or outlet_date
            found.append(HeaderLine(SOURCE, text))
        else:
            break
        index = _next_nonblank(lines, index + 1)
    body_start = len(lines) if index is None else index
    return _Header(title, byline, dated, source, tuple(found), body_start)


def _outlet_line(line: str, origin: str, line_number: int,
                 bare_credit_allowed: bool) -> tuple[str, str, Dated | None] | None:
    """(segment text, outlet, date) of an outlet line; a bare "Visual Rebellion" only under a title or byline."""
    outlet = outlet_line(line, lambda text: _parse_date_line(text, origin, line_number))
    if outlet is None or (not bare_credit_allowed and outlet[0] == line and outlet[1] == line):
        return None
    return outlet


def _is_title_line(lines: list[str], index: int, origin: str) -> bool:
    line = lines[index].strip()
    if _is_byline_or_date(line, origin, index + 1) or _is_dated_outlet(line, origin, index + 1):
        return False
    if len(line) > MAX_TITLE_CHARS or len(line.split()) > MAX_TITLE_WORDS:
        return False
    if _ENDS_WITH_PERIOD.search(line) or line.endswith((":", ",", ";")):
        return False
    if index + 1 >= len(lines):
        return False  # a lone line is the whole body, not a headline
    following = lines[index + 1].strip()
    return not following or _is_byline_or_date(following, origin, index + 2) or _is_dated_outlet(following, origin, index + 2)


def _is_standfirst_at(lines: list[str], index: int, origin: str) -> bool:
    """A deck between the headline and the byline or date: it counts only when one follows it."""
    line = lines[index].strip()
    if _is_byline_or_date(line, origin, index + 1) or not is_standfirst(line):
        return False
    if _outlet_line(line, origin, index + 1, bare_credit_allowed=True) is not None:
        return False  # "Visual Rebellion" under the headline is a credit, not a deck
    following = _next_nonblank(lines, index + 1)
    return following is not None and _is_byline_or_date(lines[following].strip(), origin, following + 1)


def _is_dated_outlet(line: str, origin: str, line_number: int) -> bool:
    """"The Diplomat, November 2021" or "DVB, originally published on ...": never a headline."""
    outlet = _outlet_line(line, origin, line_number, bare_credit_allowed=False)
    return outlet is not None


def _is_byline_or_date(line: str, origin: str, line_number: int) -> bool:
    return (
        _parse_byline(line, origin, line_number) is not None
        or _parse_date_line(line, origin, line_number) is not None
    )


def _parse_byline(
    line: str, origin: str, line_number: int
) -> tuple[str | None, Dated | None, str] | None:
    """A "By NAME [separator] [DATE]" line as (name, date, the line without its date); None for any other line."""
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
    name = credit.strip(_CREDIT_DATE_SEPARATORS) or None
    return (name, date, f"{line[: match.start('credit')]}{name}" if name else line)


def _parse_date_line(line: str, origin: str, line_number: int) -> Dated | None:
    for pattern in _DATE_ONLY:
        match = pattern.fullmatch(line)
        if match is not None:
            return _date_from_match(match, origin, line_number)
    return None


def _date_from_match(match: re.Match[str], origin: str, line_number: int) -> Dated:
    month_text = match.group("month").lower()
    month = int(month_text) if month_text.isdigit() else month_number(month_text)
    day = match.groupdict().get("day")
    try:
        return datetime.date(int(match.group("year")), month, int(day or 1)), DAY if day else MONTH
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
