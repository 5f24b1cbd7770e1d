"""QA building blocks: the unit checked, the issue reported, and the check classes.

Checks are small classes in the Weblate way: an `id`, a `name`, a `description`, a
`severity`, and one pure method. A per-segment `Check` looks at one `QAUnit`
(`check(unit)`); a `ProjectCheck` compares units across segments and articles
(`check_project(units)`). Checks hold no state and never touch the database.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from workbench.glossary.hits import Hit

ERROR, WARNING = "error", "warning"

# Closing quotes and brackets that may follow sentence-final punctuation.
CLOSERS = "\"'”’»›)]}）］｝」』】〉》"
_SPACE_RUN = re.compile(r"\s+")


@dataclass(frozen=True)
class QAUnit:
    """One translated segment: the English source, the translation and its glossary hits."""

    article_id: int | str
    segment_id: str
    source: str
    target: str
    lang: str
    hits: Sequence[Hit] = ()
    number: int = 0  # the segment's place in its article (1 = first), for messages; 0: not known


@dataclass(frozen=True)
class Issue:
    """One problem found by a check, located by article and segment; `message` is one line."""

    check_id: str
    severity: str
    message: str
    article_id: int | str
    segment_id: str


class Check:
    """A per-segment check. Subclasses set the attributes and implement `check`."""

    id = ""
    name = ""
    description = ""
    severity = ERROR

    def check(self, unit: QAUnit) -> list[Issue]:
        raise NotImplementedError

    def issue(self, unit: QAUnit, message: str, severity: str | None = None) -> Issue:
        """An issue of this check (at its own severity unless one is given) for the unit."""
        return Issue(self.id, severity or self.severity, one_line(message), unit.article_id, unit.segment_id)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id}>"


class ProjectCheck(Check):
    """A cross-segment check: it sees every unit of the project at once."""

    def check(self, unit: QAUnit) -> list[Issue]:
        return []

    def check_project(self, units: Sequence[QAUnit]) -> list[Issue]:
        raise NotImplementedError


def one_line(text: str) -> str:
    return _SPACE_RUN.sub(" ", text).strip()


def is_empty(unit: QAUnit) -> bool:
    """An empty translation: only `untranslated` reports it, the other checks stay quiet."""
    return not unit.target.strip()


def strip_closers(text: str) -> str:
    """The text without trailing whitespace and closing quotes/brackets."""
    return text.rstrip().rstrip(CLOSERS + " \t\n\u00a0\u202f").rstrip()


def hits_by_entry(hits: Sequence[Hit]) -> dict[str, list[Hit]]:
    """The hits of one unit grouped by entry, in first-seen order (a term may occur twice)."""
    grouped: dict[str, list[Hit]] = {}
    for hit in hits:
        grouped.setdefault(hit.entry_id, []).append(hit)
    return grouped
