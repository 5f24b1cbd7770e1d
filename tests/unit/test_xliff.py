"""XLIFF specifics: the structure each version requires, states both ways, files from other tools
(extra elements and attributes, inline codes, groups, other versions), and unsafe XML refused."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from workbench.errors import UserError
from workbench.formats.translation_exchange import DRAFT, TRANSLATED, ExchangeDocument, ExchangeUnit, Note
from workbench.formats.xliff import WB_NAMESPACE, XliffFormat
from workbench.formats.xliff_read import read_xliff

X1 = "{urn:oasis:names:tc:xliff:document:1.2}"
X2 = "{urn:oasis:names:tc:xliff:document:2.0}"
NMTOKEN = r"[\w.:-]+"


def _document() -> ExchangeDocument:
    units = [ExchangeUnit("0123456789abcdef", "One.", "တစ်။", TRANSLATED, 3, (Note("paragraph 1", "location"),)),
             ExchangeUnit("0123456789abcdef+1", "One.", "တစ်", DRAFT, 0),
             ExchangeUnit("fedcba9876543210", "Two.", "", DRAFT, 0),
             ExchangeUnit("aaaaaaaaaaaaaaaa", "Three.", "သုံး", DRAFT, 1, machine=True)]
    return ExchangeDocument("my", 7, "report.txt", units, title="A report")


def _parse(version: str) -> ET.Element:
    return ET.fromstring(XliffFormat(version).write(_document()))


def test_xliff_2_1_has_the_core_structure():
    import re

    root = _parse("2.1")
    assert root.tag == f"{X2}xliff"
    assert (root.get("version"), root.get("srcLang"), root.get("trgLang")) == ("2.1", "en", "my")
    files = root.findall(f"{X2}file")
    assert len(files) == 1 and re.fullmatch(NMTOKEN, files[0].get("id"))
    units = files[0].findall(f"{X2}unit")
    assert len(units) == 4
    for unit in units:
        assert re.fullmatch(NMTOKEN, unit.get("id")), unit.get("id")  # a repeat's "+1" is not an NMTOKEN
        children = [child.tag for child in unit]
        assert children[-1] == f"{X2}segment" and set(children) <= {f"{X2}notes", f"{X2}segment"}
        segment = unit.find(f"{X2}segment")
        assert segment.get("state") in ("initial", "translated", "reviewed", "final")
        assert [child.tag for child in segment][0] == f"{X2}source"
        target = segment.find(f"{X2}target")
        assert segment.get("state") == "initial" or target is not None  # a state past initial has a target
    states = [(unit.get("id"), unit.find(f"{X2}segment").get("state"), unit.find(f"{X2}segment/{X2}target") is not None)
              for unit in units]
    assert states == [("0123456789abcdef", "translated", True), ("0123456789abcdef.1", "initial", True),
                      ("fedcba9876543210", "initial", False), ("aaaaaaaaaaaaaaaa", "initial", True)]
    assert units[0].get(f"{{{WB_NAMESPACE}}}revision") == "3"


def test_xliff_1_2_has_the_core_structure():
    root = _parse("1.2")
    assert root.tag == f"{X1}xliff" and root.get("version") == "1.2"
    file = root.find(f"{X1}file")
    assert {name: file.get(name) for name in ("source-language", "target-language", "datatype", "original")} == \
        {"source-language": "en", "target-language": "my", "datatype": "plaintext", "original": "report.txt"}
    assert [child.tag for child in file] == [f"{X1}header", f"{X1}body"]
    units = file.findall(f"{X1}body/{X1}trans-unit")
    assert [unit.get("id") for unit in units] == ["0123456789abcdef", "0123456789abcdef+1", "fedcba9876543210", "aaaaaaaaaaaaaaaa"]
    for unit in units:
        assert [child.tag for child in unit][:2] == [f"{X1}source", f"{X1}target"]
    targets = [unit.find(f"{X1}target") for unit in units]
    assert [(t.get("state"), t.get("state-qualifier")) for t in targets] == [
        ("translated", None), ("needs-review-translation", None), ("needs-translation", None),
        ("needs-review-translation", "mt-suggestion")]


def _foreign_2(state: str, target: str = "<target>ပြီး</target>") -> str:
    return f"""<?xml version="1.0"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en-US" trgLang="my-MM">
 <file id="f1"><unit id="0123456789abcdef"><segment state="{state}"><source>One.</source>{target}</segment></unit></file>
</xliff>"""


def _foreign_1(target_attributes: str, unit_attributes: str = "") -> str:
    return f"""<?xml version="1.0"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="x" source-language="en" target-language="my" datatype="plaintext"><body>
  <trans-unit id="0123456789abcdef"{unit_attributes}><source>One.</source><target{target_attributes}>ပြီး</target></trans-unit>
 </body></file>
