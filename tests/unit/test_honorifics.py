"""Burmese honorifics (`workbench.myanmar.honorifics`): the words, particles and numerals the
rule relies on, and the rule on normalised text. The look-up, QA and enforcement tests are in
test_target_lookup.py, test_qa_checks.py and test_enforce.py."""

from __future__ import annotations

import unicodedata

import pytest

from workbench.myanmar.honorifics import (
    COUNTERS,
    NOT_TITLES,
    NUMERALS,
    PARTICLES,
    WORD_END_PARTICLES,
    begins_name,
    title_positions,
)
from workbench.myanmar.order import canonical_order

try:
    import icu
except ImportError:
    icu = None


def test_the_lexicon_holds_the_words_the_desk_asked_for():
    asked = {"ဒေါ်လာ", "ဦးရေ", "ဦးတည်", "ဦးစီး", "ဦးဆောင်", "ဦးနှောက်", "ဦးထုပ်", "ဦးစား", "ဦးစွာ", "ဦးဦးဖျားဖျား"}
    assert asked <= NOT_TITLES
    assert all(word.startswith(("ဦး", "ဒေါ်")) for word in NOT_TITLES)


@pytest.mark.parametrize("word", sorted(NOT_TITLES | PARTICLES | WORD_END_PARTICLES | COUNTERS | set(NUMERALS)))
def test_every_listed_form_is_written_as_normalised_text_is(word):
    # The rule compares normalised text (NFC, one mark order): a form typed otherwise would never match.
    assert canonical_order(unicodedata.normalize("NFC", word)) == word


@pytest.mark.skipif(icu is None, reason="PyICU is not installed")
@pytest.mark.parametrize("word", sorted(NOT_TITLES))
def test_every_word_of_the_lexicon_is_a_real_burmese_word(word):
    """ICU's Burmese word breaker keeps a dictionary word whole, inside a sentence too, while
    a title and a name break apart (ဦး | နေ | ဖုန်း | လတ်)."""
    breaker = icu.BreakIterator.createWordInstance(icu.Locale("my"))

    def words(text: str) -> list[str]:
        breaker.setText(text)
        bounds = [breaker.first(), *breaker]
        return [text[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]

    assert words(word) == [word]
    assert word in words(f"သူသည် {word}ကို")
    assert words("ဦးနေဖုန်းလတ်")[0] == "ဦး"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ဦးနေဖုန်းလတ်", [0]),
        ("ဦး နေဖုန်းလတ်", [0]),
        ("ဦး\u200bနေဖုန်းလတ်", [0]),  # a zero-width space between
        ("ဦးဦးဖျားဖျား ဦးနေဖုန်းလတ်", [13]),
        ("လူ (၃၄) ဦး နှင့် ဦးလှ", [17]),
        ("ဦး", []),
        ("ဦး၊", []),
        ("ဦး ၃၄", []),
        ("တင်ဦးလည်း", []),
        ("", []),
    ],
)
def test_title_positions(text, expected):
    assert title_positions(text, "ဦး") == expected


def test_the_counter_rule_is_for_u_only():
    assert title_positions("(၂) ဒေါ်ခင်ကြည်", "ဒေါ်") == [4]  # a numbered list, not "2 persons"
    assert title_positions("(၂) ဦးတင်ဦး", "ဦး") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [("နေဖုန်းလတ်", True), ("ကိုကိုကြီး", True), ("က ပြောသည်", False), ("ကို ဖမ်းဆီး", False),
     ("နှင့်", False), ("၃၄", False), ("ာ", False), ("", False), ("NUG", False)],
)
def test_begins_name(text, expected):
    assert begins_name(text) is expected
