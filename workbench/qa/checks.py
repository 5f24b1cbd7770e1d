"""The QA registry: every check, and `run_checks` over a project's units.

Public API (also re-exported by `workbench.qa`): `QAUnit`, `Issue`, `Check`, `ProjectCheck`,
the check classes, `ALL_CHECKS`, `run_checks` (placeholders: `workbench.lang.placeholders`).
An empty translation gets only `untranslated`: the other checks return nothing for it, so a
not-yet-translated segment is one warning, not a pile of missing terms and numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from workbench.qa.base import ERROR, WARNING, Check, Issue, ProjectCheck, QAUnit
from workbench.qa.code_checks import InlineCodeCheck
from workbench.qa.consistency import InconsistentTranslationCheck
from workbench.qa.encoding_checks import ZawgyiCheck
from workbench.qa.terms import ForbiddenTermCheck, InconsistentTermCheck, MissingTermCheck
from workbench.qa.text_checks import (
    FinalPunctuationCheck,
    NumbersCheck,
    PlaceholderCheck,
    UntranslatedCheck,
)

__all__ = [
    "ALL_CHECKS", "ERROR", "WARNING", "Check", "FinalPunctuationCheck", "InlineCodeCheck",
    "ForbiddenTermCheck", "InconsistentTermCheck", "InconsistentTranslationCheck", "Issue", "MissingTermCheck", "NumbersCheck",
    "PlaceholderCheck", "ProjectCheck", "QAUnit", "UntranslatedCheck", "ZawgyiCheck", "run_checks",
]

ALL_CHECKS: tuple[Check, ...] = (
    MissingTermCheck(), ForbiddenTermCheck(), InconsistentTermCheck(), NumbersCheck(),
    UntranslatedCheck(), PlaceholderCheck(), FinalPunctuationCheck(), ZawgyiCheck(), InconsistentTranslationCheck(),
    InlineCodeCheck(),
)


def run_checks(units: Sequence[QAUnit], checks: Iterable[Check] = ALL_CHECKS) -> list[Issue]:
    """All issues: per-unit checks on each unit, project checks on all units at once.

    Sorted by article id (numerically when the ids are numbers), then by the segment's
    position in `units` (segment ids are hashes, so the caller's document order is used),
    then by check id.
    """
    units = list(units)
    issues: list[Issue] = []
    for check in checks:
        if isinstance(check, ProjectCheck):
            issues += check.check_project(units)
        else:
            issues += [issue for unit in units for issue in check.check(unit)]
    position: dict[tuple[int | str, str], int] = {}
    for index, unit in enumerate(units):
        position.setdefault((unit.article_id, unit.segment_id), index)
    return sorted(issues, key=lambda issue: (
        _natural(issue.article_id), position.get((issue.article_id, issue.segment_id), len(units)),
        _natural(issue.segment_id), issue.check_id,
    ))


def _natural(value) -> tuple:
    """"10" after "9"; ints and strings compare without errors."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part)
                 for part in re.split(r"(\d+)", str(value)) if part)
