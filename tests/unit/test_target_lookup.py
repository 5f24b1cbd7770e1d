"""Target-side look-up: whole words in spaced languages, syllables in Burmese, and the
honorific ဦး told apart from the counter for persons and from a name syllable."""

from __future__ import annotations

import pytest

from workbench.glossary.target import find_in_target, honorific_positions
from workbench.myanmar.script import syllable_starts as burmese_syllable_starts

NUG_MY = "အမျိုးသားညီညွတ်ရေးအစိုးရ"
PDF_MY = "ပြည်သူ့ကာကွယ်ရေးတပ်မတော်"
EMBRACE_MY = "ပြည်သူ့ရင်ခွင်"


def spans(text: str, rendering: str, lang: str = "my") -> list[str]:
    return [text[a:b] for a, b in find_in_target(text, rendering, lang)]


def test_syllable_starts():
    text = NUG_MY
    assert [text[i] for i in burmese_syllable_starts(text)] == list("အမသညညရအစရ")
    # ညွတ်: တ carries asat, so it ends the syllable; ပြည်: ည likewise.
    assert [PDF_MY[i] for i in burmese_syllable_starts(PDF_MY)] == list("ပသကကရတမတ")
    # stacked consonants (virama) belong to one cluster: မန္တလေး → မ, လ
    assert [("မန္တလေး")[i] for i in burmese_syllable_starts("မန္တလေး")] == ["မ", "လ"]
    # dot below before asat (NFC order) still kills the consonant: ကြည့်
    assert burmese_syllable_starts("ကြည့်") == [0]


@pytest.mark.parametrize(
    ("text", "rendering", "expected"),
    [
        (f"{NUG_MY}၏ ဝန်ကြီး", NUG_MY, [NUG_MY]),
        (f"{PDF_MY}များနှင့် {NUG_MY}", PDF_MY, [PDF_MY]),
        (f"{EMBRACE_MY}သို့ ဆက်သွယ်", EMBRACE_MY, [EMBRACE_MY]),
        ("ဒေါ်ဇင်မာအောင်က ပြောသည်", "ဒေါ်ဇင်မာအောင်", ["ဒေါ်ဇင်မာအောင်"]),
        ("ဦးနေဖုန်းလတ်က", "ဦးနေဖုန်းလတ်", ["ဦးနေဖုန်းလတ်"]),
        (f"NUG ({NUG_MY})", "NUG", ["NUG"]),
        (f"NUG{NUG_MY}", "NUG", ["NUG"]),  # a change of script is a boundary
        (f"{NUG_MY} နှင့် {NUG_MY}", NUG_MY, [NUG_MY, NUG_MY]),
    ],
)
def test_burmese_found(text, rendering, expected):
    assert spans(text, rendering) == expected


@pytest.mark.parametrize(
    ("text", "rendering"),
    [
        (EMBRACE_MY, "ပြည်သူ"),  # ပြည်သူ့ goes on with the dot below: people's, not people
        ("ဒေါ်ဇင်မာအောင်", "မာအောင"),  # ends before the asat of အောင်
        ("ဒေါ်ဇင်မာအောင်", "င်မာ"),  # starts at a killed consonant
        ("မန္တလေး", "တလေး"),  # starts at the lower half of a stack
        ("ရင်း", "ရင်"),  # ends before the visarga
        ("NUGs", "NUG"),
    ],
)
def test_burmese_not_found_inside_a_syllable(text, rendering):
    assert spans(text, rendering) == []


def test_burmese_spans_point_into_the_original_text():
    # decomposed ဦ (ဥ + ီ), a newline: the span is still the original characters.
    text = "\u1025\u102e\u1038နေဖုန်းလတ်\n\nက"
    assert find_in_target(text, "ဦးနေဖုန်းလတ်", "my") == [(0, 13)]
    assert find_in_target(text, "ဦးနေဖုန်းလတ်", "my-MM") == [(0, 13)]


@pytest.mark.parametrize(
    ("text", "rendering", "lang", "expected"),
    [
        ("les Forces de défense du peuple (PDF)", "Forces de défense du peuple", "fr",
         ["Forces de défense du peuple"]),
        ("l’Armée, les armées, ARMÉE", "armée", "fr", ["Armée", "ARMÉE"]),
        ("Gobierno de\nUnidad  Nacional", "Gobierno de Unidad Nacional", "es", ["Gobierno de\nUnidad  Nacional"]),
        ("die NUG-Regierung", "NUG", "de", ["NUG"]),
        ("NUGS", "NUG", "de", []),
        ("民族团结政府表示", "民族团结政府", "zh", ["民族团结政府"]),
        ("", "x", "fr", []),
        ("x", "  ", "fr", []),
    ],
)
def test_spaced_and_unspaced_languages(text, rendering, lang, expected):
    assert spans(text, rendering, lang) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ဦးနေဖုန်းလတ်", [0]),
        ("ဦးတင်ဦး", [0]),  # the second ဦး is part of the name
        ("ဦးတင်ဦးက ပြောသည်", [0]),
        ("ဒေါ်ဇင်မာအောင်နှင့် ဦးနေဖုန်းလတ်", [20]),
        ("ဝန်ကြီးဦးကျော်", [7]),
        ("ဦးတင် နှင့် ဦးလှ", [0, 12]),
        ("(၃၄) ဦး", []),  # 34 persons
        ("(၁၄၀၀၀)ဦး", []),  # 14,000 persons
        ("လူ (၃၄) ဦး သေဆုံး", []),
        ("၃၄ဦးသေဆုံး", []),  # a number, then the counter, then a verb
        ("ဦး။", []),
        ("", []),
    ],
)
def test_honorific_positions(text, expected):
    found = honorific_positions(text)
    assert found == expected
    assert all(text[i : i + 2] == "ဦး" for i in found)


