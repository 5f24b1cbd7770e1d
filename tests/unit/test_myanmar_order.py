"""One storage order for the marks of a Burmese syllable, so glossary matching and QA treat
the alternative orders a translator may type (and cannot see) as the same text."""

from __future__ import annotations

import unicodedata

import pytest

from workbench.glossary.hits import Hit
from workbench.glossary.normalize import normalize, normalize_many, normalize_with_offsets
from workbench.glossary.target import find_in_target
from workbench.myanmar.order import canonical_order, same_burmese
from workbench.qa import ForbiddenTermCheck, MissingTermCheck, QAUnit

DOT, ASAT, ANUSVARA = "\u1037", "\u103a", "\u1036"

# (UTN #11 order, the same syllable typed in another order)
ALTERNATIVES = [
    ("ဒ\u1031\u102b\u1037\u103a", "ဒ\u1031\u102b\u103a\u1037"),  # ဒေါ့်: dot below and asat swapped
    ("ဒ\u1031\u102b\u1037\u103a", "ဒ\u102b\u1031\u1037\u103a"),  # tall aa typed before the e vowel
    ("ခ\u1036\u1037", "ခ\u1037\u1036"),  # ခံ့: anusvara and dot below swapped
    ("က\u103b\u103d\u1014\u103a", "က\u103d\u103b\u1014\u103a"),  # ကျွန်: medial wa before ya
    ("မ\u103c\u103e\u1031", "မ\u103e\u103c\u1031"),  # medial ha before ra
    ("က\u102d\u102f", "က\u102f\u102d"),  # ကို: u before i
    ("ဖ\u103d\u1032\u1037", "ဖ\u1032\u103d\u1037"),  # ဖွဲ့: ai before the medial wa
    ("မ\u103e\u102f", "မ\u102f\u103e"),  # မှု
]


@pytest.mark.parametrize("canonical, typed", ALTERNATIVES)
def test_alternative_orders_become_the_recommended_one(canonical, typed):
    assert canonical_order(typed) == canonical
    assert canonical_order(canonical) == canonical
    assert len(canonical_order(typed)) == len(typed)
    assert same_burmese(typed, canonical)


def test_the_order_agrees_with_nfc_and_leaves_real_text_alone():
    # NFC puts the dot below (class 7) before the asat (class 9); the order must not fight it.
    assert canonical_order(unicodedata.normalize("NFC", "င\u103a\u1037")) == "င\u1037\u103a"
    for text in ("ကျွန်ုပ်တို့", "သင်္ချိုင်း", "အမျိုးသားဒီမိုကရေစီအဖွဲ့ချုပ်", "ပြည်သူ့ကာကွယ်ရေးတပ်", "ဥက္ကဋ္ဌ",
                 "ကျော်ကြားသော", "NUG’s minister", ""):
        assert canonical_order(text) == text, text


def test_a_contraction_keeps_its_asat_after_the_consonant():
    # ကျွန်ုပ် ("I"): the asat kills န and the u vowel follows; sorting them would change the word.
    assert canonical_order("ကျွန\u103a\u102fပ\u103a") == "ကျွန\u103a\u102fပ\u103a"


def test_normalisation_keeps_offsets_pointing_into_the_original():
    typed = "NUG ၏ ဒ\u1031\u102b\u103a\u1037ဇင်မာအောင်"
    norm, offsets = normalize_with_offsets(typed)
    assert norm == normalize(typed) and len(norm) == len(typed)
    start = norm.index("ဒ")
    assert offsets.span(start, start + 5) == (start, start + 5)
    assert normalize_many([typed, "ခ\u1037\u1036"]) == [normalize(typed), "ခ\u1036\u1037"]


@pytest.mark.parametrize("canonical, typed", ALTERNATIVES)
def test_find_in_target_finds_a_rendering_typed_in_another_order(canonical, typed):
    text = f"ပြည်သူများ {typed} ဟု ပြောသည်။"
    spans = find_in_target(text, canonical, "my")
    assert spans == [(text.index(typed), text.index(typed) + len(typed))]
    assert find_in_target(f"ပြည်သူများ {canonical} ဟု", typed, "my")  # and the other way round


DAW = "ဒ\u1031\u102b\u1037\u103a"  # ဒေါ့် as the glossary stores it
# Typed with ် before ့ (NFC alone would fix that one) and with ါ before ေ (only the order fixes it).
DAW_TYPED = ("ဒ\u1031\u102b\u103a\u1037", "ဒ\u102b\u1031\u1037\u103a")


def hit(approved=(), forbidden=()) -> Hit:
    return Hit("the-term", "the term", 0, 8, tuple(approved), (), tuple(forbidden), False)


@pytest.mark.parametrize("typed", DAW_TYPED)
def test_missing_term_passes_when_the_translation_used_the_other_order(typed):
    unit = QAUnit(1, "s1", "the term is here.", f"{typed}ဆိုသည်မှာ ဤနေရာတွင် ဖြစ်သည်။", "my",
                  (hit(approved=[DAW]),))
    assert MissingTermCheck().check(unit) == []
    unit_without = QAUnit(1, "s1", "the term is here.", "ဤနေရာတွင် ဖြစ်သည်။", "my", (hit(approved=[DAW]),))
    assert [i.check_id for i in MissingTermCheck().check(unit_without)] == ["missing-term"]


def test_forbidden_term_is_found_in_either_order():
    forbidden = "ခ\u1036\u1037"
    unit = QAUnit(1, "s1", "the term.", "ခ\u1037\u1036 ဖြစ်သည်။", "my", (hit(forbidden=[forbidden]),))
    assert [i.check_id for i in ForbiddenTermCheck().check(unit)] == ["forbidden-term"]
