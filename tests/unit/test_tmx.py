"""TMX reading (as OmegaT, Trados Studio, memoQ and Okapi write it), writing, round trips, hostile files."""

from __future__ import annotations

import codecs
import datetime as dt
from pathlib import Path

import pytest

from workbench.errors import UserError
from workbench.formats.tmx import TmxUnit
from workbench.formats.tmx_read import parse_tmx, read_tmx
from workbench.formats.tmx_write import tmx_bytes
from workbench.tm.scoring import Segment
from workbench.tm.tokens import TAG, tokenize

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "tmx"


def _fixture(name: str):
    return read_tmx(FIXTURES / name)


def _tmx(body: str, header: str = 'srclang="en-US"', version: str = "1.4", prolog: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n{prolog}<tmx version="{version}">\n'
            f'<header creationtool="t" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="t" {header}/>\n'
            f"<body>\n{body}\n</body>\n</tmx>\n").encode()


PAIR = '<tu><tuv xml:lang="en"><seg>The council met.</seg></tuv><tuv xml:lang="my"><seg>ကောင်စီ တွေ့ဆုံသည်။</seg></tuv></tu>'


def _refused(data: bytes, *fragments: str, origin: str = "memory.tmx") -> str:
    with pytest.raises(UserError) as error:
        parse_tmx(data, origin)
    message = str(error.value)
    assert "\n" not in message and message.startswith(origin), message
    for fragment in fragments:
        assert fragment in message, (fragment, message)
    return message


# ---------------------------------------------------------------- the tools' files

def test_omegat_project_save_tmx_1_1_with_lang_attributes():
    found = _fixture("omegat_project_save.tmx")
    assert [(u.source_lang, u.target_lang) for u in found.units] == [("en", "my")] * 3
    first, tagged, alternative = found.units
    assert first.source_text == "The NUG said on Monday that talks would resume."
    assert (first.created_by, first.changed_by) == ("tin", "tin")
    assert first.created_at == dt.datetime(2024, 3, 11, 8, 0, tzinfo=dt.UTC)
    assert first.changed_at == dt.datetime(2024, 3, 11, 8, 15, tzinfo=dt.UTC)
    assert first.extra["tmx"]["source"]["lang"] == "EN-US" and first.extra["tmx"]["target"]["lang"] == "MY"
    assert first.extra["tmx"]["target"]["attrs"]["changedate"] == "20240311T081500Z"
    # OmegaT's own tags are text in TMX 1.1; they are still protected tags for matching
    assert tagged.source_text == "Press <b0>Save</b0> to keep the draft."
    assert [t.text for t in tokenize(tagged.source_text) if t.kind == TAG] == ["<b0>", "</b0>"]
    assert alternative.previous_source == "The council met on Monday."  # OmegaT's prop "prev"
    assert [p[0]["type"] for p in alternative.extra["tmx"]["tu"]["props"]] == ["file", "prev", "next"]


def test_trados_studio_dates_ids_props_and_paired_codes():
    found = _fixture("trados_studio.tmx")
    unit = found.units[0]
    assert unit.source_text == "Click <g1>Save</g1> to keep <x2/> changes."
    assert unit.target_text == "ပြောင်းလဲမှုများ <x2/> ကို သိမ်းရန် <g1>Save</g1> ကို နှိပ်ပါ။"  # numbers follow the source
    assert (unit.created_by, unit.changed_by) == ("DESK\\tin", "DESK\\mya")
    assert unit.changed_at == dt.datetime(2024, 1, 5, 12, tzinfo=dt.UTC)
    kept = unit.extra["tmx"]
    assert kept["tu"]["attrs"]["usagecount"] == "3" and kept["tu"]["attrs"]["lastusagedate"] == "20240106T000000Z"
    assert [p[0]["type"] for p in kept["tu"]["props"]] == ["x-LastUsedBy", "x-Context", "x-Origin", "x-ConfirmationLevel"]
    assert [p[1] for p in kept["header"]["props"]] == ["RecognizeAll", "True", "Desk EN-MY"]
    assert kept["source"]["codes"] == {"<g1>": '<bpt i="1" type="1" x="1" />', "</g1>": '<ept i="1" />',
                                       "<x2/>": '<ph x="2" type="3" />'}


