"""Zawgyi in a whole text (an imported article): checked line by line, so a report can say where.

An English article may quote Burmese; each line is classified on its own (the detector
ignores the English around a quote). What happens to a line depends on the policy the
user chose:

* AUTO (the default): Zawgyi lines are converted; UNSURE lines are kept as they are and
  reported, never converted silently;
* CONVERT: Zawgyi and UNSURE lines are converted (the user has looked and says so);
* KEEP: nothing is converted; Zawgyi and UNSURE lines are reported as kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.myanmar.encoding import UNSURE, ZAWGYI, classify, to_unicode
from workbench.myanmar.script import myanmar_span

AUTO, CONVERT, KEEP = "auto", "convert", "keep"
POLICIES = (AUTO, CONVERT, KEEP)
EXCERPT_CHARS = 30


@dataclass(frozen=True)
class FlaggedLine:
    """A line that may be Zawgyi: its 1-based number, a short excerpt and the detector's score."""

    line: int
    excerpt: str
    probability: float
    outcome: str  # ZAWGYI or UNSURE


@dataclass
class ZawgyiReport:
    """What was found in a text and what was done about it."""

    converted: list[FlaggedLine] = field(default_factory=list)
    kept: list[FlaggedLine] = field(default_factory=list)  # flagged, left as typed
    converter: str | None = None

    def __bool__(self) -> bool:
        return bool(self.converted or self.kept)


def fix_zawgyi_lines(text: str, policy: str = AUTO, converter: str | None = None) -> tuple[str, ZawgyiReport]:
    """`text` with its Zawgyi lines converted as `policy` says, and the report of every flagged line."""
    if policy not in POLICIES:
        raise ValueError(f"unknown Zawgyi policy {policy!r}")
    report = ZawgyiReport()
    if text.isascii():
        return text, report
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        encoding = classify(line, converter)
        if encoding.outcome not in (ZAWGYI, UNSURE):
            continue
        flagged = FlaggedLine(number, excerpt(line), encoding.probability, encoding.outcome)
        convert = policy == CONVERT or (policy == AUTO and encoding.outcome == ZAWGYI)
        if convert:
            conversion = to_unicode(line, converter)
            lines[number - 1] = conversion.text
            report.converter = conversion.converter
            report.converted.append(flagged)
        else:
            report.kept.append(flagged)
    return "\n".join(lines), report


def excerpt(line: str) -> str:
    """The Burmese part of a line, shortened: what the user needs to find it."""
    start, end = myanmar_span(line) or (0, len(line))
    part = line[start:end]
    return part if len(part) <= EXCERPT_CHARS else part[: EXCERPT_CHARS - 1] + "…"