</xliff>"""


def _unit(tmp_path: Path, text: str) -> ExchangeUnit:
    path = tmp_path / "foreign.xlf"
    path.write_text(text, encoding="utf-8")
    document = read_xliff(path)
    assert document.foreign and len(document.units) == 1
    return document.units[0]


@pytest.mark.parametrize(("state", "status", "file_state"), [
    ("initial", DRAFT, ""), ("translated", TRANSLATED, ""), ("reviewed", TRANSLATED, "reviewed"), ("final", TRANSLATED, "final"),
])
def test_xliff_2_states_map_to_the_workbench(tmp_path, state, status, file_state):
    unit = _unit(tmp_path, _foreign_2(state))
    assert (unit.target, unit.status, unit.file_state, unit.problem) == ("ပြီး", status, file_state, "")


@pytest.mark.parametrize(("attributes", "status", "file_state"), [
    (' state="new"', DRAFT, ""), (' state="needs-translation"', DRAFT, ""), (' state="needs-review-translation"', DRAFT, ""),
    (' state="needs-l10n"', DRAFT, ""), (' state="translated"', TRANSLATED, ""), ("", TRANSLATED, ""),
    (' state="signed-off"', TRANSLATED, "signed-off"), (' state="final"', TRANSLATED, "final"),
    (' state="x-memoq-confirmed"', DRAFT, "x-memoq-confirmed"),
])
def test_xliff_1_2_states_map_to_the_workbench(tmp_path, attributes, status, file_state):
    unit = _unit(tmp_path, _foreign_1(attributes))
    assert (unit.status, unit.file_state, unit.problem) == (status, file_state, "")


def test_xliff_1_2_approved_is_translated_and_said_so(tmp_path):
    unit = _unit(tmp_path, _foreign_1(' state="needs-review-translation"', ' approved="yes"'))
    assert (unit.status, unit.file_state) == (TRANSLATED, "approved")


@pytest.mark.parametrize("text", [_foreign_2("done"), _foreign_1(' state="finished"')])
def test_a_state_of_neither_version_makes_the_unit_unimportable(tmp_path, text):
    assert "state" in _unit(tmp_path, text).problem


@pytest.mark.parametrize(("target", "expected", "problem"), [
    ('<target><mrk id="m1" type="term">NUG</mrk> က <pc id="1">ပေး</pc>မည်<sm id="s"/></target>', "NUG က ပေးမည်", ""),
    ('<target>ပေး<ph id="1"/>မည်</target>', "", "inline code <ph>"),
    ('<target>ပေး<sc id="1"/>မည်<ec startRef="1"/></target>', "", "inline code <sc>"),
    ('<target>ပေး<cp hex="0001"/></target>', "", "inline code <cp>"),
    ('<target>ပေး<b xmlns="urn:other">x</b></target>', "", "another vocabulary <b>"),
])
def test_xliff_2_inline_markup_keeps_text_and_codes_are_refused(tmp_path, target, expected, problem):
    unit = _unit(tmp_path, _foreign_2("translated", target))
    if problem:
        assert problem in unit.problem and "target" in unit.problem
    else:
        assert (unit.target, unit.problem) == (expected, "")


@pytest.mark.parametrize(("target", "expected", "problem"), [
    ('<g id="1">ပေး</g><mrk mtype="protected">NUG</mrk>', "ပေးNUG", ""),
    ('ပေး<x id="1"/>', "", "inline code <x>"),
    ('<bpt id="1">&lt;b&gt;</bpt>ပေး<ept id="1">&lt;/b&gt;</ept>', "", "inline code <bpt>"),
    ('ပေး<bx id="1"/>', "", "inline code <bx>"),
])
def test_xliff_1_2_inline_markup_keeps_text_and_codes_are_refused(tmp_path, target, expected, problem):
    text = _foreign_1("").replace("<target>ပြီး</target>", f"<target>{target}</target>")
    unit = _unit(tmp_path, text)
    if problem:
        assert problem in unit.problem
    else:
        assert (unit.target, unit.problem) == (expected, "")


def test_a_tools_1_2_file_with_groups_extensions_and_translate_no(tmp_path):
    """As Okapi, Trados or memoQ write them: groups, header, alt-trans, their own namespaces and attributes."""
    path = tmp_path / "tool.xliff"
    path.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:okp="okapi-framework:xliff-extensions"
       xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0">
 <file original="a.html" source-language="en-US" target-language="my" datatype="html" okp:inputEncoding="UTF-8">
  <header><skl><external-file href="a.skl"/></skl><tool tool-id="okapi" tool-name="Rainbow"/></header>
  <body>
   <group id="g1" resname="main" translate="no">
    <trans-unit id="u1"><source>Menu</source><target>Menu</target></trans-unit>
   </group>
   <group id="g2">
    <trans-unit id="0123456789abcdef" sdl:locked="false" okp:engine="x" approved="no">
     <source>One.</source><seg-source><mrk mtype="seg" mid="0">One.</mrk></seg-source>
     <target state="translated" state-qualifier="exact-match">တစ်။</target>
     <alt-trans match-quality="100"><source>One.</source><target>တစ်</target></alt-trans>
     <note from="reviewer">Check</note>
     <okp:extra>kept for Okapi</okp:extra>
    </trans-unit>
    <bin-unit id="b1" mime-type="image/png"><bin-source><external-file href="x.png"/></bin-source></bin-unit>
   </group>
  </body>
 </file>
</xliff>
""", encoding="utf-8")
    document = read_xliff(path)
    assert document.foreign and document.article_id is None and document.target_lang == "my"
    assert [(u.segment_id, u.skipped != "", u.target, u.status) for u in document.units] == [
        ("u1", True, "Menu", TRANSLATED), ("0123456789abcdef", False, "တစ်။", TRANSLATED)]
    assert document.units[1].notes == (Note("Check"),) and document.units[1].line == 11


