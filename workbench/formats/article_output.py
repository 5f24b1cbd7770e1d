"""A finished, translated article written as plain text, Markdown or an HTML fragment.

The article arrives assembled (`FinishedArticle`: headline, standfirst, credit lines, date,
dateline, paragraphs of translated sentences); this module only writes it. Each line is made of
pieces joined as the language writes sentences (a space, or nothing for Burmese). A piece with
`missing` set is the English source of a segment not translated yet (a draft): it is marked so
an editor cannot miss it: `[untranslated 3: ...]` in text and Markdown, `<mark>` in HTML.

HTML is a fragment a CMS can take: one `<article lang="...">` with `h1`, `p` and `time`,
every text escaped, no scripts, no styles; missing pieces carry the source's `lang`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

FORMATS = ("txt", "md", "html")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # never valid in a published text
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")
_MARKDOWN_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])(\s)")


@dataclass(frozen=True)
class Piece:
    """One segment's text in the finished article."""

    text: str
    missing: int = 0  # the segment's number when this is its untranslated source (drafts only)


Line = tuple[Piece, ...]


@dataclass(frozen=True)
class FinishedArticle:
    lang: str
    source_lang: str
    joiner: str  # between sentences: " ", or "" for languages written without spaces
    headline: Line
    standfirst: Line
    credits: tuple[Line, ...]  # byline and outlet lines, in the source's order
    date_text: str | None  # already written for the language ("2022 မတ် ၂၅")
    date_iso: str | None  # "2022-03-25", or "2021-11" for a month
    dateline: Line
    paragraphs: tuple[Line, ...]


def render(article: FinishedArticle, format_name: str) -> str:
    """The article as `format_name` (one of FORMATS), ending with a newline."""
    return {"txt": render_text, "md": render_markdown, "html": render_html}[format_name](article)


def render_text(article: FinishedArticle) -> str:
    return _blocks(article, lambda line: _joined(article, line, _text_piece), _text_heading, _dateline_text)


def render_markdown(article: FinishedArticle) -> str:
    def line_text(line: Line) -> str:
        return _joined(article, line, _markdown_piece)

    return _blocks(article, line_text, lambda text, kind: (f"# {text}" if kind == "h1" else f"*{text}*"), _dateline_text,
                   credit_joiner="  \n")


def _blocks(article: FinishedArticle, line_text: Callable[[Line], str], heading: Callable[[str, str], str],
            dateline: Callable[[str, str], str], credit_joiner: str = "\n") -> str:
    blocks = []
    if article.headline:
        blocks.append(heading(line_text(article.headline), "h1"))
    if article.standfirst:
        blocks.append(heading(line_text(article.standfirst), "standfirst"))
    credits = [line_text(line) for line in article.credits] + ([_clean(article.date_text)] if article.date_text else [])
    if credits:
        blocks.append(credit_joiner.join(credits))
    for index, paragraph in enumerate(article.paragraphs):
        text = line_text(paragraph)
        if index == 0 and article.dateline:
            text = dateline(line_text(article.dateline), text)
        blocks.append(text)
    return "\n\n".join(blocks) + "\n"


def _text_heading(text: str, kind: str) -> str:
    return text


def _dateline_text(place: str, text: str) -> str:
    return f"{place} – {text}"


def _text_piece(piece: Piece) -> str:
    text = _clean(piece.text)
    return f"[untranslated {piece.missing}: {text}]" if piece.missing else text


def _markdown_piece(piece: Piece) -> str:
    text = _MARKDOWN_LINE_START.sub(r"\1\\\2\3", _MARKDOWN_SPECIAL.sub(r"\\\1", _clean(piece.text)))
    return f"\\[untranslated {piece.missing}: {text}\\]" if piece.missing else text


def render_html(article: FinishedArticle) -> str:
    def line_html(line: Line) -> str:
        return _joined(article, line, lambda piece: _html_piece(article, piece))

    lang = html.escape(article.lang)
    parts = [f'<article lang="{lang}">']
    if article.headline:
        parts.append(f"  <h1>{line_html(article.headline)}</h1>")
    if article.standfirst:
        parts.append(f'  <p class="standfirst">{line_html(article.standfirst)}</p>')
    for line in article.credits:
        parts.append(f'  <p class="credit">{line_html(line)}</p>')
    if article.date_text:
        parts.append(f'  <p class="date"><time datetime="{html.escape(article.date_iso or "")}">'
                     f"{html.escape(_clean(article.date_text))}</time></p>")
    for index, paragraph in enumerate(article.paragraphs):
        text = line_html(paragraph)
        if index == 0 and article.dateline:
            text = f'<span class="dateline">{line_html(article.dateline)}</span> – {text}'
        parts.append(f"  <p>{text}</p>")
    parts.append("</article>")
    return "\n".join(parts) + "\n"


def _html_piece(article: FinishedArticle, piece: Piece) -> str:
    text = html.escape(_clean(piece.text))
    if not piece.missing:
        return text
    return (f'<mark class="untranslated" data-segment="{piece.missing}" '
            f'lang="{html.escape(article.source_lang)}">{text}</mark>')


def _joined(article: FinishedArticle, line: Sequence[Piece], write: Callable[[Piece], str]) -> str:
    # An English source shown in a Burmese draft keeps a space around it: it is written with spaces.
    out = ""
    for index, piece in enumerate(line):
        previous = line[index - 1] if index else None
        if previous is not None:
            out += " " if article.joiner or piece.missing or previous.missing else ""
        out += write(piece)
    return out


def _clean(text: str) -> str:
    """One line of text: no control characters, whitespace runs made one space."""
    return " ".join(_CONTROL.sub(" ", text).split())
