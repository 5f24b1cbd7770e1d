"""Every way text enters the workbench checks for Zawgyi: article text, typed or pasted
translations, glossary files, and the QA check over stored translations. Both converters
(ICU and the pure-Python fallback) are run where a conversion happens."""

from __future__ import annotations

import pytest

from tests.unit.test_zawgyi import SENTENCES, zawgyi
from workbench.app import editing
from workbench.articles.parsing import parse_article
from workbench.formats.glossary_io import unicode_renderings
from workbench.glossary.model import Entry, Rendering, Term
from workbench.myanmar.encoding import CONVERTERS
from workbench.myanmar.lines import AUTO, CONVERT, KEEP, fix_zawgyi_lines
from workbench.qa import QAUnit, ZawgyiCheck

QUOTE = SENTENCES[4]
SHORT_UNSURE = "၏လွ"  # Unicode that the detector scores 0.993: too short to be sure
ARTICLE = (
    "Protesters defy the junta\n\nBy The Irrawaddy 25 March 2022\n\n"
    "The crowd chanted “{quote}” in Yangon.\n\nA banner read “{short}” and more.\n"
)


# ---------------------------------------------------------------- article text

@pytest.mark.parametrize("converter", CONVERTERS)
def test_zawgyi_lines_are_converted_and_unsure_ones_kept_and_reported(converter):
    text = ARTICLE.format(quote=zawgyi(QUOTE), short=zawgyi(SHORT_UNSURE))
    fixed, report = fix_zawgyi_lines(text, AUTO, converter)
    assert fixed == ARTICLE.format(quote=QUOTE, short=zawgyi(SHORT_UNSURE))  # the unsure line is untouched
    assert [flagged.line for flagged in report.converted] == [5]
    assert [(flagged.line, flagged.excerpt) for flagged in report.kept] == [(7, zawgyi(SHORT_UNSURE))]
    assert report.converter == converter


def test_the_policy_decides_what_happens_to_zawgyi_and_unsure_lines():
    text = ARTICLE.format(quote=zawgyi(QUOTE), short=zawgyi(SHORT_UNSURE))
    converted, report = fix_zawgyi_lines(text, CONVERT)
    assert zawgyi(SHORT_UNSURE) not in converted and QUOTE in converted and len(report.converted) == 2
    kept, report = fix_zawgyi_lines(text, KEEP)
    assert kept == text and not report.converted and [f.line for f in report.kept] == [5, 7]


def test_a_unicode_article_is_left_exactly_as_it_was():
    text = ARTICLE.format(quote=QUOTE, short="ဦး")
    fixed, report = fix_zawgyi_lines(text)
    assert fixed == text and not report


def test_parse_article_converts_before_segmenting_and_keeps_the_report():
    parsed = parse_article(ARTICLE.format(quote=zawgyi(QUOTE), short="ok"), origin="a.txt")
    assert any(QUOTE in paragraph for paragraph in parsed.paragraphs)
    assert [flagged.line for flagged in parsed.zawgyi.converted] == [5]


# ---------------------------------------------------------------- typed and pasted translations

@pytest.fixture
def view(workspace):
    return editing.article_view(workspace.store, workspace.engine, 1, "my")


@pytest.mark.parametrize("converter", CONVERTERS)
def test_a_pasted_zawgyi_translation_is_saved_as_unicode_and_the_result_says_so(workspace, view, converter):
    segment = view.segments[0]
    result = editing.save_edit(workspace.store, view, segment.segment_id, zawgyi(SENTENCES[3]), "tin", converter)
    assert result.text == SENTENCES[3] and result.converted.converter == converter
    assert "Converted Zawgyi to Unicode" in result.notice
    saved = workspace.store.translations(1, "my")[segment.segment_id]
    assert saved.text == SENTENCES[3] and segment.translation == SENTENCES[3]


def test_zawgyi_pasted_into_a_unicode_translation_converts_only_the_paste(workspace, view):
    segment = view.segments[0]
    editing.save_edit(workspace.store, view, segment.segment_id, "ကျွန်ုပ်တို့ ", "tin")
    result = editing.save_edit(workspace.store, view, segment.segment_id, "ကျွန်ုပ်တို့ " + zawgyi(SENTENCES[4]), "tin")
    assert result.converted and result.text == "ကျွန်ုပ်တို့ " + SENTENCES[4]