@pytest.mark.parametrize(("head", "kind"), [
    ('<xliff version="1.2">', "XLIFF 1.2"),  # no namespace, as some old tools write
    ('<xliff xmlns="urn:oasis:names:tc:xliff:document:1.1" version="1.1">', "XLIFF 1.1"),
    ('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.2" version="2.2" srcLang="en" trgLang="my">', "XLIFF 2.2"),
])
def test_other_versions_are_read(tmp_path, head, kind):
    body = ('<file original="x" source-language="en" target-language="my" datatype="plaintext"><body>'
            '<trans-unit id="a"><source>One.</source><target>တစ်</target></trans-unit></body></file>'
            if "1." in kind else '<file id="f"><unit id="a"><segment state="translated"><source>One.</source>'
            '<target>တစ်</target></segment></unit></file>')
    path = tmp_path / "v.xlf"
    path.write_text(f"{head}{body}</xliff>", encoding="utf-8")
    document = read_xliff(path)
    assert document.kind == kind and [(u.segment_id, u.target) for u in document.units] == [("a", "တစ်")]


@pytest.mark.parametrize(("text", "expected"), [
    ('<xliff xmlns="urn:oasis:names:tc:xliff:document:3.0" version="3.0"/>', "is not one the workbench reads"),
    ('<tmx version="1.4"/>', "not <xliff>"),
    ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><xliff version="1.2"/>', "refusing to expand"),
    ('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xliff version="1.2">&e;</xliff>', "declares XML entities"),
    ('<xliff version="1.2"><file source-language="en" target-language="my"><body>'
     '<trans-unit id="a"><source>x</source><target>\x01</target></trans-unit></body></file></xliff>', ":1: not well-formed"),
    ('<xliff version="2.1" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en"><file id="f"/></xliff>', "has no trgLang"),
])
def test_unusable_files_are_refused_in_one_line(tmp_path, text, expected):
    path = tmp_path / "bad.xlf"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as error:
        read_xliff(path)
    assert expected in str(error.value) and "\n" not in str(error.value) and str(path) in str(error.value)


def test_a_text_xml_cannot_hold_is_refused_before_writing():
    document = _document()
    bad = ExchangeDocument("my", 7, "x", [ExchangeUnit("a", "One.", "တစ်\x0b", TRANSLATED)])
    for version in ("2.1", "1.2"):
        with pytest.raises(UserError, match="U\\+000B"):
            XliffFormat(version).write(bad)
    assert XliffFormat("2.1").write(document)


def test_hostile_nesting_is_refused_not_a_crash(tmp_path):
    deep_groups = ('<xliff version="1.2"><file source-language="en" target-language="my"><body>'
                   + '<group id="g">' * 5_000 + '<trans-unit id="a"><source>x</source></trans-unit>'
                   + "</group>" * 5_000 + "</body></file></xliff>")
    path = tmp_path / "deep.xlf"
    path.write_text(deep_groups, encoding="utf-8")
    with pytest.raises(UserError, match="nested more than"):
        read_xliff(path)
    deep_markup = _foreign_1("").replace("<target>ပြီး</target>", "<target>" + "<g>" * 5_000 + "x" + "</g>" * 5_000 + "</target>")
    assert "nested more than" in _unit(tmp_path, deep_markup).problem


def test_a_unit_another_tool_split_reads_as_the_one_sentence(tmp_path):
    split = ('<segment state="final"><source>One.</source><target>တစ်။</target></segment>'
             '<ignorable><source> </source></ignorable>'
             '<segment state="reviewed"><source>Two.</source><target>နှစ်။</target></segment>')
    text = _foreign_2("translated").replace('<segment state="translated"><source>One.</source><target>ပြီး</target></segment>', split)
    unit = _unit(tmp_path, text)
    assert (unit.source, unit.target, unit.status, unit.file_state, unit.problem) == ("One. Two.", "တစ်။ နှစ်။", TRANSLATED, "final", "")
    half = text.replace("<target>နှစ်။</target>", "").replace('state="reviewed"', 'state="initial"')
    assert "only 1 of its 2 segments have a target" in _unit(tmp_path, half).problem
