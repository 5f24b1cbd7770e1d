"""The reader's fast paths give exactly what the full path gives: the plain-<tu> path of the tree
reader (a <tu> of two text-only variants) and the scan that reads plain <tu>s straight from the
text (`workbench.formats.tmx_scan`), with every other part read by the tree reader."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from workbench.errors import UserError
from workbench.formats import tmx_read
from workbench.formats.tmx import TmxUnit, parse_tmx_date
from workbench.formats.tmx_read import parse_tmx
from workbench.formats.tmx_write import tmx_bytes

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "tmx"

HEADER = ('<header creationtool="t" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="t" {attributes}>'
          '<prop type="x-desk">news</prop><note>from the old tool</note></header>')

MIXED = """
<tu tuid="1" creationdate="20240301T101500Z" creationid="tin" usagecount="3">
  <tuv xml:lang="EN-US"><seg>Prices rose &amp; fell &lt;again&gt;.</seg></tuv>
  <tuv xml:lang="my-MM" changedate="20240302T000000Z" changeid="mya"><seg>ဈေးနှုန်း တက်သည်။</seg></tuv>
</tu>
<tu tuid="2"><tuv xml:lang="en"><seg>Press <bpt i="1">&lt;b&gt;</bpt>here<ept i="1">&lt;/b&gt;</ept>.</seg></tuv>
  <tuv xml:lang="my"><seg><bpt i="1">&lt;b&gt;</bpt>ဒီမှာ<ept i="1">&lt;/b&gt;</ept> နှိပ်ပါ။</seg></tuv></tu>
<tu><tuv xml:lang="my"><seg>ပြန်ပြောင်း</seg></tuv><tuv xml:lang="en" x-tool="y"><seg>Reversed order</seg></tuv></tu>
<tu srclang="fr"><tuv lang="en"><seg>Old OmegaT attribute</seg></tuv><tuv lang="fr"><seg>Attribut ancien</seg></tuv></tu>
<tu tuid="5"><prop type="x-context-pre">Before.</prop><tuv xml:lang="en"><seg>With a context</seg></tuv>
  <tuv xml:lang="my"><seg>အကြောင်း</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>   </seg></tuv><tuv xml:lang="my"><seg>empty source</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>empty target</seg></tuv><tuv xml:lang="my"><seg/></tuv></tu>
<tu><tuv xml:lang="en"><seg>two English</seg></tuv><tuv xml:lang="en-GB"><seg>two English</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>alone</seg></tuv></tu>
<tu changedate="2024-03-05T08:00:00+06:30"><tuv xml:lang="en"><seg>ISO date, text with a &lt;x1/&gt;-like look</seg></tuv>
  <tuv xml:lang="zh-TW"><seg>文字 &lt;x1/&gt;</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>three variants</seg></tuv><tuv xml:lang="my"><seg>သုံး</seg></tuv>
  <tuv xml:lang="fr"><seg>trois</seg></tuv></tu>
<tu creationdate="20241399T000000Z"><tuv xml:lang="en"><seg>bad date</seg></tuv><tuv xml:lang="my"><seg>ရက်</seg></tuv></tu>
"""


def _document(body: str, header: str = 'srclang="*all*" creationid="desk" creationdate="20230101T000000Z"') -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n{HEADER.format(attributes=header)}\n'
            f"<body>{body}</body>\n</tmx>\n").encode()


def _full_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every <tu> read by the full path of the tree reader (no plain path, no scan)."""
    monkeypatch.setattr(tmx_read._Reader, "pair", lambda self, *args: None)
    monkeypatch.setattr(tmx_read, "scan_tmx", lambda *args: None)


def _both(monkeypatch: pytest.MonkeyPatch, data: bytes, lang: str | None = None):
    fast = parse_tmx(data, "memory.tmx", lang)
    with monkeypatch.context() as patch:
        _full_only(patch)
        full = parse_tmx(data, "memory.tmx", lang)
    return fast, full


@pytest.mark.parametrize("header", ['srclang="*all*" creationid="desk" creationdate="20230101T000000Z"',
                                    'srclang="en-US"', 'srclang="fr"', ""])
