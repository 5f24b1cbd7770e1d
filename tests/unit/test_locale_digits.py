"""Myanmar digits both ways, Babel dates for the UI locale, and gettext plural forms per language."""

from __future__ import annotations

import datetime as dt

import pytest

from workbench.app.config import load_settings
from workbench.errors import UserError
from workbench.lang.digits import format_number, localize_digits, to_latin_digits, to_myanmar_digits
from workbench.lang.locale_format import format_date, format_datetime, ui_locale_from_environment
from workbench.lang.plurals import plural_forms
from workbench.qa.text_checks import source_numbers, target_numbers


def test_numbers_in_burmese_text_get_myanmar_digits():
    assert to_myanmar_digits("US$500,000 ပေးခဲ့သည်") == "US$၅၀၀,၀၀၀ ပေးခဲ့သည်"
    assert to_myanmar_digits("၂၀၂၁ ခုနှစ်၊ 2.5 ရာခိုင်နှုန်း") == "၂၀၂၁ ခုနှစ်၊ ၂.၅ ရာခိုင်နှုန်း"


def test_digits_that_belong_to_latin_names_are_left_alone():
    # COVID-19, F-16 and G7 are names: Burmese news keeps them as written.
    assert to_myanmar_digits("COVID-19 F-16 G7 2022") == "COVID-19 F-16 G7 ၂၀၂၂"


@pytest.mark.parametrize("kept", [
    "COVID\u201119", "v1.2.3", "U.S.-19", "[[1]]", "https://www.irrawaddy.com/news/2022/03/25",
    "www.irrawaddy.com/2022",
])
def test_names_versions_addresses_and_placeholders_keep_their_digits(kept):
    assert to_myanmar_digits(f"{kept} ၂၀၂၂ 25") == f"{kept} ၂၀၂၂ ၂၅"


def test_a_dash_is_punctuation_and_a_grouped_number_is_never_split():
    assert to_myanmar_digits("the army—1,000 soldiers") == "the army—၁,၀၀၀ soldiers"
    assert to_myanmar_digits("NUG–2021") == "NUG–၂၀၂၁"


def test_a_language_babel_does_not_know_still_gets_a_number():
    assert format_number(500000, "xx") == "500,000"


def test_myanmar_digits_back_to_latin_and_mixed_numbers_read_as_one():
    assert to_latin_digits("၅၀၀,၀၀၀ နှင့် ၁၉") == "500,000 နှင့် 19"
    assert to_myanmar_digits("၅00") == "၅၀၀"


def test_round_trip_keeps_the_text():
    text = "ဒေါ်လာ 500,000 ကို 2022 မတ် 25 တွင်"
    assert to_latin_digits(to_myanmar_digits(text)) == text


def test_babel_grouping_with_the_languages_digits():
    assert format_number(500000, "my") == "၅၀၀,၀၀၀"
    assert format_number(500000, "my", "latin") == "500,000"
    assert format_number(500000, "en") == "500,000"
    assert format_number(1234567.5, "fr").replace("\u202f", " ") == "1 234 567,5"


def test_desk_digit_style_keep_latin_native():
    assert localize_digits("500 ဦး", "my") == "၅၀၀ ဦး"
    assert localize_digits("၅၀၀ ဦး", "my", "latin") == "500 ဦး"
    assert localize_digits("500 ဦး", "my", "keep") == "500 ဦး"
    assert localize_digits("500 personnes", "fr") == "500 personnes"  # French writes Latin digits


def test_number_check_reads_either_digit_set():
    wanted = source_numbers("They paid US$500,000 in 2021.")
    assert set(wanted) <= target_numbers("၂၀၂၁ ခုနှစ်တွင် ဒေါ်လာ ၅၀၀,၀၀၀ ပေးခဲ့သည်။")
    assert set(wanted) <= target_numbers("2021 ခုနှစ်တွင် ဒေါ်လာ 500,000 ပေးခဲ့သည်။")
    assert not set(wanted) <= target_numbers("၂၀၂၁ ခုနှစ်တွင် ဒေါ်လာ ၅၀,၀၀၀ ပေးခဲ့သည်။")


def test_dates_follow_the_ui_locale():
    day = dt.date(2022, 3, 25)
    assert format_date(day, "en") == "Mar 25, 2022"
    assert format_date(day, "en_GB") == "25 Mar 2022"
    assert format_date(day, "fr") == "25 mars 2022"
    burmese = format_date(day, "my")
    assert "၂၀၂၂" in burmese and "၂၅" in burmese and "2" not in burmese
    assert format_date(None, "en") == "-"


def test_timestamps_in_burmese_use_myanmar_digits():
    moment = dt.datetime(2022, 4, 1, 13, 5, tzinfo=dt.UTC)
    text = format_datetime(moment, "my", "short")
    assert not any(char.isascii() and char.isdigit() for char in text)


def test_ui_locale_comes_from_the_setting_then_the_system():
    assert ui_locale_from_environment({"WORKBENCH_UI_LOCALE": "my"}) == "my"
    assert ui_locale_from_environment({"LANG": "fr_FR.UTF-8"}) == "fr_FR"
    assert ui_locale_from_environment({"LC_ALL": "C.UTF-8", "LANG": "fr_FR.UTF-8"}) == "en"
    assert ui_locale_from_environment({"LANG": "xx_QQ.UTF-8"}) == "en"  # a system locale Babel lacks
    assert ui_locale_from_environment({}) == "en"


