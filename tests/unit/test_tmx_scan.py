"""The scan (`workbench.formats.tmx_scan`) reads plain <tu>s straight from the text: it must give
exactly what the whole-tree reader gives (units, extra, notes, languages), refuse exactly what it
refuses with the same line, and leave to it every file it cannot read whole."""

from __future__ import annotations

import datetime as dt

import pytest

from workbench.errors import UserError
from workbench.formats import tmx_read
from workbench.formats.tmx import TmxUnit
from workbench.formats.tmx_read import parse_tmx
from workbench.formats.tmx_scan import scan_tmx
from workbench.formats.tmx_write import tmx_bytes

HEADER = '<header creationtool="t" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="t" srclang="en"/>'
PLAIN = ('<tu tuid="{n}" creationdate="20240301T101500Z" creationid="tin">'
         '<tuv xml:lang="en"><seg>Source {n}</seg></tuv><tuv xml:lang="my"><seg>ပစ်မှတ် {n}</seg></tuv></tu>\n')
RUN = "".join(PLAIN.format(n=n) for n in range(3))  # plain <tu>s of one lane around each case


def _document(body: str, prolog: str = "", root: str = '<tmx version="1.4">') -> bytes:
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{prolog}{root}\n{HEADER}\n<body>\n{body}</body>\n</tmx>\n'.encode()


def _reference(monkeypatch: pytest.MonkeyPatch, data: bytes, lang: str | None = None):
    """The whole tree, every <tu> by the full path (no plain path, no scan)."""
    with monkeypatch.context() as patch:
        patch.setattr(tmx_read._Reader, "pair", lambda self, *args: None)
        patch.setattr(tmx_read, "scan_tmx", lambda *args: None)
        return parse_tmx(data, "memory.tmx", lang)


def _scanned(data: bytes, lang: str | None = None):
    found = scan_tmx(data.decode(), "memory.tmx", lambda root, lines: tmx_read._Reader(root, lines, "memory.tmx", lang))
    return None if found is None else found.file()


CASES = {
    "references in text": '<tu><tuv xml:lang="en"><seg>A &amp; B &lt;b&gt; &quot;q&quot; &apos;s &#x1000;&#4096;&#13;</seg></tuv>'
                          '<tuv xml:lang="my"><seg>ခ &gt; ဂ</seg></tuv></tu>\n',
    "CR LF in text": '<tu><tuv xml:lang="en"><seg>two\r\nlines\rthree</seg></tuv><tuv xml:lang="my"><seg>ကက</seg></tuv></tu>\n',
    "> and quotes in attributes": '<tu tuid=\'a"b\' x-note="1 &gt; 0" x-gt="a>b"><tuv xml:lang="en"><seg>q</seg></tuv>'
                                  '<tuv xml:lang="my"><seg>ကက</seg></tuv></tu>\n',
    "tab and newline in an attribute": '<tu x-a="one\ttwo\nthree"><tuv xml:lang="en"><seg>t</seg></tuv>'
                                       '<tuv xml:lang="my"><seg>ကက</seg></tuv></tu>\n',
    "other attributes": '<tu usagecount="2"><tuv xml:lang="en" creationid="x"><seg>u</seg></tuv>'
                        '<tuv lang="MY-mm" changedate="20240101T000000Z"><seg>ကက</seg></tuv></tu>\n',
    "spaces in tags": '<tu  tuid = "s" ><tuv\n xml:lang="en" ><seg>sp</seg>\n</tuv >\n<tuv xml:lang="my"><seg>ကက</seg></tuv></tu >\n',
    "xml:lang and xml:space on the tu": '<tu xml:lang="en" xml:space="preserve"><tuv xml:lang="en"><seg>x</seg></tuv>'
                                        '<tuv xml:lang="my"><seg>ကက</seg></tuv></tu>\n',
    "a namespace on a tu": '<tu xmlns:q="urn:q" q:id="1"><tuv xml:lang="en"><seg>ns</seg></tuv>'
                           '<tuv xml:lang="my"><seg>ကက</seg></tuv></tu>\n',
    "comments and a PI": '<!-- a comment --><?pi data?>\n<tu><!-- in --><tuv xml:lang="en"><seg>c<!-- x -->d</seg></tuv>'
                         '<tuv xml:lang="my"><seg>ကက</seg></tuv></tu>\n',
    "CDATA": '<tu><tuv xml:lang="en"><seg><![CDATA[<b>bold</b> & </tu>]]></seg></tuv><tuv xml:lang="my"><seg>ကက</seg></tuv></tu>\n',
    "empty segments": '<tu><tuv xml:lang="en"><seg/></tuv><tuv xml:lang="my"><seg>က</seg></tuv></tu>\n'
                      '<tu><tuv xml:lang="en"><seg>e</seg></tuv><tuv xml:lang="my"><seg> </seg></tuv></tu>\n'
                      '<tu><tuv xml:lang="en"><seg>   </seg></tuv><tuv xml:lang="my"><seg></seg></tuv></tu>\n',
    "a tu of one variant and an empty tu": '<tu><tuv xml:lang="en"><seg>alone</seg></tuv></tu>\n<tu/>\n<tu></tu>\n',
    "seg attributes, two English": '<tu><tuv xml:lang="en"><seg x="1">a</seg></tuv><tuv xml:lang="my"><seg>ကက</seg></tuv></tu>\n'
                                   '<tu><tuv xml:lang="en"><seg>b</seg></tuv><tuv xml:lang="en-GB"><seg>b</seg></tuv></tu>\n',
    "codes, props and notes": '<tu><prop type="x-context-pre">Before.</prop><note>n</note><tuv xml:lang="en"><seg>Press '
                              '<bpt i="1">&lt;b&gt;</bpt>here<ept i="1">&lt;/b&gt;</ept></seg></tuv>'
                              '<tuv xml:lang="my"><prop type="p">v</prop><seg>ဒီ</seg></tuv></tu>\n',
    "reversed and other targets": '<tu srclang="fr"><tuv xml:lang="fr"><seg>oui</seg></tuv><tuv xml:lang="en"><seg>yes</seg></tuv></tu>\n'
                                  '<tu><tuv xml:lang="zh-TW"><seg>是</seg></tuv><tuv xml:lang="EN-us"><seg>yes</seg></tuv></tu>\n',
}