@pytest.mark.parametrize("lang", [None, "my", "zh_TW"])
def test_plain_and_code_bearing_units_read_as_the_full_path_reads_them(monkeypatch, header, lang):
    fast, full = _both(monkeypatch, _document(MIXED, header), lang)
    assert fast.units == full.units and fast.notes == full.notes and fast.languages == full.languages
    assert fast.units  # something was read
    assert [unit.extra for unit in fast.units] == [unit.extra for unit in full.units]


def test_a_mixed_file_round_trips_identically(monkeypatch):
    first = parse_tmx(_document(MIXED), "memory.tmx")
    written = tmx_bytes(first.units)
    again, again_full = _both(monkeypatch, written)
    assert again.units == first.units == again_full.units
    assert tmx_bytes(again.units) == written


@pytest.mark.parametrize("name", sorted(path.name for path in FIXTURES.glob("*.tmx")))
def test_every_fixture_reads_the_same_on_both_paths(monkeypatch, name):
    fast, full = _both(monkeypatch, (FIXTURES / name).read_bytes())
    assert fast == full


def test_many_plain_units_with_dates_and_authors(monkeypatch):
    when = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    units = [TmxUnit("en", "my", f"Source {n} & <more>", f"ပစ်မှတ် {n}", "", f"tu{n}", "tin", when, "mya",
                     when + dt.timedelta(seconds=n)) for n in range(50)]
    fast, full = _both(monkeypatch, tmx_bytes(units))
    assert fast == full
    assert [(u.source_text, u.tuid, u.changed_at) for u in fast.units] == [
        (u.source_text, u.tuid, u.changed_at) for u in units]


@pytest.mark.parametrize("body", [
    '<tu><tuv xml:lang="fr"><seg>a</seg></tuv><tuv xml:lang="de"><seg>b</seg></tuv></tu>',
    '<tu><tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="qq-!!"><seg>b</seg></tuv></tu>',
    '<tu><tuv><seg>a</seg></tuv><tuv xml:lang="my"><seg>b</seg></tuv></tu>',
    '<tu><tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="my"><note>n</note></tuv></tu>',
])
def test_refusals_are_the_same_on_both_paths(monkeypatch, body):
    data = _document(PLAIN_BEFORE + body)
    with pytest.raises(UserError) as fast:
        parse_tmx(data, "memory.tmx")
    _full_only(monkeypatch)
    with pytest.raises(UserError) as full:
        parse_tmx(data, "memory.tmx")
    assert str(fast.value) == str(full.value)


PLAIN_BEFORE = '<tu><tuv xml:lang="en"><seg>fine</seg></tuv><tuv xml:lang="my"><seg>ကောင်း</seg></tuv></tu>\n'


def test_the_fast_path_is_taken_for_plain_units(monkeypatch):
    taken = []
    pair = tmx_read._Reader.pair

    def counted(self, *args):
        found = pair(self, *args)
        taken.append(found is not None)
        return found

    monkeypatch.setattr(tmx_read._Reader, "pair", counted)
    monkeypatch.setattr(tmx_read, "scan_tmx", lambda *args: None)  # the tree reader, which asks for every <tu>
    parse_tmx(_document(MIXED), "memory.tmx")
    assert taken.count(True) >= 6 and False in taken


@pytest.mark.parametrize("raw", ["20240101T000001Z", "20240229T235959Z", "20230229T000000Z", "20240101T240000Z",
                                 "20240101T235960Z", "20241301T000000Z", "00000101T000000Z", "99991231T235959Z"])
def test_the_dates_tmx_prescribes_read_as_their_fields_say(raw):
    try:
        expected = dt.datetime(int(raw[:4]), int(raw[4:6]), int(raw[6:8]), int(raw[9:11]), int(raw[11:13]),
                               int(raw[13:15]), tzinfo=dt.UTC)
    except ValueError:
        expected = None
    assert parse_tmx_date(raw) == expected
    assert expected is None or parse_tmx_date(raw).tzinfo is dt.UTC
