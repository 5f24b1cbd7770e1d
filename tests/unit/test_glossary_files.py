"""The curated glossary files: format, validation, round trip, and the shipped content."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from workbench.errors import UserError
from workbench.formats.glossary_toml import entry_from_toml, entry_to_toml, load_entries, load_entry, write_entries
from workbench.glossary.model import (
    ABBREVIATION,
    APPROVED,
    FORBIDDEN,
    PROPOSED,
    ContextRule,
    Entry,
    Rendering,
    Term,
    entry_id_for,
)

ROOT = Path(__file__).resolve().parents[2]
ENTRIES = ROOT / "glossary" / "entries"
DOMAINS = {"person", "honorific", "organisation", "armed group", "programme", "place", "role",
           "concept", "currency", "media"}


@pytest.fixture(scope="module")
def shipped() -> dict[str, Entry]:
    return {entry.id: entry for entry in load_entries(ENTRIES)}


# ---------------------------------------------------------------- the format

SMALL = Entry(
    id="peoples-defense-force",
    terms=(Term("People's Defense Force"),
           Term("PDF", ABBREVIATION, context=ContextRule(not_followed_by=("file",)))),
    renderings=(Rendering("my", "ပြည်သူ့ကာကွယ်ရေးတပ်မတော်", APPROVED, source="English Wikipedia"),
                Rendering("fr", "PDF", do_not_translate=True)),
    domain="armed group",
)

SMALL_TOML = '''id = "peoples-defense-force"
domain = "armed group"

[[terms]]
text = "People's Defense Force"

[[terms]]
text = "PDF"
kind = "abbreviation"
not_followed_by = [
    "file",
]

[[renderings]]
lang = "my"
text = "ပြည်သူ့ကာကွယ်ရေးတပ်မတော်"
status = "approved"
source = "English Wikipedia"

[[renderings]]
lang = "fr"
text = "PDF"
status = "proposed"
do_not_translate = true
'''


def test_an_entry_is_written_in_a_fixed_short_form_without_defaults():
    assert entry_to_toml(SMALL) == SMALL_TOML
    assert entry_from_toml(SMALL_TOML, "x.toml") == SMALL


def test_one_table_per_term_and_rendering_even_when_short():
    entry = Entry("nug", (Term("NUG"),), (Rendering("my", "NUG", APPROVED, source="s"),))
    text = entry_to_toml(entry)
    assert text.count("[[terms]]") == 1 and text.count("[[renderings]]") == 1
    assert "{" not in text and text.endswith('"s"\n') and not text.endswith("\n\n")


def test_write_then_load_gives_the_same_entries_and_no_temp_files(tmp_path):
    changed = write_entries([SMALL], tmp_path / "entries")
    assert changed == [tmp_path / "entries" / "peoples-defense-force.toml"]
    assert load_entries(tmp_path / "entries") == [SMALL]
    assert [p.name for p in (tmp_path / "entries").iterdir()] == ["peoples-defense-force.toml"]
    assert write_entries([SMALL], tmp_path / "entries") == []  # unchanged files are left alone


def test_prune_removes_files_of_entries_no_longer_written(tmp_path):
    other = replace(SMALL, id="pdf")
    write_entries([SMALL, other], tmp_path)
    write_entries([SMALL], tmp_path, prune=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["peoples-defense-force.toml"]


# ---------------------------------------------------------------- validation

GOOD = SMALL_TOML


def _case(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new, 1)


BAD_FILES = {
    "unknown status": (_case('status = "proposed"', 'status = "aproved"'), "renderings[2].status"),
    "unknown term kind": (_case('kind = "abbreviation"', 'kind = "acronym"'), "terms[2].kind"),
    "unknown case rule": (_case('kind = "abbreviation"', 'case = "upper"'), "terms[2].case"),
    "missing term": (GOOD[: GOOD.index("[[terms]]")], "terms"),
    "empty term": (_case('text = "PDF"\nkind', 'text = ""\nkind'), "terms[2].text"),
    "empty rendering text": (_case('text = "PDF"\nstatus', 'text = "  "\nstatus'), "renderings[2].text"),
    "missing rendering language": (_case('lang = "fr"\n', ""), "renderings[2].lang"),
    "invalid language code": (_case('lang = "fr"', 'lang = "xx-nope"'), "renderings[2].lang"),
    "approved without source": (_case('source = "English Wikipedia"\n', ""), "renderings[1].source"),
    "unknown field": (_case("do_not_translate = true", "do_not_translat = true"), "renderings[2].do_not_translat"),
    "wrong type": (_case("do_not_translate = true", 'do_not_translate = "yes"'), "renderings[2].do_not_translate"),
    "context words not a list": (_case('not_followed_by = [\n    "file",\n]', 'not_followed_by = "file"'),
                                 "terms[2].not_followed_by"),
    "repeated term": (_case('text = "PDF"\nkind', 'text = "People\'s Defense Force"\nkind'), "terms[2]"),
    "invalid id": (_case('id = "peoples-defense-force"', 'id = "Peoples Defense Force"'), "id"),
    "not TOML": (_case('domain = "armed group"', "domain = armed group"), "not valid TOML"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_file_gives_one_line_naming_the_file_and_the_field(tmp_path, case):
    text, field = BAD_FILES[case]
    path = tmp_path / "peoples-defense-force.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_entries(tmp_path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    assert field in message


def test_the_file_name_must_match_the_id(tmp_path):
    path = tmp_path / "pdf.toml"
    path.write_text(GOOD, encoding="utf-8")
    with pytest.raises(UserError, match=r"pdf\.toml: id: 'peoples-defense-force' does not match the file name"):
        load_entries(tmp_path)


def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    (tmp_path / "x.toml").write_bytes(GOOD.encode("utf-16"))
    with pytest.raises(UserError, match=r"x\.toml: not UTF-8"):
        load_entry(tmp_path / "x.toml")


def test_a_missing_folder_is_a_user_error(tmp_path):
    with pytest.raises(UserError, match="glossary folder not found"):
        load_entries(tmp_path / "nowhere")


def test_duplicate_ids_are_refused_and_nothing_is_written(tmp_path):
    with pytest.raises(UserError) as caught:
        write_entries([SMALL, replace(SMALL, domain="other")], tmp_path / "out")
    assert str(caught.value).startswith(f"{tmp_path / 'out' / 'peoples-defense-force.toml'}: id: duplicate entry id")
    assert not (tmp_path / "out").exists()


def test_an_invalid_entry_stops_the_whole_write(tmp_path):
    write_entries([SMALL], tmp_path)
    before = (tmp_path / "peoples-defense-force.toml").read_bytes()
    unsourced = replace(SMALL, renderings=(Rendering("my", "x", APPROVED),), domain="changed")
    bad_lang = Entry("other", (Term("Other"),), (Rendering("zz-zz", "x"),))
    for batch in ([unsourced], [replace(SMALL, domain="changed"), bad_lang]):
        with pytest.raises(UserError):
            write_entries(batch, tmp_path)
        assert (tmp_path / "peoples-defense-force.toml").read_bytes() == before
        assert sorted(p.name for p in tmp_path.iterdir()) == ["peoples-defense-force.toml"]


# ---------------------------------------------------------------- the shipped glossary

def test_every_shipped_file_loads(shipped):
    files = sorted(p.stem for p in ENTRIES.glob("*.toml"))
    assert files == sorted(shipped) and len(files) >= 30
    assert [p.name for p in ENTRIES.iterdir() if p.suffix != ".toml"] == []


def test_the_shipped_files_round_trip_byte_identically(shipped, tmp_path):
    write_entries(shipped.values(), tmp_path)
    for path in ENTRIES.glob("*.toml"):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in ENTRIES.glob("*.toml"))
    assert load_entries(tmp_path) == sorted(shipped.values(), key=lambda e: e.id)


def test_ids_domains_and_definitions(shipped):
    for entry in shipped.values():
        assert entry.id == entry_id_for(entry.preferred), entry.id
        assert entry.domain in DOMAINS, entry.id
        assert entry.definition and "\n" not in entry.definition, entry.id


def test_every_approved_rendering_cites_its_source(shipped):
    approved = [(e.id, r) for e in shipped.values() for r in e.renderings if r.status == APPROVED]
    assert len(approved) >= 8
    assert all(r.source.strip() for _, r in approved)


def test_burmese_proposals_say_why_they_are_proposed(shipped):
    for entry in shipped.values():
        for r in entry.renderings_for("my", PROPOSED):
            assert r.note or r.source, entry.id


# The table of GLOSSARY-SOURCES.md: (entry, Burmese rendering, status to ship).
SOURCE_FACTS = [
    ("national-unity-government", "အမျိုးသားညီညွတ်ရေးအစိုးရ", APPROVED),
    ("national-unity-government", "NUG", APPROVED),
    ("peoples-defense-force", "ပြည်သူ့ကာကွယ်ရေးတပ်မတော်", APPROVED),
    ("peoples-defense-force", "ပြည်သူ့ကာကွယ်ရေးတပ်ဖွဲ့", PROPOSED),
    ("peoples-embrace", "ပြည်သူ့ရင်ခွင်", APPROVED),
    ("national-league-for-democracy", "အမျိုးသားဒီမိုကရေစီအဖွဲ့ချုပ်", APPROVED),
    ("national-league-for-democracy", "အမျိုးသားဒီမိုကရေစီအဖွဲချုပ်", FORBIDDEN),
    ("karen-national-union", "ကရင်အမျိုးသားအစည်းအရုံး", APPROVED),
    ("ethnic-armed-organization", "တိုင်းရင်းသားလက်နက်ကိုင်အဖွဲ့", PROPOSED),
    ("kachin-independence-army", "ကချင်လွတ်မြောက်ရေးတပ်မတော်", PROPOSED),
    ("karen-national-liberation-army", "ကရင်အမျိုးသားလွတ်မြောက်ရေးတပ်မတော်", PROPOSED),
    ("daw", "ဒေါ်", APPROVED),
    ("u", "ဦး", APPROVED),
    ("daw-zin-mar-aung", "ဒေါ်ဇင်မာအောင်", PROPOSED),
    ("u-nay-phone-lat", "ဦးနေဖုန်းလတ်", PROPOSED),
]


@pytest.mark.parametrize(("entry_id", "text", "status"), SOURCE_FACTS)
def test_glossary_sources_facts_ship_with_their_status(shipped, entry_id, text, status):
    found = [r for r in shipped[entry_id].renderings_for("my") if r.text == text]
    assert [r.status for r in found] == [status]


def test_the_main_facts_are_the_defaults(shipped):
    nug = shipped["national-unity-government"]
    assert nug.approved("my").text == "အမျိုးသားညီညွတ်ရေးအစိုးရ"
    assert next(r for r in nug.renderings_for("my") if r.text == "NUG").do_not_translate
    assert shipped["peoples-embrace"].approved("my").text == "ပြည်သူ့ရင်ခွင်"
    assert shipped["national-league-for-democracy"].approved("my").text == "အမျိုးသားဒီမိုကရေစီအဖွဲ့ချုပ်"
    for entry_id in ("daw", "u"):
        honorific = shipped[entry_id]
        assert honorific.approved("my").honorific
        assert all(term.context.before_name for term in honorific.terms)
    assert shipped["daw-zin-mar-aung"].approved("my") is None


def test_pdf_is_not_the_file_format(shipped):
    pdf = next(t for t in shipped["peoples-defense-force"].terms if t.text == "PDF")
    assert {"file", "version", "format", "document", "files"} <= set(pdf.context.not_followed_by)
    assert not {"a", "the"} & set(pdf.context.not_preceded_by)


def test_japanese_and_french_are_present_and_all_proposed(shipped):
    for lang in ("ja", "fr"):
        renderings = [r for e in shipped.values() for r in e.renderings_for(lang)]
        assert len(renderings) >= 15
        assert {r.status for r in renderings} == {PROPOSED}
    assert "国民統一政府" in [r.text for r in shipped["national-unity-government"].renderings_for("ja")]
    assert "人民防衛軍" in [r.text for r in shipped["peoples-defense-force"].renderings_for("ja")]
    assert "ミャンマー" in [r.text for r in shipped["myanmar"].renderings_for("ja")]


# Names from the seeds that must have an entry, spelled exactly as the seeds spell them.
SEED_NAMES = [
    "Daw Zin Mar Aung", "U Nay Phone Lat", "Nyi Thuta", "National Unity Government", "NUG",
    "People's Defense Forces", "PDFs", "People's Embrace", "National League for Democracy", "NLD",
    "ethnic armed organizations", "EAOs", "Kachin Independence Army", "Karen National Liberation Army",
    "The Irrawaddy", "Daw", "U", "Myanmar", "Australia", "Ukraine", "Russia", "US", "US$",
    "United States dollars", "civil disobedience movement", "junta", "coup", "defectors",
    "military regime", "shadow government", "foreign minister", "battalion commander", "army captain",
]
# Terms of named entries that come from other sources than the seeds.
NOT_IN_SEEDS = {"U Nay Phone Latt", "Nay Phone Latt", "People's Defence Force", "KIA", "KNLA",
                "ethnic armed organisation", "Karen National Union", "KNU"}
NAMED_DOMAINS = {"person", "organisation", "armed group", "programme", "media"}


def _seed_text(seed_text: str) -> str:
    """The seeds as the glossary writes them: straight apostrophes, case folded."""
    return seed_text.replace("’", "'").replace("‘", "'").casefold()


def test_the_seed_names_have_entries(shipped, seed_text):
    terms = {term.text for entry in shipped.values() for term in entry.terms}
    assert [name for name in SEED_NAMES if name not in terms] == []
    assert [name for name in SEED_NAMES if name.casefold() not in _seed_text(seed_text)] == []


def test_names_are_spelled_as_in_the_seeds(shipped, seed_text):
    text = _seed_text(seed_text)
    for entry in shipped.values():
        if entry.domain not in NAMED_DOMAINS:
            continue
        for term in entry.terms:
            if term.text not in NOT_IN_SEEDS:
                assert term.text.casefold() in text, f"{entry.id}: {term.text!r} is not in the seeds"


def test_entry_files_get_an_ordinary_mode_not_mkstemps_private_one(tmp_path):
    """One atomic writer for every file: the curated TOML files used to come out rw------- (0600)."""
    import os

    old = os.umask(0o022)
    try:
        written = write_entries([SMALL], tmp_path / "entries")
    finally:
        os.umask(old)
    assert [path.stat().st_mode & 0o777 for path in written] == [0o644]