def test_memoq_context_notes_and_region_codes_in_any_case():
    (unit,) = _fixture("memoq.tmx").units
    assert (unit.source_lang, unit.target_lang) == ("en", "my")  # en-gb, my-mm
    assert unit.previous_source == "The council met on Monday."  # x-context-pre, its <seg> wrapper removed
    assert unit.extra["tmx"]["tu"]["notes"] == [[{}, "Checked against the style guide."]]
    assert unit.extra["tmx"]["header"]["notes"] == [[{}, "Exported for the Burmese desk."]]
    assert unit.source_text == "It agreed on a <g1>plan</g1>." and unit.target_text.startswith("<g1>အစီအစဉ်</g1>")


def test_okapi_all_languages_several_targets_tuv_props_and_every_inline_code():
    found = _fixture("okapi_multi.tmx")
    assert found.languages == ("fr", "my", "zh_TW")  # zh-TW is a language of its own at the desk
    by_pair = [(u.tuid, u.target_lang) for u in found.units]
    assert by_pair == [("a1_s1", "my"), ("a1_s1", "fr"), ("a1_s1", "zh_TW"), ("a1_s2", "fr"), ("a1_s3", "my")]
    first = found.units[0]
    assert first.source_text == "Prices rose <x1/>by 500 kyat." and first.target_text == "ဈေးနှုန်း <x1/>၅၀၀ ကျပ် တက်သည်။"
    assert first.extra["tmx"]["source"]["props"] == [[{"type": "Txt::Note"}, "source side"]]
    assert first.created_at == dt.datetime(2024, 4, 1, tzinfo=dt.UTC)  # the tuv's date
    assert found.units[2].extra["tmx"]["target"]["notes"] == [[{}, "Taiwan desk"]]
    reversed_unit = found.units[3]  # <tu srclang="fr-FR">: English is still the source
    assert (reversed_unit.source_text, reversed_unit.target_text) == ("The council met.", "Le conseil s'est réuni.")
    assert any("srclang is not English" in note for note in found.notes)
    codes = found.units[4]
    assert codes.source_text == "See <x1/>the <h2>report<x3/></h2>, <x4/>now<g5>.</g5>"
    assert codes.target_text == "<x1/><h2>အစီရင်ခံစာ<x3/></h2>ကို <x4/>ယခု<g5>ကြည့်ပါ။</g5>"
    assert codes.extra["tmx"]["source"]["codes"]["<g5>"] == '<bpt i="4">&lt;span title="<sub>Note</sub>"&gt;</bpt>'
    assert codes.extra["tmx"]["source"]["codes"]["<x4/>"] == "<ut>{\\b}</ut>"


def test_inline_codes_are_protected_tokens_for_matching():
    segment = Segment.of("Click <g1>Save</g1> to keep <x2/> changes.")
    assert [t.key for t in segment.tokens if t.kind == TAG] == ["<g1>", "</g1>", "<x2/>"]
    assert "save" in segment.words and "g1" not in segment.words


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.tmx")))
def test_every_fixture_round_trips_to_the_same_units_and_the_same_bytes(name):
    units = _fixture(name).units
    written = tmx_bytes(units)
    again = parse_tmx(written, "again.tmx")
    assert again.units == units
    assert tmx_bytes(again.units) == written
    assert b"<!DOCTYPE" not in written and written.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">')


def test_inline_codes_are_written_back_exactly():
    written = tmx_bytes(_fixture("okapi_multi.tmx").units).decode()
    original = (FIXTURES / "okapi_multi.tmx").read_text(encoding="utf-8")
    for seg in ('<seg>Prices rose <ph x="1">&lt;br/&gt;</ph>by 500 kyat.</seg>',
                '<ept i="4">&lt;/span&gt;</ept></seg>', '<hi type="term" x="2">report<ph x="3">'):
        assert seg in original and seg in written


def test_workbench_units_get_dates_authors_and_context_and_read_back():
    when = dt.datetime(2024, 5, 6, 7, 8, 9, tzinfo=dt.UTC)
    units = [TmxUnit("en", "my", "A <b> & c", "ခ < ဂ", "Before.", None, "tin", when, "mya", when),
             TmxUnit("en", "zh_TW", "Line\r\nbreak\tand  spaces ", "行", "", "t-1", "tin", when, "tin", when)]
    written = tmx_bytes(units)
    assert b'xml:lang="zh-TW"' in written and b'<prop type="x-context-pre">Before.</prop>' in written
    back = parse_tmx(written, "w.tmx").units
    for unit, read in zip(units, back, strict=True):
        assert (read.source_text, read.target_text, read.previous_source, read.tuid) == \
               (unit.source_text, unit.target_text, unit.previous_source, unit.tuid)
        assert (read.created_by, read.created_at, read.changed_by, read.changed_at) == ("tin", when, unit.changed_by, when)
    assert tmx_bytes(back) == tmx_bytes(parse_tmx(tmx_bytes(back), "x").units)


