"""QA of inline codes (the tags TMX and foreign XLIFF codes become, `workbench.lang.inline_codes`)."""

from __future__ import annotations

from workbench.lang.inline_codes import code_problems
from workbench.qa.base import ERROR, Check, Issue, QAUnit, is_empty


class InlineCodeCheck(Check):
    id = "inline-code"
    name = "Inline code dropped or repeated"
    description = ("An inline code of the source (<g1>…</g1>, <x2/>: formatting or a placeholder of the file it came "
                   "from) is missing from the translation, appears more often, or is not in the source.")
    severity = ERROR  # the file written back would lose or break its formatting

    def check(self, unit: QAUnit) -> list[Issue]:
        if is_empty(unit):
            return []
        return [self.issue(unit, problem) for problem in code_problems(unit.source, unit.target)]