def test_short_unsure_text_is_saved_as_typed_and_flagged_never_converted(workspace, view):
    segment = view.segments[0]
    result = editing.save_edit(workspace.store, view, segment.segment_id, SHORT_UNSURE, "tin")
    assert result.text == SHORT_UNSURE and result.converted is None
    assert result.unsure and "may be Zawgyi" in result.notice
    assert workspace.store.translations(1, "my")[segment.segment_id].text == SHORT_UNSURE
    # The translator decides: F8 in the TUI runs this.
    converted = editing.convert_to_unicode(workspace.store, view, segment.segment_id, "tin")
    assert converted.converted and workspace.store.translations(1, "my")[segment.segment_id].text != SHORT_UNSURE


def test_unicode_typing_is_saved_untouched(workspace, view):
    segment = view.segments[0]
    for end in range(1, len(SENTENCES[5]) + 1):
        result = editing.save_edit(workspace.store, view, segment.segment_id, SENTENCES[5][:end], "tin")
        assert result.converted is None and result.text == SENTENCES[5][:end]


def type_key_by_key(workspace, view, segment, keys: str) -> list[str]:
    """What the TUI does on each key: save the editor's text, and show what was saved."""
    saved = []
    for key in keys:
        result = editing.save_edit(workspace.store, view, segment.segment_id, segment.translation + key, "tin")
        assert result.converted is None  # typing is never converted half-way through a word
        saved.append(workspace.store.translations(1, "my")[segment.segment_id].text)
    return saved


@pytest.mark.parametrize("sentence", [SENTENCES[3], SENTENCES[6], SENTENCES[10]])
def test_a_zawgyi_sentence_typed_key_by_key_is_kept_as_typed_then_f8_gives_exactly_the_unicode(
        workspace, view, sentence):
    segment = view.segments[0]
    typed = zawgyi(sentence)
    saved = type_key_by_key(workspace, view, segment, typed)
    assert saved == [typed[:end] for end in range(1, len(typed) + 1)]  # never a converted mix
    last = editing.save_edit(workspace.store, view, segment.segment_id, typed + " ", "tin")
    assert last.unsure and "may be Zawgyi" in last.notice
    result = editing.convert_to_unicode(workspace.store, view, segment.segment_id, "tin")
    assert result.text == sentence + " " == workspace.store.translations(1, "my")[segment.segment_id].text


def test_zawgyi_typed_after_unicode_leaves_the_unicode_byte_identical(workspace, view):
    segment = view.segments[0]
    editing.save_edit(workspace.store, view, segment.segment_id, SENTENCES[4] + " ", "tin")
    view = editing.article_view(workspace.store, workspace.engine, 1, "my")  # the segment opened later
    segment = view.segments[0]
    saved = type_key_by_key(workspace, view, segment, zawgyi(SENTENCES[3]))
    assert all(text.startswith(SENTENCES[4] + " ") for text in saved)
    assert saved[-1] == SENTENCES[4] + " " + zawgyi(SENTENCES[3])
    result = editing.convert_to_unicode(workspace.store, view, segment.segment_id, "tin")
    assert result.text == SENTENCES[4] + " " + SENTENCES[3]


def test_unicode_typed_key_by_key_then_a_zawgyi_paste_converts_only_the_paste(workspace, view):
    segment = view.segments[0]
    type_key_by_key(workspace, view, segment, SENTENCES[5] + " ")
    result = editing.save_edit(workspace.store, view, segment.segment_id,
                               SENTENCES[5] + " " + zawgyi(SENTENCES[7]), "tin")
    assert result.converted and result.text == SENTENCES[5] + " " + SENTENCES[7]


def test_f8_on_unicode_changes_nothing(workspace, view):
    segment = view.segments[0]
    editing.save_edit(workspace.store, view, segment.segment_id, SENTENCES[4], "tin")
    assert editing.convert_to_unicode(workspace.store, view, segment.segment_id, "tin") is None
    assert workspace.store.translations(1, "my")[segment.segment_id].text == SENTENCES[4]


# ---------------------------------------------------------------- glossary files

def entry(text: str, lang: str = "my") -> Entry:
    return Entry("nld", (Term("National League for Democracy"),), (Rendering(lang, text, "approved", source="x"),))