def test_text_that_looks_like_a_tag_stays_text_beside_real_codes():
    data = _tmx('<tu><tuv xml:lang="en"><seg>Type &lt;x1/&gt; then <ph x="1">{}</ph>.</seg></tuv>'
                '<tuv xml:lang="my"><seg>&lt;x1/&gt; <ph x="1">{}</ph>။</seg></tuv></tu>')
    (unit,) = parse_tmx(data, "t.tmx").units
    assert unit.source_text == "Type <x1/> then <x101/>."
    assert tmx_bytes([unit]).count(b"&lt;x1/&gt;") == 2
    assert parse_tmx(tmx_bytes([unit]), "t.tmx").units == [unit]


def test_encodings_utf16_with_and_without_bom_and_utf8_bom():
    text = (FIXTURES / "memoq.tmx").read_text(encoding="utf-8")
    expected = _fixture("memoq.tmx").units
    utf16 = text.replace('encoding="utf-8"', 'encoding="utf-16"')
    for data in (utf16.encode("utf-16"), utf16.encode("utf-16-le"), utf16.encode("utf-16-be"),
                 codecs.BOM_UTF8 + text.encode()):
        assert parse_tmx(data, "memoq.tmx").units == expected


def test_lang_filter_and_what_gives_no_unit():
    data = _tmx(PAIR + '<tu><tuv xml:lang="en"><seg>Alone.</seg></tuv></tu>'
                '<tu><tuv xml:lang="en"><seg>Empty.</seg></tuv><tuv xml:lang="fr"><seg></seg></tuv></tu>'
                '<tu><tuv xml:lang="en-US"><seg>Two English.</seg></tuv><tuv xml:lang="en-GB"><seg>Two English!</seg></tuv>'
                '<tuv xml:lang="fr"><seg>Deux.</seg></tuv></tu>')
    found = parse_tmx(data, "m.tmx")
    assert [(u.source_text, u.target_lang) for u in found.units] == [("The council met.", "my"), ("Two English.", "fr")]
    assert len(found.notes) == 3
    assert [u.target_lang for u in parse_tmx(data, "m.tmx", "fr").units] == ["fr"]


def test_header_dates_are_the_defaults_and_written_on_the_tu():
    data = _tmx(PAIR, header='srclang="en" creationdate="20230102T030405Z" creationid="desk"')
    (unit,) = parse_tmx(data, "h.tmx").units
    assert (unit.created_by, unit.created_at) == ("desk", dt.datetime(2023, 1, 2, 3, 4, 5, tzinfo=dt.UTC))
    assert parse_tmx(tmx_bytes([unit]), "h.tmx").units == [unit]


# ---------------------------------------------------------------- source language

def test_a_file_in_another_source_language_without_english_is_refused_with_its_line():
    data = _tmx('\n\n<tu><tuv xml:lang="fr"><seg>Bonjour.</seg></tuv><tuv xml:lang="my"><seg>မင်္ဂလာပါ။</seg></tuv></tu>',
                header='srclang="fr-FR"')
    _refused(data, "memory.tmx:7:", "srclang is 'fr-FR'", "no English variant (fr, my)", "nothing was imported")


def test_a_file_in_another_source_language_with_english_is_read_with_english_as_source():
    data = _tmx('<tu><tuv xml:lang="my"><seg>ကောင်စီ တွေ့ဆုံသည်။</seg></tuv><tuv xml:lang="en"><seg>The council met.</seg></tuv></tu>',
                header='srclang="my-MM"')
    found = parse_tmx(data, "r.tmx")
    assert [(u.source_lang, u.source_text, u.target_lang) for u in found.units] == [("en", "The council met.", "my")]
    assert found.notes


