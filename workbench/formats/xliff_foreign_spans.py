"""Where each element of a parsed XML text starts and ends, so an export can change a target and leave
every other character of the file as it was (prefixes, attribute order, comments, whitespace).

The tree comes from the one safe XML reader (`workbench.formats.safe_xml`); this only measures the
text it was built from. Elements in document order are the start tags in text order (outside
comments, CDATA, processing instructions and the DOCTYPE, as `safe_xml.Lines` counts them); an
element's end tag is the first `</name>` after its last child (or after its start tag).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.etree.ElementTree import Element

_MARKUP = r"<!--.*?-->|<!\[CDATA\[.*?]]>|<\?.*?\?>"
_STARTS = re.compile(_MARKUP + r"|<!DOCTYPE(?:[^\[>]|\[.*?])*>|(<)(?=[^!?/])", re.S)
# A start tag: its name, then attributes whose quoted values may hold ">" (never "<").
_START_TAG = re.compile(r"<([^\s/>]+)(?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*\s*(/?)>")
_ATTRIBUTES = re.compile(r"\s+([^\s=/>]+)\s*=\s*(\"[^\"]*\"|'[^']*')")


@dataclass(frozen=True)
class Span:
    start: int  # of the start tag
    open_end: int  # just after the start tag
    close_start: int  # of the end tag (open_end for an empty element)
    end: int  # just after the end tag
    qname: str  # the name as written, prefix included

    @property
    def empty(self) -> bool:
        return self.open_end == self.end


class Spans:
    """The span of every element of `root` in `text`, by element identity."""

    def __init__(self, text: str, root: Element) -> None:
        self.text = text
        elements = list(root.iter())
        starts = [match.start() for match in _STARTS.finditer(text) if match.group(1)]
        if len(starts) != len(elements):
            raise ValueError("the text and the tree disagree")  # never: both come from one parse
        self._spans: dict[int, Span] = {}
        self._closers: dict[str, re.Pattern[str]] = {}
        for element, start in zip(reversed(elements), reversed(starts), strict=True):
            self._spans[id(element)] = self._measure(element, start)

    def _measure(self, element: Element, start: int) -> Span:
        tag = _START_TAG.match(self.text, start)
        if tag is None:
            raise ValueError(f"no start tag at {start}")
        qname, open_end = tag.group(1), tag.end()
        if tag.group(2):
            return Span(start, open_end, open_end, open_end, qname)
        after = self._spans[id(element[-1])].end if len(element) else open_end
        close = self._closers.get(qname)
        if close is None:
            close = self._closers[qname] = re.compile(_MARKUP + rf"|(</{re.escape(qname)}\s*>)", re.S)
        for match in close.finditer(self.text, after):
            if match.group(1):
                return Span(start, open_end, match.start(), match.end(), qname)
        raise ValueError(f"no end tag for <{qname}>")

    def __getitem__(self, element: Element) -> Span:
        return self._spans[id(element)]

    def slice(self, element: Element) -> str:
        span = self[element]
        return self.text[span.start:span.end]

    def start_tag(self, element: Element) -> str:
        span = self[element]
        return self.text[span.start:span.open_end]

    def end_tag(self, element: Element) -> str:
        span = self[element]
        return self.text[span.close_start:span.end]


def with_attribute(start_tag: str, name: str, quoted: str) -> str:
    """A start tag as written with one attribute set (its value replaced where it stands, else added last)."""
    name_end = _START_TAG.match(start_tag)
    assert name_end is not None  # a start tag measured by `Spans`
    for found in _ATTRIBUTES.finditer(start_tag, len(name_end.group(1)) + 1):
        if found.group(1) == name:
            return f"{start_tag[:found.start(2)]}{quoted}{start_tag[found.end(2):]}"
    closing = 2 if start_tag.endswith("/>") else 1
    return f"{start_tag[:-closing].rstrip()} {name}={quoted}{start_tag[-closing:]}"
