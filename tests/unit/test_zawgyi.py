"""Zawgyi detection and conversion: the detector's own samples, round trips of real Burmese,
and every core entry point (article text, typed/pasted translations, glossary import, QA).

The compatibility samples are read from the installed `myanmartools` package
(`myanmartools/resources/compatibility.tsv`, from google/myanmar-tools, Apache-2.0).
Zawgyi test text is made from real Unicode sentences by ICU's `my-Zawgyi` transform.
"""

from __future__ import annotations

import math
from importlib.resources import files
from pathlib import Path

import pytest

from workbench.myanmar.encoding import (
    CONVERTERS,
    ICU,
    PURE_PYTHON,
    UNICODE,
    UNSURE,
    ZAWGYI,
    classify,
    default_converter,
    to_unicode,
)

try:  # the test extra installs PyICU; without it only the tests that need it skip
    import icu
except ImportError:
    icu = None
NEEDS_ICU = pytest.mark.skipif(icu is None, reason="PyICU is not installed (pip install .[icu])")
# Each converter as a test parameter; ICU's skips when PyICU is missing, the fallback runs anyway.
EACH_CONVERTER = [pytest.param(ICU, marks=NEEDS_ICU), PURE_PYTHON]
ROOT = Path(__file__).resolve().parents[2]

# Real Burmese: the UDHR (article 1 and the preamble, whose fragments the detector's samples
# are) and news sentences of the kind the desk writes, with the glossary's terms.
SENTENCES = [
    "လူတိုင်းသည် တူညီ လွတ်လပ်သော ဂုဏ်သိက္ခာဖြင့် လည်းကောင်း၊ တူညီလွတ်လပ်သော အခွင့်အရေးများဖြင့် လည်းကောင်း၊ "
    "မွေးဖွားလာသူများ ဖြစ်သည်။",
    "ထိုသူတို့၌ ပိုင်းခြား ဝေဖန်တတ်သော ဉာဏ်နှင့် ကျင့်ဝတ် သိတတ်သော စိတ်တို့ ရှိကြ၍ ထိုသူတို့သည် အချင်းချင်း "
    "မေတ္တာထား၍ ဆက်ဆံကျင့်သုံးသင့်၏။",
    "လူခပ်သိမ်း၏ မျိုးရိုးဂုဏ်သိက္ခာနှင့်တကွ လူတိုင်း အညီအမျှခံစားခွင့်ရှိသည့် အခွင့်အရေးများကို အသိအမှတ်ပြုခြင်းသည် "
    "လူခပ်သိမ်း၏ လွတ်လပ်မှု၊ တရားမျှတမှု၊ ငြိမ်းချမ်းမှုတို့၏ အခြေခံ အုတ်မြစ်ဖြစ်သောကြောင့် လည်းကောင်း၊",
    "စစ်ကောင်စီတပ်များသည် ရွာကို မီးရှို့ခဲ့ပြီး ဒေသခံများ ထွက်ပြေးခဲ့ရသည်။",
    "အမျိုးသားညီညွတ်ရေးအစိုးရက ထုတ်ပြန်ကြေညာချက်တစ်စောင် ထုတ်ပြန်ခဲ့သည်။",
    "ကချင်လွတ်မြောက်ရေးတပ်မတော်နှင့် ပြည်သူ့ကာကွယ်ရေးတပ်တို့ ပူးပေါင်း တိုက်ခိုက်ခဲ့ကြသည်။",
    "ရန်ကုန်မြို့တွင် ဈေးနှုန်းများ မြင့်တက်လာသဖြင့် ပြည်သူများ အခက်အခဲ ကြုံတွေ့နေရသည်။",
    "ဦးအောင်ဆန်းစုကြည်သည် အမျိုးသားဒီမိုကရေစီအဖွဲ့ချုပ် ဥက္ကဋ္ဌ ဖြစ်သည်။",
    "မြန်မာနိုင်ငံ၏ စီးပွားရေးသည် ၂၀၂၁ ခုနှစ် စစ်အာဏာသိမ်းပြီးနောက် ပြင်းထန်စွာ ကျဆင်းခဲ့သည်။",
    "သူမက “ကျွန်မတို့ ဘယ်တော့မှ လက်မလျှော့ဘူး” ဟု ပြောကြားခဲ့သည်။",
    "ဒေါ်ခင်ကြည် ဆေးရုံတက်ရောက်နေ၍ မိသားစုဝင်များ စိုးရိမ်ပူပန်နေကြသည်။",
    "ကြက်ဥ၊ ငှက်ပျောသီး၊ ဆန်နှင့် ဆီ ဈေးနှုန်းများ တစ်ပတ်အတွင်း နှစ်ဆ တက်ခဲ့သည်။",
]


def zawgyi(text: str) -> str:
    """Real Burmese typed in Zawgyi: ICU's `my-Zawgyi` transform (the test skips without PyICU)."""
    if icu is None:
        pytest.skip("PyICU is not installed: no my-Zawgyi transform to make Zawgyi test text")
    return icu.Transliterator.createInstance("my-Zawgyi").transliterate(text)


