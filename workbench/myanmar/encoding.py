"""Zawgyi or Unicode: classify Burmese text and convert Zawgyi to Unicode.

Zawgyi is a font hack that reuses the Myanmar code points for glyph shapes: text typed with
it looks right in a Zawgyi font and is wrong data everywhere else (search, glossary
matching, MT). Google's `myanmartools` detector gives the probability that a string is
Zawgyi. Its published compatibility samples show how far to trust it:

* long text is decisive (real sentences score < 1e-10 or > 0.9999);
* short text is not: the Unicode fragment ‘၏လွ’ scores 0.993 and the Zawgyi ‘အ’ 0.49.

So `classify` says ZAWGYI only for a high score on at least `MIN_SURE_LETTERS` Myanmar
characters, UNICODE for a low score, and UNSURE in between, except that a string that the
converter leaves unchanged reads the same in both encodings and is UNICODE (nothing to do).
UNSURE text is never converted by the workbench on its own: the caller asks the user.

Conversion uses ICU's `Zawgyi-my` transform when PyICU is installed, otherwise the pure-Python
rule-based converter of the `paraencoder` package (chosen by measuring: it matched ICU on
every compatibility sample and on round trips of the glossary's and real news sentences).
Both are loaded lazily, once; importing this module does nothing.
"""

from __future__ import annotations

import functools
import re
import warnings
from dataclasses import dataclass

from workbench.myanmar.script import MYANMAR_CLASS, count_myanmar

UNICODE, ZAWGYI, UNSURE = "unicode", "zawgyi", "unsure"
ICU, PURE_PYTHON = "icu", "paraencoder"
CONVERTERS = (ICU, PURE_PYTHON)

ZAWGYI_ABOVE = 0.95  # the detector's own suggested cut-offs
UNICODE_BELOW = 0.05
MIN_SURE_LETTERS = 5  # below this a high score is not trusted (‘၏လွ’ is Unicode and scores 0.993)


@dataclass(frozen=True)
class Encoding:
    """What `classify` decided, with the detector's Zawgyi probability (-inf: no Myanmar text)."""

    outcome: str  # UNICODE | ZAWGYI | UNSURE
    probability: float
    myanmar_letters: int

    @property
    def is_zawgyi(self) -> bool:
        return self.outcome == ZAWGYI

    @property
    def is_unsure(self) -> bool:
        return self.outcome == UNSURE


@dataclass(frozen=True)
class Conversion:
    text: str
    converter: str  # ICU | PURE_PYTHON
    changed: bool


@functools.cache
def _detector():
    from myanmartools import ZawgyiDetector  # loads its model file: once, on first use

    with warnings.catch_warnings():  # it uses importlib.resources.open_binary, deprecated in 3.11
        warnings.simplefilter("ignore", DeprecationWarning)
        return ZawgyiDetector()


@functools.cache
def _icu_transform():
    import icu

    return icu.Transliterator.createInstance("Zawgyi-my")


def icu_available() -> bool:
    try:
        _icu_transform()
    except Exception:  # noqa: BLE001 - ImportError, or an ICU built without the Zawgyi transform
        return False
    return True


def default_converter() -> str:
    return ICU if icu_available() else PURE_PYTHON


def zawgyi_probability(text: str) -> float:
    return _detector().get_zawgyi_probability(text)


@functools.lru_cache(maxsize=4096)  # the TUI re-checks the same segments as the cursor moves
def classify(text: str, converter: str | None = None) -> Encoding:
    """UNICODE, ZAWGYI or UNSURE for `text` (any mix of Burmese and other scripts)."""
    letters = count_myanmar(text)
    if not letters:
        return Encoding(UNICODE, float("-inf"), 0)
    probability = zawgyi_probability(text)
    if probability < UNICODE_BELOW:
        return Encoding(UNICODE, probability, letters)
    if not to_unicode(text, converter).changed:
        return Encoding(UNICODE, probability, letters)  # the same in both encodings
    if probability > ZAWGYI_ABOVE and letters >= MIN_SURE_LETTERS:
        return Encoding(ZAWGYI, probability, letters)
    return Encoding(UNSURE, probability, letters)


def to_unicode(text: str, converter: str | None = None) -> Conversion:
    """`text` converted from Zawgyi to Unicode by `converter` (default: ICU when installed)."""
    name = converter or default_converter()
    if name == ICU:
        converted = _icu_transform().transliterate(text)
    elif name == PURE_PYTHON:
        from para.convert import zg_to_unicode

        converted = _only_myanmar_runs(text, lambda run: zg_to_unicode(run, force=True))
    else:
        raise ValueError(f"unknown Zawgyi converter {name!r}; use one of {', '.join(CONVERTERS)}")
    return Conversion(converted, name, converted != text)


# A run of Burmese, with the spaces and zero-width spaces inside it (not those around it).
_MYANMAR_RUN = re.compile(f"[{MYANMAR_CLASS}](?:[{MYANMAR_CLASS}\u200b ]*[{MYANMAR_CLASS}])?")


def _only_myanmar_runs(text: str, convert) -> str:
    """Apply `convert` to the Burmese runs alone, so English around them is never touched."""
    return _MYANMAR_RUN.sub(lambda match: convert(match.group()), text)