def test_unknown_language_and_missing_parts_name_the_line():
    _refused(_tmx('<tu><tuv xml:lang="xx-klingon"><seg>a</seg></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu>'),
             "memory.tmx:5:", "unknown language code 'xx-klingon'")
    _refused(_tmx('<tu><tuv><seg>a</seg></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu>'), ":5:", "without xml:lang")
    _refused(_tmx('<tu><tuv xml:lang="my"></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu>'), ":5:", "without <seg>")
    _refused(_tmx('<tu><tuv xml:lang="my"><seg>a<b>b</b></seg></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu>'),
             ":5:", "<b> is not an inline code")
    _refused(_tmx(PAIR, version="2.0"), "TMX version '2.0'")
    _refused(b'<?xml version="1.0"?><tmx version="1.4"><body/></tmx>', "needs a <header> and a <body>")
    _refused(b'<?xml version="1.0"?><martif/>', "not <tmx>")


# ---------------------------------------------------------------- hostile and damaged files

BILLION_LAUGHS = ('<!DOCTYPE tmx [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
                  '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n')


def test_entities_are_never_expanded():
    _refused(_tmx(PAIR.replace("The council", "&lol3;"), prolog=BILLION_LAUGHS), "declares XML entities", "'lol'")
    _refused(_tmx(PAIR, prolog='<!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'), "declares XML entities")
    _refused(_tmx(PAIR, prolog='<!DOCTYPE tmx [<!ENTITY % p SYSTEM "http://example.invalid/p"> %p;]>\n'), "entities")
    _refused(_tmx(PAIR.replace("The council", "&undeclared;")), "memory.tmx:5:", "undefined entity")


def test_an_external_dtd_is_never_loaded(tmp_path):
    # tmx14.dtd next to the file declares an entity the document uses: it must stay unknown
    (tmp_path / "tmx14.dtd").write_text('<!ENTITY council "The council">')
    path = tmp_path / "memory.tmx"
    path.write_bytes(_tmx(PAIR.replace("The council", "&council;"), prolog='<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'))
    with pytest.raises(UserError, match="undefined entity"):
        read_tmx(path)
    path.write_bytes(_tmx(PAIR, prolog='<!DOCTYPE tmx SYSTEM "http://example.invalid/tmx14.dtd">\n'))
    assert len(read_tmx(path).units) == 1  # the usual DOCTYPE of a TMX file is fine, and never fetched


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.95, 0.999])
def test_a_cut_file_is_refused_whole(cut):
    data = tmx_bytes(_fixture("okapi_multi.tmx").units)
    _refused(data[: int(len(data) * cut)], "cut short", "nothing was imported")


def test_a_file_cut_between_units_is_refused_too():
    data = _tmx(PAIR + "\n" + PAIR)
    _refused(data[: data.index(b"</tu>") + 5], "memory.tmx:", "not well-formed")


def test_wrong_encoding_and_control_characters_name_the_line():
    latin = _tmx('<tu><tuv xml:lang="en"><seg>Caf\u00e9</seg></tuv><tuv xml:lang="fr"><seg>Caf\u00e9</seg></tuv></tu>')
    _refused(latin.decode().encode("latin-1"), "memory.tmx:5:", "not valid UTF-8")
    _refused(_tmx(PAIR.replace("council", "coun\x1bcil")), "memory.tmx:5:", "not well-formed")
    _refused(_tmx(PAIR.replace("council", "coun&#7;cil")), "memory.tmx:5:", "not well-formed")
    _refused(_tmx(PAIR).replace(b'encoding="UTF-8"', b'encoding="UTF-16"'), "declares encoding 'UTF-16'")
    _refused(b"\x00\x00\x00\x00garbage", "UTF-16 or UTF-32")
    _refused(b"", "is empty")


def test_c1_and_bidi_controls_are_kept_as_text():
    (unit,) = parse_tmx(_tmx(PAIR.replace("council", "coun\u009bcil \u202eevil")), "m.tmx").units
    assert unit.source_text == "The coun\u009bcil \u202eevil met."


def test_a_huge_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.tmx"
    path.write_bytes(_tmx(PAIR * 10))
    with pytest.raises(UserError, match="larger than 100 bytes"):
        read_tmx(path, max_bytes=100)


def test_an_unwritable_text_is_refused_naming_the_unit():
    unit = TmxUnit("en", "my", "bell \x07", "x")
    with pytest.raises(UserError, match=r"unit 1: its source holds U\+0007"):
        tmx_bytes([unit])
