"""TBX specifics: hand-written v3 and v2 samples, the status mapping, and hostile or broken XML."""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from workbench.errors import UserError
from workbench.formats.glossary_io import read_glossary, write_glossary
from workbench.formats.tbx import STATUS_TO_TBX, TBX_NAMESPACE, parse_tbx, render_tbx
from workbench.glossary.model import (
    ABBREVIATION,
    APPROVED,
    DEPRECATED,
    FORBIDDEN,
    FULL,
    PROPOSED,
    REJECTED,
    VARIANT,
    Entry,
    Rendering,
    Term,
)

TBX_V3 = """<?xml version="1.0" encoding="UTF-8"?>
<?xml-model href="TBXcoreStructV03_TBX-Basic_integrated.rng" type="application/xml"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader>
    <fileDesc><sourceDesc><p>Desk termbase, hand-written for the test</p></sourceDesc></fileDesc>
  </tbxHeader>
  <text>
    <body>
      <conceptEntry id="nug">
        <transacGrp><transac type="transactionType">origination</transac><date>2024-01-05</date></transacGrp>
        <descrip type="subjectField">politics</descrip>
        <admin type="source">Desk style guide</admin>
        <note>Use the full form on first mention.</note>
        <langSec xml:lang="en">
          <descripGrp>
            <descrip type="definition">The parallel government formed in 2021.</descrip>
            <admin type="source">Wikipedia</admin>
          </descripGrp>
          <termSec>
            <term>National Unity Government</term>
            <termNote type="termType">fullForm</termNote>
            <termNote type="partOfSpeech">noun</termNote>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          </termSec>
          <termSec>
            <term>NUG</term>
            <termNote type="termType">acronym</termNote>
          </termSec>
          <termSec><term>Unity Government</term><termNote type="termType">shortcut</termNote></termSec>
        </langSec>
        <langSec xml:lang="my">
          <termSec>
            <term>အမျိုးသား ညီညွတ်ရေး အစိုးရ</term>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
            <descripGrp><descrip type="context">…အမျိုးသား ညီညွတ်ရေး အစိုးရက ပြောသည်။</descrip></descripGrp>
            <admin type="source">BBC Burmese</admin>
            <note>Official spelling.</note>
          </termSec>
          <termSec>
            <term>NUG အစိုးရ</term>
            <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote>
          </termSec>
        </langSec>
        <langSec xml:lang="ja">
          <termSec>
            <term>国民統一<hi type="bold">政府</hi></term>
            <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
          </termSec>
          <termSec><term>挙国一致政府</term><termNote type="administrativeStatus">notRecommended</termNote></termSec>
          <termSec><term>統一政府</term></termSec>
        </langSec>
      </conceptEntry>
      <conceptEntry>
        <langSec xml:lang="en-GB">
          <termSec><term>People’s Defence Force</term></termSec>
        </langSec>
        <langSec xml:lang="my">
          <termSec>
            <term>ပြည်သူ့ ကာကွယ်ရေး တပ်</term>
            <termNote type="administrativeStatus">supersededTerm-admn-sts</termNote>
          </termSec>
        </langSec>
      </conceptEntry>
    </body>
  </text>
</tbx>
"""

TBX_V3_EXPECTED = [
    Entry(
        "nug",
        (Term("National Unity Government", FULL, status="preferred", part_of_speech="noun"), Term("NUG", ABBREVIATION),
         Term("Unity Government", VARIANT)),
        (Rendering("my", "အမျိုးသား ညီညွတ်ရေး အစိုးရ", APPROVED, note="Official spelling.", source="BBC Burmese"),
         Rendering("my", "NUG အစိုးရ", PROPOSED),
         Rendering("ja", "国民統一政府", DEPRECATED),
         Rendering("ja", "挙国一致政府", DEPRECATED),
         Rendering("ja", "統一政府", PROPOSED)),
        domain="politics", definition="The parallel government formed in 2021.",
        note="Use the full form on first mention.", sources=("Desk style guide", "Wikipedia"),
    ),
    Entry("peoples-defence-force", (Term("People’s Defence Force"),),
          (Rendering("my", "ပြည်သူ့ ကာကွယ်ရေး တပ်", DEPRECATED),)),
]

