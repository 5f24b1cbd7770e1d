"""One definition of the Myanmar script (`workbench.myanmar.script`), used everywhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from workbench.glossary.target import find_in_target
from workbench.myanmar.lines import excerpt
from workbench.myanmar.script import (
    MYANMAR_CLASS,
    MYANMAR_RANGES,
    count_myanmar,
    has_myanmar,
    is_in_word,
    is_myanmar_char,
    is_myanmar_letter,
    myanmar_span,
    syllable_starts,
)

ROOT = Path(__file__).resolve().parents[2]


def test_the_ranges_are_the_myanmar_block_and_its_two_extensions():
    assert MYANMAR_RANGES == ((0x1000, 0x109F), (0xAA60, 0xAA7F), (0xA9E0, 0xA9FF))
    assert re.fullmatch(f"[{MYANMAR_CLASS}]+", "\u1000\u109f\uaa60\uaa7f\ua9e0\ua9ff")


@pytest.mark.parametrize(("first", "last"), [(0x1000, 0x109F), (0xAA60, 0xAA7F), (0xA9E0, 0xA9FF)])
def test_each_range_is_inclusive_and_nothing_next_to_it_is_myanmar(first, last):
    assert is_myanmar_char(chr(first)) and is_myanmar_char(chr(last))
    assert not is_myanmar_char(chr(first - 1)) and not is_myanmar_char(chr(last + 1))


def test_helpers():
    assert not is_myanmar_char("") and not is_myanmar_char("ကခ") and not is_myanmar_char("a")
    assert has_myanmar("NUG ၏") and not has_myanmar("NUG") and not has_myanmar("")
    assert count_myanmar("NUG ၏ ဝန်ကြီး") == 8
    assert myanmar_span("The NUG (အစိုးရ) said") == (9, 15) and myanmar_span("none") is None
    assert is_myanmar_letter("က") and is_myanmar_letter("ဦ") and is_myanmar_letter("\uaa60")
    assert not is_myanmar_letter("ာ") and not is_myanmar_letter("၃") and not is_myanmar_letter("။")
    assert is_in_word("ာ") and is_in_word("က") and not is_in_word("၃") and not is_in_word("၊")
    assert syllable_starts("ဦးနေဖုန်းလတ်") == [0, 2, 4, 9]


def test_the_extensions_count_everywhere():
    # Extended-A (Khamti Shan) letters: the excerpt of a line used to know the main block only.
    line = "Shan text \uaa60\uaa61\uaa62 in English"
    assert excerpt(line) == "\uaa60\uaa61\uaa62"
    assert find_in_target("NUG\uaa60", "NUG", "my") == [(0, 3)]  # a change of script is a boundary


def test_no_module_has_its_own_copy_of_the_ranges():
    pattern = re.compile(r"\\u109f|\\uaa7f|\\ua9ff|0x109f|0xaa7f|0xa9ff", re.IGNORECASE)
    copies = [str(path.relative_to(ROOT)) for path in sorted((ROOT / "workbench").rglob("*.py"))
              if path.name != "script.py" and pattern.search(path.read_text(encoding="utf-8"))]
    assert copies == []
