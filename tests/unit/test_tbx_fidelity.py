"""TBX import keeps what it reads, or says what it drops: real-world flavours (tests/fixtures/tbx)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from workbench.errors import UserError
from workbench.formats.glossary_io import read_glossary_for_import
from workbench.formats.tbx import TBX_NAMESPACE, parse_tbx, read_tbx, render_tbx
from workbench.formats.tbx_xml import parse_xml
from workbench.glossary.model import ABBREVIATION, APPROVED, FULL, PROPOSED, ContextRule, Entry, Rendering, Term

FIXTURES = Path(__file__).parents[1] / "fixtures" / "tbx"


def _read(name: str):
    return read_tbx((FIXTURES / name).read_bytes(), name)


def _entry(name: str, entry_id: str) -> Entry:
    return next(entry for entry in _read(name)[0] if entry.id == entry_id)


# ---------------------------------------------------------------- 1. sources inside descripGrp

def test_a_source_in_a_definitions_descripgrp_is_kept():
    assert _entry("basic_dca.tbx", "galaxy-cluster").sources == ("IAU glossary",)
    assert _entry("basic_dct.tbx", "uec").sources == ("Election law 2012",)


# ---------------------------------------------------------------- 2. definitions in other languages

def test_definitions_in_other_languages_are_kept_by_language():
    entry = _entry("basic_dca.tbx", "galaxy-cluster")
    assert entry.definition == "A structure of hundreds to thousands of galaxies bound by gravity."
    assert entry.definitions == (("fr", "Structure de centaines à milliers de galaxies liées par la gravité."),
                                 ("my", "ဆွဲငင်အားဖြင့် ချိတ်ဆက်ထားသော ဂလက်ဆီ အစုအဝေး။"))
    ms = _entry("ms_martif.tbx", "MS-0001")
    assert ms.definition == "A file that contains the list of changes to an app."
    assert ms.definitions == (("nl", "Een bestand met de lijst van wijzigingen in een app."),)


# ---------------------------------------------------------------- 3. notes, sources, part of speech on English terms

def test_notes_sources_and_part_of_speech_of_english_terms_are_kept():
    term = _entry("basic_dca.tbx", "galaxy-cluster").terms[0]
    assert (term.text, term.part_of_speech, term.source, term.note, term.status) == (
        "galaxy cluster", "noun", "Astronomy style guide", "Plural: galaxy clusters.", "preferred")
    remittance = _entry("multiterm.tbx", "mt-7")  # MultiTerm's own field names: "Part of Speech", "Note", "Source"
    assert remittance.terms == (Term("remittance", part_of_speech="noun", note="Usually plural in headlines.",
                                     source="World Bank"),)
    assert (remittance.domain, remittance.definition) == ("economy", "Money sent home by people working abroad.")
    assert _entry("ms_martif.tbx", "MS-0002").terms[0].part_of_speech == "Verb"


# ---------------------------------------------------------------- 4. DCT style (module namespaces)

def test_tbx_basic_dct_style_reads_every_category():
    assert _entry("basic_dct.tbx", "uec") == Entry(
        "uec",
        (Term("Union Election Commission", FULL, status="preferred", part_of_speech="noun", source="Gazette"),
         Term("UEC", ABBREVIATION),
         Term("Election Commission of the Union", status="notRecommended")),
        (Rendering("my", "ပြည်ထောင်စု ရွေးကောက်ပွဲ ကော်မရှင်", APPROVED, part_of_speech="noun"),),
        domain="elections", definition="The body that runs national elections.", sources=("Election law 2012",),
    )


def test_dct_categories_match_on_the_local_name_whatever_the_prefix_and_namespace():
    junta = _entry("basic_dct.tbx", "junta")  # b: bound to another namespace URI
    assert (junta.domain, junta.terms[0].status) == ("politics", "admitted")


def test_tbx_min():
    entries, losses = _read("min_dct.tbx")
    assert entries == [Entry(
        "C001", (Term("vaccine", status="preferred", part_of_speech="noun", note='Not "vaccination".'),),
        (Rendering("my", "ကာကွယ်ဆေး", APPROVED, part_of_speech="noun"),), domain="health")]
    assert losses.summary() == ["customerSubset not kept: 1 (e.g. min_dct.tbx:24)"]


# ---------------------------------------------------------------- 5. statuses of English terms

def test_statuses_of_english_terms_are_read_and_retired_ones_known():
    terms = _entry("basic_dca.tbx", "galaxy-cluster").terms
    assert [(t.text, t.status, t.retired) for t in terms] == [
        ("galaxy cluster", "preferred", False), ("galactic cluster", "superseded", True),
        ("cluster of galaxies", "deprecated", True)]


def _index(entries):
    from workbench.glossary.hits import GlossaryIndex

    return GlossaryIndex(entries, 1)


def test_a_retired_term_is_not_a_live_hit_and_says_which_status_it_has():
    from workbench.glossary.hits import describe

    entry = _entry("basic_dca.tbx", "galaxy-cluster")
    index = _index([entry])
    live, retired = index.hits("A galaxy cluster, once called a galactic cluster.", "fr")
    assert (live.source_text, live.approved, live.retired) == ("galaxy cluster", ("amas de galaxies",), "")
    assert (retired.source_text, retired.approved, retired.retired) == ("galactic cluster", (), "superseded")
    assert describe(live) == "galaxy cluster → amas de galaxies"
    assert describe(retired) == "galactic cluster: superseded term; use 'galaxy cluster'"


def test_a_retired_term_is_not_enforced_in_mt_nor_required_by_qa():
    from workbench.qa.base import QAUnit
    from workbench.qa.terms import MissingTermCheck

    index = _index([_entry("basic_dca.tbx", "galaxy-cluster")])
    protected = index.protected("The galactic cluster and the galaxy cluster.", "fr")
    assert [slot.hit.source_text for slot in protected.slots] == ["galaxy cluster"]
    assert "galactic cluster" in protected.text  # translated as ordinary text
    source = "The galactic cluster is far."
    unit = QAUnit(article_id="a", segment_id="1", source=source, target="Il est loin.", lang="fr",
                  hits=index.hits(source, "fr"))
    assert MissingTermCheck().check(unit) == []


# ---------------------------------------------------------------- 6. a term twice in one concept

def test_a_term_listed_twice_in_a_concept_becomes_one_with_the_richer_data():
    entries, losses = _read("duplicate_term.tbx")
    assert entries[0] == Entry(
        "ceasefire",
        (Term("ceasefire", status="preferred", part_of_speech="noun", note="First copy.\nSecond copy."),),
        (Rendering("my", "အပစ်အခတ်ရပ်စဲရေး", APPROVED, note="Seen in BBC Burmese.", source="Desk style guide"),))
    assert losses.summary() == ["repeated term in one concept (merged into one): 2 (e.g. duplicate_term.tbx:10 "
                                "'ceasefire'; duplicate_term.tbx:19 'အပစ်အခတ်ရပ်စဲရေး')"]


# ---------------------------------------------------------------- 7. homonyms stay distinct

class _Repository:
    def __init__(self, entries=()):
        self.entries = {entry.id: entry for entry in entries}

    def entries_with_revisions(self):
        return list(self.entries.values()), dict.fromkeys(self.entries, 1)

    def write_many(self, writes, actor):
        for entry, _events, _revision in writes:
            self.entries[entry.id] = entry
        return []


class _Workflow:
    is_editor, actor = True, "ed"

    def __init__(self, entries=()):
        self.repository = _Repository(entries)


def _merge(workflow, name):
    from workbench.app.glossary_merge import merge_glossary

    return merge_glossary(workflow, _read(name)[0], name)


def test_homonyms_of_one_file_stay_distinct_entries_and_a_reimport_changes_nothing():
    workflow = _Workflow()
    first = _merge(workflow, "homonyms.tbx")
    assert first.added == ["bank-finance", "bank-river", "bank"] and not first.updated
    definitions = {e.id: e.definition for e in workflow.repository.entries.values()}
    assert len(set(definitions.values())) == 3
    again = _merge(workflow, "homonyms.tbx")
    assert (again.added, again.updated, again.unchanged) == ([], [], 3)


def test_an_entry_already_in_the_glossary_absorbs_one_homonym_only():
    existing = Entry("bank", (Term("bank"),), (Rendering("my", "ဘဏ်", APPROVED),), domain="finance")
    workflow = _Workflow([existing])
    first = _merge(workflow, "homonyms.tbx")
    # the file's concept "bank" (no id, derived "bank") is the glossary's "bank"; its homonyms are new
    assert first.added == ["bank-finance", "bank-river"] and first.updated == ["bank"]
    assert len(workflow.repository.entries) == 3
    again = _merge(workflow, "homonyms.tbx")
    assert (again.added, again.updated, again.unchanged) == ([], [], 3)


def test_merging_fills_what_the_glossary_leaves_empty_and_keeps_the_rest():
    existing = Entry("galaxy-cluster", (Term("galaxy cluster"),), definition="Our own definition.")
    workflow = _Workflow([existing])
    _merge(workflow, "basic_dca.tbx")
    merged = workflow.repository.entries["galaxy-cluster"]
    assert merged.definition == "Our own definition."
    assert merged.domain == "astronomy" and merged.sources == ("IAU glossary",) and len(merged.definitions) == 2
    assert merged.terms[0].status == "preferred" and merged.terms[1].status == "superseded"


# ---------------------------------------------------------------- 8. no English terms

def test_a_file_without_any_english_term_is_refused_in_one_line():
    with pytest.raises(UserError) as error:
        read_glossary_for_import(FIXTURES / "dutch_source.tbx")
    message = str(error.value)
    assert "\n" not in message and "dutch_source.tbx" in message
    assert "none of its 3 concepts has an English term" in message and "'nl'" in message
    assert "nothing was imported" in message


def test_concepts_without_an_english_term_are_not_imported_and_are_reported():
    entries, losses = _read("unknown_categories.tbx")
    assert [entry.id for entry in entries] == ["pdf"]
    assert ("concept without an English term (not imported): 2 (e.g. unknown_categories.tbx:30 concept "
            "only-burmese; unknown_categories.tbx:33 concept only-japanese)") in losses.summary()


def test_the_merge_never_imports_an_entry_without_a_term():
    from workbench.app.glossary_merge import merge_glossary

    workflow = _Workflow()
    report = merge_glossary(workflow, [Entry("x", (), (Rendering("my", "က"),)), Entry("y", (Term("y"),))], "f.csv")
    assert report.not_imported == ["x"] and report.added == ["y"] and list(workflow.repository.entries) == ["y"]


# ---------------------------------------------------------------- 9. what was not imported, with file:line

def test_what_was_not_imported_is_counted_per_kind_with_file_and_line():
    _entries, losses = _read("unknown_categories.tbx")
    assert losses.summary() == [
        "crossReference not kept: 1 (e.g. unknown_categories.tbx:7)",
        "externalCrossReference not kept: 1 (e.g. unknown_categories.tbx:8)",
        "grammaticalNumber not kept: 1 (e.g. unknown_categories.tbx:12)",
        'unknown data category <descrip type="mystery">: 1 (e.g. unknown_categories.tbx:13)',
        "unknown data category <acme:flag>: 1 (e.g. unknown_categories.tbx:14)",
        "unknown administrative status 'maybeTerm-admn-sts' (the term kept without it): 1 (e.g. unknown_categories.tbx:19)",
        "grammaticalGender not kept: 1 (e.g. unknown_categories.tbx:25)",
        "xGraphic not kept: 1 (e.g. unknown_categories.tbx:26)",
        "concept without an English term (not imported): 2 (e.g. unknown_categories.tbx:30 concept only-burmese; "
        "unknown_categories.tbx:33 concept only-japanese)",
    ]


def test_examples_stop_at_three_and_counts_go_on():
    concept = '<conceptEntry><langSec xml:lang="en"><termSec><term>t{n}</term></termSec></langSec>' \
              '<transacGrp><transac type="transactionType">origination</transac></transacGrp></conceptEntry>\n'
    data = ('<tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body>\n'
            + "".join(concept.format(n=n) for n in range(5)) + "</body></text></tbx>").encode()
    _entries, losses = read_tbx(data, "t.tbx")
    assert losses.summary() == ["transaction history <transacGrp> not kept: 5 (e.g. t.tbx:2; t.tbx:3; t.tbx:4; …)"]


def test_line_numbers_skip_comments_cdata_and_processing_instructions():
    text = ('<?xml version="1.0"?>\n<!DOCTYPE tbx SYSTEM "x.dtd">\n<tbx>\n<!-- <fake> -->\n<text><![CDATA[<no>]]>\n'
            '<?pi <x>?>\n<body/>\n</text></tbx>')
    root, lines = parse_xml(text, "x.tbx")
    assert lines.line(root.find("text/body")) == 7 and lines.line(root) == 3


# ---------------------------------------------------------------- writing every new field

@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.tbx") if p.name != "dutch_source.tbx"))
def test_every_fixture_round_trips_through_export(name):
    entries = _read(name)[0]
    data = render_tbx(entries)
    assert parse_tbx(data, "again.tbx") == entries
    assert not read_tbx(data, "again.tbx")[1]  # the workbench's own file loses nothing


def test_the_export_writes_the_new_fields_as_tbx_basic_dca():
    root = ET.fromstring(render_tbx([_entry("basic_dca.tbx", "galaxy-cluster")]))
    ns, xml_lang = {"t": TBX_NAMESPACE}, "{http://www.w3.org/XML/1998/namespace}lang"
    english, french, burmese = root.findall(".//t:langSec", ns)
    assert [english.get(xml_lang), french.get(xml_lang), burmese.get(xml_lang)] == ["en", "fr", "my"]
    assert french.find("t:descrip[@type='definition']", ns).text.startswith("Structure de centaines")
    statuses = [n.text for n in english.findall(".//t:termNote[@type='administrativeStatus']", ns)]
    assert statuses == ["preferredTerm-admn-sts", "supersededTerm-admn-sts", "deprecatedTerm-admn-sts"]
    assert english.find(".//t:termNote[@type='partOfSpeech']", ns).text == "noun"
    assert english.find("t:termSec/t:admin[@type='source']", ns).text == "Astronomy style guide"


def test_a_definition_in_a_language_without_renderings_survives():
    entry = Entry("x", (Term("x", context=ContextRule()),), definitions=(("de", "Ein Ding."),))
    assert parse_tbx(render_tbx([entry]), "x.tbx") == [entry]
    assert _entry("ms_martif.tbx", "MS-0001").renderings[0].status == PROPOSED