TBX_V2 = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX" xml:lang="en">
  <martifHeader>
    <fileDesc><sourceDesc><p>Exported from an old termbase</p></sourceDesc></fileDesc>
    <encodingDesc><p type="XCSURI">TBXXCSV02.xcs</p></encodingDesc>
  </martifHeader>
  <text>
    <body>
      <termEntry id="uec">
        <descrip type="subjectField">elections</descrip>
        <langSet xml:lang="en">
          <descrip type="definition">The body that runs national elections.</descrip>
          <tig>
            <term>Union Election Commission</term>
            <termNote type="termType">fullForm</termNote>
          </tig>
          <ntig>
            <termGrp>
              <term>UEC</term>
              <termNote type="termType">abbreviation</termNote>
            </termGrp>
            <admin type="source">Gazette</admin>
          </ntig>
        </langSet>
        <langSet xml:lang="my">
          <tig>
            <term>ပြည်ထောင်စု ရွေးကောက်ပွဲ ကော်မရှင်</term>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
            <note>Official name.</note>
            <note>Second note.</note>
          </tig>
        </langSet>
        <langSet xml:lang="fr">
          <ntig>
            <termGrp>
              <term>Commission électorale de l’Union</term>
              <termNote type="normativeAuthorization">deprecatedTerm</termNote>
            </termGrp>
          </ntig>
        </langSet>
      </termEntry>
    </body>
  </text>