@pytest.mark.parametrize("lang", [None, "my"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_the_scan_gives_what_the_whole_tree_gives(monkeypatch, case, lang):
    data = _document(RUN + CASES[case] + RUN)
    scanned = _scanned(data, lang)
    assert scanned is not None  # read by the scan (the case itself by the tree reader, when it must)
    reference = _reference(monkeypatch, data, lang)
    assert scanned == reference and [u.extra for u in scanned.units] == [u.extra for u in reference.units]
    assert parse_tmx(data, "memory.tmx", lang) == reference
    assert len(scanned.units) >= 6


def test_text_references_and_line_ends_are_read_as_xml_reads_them(monkeypatch):
    found = _scanned(_document(CASES["references in text"] + CASES["CR LF in text"] + CASES["tab and newline in an attribute"]))
    assert found is not None
    first, second, third = found.units
    assert first.source_text == 'A & B <b> "q" \'s \u1000\u1000\r' and first.target_text == "ခ > ဂ"
    assert second.source_text == "two\nlines\nthree"
    assert third.extra["tmx"]["tu"]["attrs"]["x-a"] == "one two three"


@pytest.mark.parametrize("tu_attributes", ['tuid="{n}"', 'tuid="{n}" usagecount="{n}"', 'usagecount="{n}" tuid="{n}"', ""])
def test_tus_of_several_attribute_sets_in_one_file(monkeypatch, tu_attributes):
    body = "".join(f'<tu {tu_attributes.format(n=n)}><tuv xml:lang="en"><seg>s{n}</seg></tuv>'
                   f'<tuv xml:lang="my"><seg>က{n}</seg></tuv></tu>\n' + PLAIN.format(n=n) for n in range(4))
    data = _document(body)
    assert _scanned(data) == _reference(monkeypatch, data)


def test_a_generated_memory_reads_the_same(monkeypatch):
    when = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    units = [TmxUnit("en", "my", f"Source {n} & <more> \"q\"", f"ပစ်မှတ် {n}", "", f"tu{n}", "tin", when, "mya",
                     when + dt.timedelta(seconds=n)) for n in range(200)]
    data = tmx_bytes(units)
    scanned = _scanned(data)
    assert scanned is not None and scanned == _reference(monkeypatch, data)
    assert [(u.source_text, u.tuid, u.changed_at) for u in scanned.units] == [
        (u.source_text, u.tuid, u.changed_at) for u in units]


REFUSED = {
    "unknown language": '<tu><tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="qq-!!"><seg>b</seg></tuv></tu>\n',
    "no language": '<tu><tuv><seg>a</seg></tuv><tuv xml:lang="my"><seg>b</seg></tuv></tu>\n',
    "no English": '<tu><tuv xml:lang="fr"><seg>a</seg></tuv><tuv xml:lang="de"><seg>b</seg></tuv></tu>\n',
    "an attribute twice": '<tu tuid="1" tuid="2"><tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="my"><seg>b</seg></tuv></tu>\n',
    "an attribute twice on a tuv": '<tu><tuv xml:lang="en" a="1" a="2"><seg>a</seg></tuv><tuv xml:lang="my"><seg>b</seg></tuv></tu>\n',
    "an undefined entity": '<tu><tuv xml:lang="en"><seg>a &nbsp; b</seg></tuv><tuv xml:lang="my"><seg>b</seg></tuv></tu>\n',
    "a forbidden character reference": '<tu><tuv xml:lang="en"><seg>a &#0; b</seg></tuv><tuv xml:lang="my"><seg>b</seg></tuv></tu>\n',
    "a control character": '<tu><tuv xml:lang="en"><seg>a \x01 b</seg></tuv><tuv xml:lang="my"><seg>b</seg></tuv></tu>\n',
    "]]> in text": '<tu><tuv xml:lang="en"><seg>a ]]> b</seg></tuv><tuv xml:lang="my"><seg>b</seg></tuv></tu>\n',
    "an attribute without quotes": '<tu tuid=1><tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="my"><seg>b</seg></tuv></tu>\n',
    "a tuv attribute without a value": '<tu><tuv xml:lang="en" x><seg>a</seg></tuv><tuv xml:lang="my"><seg>b</seg></tuv></tu>\n',
    "another element in the body": '<note>hi</note>\n',
    "a tag not closed": '<tu><tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="my"><seg>b</seg></tuv>\n',
    "an unbound prefix": '<tu q:x="1"><tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="my"><seg>b</seg></tuv></tu>\n',
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_what_the_tree_reader_refuses_is_refused_with_the_same_line(monkeypatch, case):
    data = _document(RUN + REFUSED[case] + RUN)
    with pytest.raises(UserError) as reference:
        _reference(monkeypatch, data)
    with pytest.raises(UserError) as error:
        parse_tmx(data, "memory.tmx")
    assert str(error.value) == str(reference.value) and "\n" not in str(error.value)
    assert "nothing was imported" in str(error.value) or "refusing" in str(error.value)


@pytest.mark.parametrize("cut", [0.3, 0.5, 0.99])
def test_a_file_cut_short_is_never_scanned_and_is_refused(monkeypatch, cut):
    data = _document(RUN * 20)
    part = data[: int(len(data) * cut)]
    assert _scanned_or_none(part) is None
    with pytest.raises(UserError, match="not well-formed XML"):
        parse_tmx(part, "memory.tmx")


def _scanned_or_none(data: bytes):
    try:
        return _scanned(data)
    except UnicodeDecodeError:
        return None


def test_a_dtd_leaves_the_file_to_the_tree_reader(monkeypatch):
    attlist = '<!DOCTYPE tmx [<!ATTLIST tu usagecount CDATA "7">]>\n'
    data = _document(RUN, prolog=attlist)
    assert _scanned(data) is None
    units = parse_tmx(data, "memory.tmx").units  # the default attribute the DTD gives is read
    assert units == _reference(monkeypatch, data).units and units[0].extra["tmx"]["tu"]["attrs"]["usagecount"] == "7"
    entities = '<!DOCTYPE tmx [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>\n'
    with pytest.raises(UserError, match="declares XML entities"):
        parse_tmx(_document(RUN.replace("Source 1", "&b;"), prolog=entities), "memory.tmx")


def test_a_default_namespace_on_the_root_is_refused_as_before(monkeypatch):
    data = _document(RUN, root='<tmx xmlns="urn:x" version="1.4">')
    assert _scanned(data) is None
    with pytest.raises(UserError, match="not <tmx>"):
        parse_tmx(data, "memory.tmx")


def test_a_plain_file_is_read_by_the_scan_not_by_the_tree(monkeypatch):
    monkeypatch.setattr(tmx_read, "read_tree", lambda *args: pytest.fail("the tree reader was used"))
    assert len(parse_tmx(_document(RUN * 10), "memory.tmx").units) == 30


CODED = ('<tu tuid="c{n}"><tuv xml:lang="en"><seg>Press <ph x="1">&lt;br/&gt;</ph> {n}</seg></tuv>'
         '<tuv xml:lang="my"><seg><ph x="1">&lt;br/&gt;</ph> နှိပ် {n}</seg></tuv></tu>\n')


@pytest.mark.parametrize("body", [
    "".join(CODED.format(n=n) for n in range(100)),  # no plain <tu> at the start: the tree reads it all
    "".join(CODED.format(n=n) + PLAIN.format(n=n) for n in range(200)),  # as many runs as <tu>s: one tree instead
    "".join(CODED.format(n=n) + PLAIN.format(n=n) * 9 for n in range(100)),  # runs between plain <tu>s
])
def test_files_of_many_code_bearing_units_read_the_same(monkeypatch, body):
    data = _document(body)
    assert parse_tmx(data, "memory.tmx") == _reference(monkeypatch, data)
