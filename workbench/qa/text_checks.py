"""Text checks that need no glossary: numbers, untranslated text, placeholders, final punctuation."""

from __future__ import annotations

import re

from workbench.lang.digits import to_latin_digits
from workbench.lang.languages import language
from workbench.lang.placeholders import LEFTOVER
from workbench.qa.base import ERROR, WARNING, Check, Issue, QAUnit, is_empty, one_line, strip_closers

# English source numbers: "500,000", "US$1", "2021", "70", "2.5" (a final "." is not a decimal point).
_SOURCE_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?", re.ASCII)
# Target numbers: digit groups joined by any thousands/decimal separator of any locale:
# "," "." apostrophes, space, no-break space, narrow no-break space, thin/figure space, Arabic ٬ ٫.
_SEPARATORS = ",.'’ \u00a0\u202f\u2009\u2007\u066b\u066c"
_TARGET_NUMBER = re.compile(r"\d+(?:[" + _SEPARATORS + r"]\d+)*", re.ASCII)
_DECIMAL_MARKS = ",.\u066b"


def _canonical(integer: str, fraction: str = "") -> str:
    integer = integer.lstrip("0") or "0"
    fraction = fraction.rstrip("0")
    return f"{integer}.{fraction}" if fraction else integer


def source_numbers(source: str) -> dict[str, str]:
    """{canonical value: as written} for each number written in digits in the English source."""
    found: dict[str, str] = {}
    for match in _SOURCE_NUMBER.finditer(to_latin_digits(source)):
        integer, _, fraction = match.group().replace(",", "").partition(".")
        found.setdefault(_canonical(integer, fraction), match.group())
    return found


def target_numbers(target: str) -> set[str]:
    """Every value a number in the target may stand for, read leniently (any separator, either role)."""
    values: set[str] = set()
    for match in _TARGET_NUMBER.finditer(to_latin_digits(target)):
        token = match.group()
        groups = re.split(r"[" + _SEPARATORS + r"]", token)
        values.update(_canonical(group) for group in groups)
        values.add(_canonical("".join(groups)))
        if len(groups) > 1 and token[-len(groups[-1]) - 1] in _DECIMAL_MARKS:
            values.add(_canonical("".join(groups[:-1]), groups[-1]))
    return values


class NumbersCheck(Check):
    id = "numbers"
    name = "Numbers"
    description = ("Every number written in digits in the source appears in the translation, in any digits "
                   "(0-9, ၀-၉) and with any thousands separator. Spelled-out numbers are not required.")
    severity = ERROR

    def check(self, unit: QAUnit) -> list[Issue]:
        if is_empty(unit):
            return []
        present = target_numbers(unit.target)
        return [self.issue(unit, f"number {written} is missing from the translation")
                for value, written in source_numbers(unit.source).items() if value not in present]


class UntranslatedCheck(Check):
    id = "untranslated"
    name = "Untranslated"
    description = "The translation is empty, or identical to the source (ignoring case and spacing)."
    severity = WARNING

    def check(self, unit: QAUnit) -> list[Issue]:
        if is_empty(unit):
            return [self.issue(unit, "empty translation")] if unit.source.strip() else []
        same = one_line(unit.source).casefold() == one_line(unit.target).casefold()
        if same and any(c.isalpha() for c in unit.source):
            return [self.issue(unit, f"translation is identical to the source: '{one_line(unit.source)[:60]}'")]
        return []


class PlaceholderCheck(Check):
    id = "placeholder"
    name = "Placeholder left"
    description = "A glossary placeholder (⟦0⟧, ⟦T0⟧, ｟0｠, __GL0__, <gl0>) is left in the translation."
    severity = ERROR

    def check(self, unit: QAUnit) -> list[Issue]:
        found = dict.fromkeys(m.group() for m in LEFTOVER.finditer(unit.target))
        return [self.issue(unit, f"placeholder '{token}' left in the translation") for token in found]


# Language -> the sentence-final marks accepted; None = no final mark required.
_FINAL_MARKS: dict[str, str | None] = {
    "my": "။?!",  # ။ (U+104B); ? and ! are seen in modern Burmese news too
    "ja": "。！？!?．", "zh": "。！？!?．",
    "th": None, "lo": None,
    "km": "។!?",
    "hi": "।!?.", "ne": "।!?.", "mr": "।!?.", "bn": "।!?.",
    "ar": ".!?؟", "fa": ".!?؟", "ur": ".!?؟۔",
}
_DEFAULT_MARKS = ".!?…"
_PREFERRED = {"my": "။", "ja": "。", "zh": "。", "km": "។"}


class FinalPunctuationCheck(Check):
    id = "final-punctuation"
    name = "Final punctuation"
    description = ("When the source ends a sentence (. ! ?, closing quotes allowed after), the translation ends "
                   "with the language's sentence mark: ။ in Burmese, 。！？ in Japanese/Chinese, . ! ? elsewhere; "
                   "Thai and Lao need none.")
    severity = WARNING

    def check(self, unit: QAUnit) -> list[Issue]:
        lang = language(unit.lang).base
        marks = _FINAL_MARKS.get(lang, _DEFAULT_MARKS)
        source_end = strip_closers(unit.source)[-1:]
        if is_empty(unit) or marks is None or source_end not in (".", "!", "?"):
            return []
        target_end = strip_closers(unit.target)[-1:]
        if target_end and target_end in marks:
            return []
        expected = _PREFERRED.get(lang, source_end)
        return [self.issue(unit, f"translation should end with '{expected}' (ends with '{target_end}')")]