</martif>
"""

TBX_V2_EXPECTED = [
    Entry(
        "uec",
        (Term("Union Election Commission", FULL), Term("UEC", ABBREVIATION, source="Gazette")),
        (Rendering("my", "ပြည်ထောင်စု ရွေးကောက်ပွဲ ကော်မရှင်", APPROVED, note="Official name.\nSecond note."),
         Rendering("fr", "Commission électorale de l’Union", DEPRECATED)),
        domain="elections", definition="The body that runs national elections.",
    ),
]


def _tbx(tmp_path: Path, text: str | bytes, name: str = "sample.tbx") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def _refused(path: Path, match: str) -> str:
    with pytest.raises(UserError, match=match) as error:
        read_glossary(path)
    message = str(error.value)
    assert "\n" not in message and str(path) in message
    return message


# ---------------------------------------------------------------- samples

def test_reads_a_hand_written_tbx_v3_file(tmp_path):
    assert read_glossary(_tbx(tmp_path, TBX_V3)) == TBX_V3_EXPECTED


def test_reads_a_hand_written_tbx_v2_martif_file_with_its_doctype(tmp_path):
    assert read_glossary(_tbx(tmp_path, TBX_V2, "old.xml")) == TBX_V2_EXPECTED


def test_v3_without_namespace_and_with_a_foreign_extension_namespace(tmp_path):
    text = TBX_V3.replace(' xmlns="urn:iso:std:iso:30042:ed-2"', "").replace(
        "<note>Official spelling.</note>", '<x:flag xmlns:x="urn:example">ignored</x:flag><note>Official spelling.</note>')
    assert read_glossary(_tbx(tmp_path, text)) == TBX_V3_EXPECTED


def test_missing_ids_are_derived_and_made_unique(tmp_path):
    concept = '<conceptEntry><langSec xml:lang="en"><termSec><term>Tatmadaw</term></termSec></langSec></conceptEntry>'
    text = TBX_V3.replace('<conceptEntry id="nug">', concept * 2 + '<conceptEntry id="tatmadaw">')
    assert [entry.id for entry in read_glossary(_tbx(tmp_path, text))] == [
        "tatmadaw-2", "tatmadaw-3", "tatmadaw", "peoples-defence-force"]


def test_foreign_status_values_map_to_workbench_statuses():
    def status_of(value: str) -> str:
        text = TBX_V3.replace("supersededTerm-admn-sts", value)
        return parse_tbx(text.encode(), "x.tbx")[1].renderings[0].status

    assert [status_of(v) for v in ("preferredTerm-admn-sts", "preferred", "admittedTerm-admn-sts", "admitted",
                                   "deprecatedTerm-admn-sts", "notRecommendedTerm-admn-sts", "mystery")] == [
        APPROVED, APPROVED, PROPOSED, PROPOSED, DEPRECATED, DEPRECATED, PROPOSED]


# ---------------------------------------------------------------- writing

def test_writes_tbx_v3_basic_with_the_documented_status_mapping(tmp_path):
    statuses = (APPROVED, PROPOSED, DEPRECATED, FORBIDDEN, REJECTED)
    entry = Entry("nug", (Term("NUG", ABBREVIATION),), tuple(Rendering("my", f"r{s}", s) for s in statuses))
    path = tmp_path / "out.tbx"
    write_glossary([entry], path)
    root = ET.parse(path).getroot()
    ns = {"t": TBX_NAMESPACE}
    assert root.tag == f"{{{TBX_NAMESPACE}}}tbx"
    assert (root.get("type"), root.get("style"), root.get("{http://www.w3.org/XML/1998/namespace}lang")) == (
        "TBX-Basic", "dca", "en")
    assert root.find("t:text/t:body/t:conceptEntry", ns).get("id") == "nug"
    term_type = root.find(".//t:langSec[@{http://www.w3.org/XML/1998/namespace}lang='en']//t:termNote", ns)
    assert (term_type.get("type"), term_type.text) == ("termType", "abbreviation")
    written = [note.text for note in root.findall(".//t:termNote[@type='administrativeStatus']", ns)]
    assert written == [STATUS_TO_TBX[s] for s in statuses] == [
        "preferredTerm-admn-sts", "admittedTerm-admn-sts", "deprecatedTerm-admn-sts",
        "deprecatedTerm-admn-sts", "notRecommendedTerm-admn-sts"]
    notes = [note.text for note in root.iter(f"{{{TBX_NAMESPACE}}}note")]
    assert notes == ["workbench:status=forbidden", "workbench:status=rejected"]
    assert read_glossary(path) == [entry]


def test_ids_that_are_not_xml_names_get_a_valid_id_and_survive(tmp_path):
    entries = [Entry("2020 election", (Term("2020 election"),)), Entry("entry-1", (Term("other"),))]
    data = render_tbx(entries)
    ids = [element.get("id") for element in ET.fromstring(data).iter(f"{{{TBX_NAMESPACE}}}conceptEntry")]
    assert ids == ["entry-1-2", "entry-1"]
    assert parse_tbx(data, "x.tbx") == entries


# ---------------------------------------------------------------- hostile and broken files

def test_xxe_external_entity_is_refused_and_the_file_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-PASSWORD-42", encoding="utf-8")
    text = TBX_V3.replace(
        '<?xml-model href="TBXcoreStructV03_TBX-Basic_integrated.rng" type="application/xml"?>',
        f'<!DOCTYPE tbx [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>',
    ).replace("<term>NUG</term>", "<term>&xxe;</term>")
    message = _refused(_tbx(tmp_path, text), "declares XML entities.*refusing to expand")
    assert "TOP-SECRET" not in message


def test_xxe_through_a_parameter_entity_is_refused(tmp_path):
    secret = tmp_path / "secret.dtd"
    secret.write_text('<!ENTITY leak "TOP-SECRET">', encoding="utf-8")
    text = f'<?xml version="1.0"?><!DOCTYPE tbx [<!ENTITY % remote SYSTEM "{secret.as_uri()}"> %remote;]><tbx>&leak;</tbx>'
    assert "TOP-SECRET" not in _refused(_tbx(tmp_path, text), "declares XML entities")


def test_billion_laughs_is_refused_quickly(tmp_path):
    levels = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)]
    text = f'<?xml version="1.0"?><!DOCTYPE tbx [{"".join(levels)}]><tbx><text><body>&lol9;</body></text></tbx>'
    started = time.perf_counter()
    _refused(_tbx(tmp_path, text), "declares XML entities")
    assert time.perf_counter() - started < 5


def test_doctype_with_an_internal_entity_is_refused(tmp_path):
    text = TBX_V3.replace('<?xml-model href="TBXcoreStructV03_TBX-Basic_integrated.rng" type="application/xml"?>',
                          '<!DOCTYPE tbx [<!ENTITY desk "Burmese desk">]>').replace("politics", "&desk;")
    _refused(_tbx(tmp_path, text), r"declares XML entities \('desk'\)")


def test_truncated_xml_names_line_and_column(tmp_path):
    data = TBX_V3.encode("utf-8")
    _refused(_tbx(tmp_path, data[: len(data) // 2]), r"sample.tbx:\d+: not well-formed XML \(column \d+")


def test_undefined_entity_and_stray_markup_are_malformed(tmp_path):
    _refused(_tbx(tmp_path, TBX_V3.replace("politics", "&nbsp;")), r"sample.tbx:11: not well-formed XML \(column \d+: undefined entity")
    _refused(_tbx(tmp_path, TBX_V3.replace("politics", "a < b")), "not well-formed XML")


def test_latin1_bytes_declared_as_utf8_are_refused(tmp_path):
    data = TBX_V2.replace("ပြည်ထောင်စု ရွေးကောက်ပွဲ ကော်မရှင်", "x").encode("cp1252")
    _refused(_tbx(tmp_path, data), r"sample.tbx:37: not valid UTF-8 text \(byte 0xE9 at offset \d+\)")


def test_latin1_declared_as_latin1_is_read(tmp_path):
    text = TBX_V2.replace("ပြည်ထောင်စု ရွေးကောက်ပွဲ ကော်မရှင်", "x").replace("’", "'")
    data = text.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').encode("latin-1")
    assert read_glossary(_tbx(tmp_path, data))[0].renderings[1].text == "Commission électorale de l'Union"


def test_utf16_is_read_with_or_without_a_bom_when_the_declaration_matches(tmp_path):
    good = TBX_V2.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
    assert read_glossary(_tbx(tmp_path, good)) == TBX_V2_EXPECTED
    unmarked = TBX_V2.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16-le")  # Trados saves these
    assert read_glossary(_tbx(tmp_path, unmarked)) == TBX_V2_EXPECTED
    _refused(_tbx(tmp_path, TBX_V2.encode("utf-16")), "UTF-16 text but declares encoding 'UTF-8'")
    _refused(_tbx(tmp_path, TBX_V2.encode("utf-16-le")), "UTF-16-LE text but declares encoding 'UTF-8'")
    _refused(_tbx(tmp_path, TBX_V2.replace("UTF-8", "klingon-8")), "unknown encoding 'klingon-8'")


def test_a_non_tbx_root_is_refused(tmp_path):
    _refused(_tbx(tmp_path, '<?xml version="1.0"?><html><body/></html>', "page.xml"), "root element is <html>")
    _refused(_tbx(tmp_path, '<tmx version="1.4"><body/></tmx>'), r"<tmx>, not <tbx> \(TBX v3\) or <martif>")


def test_structural_problems_are_one_line_errors(tmp_path):
    _refused(_tbx(tmp_path, '<tbx xmlns="urn:iso:std:iso:30042:ed-2"/>'), "no <text><body>")
    _refused(_tbx(tmp_path, TBX_V3.replace('<langSec xml:lang="ja">', "<langSec>")), "concept nug .* without xml:lang")
    _refused(_tbx(tmp_path, TBX_V3.replace("<conceptEntry>", '<conceptEntry id="nug">')), "two concepts have the id 'nug'")
    _refused(_tbx(tmp_path, TBX_V3.replace("<note>Official spelling.</note>", "<note>workbench:status=maybe</note>")),
             "workbench:status='maybe'")
