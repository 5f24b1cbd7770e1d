"""QA checks on real seed sentences with Burmese translations that pass and fail them."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.formats.glossary_toml import load_entries
from workbench.glossary.hits import GlossaryIndex
from workbench.qa import (
    ALL_CHECKS,
    FinalPunctuationCheck,
    ForbiddenTermCheck,
    InconsistentTermCheck,
    Issue,
    MissingTermCheck,
    NumbersCheck,
    PlaceholderCheck,
    ProjectCheck,
    QAUnit,
    UntranslatedCheck,
    run_checks,
)
from workbench.qa.text_checks import source_numbers, target_numbers

ENTRIES = Path(__file__).resolve().parents[2] / "glossary" / "entries"
SEEDS = Path(__file__).resolve().parents[2] / "seeds"

# Sentences copied from the seed articles.
PAY = ("The NUG said it will pay US$500,000 to airmen or sailors who defect from their units "
       "with a military airplane or navy vessel.")
DAW = ("Daw Zin Mar Aung, the NUG’s foreign minister, told The Irrawaddy that other countries, especially "
       "European nations, are asked in every meeting to accept personnel who abandon the junta.")
NLD = ("Since its coup against the ruling National League for Democracy (NLD) government in February 2021, "
       "the junta has faced ever-growing resistance across the country.")
SEVENTY = ("The ex-captain added: “Increased defections would boost the revolution’s chances of success "
           "by up to 70 percent.”")
EMBRACE = ("The civilian National Unity Government (NUG) said that between 20 to 30 enquiries were made to "
           "People’s Embrace, a Facebook page set up to help the junta’s soldiers and police to defect.")
NEARLY = "According to the NUG, there have been nearly 3,000 defectors."
HALF = ("On April 7, in an unprecedented move to encourage more defections as well as to protect civilians from "
        "junta airstrikes, the NUG offered huge cash incentives of up to half a million United States dollars to "
        "military regime pilots and sailors who have been fighting their compatriots since last year’s coup.")
EAO_000 = ("The NUG has formed a committee to work on a defectors program and is working with ethnic armed "
           "organizations, which also accept defectors.")
EAO_004 = ("Since last year, the NUG has been trying to build trust with Myanmar’s ethnic armed organizations "
           "(EAOs) to fight together against the junta.")

# Burmese translations.
PAY_MY = ("အမျိုးသားညီညွတ်ရေးအစိုးရက စစ်လေယာဉ် သို့မဟုတ် ရေတပ်သင်္ဘောဖြင့် တပ်မှ ခွဲထွက်လာသော လေတပ်သား "
          "သို့မဟုတ် ရေတပ်သားများကို အမေရိကန်ဒေါ်လာ ၅၀၀,၀၀၀ ပေးမည်ဟု ပြောသည်။")
DAW_MY = ("NUG ၏ နိုင်ငံခြားရေးဝန်ကြီး ဒေါ်ဇင်မာအောင်က စစ်ကောင်စီကို စွန့်ခွာသူများကို လက်ခံရန် အစည်းအဝေးတိုင်းတွင် "
          "အခြားနိုင်ငံများ အထူးသဖြင့် ဥရောပနိုင်ငံများကို တောင်းဆိုကြောင်း ဧရာဝတီသို့ ပြောသည်။")
NLD_MY = ("၂၀၂၁ ခုနှစ် ဖေဖော်ဝါရီလတွင် အာဏာရ အမျိုးသားဒီမိုကရေစီအဖွဲ့ချုပ် (NLD) အစိုးရကို စစ်အာဏာသိမ်းပြီးနောက် "
          "စစ်ကောင်စီသည် တစ်နိုင်ငံလုံးတွင် တိုးပွားလာသော ခုခံမှုကို ရင်ဆိုင်နေရသည်။")
NLD_MISSPELT = "အမျိုးသားဒီမိုကရေစီအဖွဲချုပ်"  # the forbidden spelling: no dot below (့) on ဖွဲ
SEVENTY_MY = ("ဗိုလ်ကြီးဟောင်းက “တပ်ခွဲထွက်မှုများ တိုးလာပါက တော်လှန်ရေး အောင်မြင်နိုင်ခြေကို ၇၀ ရာခိုင်နှုန်းအထိ "
              "မြှင့်တင်ပေးနိုင်မည်” ဟု ဆက်ပြောသည်။")
EMBRACE_MY = ("အရပ်သား အမျိုးသားညီညွတ်ရေးအစိုးရ (NUG) က စစ်ကောင်စီ၏ စစ်သားများနှင့် ရဲများ တပ်ခွဲထွက်ရန် ကူညီရန် "
              "ဖွင့်ထားသော ဖေ့စ်ဘုတ်စာမျက်နှာ ပြည်သူ့ရင်ခွင်ထံ စုံစမ်းမေးမြန်းမှု ၂၀ မှ ၃၀ အထိ ရောက်ရှိခဲ့သည်ဟု ပြောသည်။")
NEARLY_MY = "NUG ၏ အဆိုအရ တပ်ခွဲထွက်သူ ၃,၀၀၀ နီးပါး ရှိပြီဖြစ်သည်။"
EAO_000_MY = ("NUG သည် တပ်ခွဲထွက်သူများ အစီအစဉ်အတွက် ကော်မတီတစ်ရပ် ဖွဲ့စည်းထားပြီး တပ်ခွဲထွက်သူများကို လက်ခံသည့် "
              "တိုင်းရင်းသားလက်နက်ကိုင်အဖွဲ့များနှင့် လက်တွဲလုပ်ဆောင်နေသည်။")
EAO_004_ACRONYM_MY = ("မနှစ်ကတည်းက NUG သည် စစ်ကောင်စီကို အတူတကွ တိုက်ခိုက်ရန် မြန်မာနိုင်ငံ၏ EAO များနှင့် "
                      "ယုံကြည်မှု တည်ဆောက်ရန် ကြိုးစားနေသည်။")
EAO_004_BOTH_MY = ("မနှစ်ကတည်းက NUG သည် စစ်ကောင်စီကို အတူတကွ တိုက်ခိုက်ရန် မြန်မာနိုင်ငံ၏ "
                   "တိုင်းရင်းသားလက်နက်ကိုင်အဖွဲ့များ (EAO) နှင့် ယုံကြည်မှု တည်ဆောက်ရန် ကြိုးစားနေသည်။")


@pytest.fixture(scope="module")
def index() -> GlossaryIndex:
    return GlossaryIndex(load_entries(ENTRIES), version=1)


@pytest.fixture
def unit(index):
    def make(source: str, target: str, article_id=0, segment_id: str = "s1", lang: str = "my") -> QAUnit:
        return QAUnit(article_id=article_id, segment_id=segment_id, source=source, target=target,
                      lang=lang, hits=index.hits(source, lang))
    return make


def ids(issues: list[Issue]) -> list[str]:
    return [issue.check_id for issue in issues]


def test_the_seed_sentences_are_real():
    text = " ".join(path.read_text(encoding="utf-8") for path in SEEDS.glob("*.txt"))
    for sentence in (PAY, DAW, NLD, SEVENTY, EMBRACE, HALF, EAO_000, EAO_004):
        assert sentence in text
    assert "there have been nearly 3,000 defectors." in text


# ---------------------------------------------------------------- missing-term

def test_missing_term_passes_with_the_approved_rendering(unit):
    for source, target in ((PAY, PAY_MY), (NLD, NLD_MY), (EMBRACE, EMBRACE_MY)):
        assert MissingTermCheck().check(unit(source, target)) == []


def test_missing_term_accepts_the_do_not_translate_english(unit):
    assert MissingTermCheck().check(unit(DAW, DAW_MY)) == []  # "NUG" kept in Latin letters
    assert MissingTermCheck().check(unit(PAY, PAY_MY.replace("အမျိုးသားညီညွတ်ရေးအစိုးရ", "NUG "))) == []


def test_missing_term_fails_when_the_approved_rendering_is_absent(unit):
    issues = MissingTermCheck().check(unit(PAY, PAY_MY.replace("အမျိုးသားညီညွတ်ရေးအစိုးရ", "အစိုးရ")))
    assert ids(issues) == ["missing-term"]
    assert issues[0].severity == "error"
    assert "NUG" in issues[0].message and "အမျိုးသားညီညွတ်ရေးအစိုးရ" in issues[0].message


def test_missing_term_uses_burmese_syllable_boundaries(unit):
    # ပြည်သူရင်ခွင် (without the dot below) is not the approved ပြည်သူ့ရင်ခွင်.
    issues = MissingTermCheck().check(unit(EMBRACE, EMBRACE_MY.replace("ပြည်သူ့ရင်ခွင်", "ပြည်သူရင်ခွင်")))
    assert ids(issues) == ["missing-term"]
    assert "People’s Embrace" in issues[0].message and "ပြည်သူ့ရင်ခွင်" in issues[0].message


def test_missing_term_ignores_terms_without_an_approved_rendering(unit):
    # "foreign minister", "The Irrawaddy", "junta" are only proposed in Burmese: not required.
    target = "NUG ၏ ဝန်ကြီးက ပြောသည်။"
    assert MissingTermCheck().check(unit(DAW, target)) == []


def test_missing_term_reports_an_entry_once_even_when_it_occurs_twice(unit):
    issues = MissingTermCheck().check(unit(NLD, NLD_MY.replace("အမျိုးသားဒီမိုကရေစီအဖွဲ့ချုပ် (NLD)", "NLD")))
    assert ids(issues) == ["missing-term"]  # "National League for Democracy" and "NLD": one entry


# Burmese honorifics: ဦး (U) and ဒေါ် (Daw) count only as the title before a name. These two
# sources are made up (names not in the glossary, so the matcher gives the bare honorific).
U_TIN_OO = "U Tin Oo said 34 people were killed."
DAW_KHIN_KYI = "Daw Khin Kyi said the junta paid in US dollars."


@pytest.mark.parametrize(
    ("source", "target"),
    [
        (DAW_KHIN_KYI, "ခင်ကြည်က စစ်ကောင်စီသည် အမေရိကန်ဒေါ်လာဖြင့် ပေးချေခဲ့သည်ဟု ပြောသည်။"),  # ဒေါ်လာ: dollar
        (U_TIN_OO, "တင်ဦးက လူ (၃၄) ဦး သေဆုံးခဲ့သည်ဟု ပြောသည်။"),  # (၃၄) ဦး: 34 persons
        (U_TIN_OO, "တင်ဦးက သေဆုံးသူ ဦးရေ ၃၄ ရှိသည်ဟု ပြောသည်။"),  # ဦးရေ: the number of people
        (U_TIN_OO, "တင်ဦးက စစ်တပ်သည် ရွာဘက်သို့ ဦးတည်လာပြီး ၃၄ ယောက် သေဆုံးသည်ဟု ပြောသည်။"),  # ဦးတည်: head towards
        (U_TIN_OO, "တင်ဦးက ဒေသခံ ၃၄ ယောက် သေဆုံးသည်ဟု ပြောသည်။"),  # the name ends in ဦး: no title
    ],
)
def test_missing_term_is_not_fooled_by_words_and_counters_that_begin_with_an_honorific(unit, source, target):
    issues = MissingTermCheck().check(unit(source, target))
    assert ids(issues) == ["missing-term"]
    assert source.split()[0] in issues[0].message


@pytest.mark.parametrize(
    ("source", "target"),
    [
        (DAW_KHIN_KYI, "ဒေါ်ခင်ကြည်က စစ်ကောင်စီသည် အမေရိကန်ဒေါ်လာဖြင့် ပေးချေခဲ့သည်ဟု ပြောသည်။"),
        (U_TIN_OO, "ဦးတင်ဦးက လူ (၃၄) ဦး သေဆုံးခဲ့သည်ဟု ပြောသည်။"),
        (U_TIN_OO, "ဦး တင်ဦးက လူ (၃၄) ဦး သေဆုံးခဲ့သည်ဟု ပြောသည်။"),
    ],
)
def test_missing_term_accepts_the_honorific_before_a_name(unit, source, target):
    assert MissingTermCheck().check(unit(source, target)) == []


@pytest.mark.parametrize("target", ["ဦးနေဖုန်းလတ်က ပြောသည်။", "ဦး နေဖုန်းလတ်က ပြောသည်။"])
def test_u_before_nay_phone_latt_counts(target):
    """With only the `u` entry, "U Nay Phone Lat" is the honorific and a name."""
    only_u = GlossaryIndex([e for e in load_entries(ENTRIES) if e.id == "u"], version=1)
    source = "U Nay Phone Lat said so."
    hits = only_u.hits(source, "my")
    assert [h.entry_id for h in hits] == ["u"]
    assert MissingTermCheck().check(QAUnit(0, "s1", source, target, "my", hits)) == []
    assert ids(MissingTermCheck().check(QAUnit(0, "s1", source, "နေဖုန်းလတ်က ပြောသည်။", "my", hits))) == ["missing-term"]


# ---------------------------------------------------------------- forbidden-term

def test_forbidden_term_fires_on_the_nld_misspelling(unit):
    target = NLD_MY.replace("အမျိုးသားဒီမိုကရေစီအဖွဲ့ချုပ်", NLD_MISSPELT)
    issues = ForbiddenTermCheck().check(unit(NLD, target))
    assert ids(issues) == ["forbidden-term"]
    assert NLD_MISSPELT in issues[0].message and "အမျိုးသားဒီမိုကရေစီအဖွဲ့ချုပ်" in issues[0].message
    assert issues[0].severity == "error"
    assert ids(run_checks([unit(NLD, target)])) == ["forbidden-term", "missing-term"]


def test_the_approved_nld_spelling_does_not_trigger_the_forbidden_one(unit):
    assert ForbiddenTermCheck().check(unit(NLD, NLD_MY)) == []
    assert run_checks([unit(NLD, NLD_MY)]) == []


def test_forbidden_term_only_for_terms_in_the_source(unit):
    assert ForbiddenTermCheck().check(unit(PAY, PAY_MY + " " + NLD_MISSPELT)) == []


# ---------------------------------------------------------------- inconsistent-term

def test_inconsistent_term_across_two_articles(unit):
    units = [unit(EAO_000, EAO_000_MY, article_id=1, segment_id="a"),
             unit(EAO_004, EAO_004_ACRONYM_MY, article_id=2, segment_id="b")]
    issues = InconsistentTermCheck().check_project(units)
    assert ids(issues) == ["inconsistent-term"]
    issue = issues[0]
    assert (issue.article_id, issue.segment_id, issue.severity) == (2, "b", "warning")
    assert "'EAO'" in issue.message and "တိုင်းရင်းသားလက်နက်ကိုင်အဖွဲ့" in issue.message
    assert "article 1 segment a" in issue.message
    assert ids(run_checks(units)) == ["inconsistent-term"]


def test_full_form_with_acronym_is_consistent(unit):
    units = [unit(EAO_000, EAO_000_MY, article_id=1), unit(EAO_004, EAO_004_BOTH_MY, article_id=2)]
    assert InconsistentTermCheck().check_project(units) == []


def test_the_majority_rendering_is_the_reference(unit):
    units = [unit(EAO_004, EAO_004_ACRONYM_MY, article_id=1, segment_id="x"),
             unit(EAO_000, EAO_000_MY, article_id=2, segment_id="y"),
             unit(EAO_000, EAO_000_MY, article_id=3, segment_id="z")]
    issues = InconsistentTermCheck().check_project(units)
    assert [(i.article_id, i.segment_id) for i in issues] == [(1, "x")]
    assert "(2 segment(s))" in issues[0].message


def test_approved_renderings_may_alternate(unit):
    # NUG has two approved Burmese renderings: the Burmese name and the Latin acronym.
    units = [unit(PAY, PAY_MY, article_id=1), unit(DAW, DAW_MY, article_id=2)]
    assert InconsistentTermCheck().check_project(units) == []
    assert isinstance(InconsistentTermCheck(), ProjectCheck)
    assert InconsistentTermCheck().check(units[0]) == []


# ---------------------------------------------------------------- numbers

def test_numbers_in_myanmar_digits_pass(unit):
    for source, target in ((PAY, PAY_MY), (NLD, NLD_MY), (SEVENTY, SEVENTY_MY), (EMBRACE, EMBRACE_MY),
                           (NEARLY, NEARLY_MY)):
        assert NumbersCheck().check(unit(source, target)) == [], source


@pytest.mark.parametrize("written", ["၅၀၀၀၀၀", "500,000", "500000", "၅၀၀.၀၀၀", "၅၀၀\u202f၀၀၀", "၅၀၀ ၀၀၀"])
def test_thousands_separators_vary(unit, written):
    assert NumbersCheck().check(unit(PAY, PAY_MY.replace("၅၀၀,၀၀၀", written))) == []


def test_a_missing_or_wrong_number_fails(unit):
    issues = NumbersCheck().check(unit(PAY, PAY_MY.replace("၅၀၀,၀၀၀", "၅ သိန်း")))
    assert ids(issues) == ["numbers"] and "500,000" in issues[0].message
    issues = NumbersCheck().check(unit(SEVENTY, SEVENTY_MY.replace("၇၀", "၆၀")))
    assert ids(issues) == ["numbers"] and "70" in issues[0].message
    issues = NumbersCheck().check(unit(NLD, NLD_MY.replace("၂၀၂၁ ခုနှစ် ", "")))
    assert ids(issues) == ["numbers"] and "2021" in issues[0].message


def test_spelled_out_numbers_are_not_required(unit):
    assert source_numbers(HALF) == {"7": "7"}  # "half a million": no digits, only "April 7"
    target = ("ဧပြီ ၇ ရက်တွင် NUG က စစ်တပ်လေယာဉ်မှူးများနှင့် ရေတပ်သားများကို အမေရိကန်ဒေါ်လာ "
              "သန်းဝက်အထိ ငွေသားမက်လုံးများ ပေးမည်ဟု ကြေညာခဲ့သည်။")
    assert NumbersCheck().check(unit(HALF, target)) == []


def test_numbers_in_other_languages():
    fr = QAUnit(0, "s", PAY, "Le NUG paiera 500\u202f000 dollars américains aux aviateurs.", "fr")
    de = QAUnit(0, "s", PAY, "Die NUG zahlt 500.000 US-Dollar.", "de")
    assert NumbersCheck().check(fr) == [] and NumbersCheck().check(de) == []
    assert target_numbers("၃,၀၀၀") >= {"3000"}
    assert source_numbers("a 2.5 percent rise in 2021.") == {"2.5": "2.5", "2021": "2021"}
    assert "2.5" in target_numbers("2,5 %")


# ---------------------------------------------------------------- untranslated

def test_untranslated_empty_or_copied_source(unit):
    assert ids(UntranslatedCheck().check(unit(PAY, ""))) == ["untranslated"]
    assert ids(UntranslatedCheck().check(unit(PAY, "  \n"))) == ["untranslated"]
    copied = UntranslatedCheck().check(unit(PAY, "  " + PAY.upper().replace(" ", "  ")))
    assert ids(copied) == ["untranslated"] and copied[0].severity == "warning"
    assert UntranslatedCheck().check(unit(PAY, PAY_MY)) == []
    assert UntranslatedCheck().check(QAUnit(0, "s", "2021", "2021", "my")) == []  # no letters


def test_an_empty_translation_gets_only_untranslated(unit):
    issues = run_checks([unit(PAY, ""), unit(NLD, "")])
    assert ids(issues) == ["untranslated", "untranslated"]


# ---------------------------------------------------------------- placeholder

@pytest.mark.parametrize("token", ["⟦0⟧", "⟦T0⟧", "｟0｠", "__GL0__", "<gl0>", "<gl12/>", "⟦ ၀ ⟧", "⟦T3"])
def test_placeholder_left_in_the_target(unit, token):
    target = PAY_MY.replace("အမျိုးသားညီညွတ်ရေးအစိုးရ", token)
    issues = PlaceholderCheck().check(unit(PAY, target))
    assert ids(issues) == ["placeholder"] and issues[0].severity == "error"
    assert issues[0].message.startswith("placeholder '⟦") or token in issues[0].message


def test_no_placeholder_in_a_clean_target(unit):
    assert PlaceholderCheck().check(unit(PAY, PAY_MY)) == []


# ---------------------------------------------------------------- final-punctuation

def test_burmese_ends_with_the_section_mark(unit):
    assert FinalPunctuationCheck().check(unit(SEVENTY, SEVENTY_MY)) == []  # source ends .” : closer allowed
    assert FinalPunctuationCheck().check(unit(PAY, PAY_MY)) == []
    for wrong in (PAY_MY[:-1], PAY_MY[:-1] + "."):
        issues = FinalPunctuationCheck().check(unit(PAY, wrong))
        assert ids(issues) == ["final-punctuation"] and "။" in issues[0].message
        assert issues[0].severity == "warning"


def test_burmese_quote_after_the_section_mark(unit):
    target = "“ယခင် ဗိုလ်ကြီးက ၇၀ ရာခိုင်နှုန်းအထိ မြှင့်တင်ပေးနိုင်မည်။”"
    assert FinalPunctuationCheck().check(unit(SEVENTY, target)) == []


def test_no_final_mark_needed_when_the_source_has_none(unit):
    headline = "Myanmar’s Parallel Government Asks Foreign Governments to Accept Military Defectors"
    assert FinalPunctuationCheck().check(unit(headline, "မြန်မာ့ ပြိုင်အစိုးရ")) == []


def test_final_punctuation_per_language():
    check = FinalPunctuationCheck()
    assert check.check(QAUnit(0, "s", PAY, "国民統一政府は50万ドルを支払うと述べた。", "ja")) == []
    assert ids(check.check(QAUnit(0, "s", PAY, "国民統一政府は50万ドルを支払うと述べた", "ja"))) == ["final-punctuation"]
    assert check.check(QAUnit(0, "s", PAY, "รัฐบาลเอกภาพแห่งชาติกล่าวว่าจะจ่าย 500,000 ดอลลาร์", "th")) == []
    assert check.check(QAUnit(0, "s", PAY, "Le NUG paiera 500 000 dollars.", "fr")) == []
    assert ids(check.check(QAUnit(0, "s", PAY, "Le NUG paiera 500 000 dollars", "fr-FR"))) == ["final-punctuation"]


# ---------------------------------------------------------------- registry

def test_the_registry():
    assert [c.id for c in ALL_CHECKS] == [
        "missing-term", "forbidden-term", "inconsistent-term", "numbers", "untranslated", "placeholder",
        "final-punctuation", "zawgyi", "inconsistent-translation", "inline-code"]
    for check in ALL_CHECKS:
        assert check.name and check.description and check.severity in ("error", "warning")


def test_run_checks_on_a_clean_project(unit):
    units = [unit(PAY, PAY_MY, 1, "a"), unit(DAW, DAW_MY, 1, "b"), unit(NLD, NLD_MY, 2, "c"),
             unit(SEVENTY, SEVENTY_MY, 2, "d"), unit(EMBRACE, EMBRACE_MY, 2, "e"), unit(NEARLY, NEARLY_MY, 2, "f")]
    assert run_checks(units) == []


def test_run_checks_sorts_by_article_segment_and_check(unit):
    bad_pay = PAY_MY.replace("အမျိုးသားညီညွတ်ရေးအစိုးရ", "⟦0⟧").replace("၅၀၀,၀၀၀", "")[:-1]
    units = [unit(NLD, "", 10, "zz"),
             unit(PAY, bad_pay, 10, "aa"),
             unit(EAO_000, EAO_000_MY, 9, "q"),
             unit(EAO_004, EAO_004_ACRONYM_MY, 10, "bb")]
    issues = run_checks(units)
    assert [(i.article_id, i.segment_id, i.check_id) for i in issues] == [
        (10, "zz", "untranslated"),
        (10, "aa", "final-punctuation"), (10, "aa", "missing-term"), (10, "aa", "numbers"),
        (10, "aa", "placeholder"),
        (10, "bb", "inconsistent-term"),
    ]
    only = run_checks(units, checks=[NumbersCheck()])
    assert ids(only) == ["numbers"]
    assert all("\n" not in issue.message for issue in issues)


def test_placeholder_check_knows_the_form_enforcement_uses():
    import re

    from workbench.glossary.enforce import protect
    from workbench.lang.placeholders import LEFTOVER_PATTERN
    from workbench.qa.checks import PlaceholderCheck, QAUnit

    glossary = GlossaryIndex(load_entries(ENTRIES), version=1)
    protected = protect("The NUG said so.", glossary.hits("The NUG said so.", "my"), "my").text
    assert "[[" in protected  # what enforcement really writes
    assert re.search(LEFTOVER_PATTERN, protected)
    unit = QAUnit(1, "s", "The NUG said so.", "[[0]] က ပြောသည်။", "my")
    assert [issue.check_id for issue in PlaceholderCheck().check(unit)] == ["placeholder"]
    assert PlaceholderCheck().check(QAUnit(1, "s", "It rose [2 percent].", "[၂] ရာခိုင်နှုန်း။", "my")) == []
