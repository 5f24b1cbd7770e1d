"""Repetitions and the `inconsistent-translation` check: one source sentence, one translation.

Two segments are **repetitions** when their sources are identical after `source_key`: Unicode
NFC, every run of whitespace (spaces, tabs, no-break and other Unicode spaces, line breaks) made
one space, leading and trailing whitespace dropped. Case, punctuation, digits and quotes count,
as in OmegaT and memoQ, whose repetitions are identical source text up to whitespace: "Reporters
confirmed it." and "reporters confirmed it." are different sentences (a headline-case or
sentence-start difference may call for a different translation), and so are "it." and "it!".
Translations are compared with the same key, so a translation retyped with other spacing is the
same translation.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from workbench.qa.base import WARNING, Issue, ProjectCheck, QAUnit, is_empty, one_line

_SPACES = re.compile(r"\s+")
SHOWN_CHARS = 60  # of each variant in the message
SHOWN_PLACES = 5  # segments named per variant; the rest are counted


def source_key(text: str) -> str:
    """What makes two sources repetitions: NFC, whitespace collapsed and trimmed; case kept."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def _shown(text: str) -> str:
    text = one_line(text)
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


def _place(unit: QAUnit) -> str:
    return f"article {unit.article_id} segment {unit.number or unit.segment_id}"


class InconsistentTranslationCheck(ProjectCheck):
    """The same source (by `source_key`), in the same target language, translated in more than one
    way anywhere in the project: a warning on every segment involved, listing every variant with
    the segments that use it (most used first). Translated and draft segments count alike; empty
    ones do not (`untranslated` reports them).

    `project` is the whole project's units when the units checked are only part of it (`workbench
    check 2` still compares article 2 with every other article); issues are reported only for
    the units checked. Without it the units checked are the project.
    """

    id = "inconsistent-translation"
    name = "Inconsistent translation"
    description = ("The same source sentence (identical up to whitespace; case and punctuation count) is translated "
                   "in different ways in the project, in the same target language.")
    severity = WARNING

    def __init__(self, project: Sequence[QAUnit] | None = None):
        self.project = tuple(project) if project is not None else None

    def check_project(self, units: Sequence[QAUnit]) -> list[Issue]:
        pool: dict[tuple[int | str, str, str], QAUnit] = {}
        for unit in (*(self.project or ()), *units):  # a unit checked wins over the project's copy of it
            pool[(unit.article_id, unit.segment_id, unit.lang)] = unit
        groups: dict[tuple[str, str], dict[str, list[QAUnit]]] = {}
        for unit in pool.values():
            if not is_empty(unit):
                variants = groups.setdefault((unit.lang, source_key(unit.source)), {})
                variants.setdefault(source_key(unit.target), []).append(unit)
        issues = []
        for unit in units:
            variants = groups.get((unit.lang, source_key(unit.source)), {})
            if len(variants) > 1 and not is_empty(unit):
                issues.append(self.issue(unit, self._message(variants)))
        return issues

    def _message(self, variants: dict[str, list[QAUnit]]) -> str:
        ordered = sorted(variants.values(), key=len, reverse=True)  # stable: ties keep first-seen order
        listed = []
        for users in ordered:
            places = ", ".join(_place(unit) for unit in users[:SHOWN_PLACES])
            if len(users) > SHOWN_PLACES:
                places += f" and {len(users) - SHOWN_PLACES} more"
            listed.append(f"'{_shown(users[0].target)}' ({places})")
        return f"translated {len(variants)} ways in this project: {', '.join(listed)}"
