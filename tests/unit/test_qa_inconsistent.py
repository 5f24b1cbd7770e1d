"""`inconsistent-translation`: one source sentence translated several ways in the project."""

from __future__ import annotations

from workbench.qa import ALL_CHECKS, QAUnit, run_checks
from workbench.qa.consistency import InconsistentTranslationCheck

SENTENCE = "Reporters confirmed it on Monday."
A = "သတင်းထောက်များက တနင်္လာနေ့တွင် အတည်ပြုခဲ့သည်။"
B = "တနင်္လာနေ့တွင် သတင်းထောက်များ အတည်ပြုသည်။"


def unit(article, number, target, source=SENTENCE, lang="my") -> QAUnit:
    return QAUnit(article, f"s{article}-{number}", source, target, lang, number=number)


def test_every_segment_involved_gets_the_variants_with_where_they_are():
    units = [unit(1, 3, A), unit(1, 9, A), unit(2, 5, B), unit(2, 6, ""), unit(2, 7, A, source="Other text.")]
    issues = InconsistentTranslationCheck().check_project(units)
    assert [(i.article_id, i.segment_id) for i in issues] == [(1, "s1-3"), (1, "s1-9"), (2, "s2-5")]
    assert {i.severity for i in issues} == {"warning"} and {i.check_id for i in issues} == {"inconsistent-translation"}
    assert issues[0].message == (f"translated 2 ways in this project: '{A}' (article 1 segment 3, article 1 segment 9), "
                                 f"'{B}' (article 2 segment 5)")
    assert len({i.message for i in issues}) == 1  # the same list on each


def test_identical_translations_and_whitespace_differences_are_no_issue():
    units = [unit(1, 1, A), unit(2, 4, A), unit(3, 2, A.replace(" ", "  ") + " "),
             unit(3, 3, A, source="  Reporters  confirmed it\u00a0on Monday.")]
    assert InconsistentTranslationCheck().check_project(units) == []


def test_different_languages_are_not_compared():
    units = [unit(1, 1, A), unit(1, 1, "Les journalistes l'ont confirmé lundi.", lang="fr"),
             unit(2, 1, "記者たちは月曜日にそれを確認した。", lang="ja")]
    assert InconsistentTranslationCheck().check_project(units) == []


def test_case_in_the_source_makes_another_sentence():
    units = [unit(1, 1, A), unit(1, 2, B, source=SENTENCE.lower())]
    assert InconsistentTranslationCheck().check_project(units) == []


def test_the_project_context_compares_with_articles_not_checked():
    project = [unit(1, 3, A), unit(2, 5, B), unit(2, 8, B)]
    checked = [unit(2, 5, B), unit(2, 8, B)]
    issues = InconsistentTranslationCheck(project).check_project(checked)
    assert [i.segment_id for i in issues] == ["s2-5", "s2-8"]  # only the units checked are reported
    assert issues[0].message == ("translated 2 ways in this project: "
                                 f"'{B}' (article 2 segment 5, article 2 segment 8), '{A}' (article 1 segment 3)")
    fixed = [unit(2, 5, A), unit(2, 8, A)]  # the units checked win over the project's older copies
    assert InconsistentTranslationCheck(project).check_project(fixed) == []


def test_a_long_list_is_shortened_and_the_check_is_registered():
    units = [unit(1, n, A) for n in range(1, 9)] + [unit(2, 1, B)]
    message = InconsistentTranslationCheck().check_project(units)[0].message
    assert "article 1 segment 5 and 3 more" in message and "segment 6" not in message
    assert any(isinstance(check, InconsistentTranslationCheck) for check in ALL_CHECKS)
    assert [i.check_id for i in run_checks(units) if i.check_id == "inconsistent-translation"] == [
        "inconsistent-translation"] * 9