def test_other_honorific():
    text = "ဒေါ်ဇင်မာအောင်နှင့် ဦးနေဖုန်းလတ်"
    assert honorific_positions(text, "ဒေါ်") == [0]


# -- honorifics: the title before a name, never a word or counter that begins the same way --
@pytest.mark.parametrize(
    ("text", "honorific"),
    [
        ("အမေရိကန်ဒေါ်လာ ၅၀၀,၀၀၀", "ဒေါ်"),  # US dollars
        ("ဒေါ်လာသန်း ၂၀", "ဒေါ်"),  # 20 million dollars
        ("မြို့နယ်၏ လူဦးရေ", "ဦး"),  # the township's population
        ("သေဆုံးသူ ဦးရေ", "ဦး"),  # the number of the dead
        ("ရန်ကုန်သို့ ဦးတည်သွားသည်", "ဦး"),  # headed for Yangon
        ("ဦးစီးဌာန", "ဦး"),  # department
        ("ဦးဆောင်သော အဖွဲ့", "ဦး"),  # the group that leads
        ("ဦးနှောက်", "ဦး"),  # brain
        ("ဦးထုပ်ဆောင်း", "ဦး"),  # wearing a hat
        ("ဦးစားပေး", "ဦး"),  # priority
        ("ဦးစွာ ပြောကြားသည်", "ဦး"),  # first, said
        ("ဦးဦးဖျားဖျား", "ဦး"),  # first of all (its second ဦး is no title either)
        ("ပထမဦးဆုံး", "ဦး"),  # the very first
        ("ဦးခေါင်းကို ပစ်ခတ်", "ဦး"),  # shot in the head
    ],
)
def test_a_word_that_begins_with_an_honorific_is_not_the_title(text, honorific):
    assert honorific_positions(text, honorific) == []
    assert find_in_target(text, honorific, "my", honorific=True) == []


@pytest.mark.parametrize(
    "text",
    [
        "လူ (၃၄) ဦး သေဆုံး",  # 34 persons
        "(၁၄,၀၀၀)ဦး",
        "၃၄ ဦး",
        "ဒေသခံတစ်ဦးက ပြောသည်",  # one (person) of the locals said
        "လူ သုံးဦးကို ဖမ်းဆီး",  # arrested three people
    ],
)
def test_a_number_before_u_makes_it_the_counter_for_persons(text):
    assert honorific_positions(text) == []
    assert find_in_target(text, "ဦး", "my", honorific=True) == []


@pytest.mark.parametrize(
    "text",
    [
        "တင်ဦးက ပြောသည်",  # the name Tin Oo without its title, then the subject particle
        "တင်ဦးကို ဖမ်းဆီး",  # ... the object particle
        "တင်ဦး ပြောသည်",  # ... a space and a verb: the ဦး ends the name
        "တင်ဦးနှင့် ဒေါ်ခင်",
    ],
)
def test_u_ending_a_name_is_not_a_title(text):
    assert honorific_positions(text) == []


@pytest.mark.parametrize(
    ("text", "honorific", "expected"),
    [
        ("ဦး နေဖုန်းလတ်က ပြောသည်", "ဦး", [0]),  # a space between the title and the name
        ("ဦး  နေဖုန်းလတ်", "ဦး", [0]),
        ("ဝန်ကြီး ဦး နေဖုန်းလတ်", "ဦး", [8]),
        ("NUG (အမျိုးသားညီညွတ်ရေးအစိုးရ) ဦးနေဖုန်းလတ်", "ဦး", [31]),  # a bracket with no number before it
        ("ဦး တင်ဦးက", "ဦး", [0]),
        ("ဒေါ် ဇင်မာအောင်", "ဒေါ်", [0]),
        ("ဒေါ်ဇင်မာအောင်က ဒေါ်လာ ပေးသည်", "ဒေါ်", [0]),
        ("ဦးကိုကိုကြီး", "ဦး", [0]),  # Ko Ko Gyi: ကို begins the name here
    ],
)
def test_the_title_before_a_name_still_counts(text, honorific, expected):
    assert honorific_positions(text, honorific) == expected
    assert [a for a, _ in find_in_target(text, honorific, "my", honorific=True)] == expected


def test_the_honorific_rule_is_for_burmese_only():
    assert find_in_target("Daw Khin Kyi, Daw", "Daw", "fr", honorific=True) == [(0, 3), (14, 17)]
    assert find_in_target("ဒေါ်လာ", "ဒေါ်", "my") == [(0, 4)]  # not an honorific lookup: plain syllables