def test_a_bad_locale_setting_is_one_clear_line(monkeypatch):
    monkeypatch.setenv("WORKBENCH_UI_LOCALE", "klingon!")
    with pytest.raises(UserError, match="WORKBENCH_UI_LOCALE='klingon!' is not a locale"):
        load_settings()


def test_a_bad_digit_style_is_one_clear_line(monkeypatch):
    monkeypatch.setenv("WORKBENCH_DIGITS", "roman")
    with pytest.raises(UserError, match="WORKBENCH_DIGITS='roman'.*native.*latin.*keep"):
        load_settings()


@pytest.mark.parametrize(("lang", "header"), [
    ("my", "nplurals=1; plural=0;"),  # Babel's gettext table lacks Burmese and would say 2
    ("ja", "nplurals=1; plural=0;"),
    ("th", "nplurals=1; plural=0;"),
    ("fr", "nplurals=2; plural=(n > 1);"),
    ("en", "nplurals=2; plural=(n != 1);"),
])
def test_plural_forms_are_right_for_each_target(lang, header):
    assert plural_forms(lang).header == header


def test_plural_forms_do_not_follow_babels_table(monkeypatch):
    """Babel 2.19 put CLDR's three French forms into its gettext table; the PO header must not move with it."""
    import babel.messages.plurals

    plural_forms.cache_clear()
    monkeypatch.setitem(babel.messages.plurals.PLURALS, "fr", (3, "(n == 0 || n == 1) ? 0 : n % 1000000 == 0 ? 1 : 2"))
    monkeypatch.delitem(babel.messages.plurals.PLURALS, "ja", raising=False)
    try:
        assert plural_forms("fr").header == "nplurals=2; plural=(n > 1);"
        assert plural_forms("ja").header == "nplurals=1; plural=0;"
    finally:
        plural_forms.cache_clear()


@pytest.mark.parametrize(("lang", "forms_of"), [
    ("fr", {0: 0, 1: 0, 2: 1, 1_000_000: 1}),
    ("ru", {1: 0, 2: 1, 5: 2, 11: 2, 21: 0, 22: 1}),
    ("my", {0: 0, 1: 0, 5: 0}),
    ("pt_BR", {0: 0, 1: 0, 2: 1}),
])
def test_the_gettext_table_chooses_the_classic_forms(lang, forms_of):
    import gettext

    choose = gettext.c2py(plural_forms(lang).expression)
    assert {n: choose(n) for n in forms_of} == forms_of


def test_every_table_expression_is_valid_gettext():
    import gettext

    from workbench.lang.plurals import GETTEXT_TABLE

    for lang in GETTEXT_TABLE:
        forms = plural_forms(lang)
        choose = gettext.c2py(forms.expression)
        assert {choose(n) for n in range(0, 1000)} <= set(range(forms.count)), lang


def test_plural_forms_for_russian_and_arabic_come_from_the_gettext_table():
    assert plural_forms("ru").count == 3
    assert plural_forms("ar").count == 6


def test_every_desk_language_has_a_gettext_expression_gettext_can_evaluate():
    import gettext

    from workbench.lang.languages import DESK_LANGUAGES

    for lang in DESK_LANGUAGES:
        forms = plural_forms(lang)
        choose = gettext.c2py(forms.expression)
        assert all(0 <= choose(n) < forms.count for n in range(0, 200)), lang


def _burmese_mt_with_a_number(workspace):
    """Translate article 1 into Burmese, then make the first segment's stored MT contain a number."""
    from workbench.app.translating import _Preparer, mt_key, translate_article

    index = workspace.glossary_index()
    report = translate_article(workspace.store, workspace.engine, 1, "my", index=index)
    first = workspace.store.segments(1)[0]
    protected = _Preparer(index, "my").engine_text(first.text)
    workspace.store.save_mt(mt_key(report.model), {protected: "ဒေါ်လာ 500,000 ကို 2021 တွင် COVID-19"})
    return first.segment_id


def test_burmese_mt_shows_myanmar_digits_unless_the_desk_says_otherwise(installed_models, workspace):
    from tests.support.stored import stored_mt

    segment_id = _burmese_mt_with_a_number(workspace)
    index = workspace.glossary_index()
    _model, native = stored_mt(workspace.store, workspace.engine, 1, "my", index)
    assert native[segment_id] == "ဒေါ်လာ ၅၀၀,၀၀၀ ကို ၂၀၂၁ တွင် COVID-19"
    _model, latin = stored_mt(workspace.store, workspace.engine, 1, "my", index, digits="latin")
    assert latin[segment_id] == "ဒေါ်လာ 500,000 ကို 2021 တွင် COVID-19"


def test_translate_command_follows_the_digit_setting(installed_models, workspace):
    from tests.support.cli_helpers import run_cli

    _burmese_mt_with_a_number(workspace)
    native = run_cli("translate", "1", "--to", "my")
    assert native.returncode == 0, native.stderr
    assert native.stdout.startswith("ဒေါ်လာ ၅၀၀,၀၀၀ ကို ၂၀၂၁")
    latin = run_cli("translate", "1", "--to", "my", env={"WORKBENCH_DIGITS": "latin"})
    assert latin.stdout.startswith("ဒေါ်လာ 500,000 ကို 2021")


def test_a_date_known_to_the_month_is_written_without_a_day_in_every_width():
    november = dt.date(2021, 11, 1)
    assert format_date(november, "en", "medium", "month") == "Nov 2021"
    assert format_date(november, "en", "long", "month") == "November 2021"
    assert format_date(november, "my", "long", "month") == "၂၀၂၁ နိုဝင်ဘာ"  # Myanmar digits, no day
    assert format_date(november, "en", "long") == "November 1, 2021"
