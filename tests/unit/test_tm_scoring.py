"""The translation-memory scorer and tokeniser, with scores worked out by hand."""

from __future__ import annotations

import pytest

from workbench.tm.model import Unit
from workbench.tm.scoring import Segment, evaluate, score, similarity
from workbench.tm.tokens import NUMBER, PUNCT, TAG, WORD, token_keys, tokenize

pytestmark = pytest.mark.unit


def _score(query: str, source: str, context: bool = False) -> int:
    return score(Segment.of(query), Segment.of(source), context)


def test_tokens_have_classes_and_keys():
    tokens = tokenize("The NUG’s 500,000 [[1]] <b>troops</b> left.")
    assert [(t.text, t.key, t.kind) for t in tokens] == [
        ("The", "the", WORD), ("NUG’s", "nug's", WORD), ("500,000", "500,000", NUMBER), ("[[1]]", "[[1]]", TAG),
        ("<b>", "<b>", TAG), ("troops", "troops", WORD), ("</b>", "</b>", TAG), ("left", "left", WORD), (".", ".", PUNCT),
    ]


def test_burmese_is_cut_into_syllables_and_digits_are_numbers():
    tokens = tokenize("မြန်မာ ၅၀၀ ဦး။")
    assert [(t.text, t.kind) for t in tokens] == [("မြန်", WORD), ("မာ", WORD), ("၅၀၀", NUMBER), ("ဦး", WORD), ("။", PUNCT)]
    assert tokens[2].key == "500"  # Myanmar and ASCII digits match each other


def test_burmese_mark_order_does_not_matter():
    # ကျွန်: the medials ျ and ွ typed in either order are one syllable key (NFC leaves them be).
    assert token_keys("\u1000\u103b\u103d\u1014\u103a") == token_keys("\u1000\u103d\u103b\u1014\u103a")
    assert _score("\u1000\u103b\u103d\u1014\u103a", "\u1000\u103d\u103b\u1014\u103a") == 99  # same key, written otherwise


def test_fast_keys_equal_full_tokeniser():
    for text in ["Myanmar’s “parallel” soldiers’ — re‐form…", "Plain ASCII, 12.5% of <x1/> {2}", "ပြည်သူ ၅၀၀,၀၀၀ ဦး COVID-19ကာလ။"]:
        assert token_keys(text) == [t.key for t in tokenize(text)]


def test_omegat_similarity_is_rounded_down():
    assert similarity(1, 6, 6) == 83  # 100·(6 − 1)/6 = 83.3
    assert similarity(2, 7, 9) == 77  # 100·(9 − 2)/9 = 77.7
    assert similarity(0, 0, 0) == 0


def test_exact_and_context_matches():
    assert _score("Reporters confirmed it on Monday.", "Reporters confirmed it on Monday.") == 100
    assert _score("Reporters confirmed it on Monday.", "  Reporters confirmed it on Monday. ", context=True) == 101


def test_one_word_changed_is_fuzzy():
    # 6 tokens each (5 words and "."), one substitution: 100·(6 − 1)/6 = 83.3 → 83
    assert _score("Reporters confirmed it on Tuesday.", "Reporters confirmed it on Monday.") == 83
    # 7 tokens against 6: one insertion: 100·(7 − 1)/7 = 85.7 → 85
    assert _score("Reporters confirmed it again on Monday.", "Reporters confirmed it on Monday.") == 85


def test_a_long_fuzzy_match_is_capped_below_the_same_word_classes():
    source = " ".join(f"w{i}" for i in range(40))
    query = source.replace("w7", "x7")
    # 40 tokens, one substitution: 100·39/40 = 97.5 → 97, but the words differ: 94
    assert _score(query, source) == 94


def test_only_numbers_punctuation_tags_or_case_differ():
    # Same words; tokens as written differ in one number: e = 1 → 99
    assert _score("He paid 600 kyat.", "He paid 500 kyat.") == 99
    # two numbers: e = 2 → 98
    assert _score("On 3 May 600 fled.", "On 2 May 500 fled.") == 98
    # punctuation: "." missing and "!" added: e = 1 substitution → 99
    assert _score("They left!", "They left.") == 99
    # a tag: [[1]] → [[2]] e = 1 → 99; case of two words: e = 2 → 98
    assert _score("Ask [[2]] now", "Ask [[1]] now") == 99
    assert _score("ASK them now", "Ask Them now") == 98
    # only spaces differ: e = 0 → 99
    assert _score("They  left .", "They left.") == 99
    # five or more differences stay at 95
    assert _score("1 2 3 4 5 6 a", "7 8 9 10 11 12 a") == 95


def test_a_text_without_words_is_exact_only_when_its_tokens_are():
    assert _score("2022.", "2022.") == 100
    assert _score("2022 .", "2022.") == 99
    # "2022." against "2023.": 2 tokens, one substitution: 100·1/2 = 50
    assert _score("2023.", "2022.") == 50


def test_numbers_are_replaced_in_the_targets_digits():
    unit = Unit(7, "He paid 500 kyat on 3 May.", "သူ ၅၀၀ ကျပ် မေ ၃ တွင် ပေးခဲ့သည်။")
    match = evaluate(Segment.of("He paid 600 kyat on 4 May."), unit)
    assert match.score == 98
    assert match.numbers_only_in_match == ("500", "3") and match.numbers_only_in_query == ("600", "4")
    assert match.adjusted_target == "သူ ၆၀၀ ကျပ် မေ ၄ တွင် ပေးခဲ့သည်။" and match.numbers_replaced
    latin = evaluate(Segment.of("He paid 600 kyat on 3 May."), Unit(8, unit.source, "He paid 500 kyat (3 May)."))
    assert latin.adjusted_target == "He paid 600 kyat (3 May)."


def test_numbers_are_not_replaced_when_words_differ_or_the_target_lacks_them():
    words_differ = evaluate(Segment.of("She paid 600 kyat."), Unit(1, "He paid 500 kyat.", "၅၀၀"))
    assert words_differ.adjusted_target is None and words_differ.numbers_only_in_query == ("600",)
    spelled_out = evaluate(Segment.of("He paid 600 kyat."), Unit(1, "He paid 500 kyat.", "ငါးရာ ကျပ်"))
    assert spelled_out.adjusted_target is None and not spelled_out.numbers_replaced


def test_differences_word_by_word():
    match = evaluate(Segment.of("Reporters confirmed it on Tuesday."), Unit(1, "Reporters confirmed it on Monday.", "t"))
    assert [(d.op, d.source_text, d.query_text) for d in match.differences] == [
        ("equal", "Reporters confirmed it on", "Reporters confirmed it on"), ("replace", "Monday", "Tuesday"), ("equal", ".", "."),
    ]
    assert match.differences[1].source_start == 26 and match.differences[1].query_end == 33


def test_burmese_syllables_are_the_tokens():
    # 4 syllables + ။ = 5 tokens each; one syllable differs: 100·4/5 = 80
    assert _score("မြန်မာ ပြည်သူ။", "မြန်မာ ပြည်ထောင်။") == 80