def glossary_renderings() -> list[str]:
    """Every Burmese rendering of the curated glossary (real, reviewed Burmese)."""
    import tomllib

    found = []
    for path in sorted((ROOT / "glossary" / "entries").glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        found += [r["text"] for r in data.get("renderings", []) if r.get("lang") == "my"]
    assert len(found) > 20
    return found


def compatibility_samples() -> list[tuple[float, str]]:
    text = files("myanmartools").joinpath("resources/compatibility.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip()]
    return [(float(probability.replace("Infinity", "inf")), sample) for probability, sample in rows]


# Which samples are Zawgyi: the file lists Unicode fragments of the UDHR preamble (rows 4-22),
# then Zawgyi fragments of it (rows 23-42), then Shan, Mon, Pali and Karen in Unicode; row 3 is
# English with a Zawgyi word.
_ROWS = [sample for _, sample in compatibility_samples()]
ZAWGYI_SAMPLES = {_ROWS[2], *_ROWS[22:42]}


def test_the_compatibility_file_is_read_in_full():
    samples = compatibility_samples()
    assert len(samples) == 50 and len(ZAWGYI_SAMPLES) == 21
    assert {"ascii mixed with ဘဂၤလားေဒရွ္႕ zawgyi", "လူ႔အခြင့္ေရး", "လည္းေကာင္း၊"} <= ZAWGYI_SAMPLES
    assert "မျိုးရိုးဂုဏ်သိက္ခာနှင့်တကွ" not in ZAWGYI_SAMPLES


@pytest.mark.parametrize("converter", EACH_CONVERTER)
@pytest.mark.parametrize("expected, sample", compatibility_samples())
def test_each_compatibility_sample_scores_as_the_file_says_and_is_never_misjudged(expected, sample, converter):
    result = classify(sample, converter)
    if math.isinf(expected):
        assert result.probability == expected and result.outcome == UNICODE  # no Myanmar letters: fine
        return
    assert result.probability == pytest.approx(expected, rel=1e-6, abs=1e-12)
    wrong = UNICODE if sample in ZAWGYI_SAMPLES else ZAWGYI
    if result.outcome == wrong:
        # Only allowed where both encodings give the same text: nothing to convert.
        assert not to_unicode(sample, converter).changed, (sample, result)


@pytest.mark.parametrize("converter", EACH_CONVERTER)
def test_long_compatibility_samples_are_decided_not_left_unsure(converter):
    decided = {sample: classify(sample, converter).outcome for _, sample in compatibility_samples()
               if classify(sample, converter).myanmar_letters >= 8}
    assert decided["လည္းေကာင္း၊"] == ZAWGYI
    assert decided["မျိုးရိုးဂုဏ်သိက္ခာနှင့်တကွ"] == UNICODE
    assert UNSURE not in {decided[s] for s in decided if s in ZAWGYI_SAMPLES}


def test_short_ambiguous_text_is_unsure_and_the_same_in_both_encodings_is_fine():
    assert classify("၏လွ").outcome == UNSURE  # Unicode, but scores 0.993: ask, never convert
    assert classify("ပ္").outcome == UNSURE
    assert classify("ဦး").outcome == UNICODE  # reads the same in both encodings
    assert classify("NUG said so").outcome == UNICODE
    assert classify("").outcome == UNICODE


@pytest.mark.parametrize("converter", EACH_CONVERTER)
def test_real_sentences_round_trip_through_zawgyi_exactly(converter):
    for sentence in SENTENCES:
        assert classify(sentence, converter).outcome == UNICODE, sentence
        typed = zawgyi(sentence)
        assert typed != sentence
        assert classify(typed, converter).outcome == ZAWGYI, typed
        converted = to_unicode(typed, converter)
        assert converted.text == sentence and converted.converter == converter and converted.changed


@pytest.mark.parametrize("converter", EACH_CONVERTER)
def test_glossary_renderings_are_unicode_and_round_trip(converter):
    for rendering in glossary_renderings():
        assert classify(rendering, converter).outcome == UNICODE, rendering
        assert to_unicode(zawgyi(rendering), converter).text == rendering


@pytest.mark.parametrize("converter", EACH_CONVERTER)
@NEEDS_ICU
def test_zawgyi_samples_convert_the_same_with_both_converters(converter):
    for sample in ZAWGYI_SAMPLES:
        assert to_unicode(sample, converter).text == to_unicode(sample, ICU).text, sample


def test_english_around_a_quote_is_never_touched():
    line = "The NLD said “{}” on 25 March, 2022 -- it's  done.\t(x)"
    for converter in CONVERTERS:
        assert to_unicode(line.format(zawgyi(SENTENCES[4])), converter).text == line.format(SENTENCES[4])


@NEEDS_ICU
def test_the_default_converter_is_icu_when_installed_and_an_unknown_one_is_refused():
    assert default_converter() == ICU
    assert to_unicode(zawgyi(SENTENCES[3])).converter == ICU
    with pytest.raises(ValueError, match="unknown Zawgyi converter"):
        to_unicode("က", "nope")


def test_the_fallback_is_used_when_icu_cannot_be_imported():
    import subprocess
    import sys

    code = ("import sys; sys.modules['icu'] = None\n"
            "from workbench.myanmar.encoding import default_converter, to_unicode\n"
            f"print(default_converter(), to_unicode({zawgyi(SENTENCES[3])!r}).text == {SENTENCES[3]!r})")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == [PURE_PYTHON, "True"], result.stderr


def test_importing_the_module_loads_nothing():
    import subprocess
    import sys

    code = ("import sys, workbench.myanmar.encoding, workbench.myanmar.lines, workbench.myanmar.order\n"
            "print(sorted(m for m in ('myanmartools', 'icu', 'para') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "[]", result.stderr
