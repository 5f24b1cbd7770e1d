"""Foreign XLIFF files (the layouts of Xcode, Okapi/Trados/memoQ, Angular, OmegaT/a CMS) read as
segments and written back with only their targets and states changed: the contract per version."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from tests.support.xliff_compare import assert_untouched, changed_targets, target_state
from workbench.errors import UserError
from workbench.formats.xliff_foreign_read import read_foreign
from workbench.formats.xliff_foreign_write import Filled, foreign_bytes

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "xliff_foreign"
ALL = sorted(path.name for path in FIXTURES.iterdir())


def _read(name: str):
    return read_foreign((FIXTURES / name).read_bytes(), name)


def _segments(name: str) -> list[tuple[str, str, str, str]]:
    return [(s.source, s.target, s.status, s.file_state) for s in _read(name).segments]


def test_xliff_1_2_xcode_several_files_states_notes_and_translate_no():
    document = _read("xcode_1_2.xliff")
    assert (document.version, document.source_lang, document.target_lang) == ("1.2", "en", "my")
    assert _segments("xcode_1_2.xliff") == [
        ("Talks resume in Bangkok.", "ဘန်ကောက်တွင် ဆွေးနွေးပွဲများ ပြန်လည်စတင်။", "translated", ""),
        ("Share this story with %@.", "", "draft", ""),
        ("The camera is used to photograph documents.", "ကင်မရာ", "draft", ""),
        ("Talks resume in Bangkok.", "", "draft", ""),  # the second <file>: a repeat of the first unit
    ]
    assert document.left_alone == 1  # app.name, translate="no"
    assert [s.notes for s in document.segments][:2] == [("Title of the lead story.",), ("Button; %@ is a person's name.",)]


def test_xliff_1_2_inline_codes_become_tags_numbered_as_in_the_source():
    segments = _read("okapi_trados_1_2.sdlxliff").segments
    lead = segments[0]
    assert lead.source == "The <g1>council</g1> met on <x2/> in <g3>Naypyidaw</g3>."
    assert lead.target == "<x2/> တွင် <g1>ကောင်စီ</g1> သည် <g3>နေပြည်တော်</g3> တွင် တွေ့ဆုံခဲ့သည်။"  # reordered, same numbers
    assert lead.codes["<g3>"] == '<bpt id="3">&lt;a href="x"&gt;</bpt>' and lead.codes["</g1>"] == "</g>"
    assert segments[1].source == "Call <x1/> or press <g2>Enter</g2> <x3/>now."  # ph, bx/ex, an it
    assert segments[1].codes["<g2>"] == '<bx id="2" rid="r1" ctype="italic"/>'
    assert segments[2].source == "The <x1/> said so."  # a protected mrk is one code, its text never translated
    assert [(s.status, s.file_state) for s in segments] == [
        ("translated", ""), ("draft", ""), ("translated", "approved"), ("draft", "x-mq-edited")]


def test_xliff_2_codes_segments_of_one_unit_groups_and_states():
    document = _read("omegat_2_1.xlf")
    assert _segments("omegat_2_1.xlf") == [
        ("Floods hit <g1>Sagaing</g1> region.", "ရေကြီးမှု <g1>စစ်ကိုင်း</g1> တိုင်းကို ထိခိုက်။", "translated", ""),
        ("The <x1/> sent aid.", "<x1/> က အကူအညီ ပို့ခဲ့သည်။", "translated", "reviewed"),
        ("More rain is expected on <x1/>.", "", "draft", ""),
        ("Read <g1>the full report</g1>.", "အစီရင်ခံစာ အပြည့်အစုံကို ဖတ်ပါ", "draft", ""),
        ("Subscribe.", "စာရင်းသွင်းပါ။", "translated", "final"),
    ]
    assert document.segments[1].unit_index == document.segments[2].unit_index  # one unit, two segments
    assert document.left_alone == 1  # u3, translate="no"
    angular = _read("angular_2_0.xlf")
    assert angular.target_lang == "" and angular.segments[0].source == "Hello <x1/>, read the <g2>latest news</g2>."
    assert angular.segments[0].notes == ("src/app/app.component.html:12", "Greeting on the front page")


@pytest.mark.parametrize("name", ALL)
def test_an_export_with_nothing_changed_is_the_original_byte_for_byte(name):
    document = _read(name)
    filled = [Filled(s.at, s.target, s.status) for s in document.segments if s.target]
    assert foreign_bytes(document, filled, "my") == (FIXTURES / name).read_bytes()


@pytest.mark.parametrize("name", ALL)
def test_every_target_filled_leaves_every_other_element_and_attribute_as_it_was(name):
    document = _read(name)
    filled = [Filled(s.at, f"မြန်မာ {s.source} ။", "translated" if s.at % 2 else "draft") for s in document.segments]
    original = (FIXTURES / name).read_bytes()
    exported = foreign_bytes(document, filled, "my")
    assert assert_untouched(original, exported) == len({id(item.holder) for item in document.located})
    again = read_foreign(exported, "exported.xlf")
    assert [(s.target, s.status) for s in again.segments] == [(f.text, f.status) for f in filled]  # codes restored
    assert again.left_alone == document.left_alone
    if not any(item.marked for item in document.located):  # one state per segment in the file
        states = [target_state(new) for _old, new in changed_targets(original, exported)]
        expected = ["initial", "translated"] if document.major == 2 else ["needs-review-translation", "translated"]
        assert states == [expected[f.at % 2] for f in filled]


def test_codes_come_back_as_the_exact_xml_and_a_typed_angle_bracket_is_text():
    document = _read("okapi_trados_1_2.sdlxliff")
    exported = foreign_bytes(document, [Filled(1, "<g2>Enter</g2> ကိုနှိပ် <x1/> <x3/>a<b & c", "translated")], "my")
    text = exported.decode("utf-8")
    assert ('<target state="translated"><bx id="2" rid="r1" ctype="italic"/>Enter<ex id="3" rid="r1"/> ကိုနှိပ် '
            '<ph id="1">{0}</ph> <it id="4" pos="open">&lt;u&gt;</it>a&lt;b &amp; c</target>') in text


def test_a_draft_withdraws_the_approval_and_a_missing_target_language_is_added():
    document = _read("okapi_trados_1_2.sdlxliff")
    text = foreign_bytes(document, [Filled(2, "<x1/> ပြင်ဆင်", "draft")], "my").decode("utf-8")
    assert '<trans-unit id="tu3" approved="no">' in text
    angular = _read("angular_2_0.xlf")
    out = foreign_bytes(angular, [Filled(1, "မူပိုင်ခွင့်", "translated")], "my").decode("utf-8")
    assert 'srcLang="en" trgLang="my">' in out
    assert ('<segment state="translated">\n        <source>All rights reserved.</source>\n'
            '        <target>မူပိုင်ခွင့်</target>\n      </segment>') in out  # laid out as the source is


def test_a_utf16_file_is_written_back_in_utf16():
    text = (FIXTURES / "xcode_1_2.xliff").read_text(encoding="utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
    data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    document = read_foreign(data, "trados.xlf")
    exported = foreign_bytes(document, [Filled(1, "မျှဝေပါ", "translated")], "my")
    assert exported.startswith(codecs.BOM_UTF16_LE)
    assert read_foreign(exported, "again.xlf").segments[1].target == "မျှဝေပါ"


def test_text_that_reads_like_a_tag_never_becomes_a_code():
    data = (b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en"><file id="f">'
            b'<unit id="u"><segment><source>Type &lt;x1/&gt; then <ph id="1"/>.</source></segment></unit></file></xliff>')
    segment = read_foreign(data, "tags.xlf").segments[0]
    assert segment.source == "Type <x1/> then <x101/>." and set(segment.codes) == {"<x101/>"}


HOSTILE = {
    "entities": (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
                 b'<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file><body>'
                 b'<trans-unit id="1"><source>&b;</source></trans-unit></body></file></xliff>', "refusing to expand"),
    "external": (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                 b'<xliff version="1.2"><file><body><trans-unit id="1"><source>&e;</source></trans-unit></body></file></xliff>',
                 "refusing"),
    "control character": (b'<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n<file target-language="my">'
                          b'<body>\n<trans-unit id="1"><source>a</source>\n<target>b\x01</target></trans-unit></body></file>'
                          b'</xliff>', "hostile.xlf:4: not well-formed XML"),
    "cut": ((FIXTURES / "omegat_2_1.xlf").read_bytes()[:900], "hostile.xlf:"),
    "not xliff": (b'<html><body/></html>', "not <xliff>"),
    "deep codes": (b'<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en"><file id="f">'
                   b'<unit id="u"><segment><source>' + b'<pc id="1">' * 80 + b"x" + b"</pc>" * 80
                   + b'</source></segment></unit></file></xliff>', "nested more than 64 deep"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_files_are_refused_in_one_line(name):
    data, fragment = HOSTILE[name]
    with pytest.raises(UserError) as refused:
        read_foreign(data, "hostile.xlf")
    message = str(refused.value)
    assert fragment in message and "\n" not in message


def test_trados_segments_are_the_seg_source_marks_with_their_sdl_confirmation():
    document = _read("trados_segmented_1_2.sdlxliff")
    assert _segments("trados_segmented_1_2.sdlxliff") == [
        ("The army left.", "စစ်တပ် ထွက်ခွာသွားသည်။", "translated", "reviewed"),  # conf="ApprovedTranslation"
        ("<g1>Villagers</g1> returned.", "", "draft", ""),
        ("Schools stay closed.", "", "draft", ""),
    ]
    assert document.left_alone == 1
    kept = document.segments[0]
    text = foreign_bytes(document, [Filled(0, kept.target, kept.status), Filled(1, "<g1>ရွာသားများ</g1> ပြန်လာကြသည်။", "translated"),
                                    Filled(2, "ကျောင်းများ ပိတ်ထားဆဲ။", "draft")], "my").decode("utf-8")
    assert ('<target state="translated"><mrk mtype="seg" mid="1">စစ်တပ် ထွက်ခွာသွားသည်။</mrk> '
            '<mrk mtype="seg" mid="2"><g id="pt1">ရွာသားများ</g> ပြန်လာကြသည်။</mrk></target>') in text
    assert '<sdl:seg id="1" conf="ApprovedTranslation"' in text and '<sdl:seg id="2" conf="Translated"/>' in text
    assert ('</seg-source>\n        <target state="needs-review-translation"><mrk mtype="seg" mid="3">ကျောင်းများ '
            'ပိတ်ထားဆဲ။</mrk></target>\n        <sdl:seg-defs><sdl:seg id="3" conf="Draft"/>') in text