@pytest.mark.parametrize("converter", CONVERTERS)
def test_zawgyi_renderings_are_converted_and_unsure_ones_listed(converter):
    nld = "အမျိုးသားဒီမိုကရေစီအဖွဲ့ချုပ်"
    entries = [entry(zawgyi(nld)), entry(SHORT_UNSURE), entry("NLD", "fr"), entry("ဦး")]
    fixed, found = unicode_renderings(entries, converter)
    assert [e.renderings[0].text for e in fixed] == [nld, SHORT_UNSURE, "NLD", "ဦး"]
    assert found.converted == [("nld", "my", zawgyi(nld), nld)] and found.converter == converter
    assert found.unsure == [("nld", "my", SHORT_UNSURE)]
    assert fixed[1] is entries[1]  # untouched entries stay as they were


# ---------------------------------------------------------------- QA

def qa(target: str) -> list:
    return ZawgyiCheck().check(QAUnit(1, "s1", "The NLD said so.", target, "my"))


def test_the_qa_check_flags_zawgyi_as_an_error_and_unsure_text_as_a_warning():
    issues = qa(zawgyi(SENTENCES[4]))
    assert [(i.check_id, i.severity) for i in issues] == [("zawgyi", "error")]
    assert "looks like Zawgyi" in issues[0].message
    assert [(i.check_id, i.severity) for i in qa(SHORT_UNSURE)] == [("zawgyi", "warning")]


def test_the_qa_check_is_quiet_on_unicode_and_other_languages():
    assert qa(SENTENCES[4]) == [] and qa("ဦး") == [] and qa("") == []
    assert qa("La LND a dit non.") == []


@pytest.mark.parametrize(("unicode", "typed"), [(SENTENCES[4], SENTENCES[9]), (SENTENCES[0], SENTENCES[3])])
@pytest.mark.parametrize("separator", [" ", "\n", ""])
def test_the_qa_check_judges_each_sentence_so_a_zawgyi_one_after_unicode_is_flagged(unicode, typed, separator):
    issues = qa(unicode + separator + zawgyi(typed))
    assert [(i.check_id, i.severity) for i in issues] == [("zawgyi", "error")]
    assert zawgyi(typed)[:20] in issues[0].message  # the Zawgyi sentence is quoted, not the Unicode one
    assert unicode[:10] not in issues[0].message


def test_a_zawgyi_sentence_within_one_unicode_sentence_is_flagged_too():
    # SENTENCES[2] ends with ၊ (a clause), so the Zawgyi after it is in the same sentence; the
    # (Unicode, Zawgyi) pairs here are ones the detector, given the whole text, calls Unicode.
    issues = qa(SENTENCES[2] + " " + zawgyi(SENTENCES[6]))
    assert [i.severity for i in issues] == ["error"] and zawgyi(SENTENCES[6])[:20] in issues[0].message


def test_the_qa_check_never_flags_unicode_sentences_alone_or_together():
    from tests.unit.test_zawgyi import glossary_renderings

    assert [t for t in SENTENCES + glossary_renderings() if qa(t)] == []
    assert qa(" ".join(SENTENCES)) == [] and qa("\n".join(SENTENCES)) == [] and qa("".join(SENTENCES)) == []


def test_f8_after_the_view_reloads_still_leaves_the_unicode_exactly_as_it_was(workspace, view):
    """Nothing is remembered between edits: MT finishing or reopening the article changes nothing."""
    segment = view.segments[0]
    editing.save_edit(workspace.store, view, segment.segment_id, SENTENCES[4] + " ", "tin")
    type_key_by_key(workspace, view, segment, zawgyi(SENTENCES[5]))
    reloaded = editing.article_view(workspace.store, workspace.engine, 1, "my")
    result = editing.convert_to_unicode(workspace.store, reloaded, segment.segment_id, "tin")
    assert result.text == SENTENCES[4] + " " + SENTENCES[5]


@pytest.mark.parametrize("sentence", [SENTENCES[4], SENTENCES[5], SENTENCES[7]])
def test_unicode_typed_key_by_key_is_not_flagged_and_f8_leaves_it(workspace, view, sentence):
    segment = view.segments[0]
    flagged = 0
    for end in range(1, len(sentence) + 1):
        result = editing.save_edit(workspace.store, view, segment.segment_id, sentence[:end], "tin")
        flagged += result.unsure is not None
    assert flagged == 0
    assert editing.convert_to_unicode(workspace.store, view, segment.segment_id, "tin") is None
