"""Zawgyi check: a translation that looks like Zawgyi is wrong data, however right it looks.

The workbench converts Zawgyi when text is typed, pasted or imported, so this finds what
came in before that (or was kept on purpose) and short text the detector could not decide.
"""

from __future__ import annotations

from workbench.myanmar.encoding import ZAWGYI, classify
from workbench.myanmar.lines import excerpt
from workbench.qa.base import ERROR, WARNING, Check, Issue, QAUnit, is_empty


class ZawgyiCheck(Check):
    id = "zawgyi"
    name = "Zawgyi encoding"
    description = ("The translation looks like Zawgyi-encoded Burmese (error), or may be Zawgyi but is too short "
                   "for the detector to be sure (warning). Zawgyi looks right only in a Zawgyi font.")
    severity = ERROR

    def check(self, unit: QAUnit) -> list[Issue]:
        if is_empty(unit):
            return []
        encoding = classify(unit.target)
        shown = excerpt(unit.target)
        if encoding.outcome == ZAWGYI:
            return [self.issue(unit, f"translation looks like Zawgyi ('{shown}', Zawgyi probability "
                                     f"{encoding.probability:.2f}); convert it to Unicode")]
        if encoding.is_unsure:
            return [self.issue(unit, f"translation may be Zawgyi ('{shown}'), too short to be sure; "
                                     "check it in a Unicode font", WARNING)]
        return []
