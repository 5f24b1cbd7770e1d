"""Schema version 5: what a termbase says of a term or a concept is stored and read back whole."""

import sqlalchemy as sa

from workbench.glossary.model import APPROVED, Entry, Rendering, Term
from workbench.storage import schema
from workbench.storage.glossary_repository import GlossaryRepository
from workbench.storage.store import Store

RICH = Entry(
    "galaxy-cluster",
    (Term("galaxy cluster", status="preferred", part_of_speech="noun", note="the usual name", source="IAU"),
     Term("galactic cluster", status="superseded", note="older usage")),
    (Rendering("my", "ဂလက်ဆီအစုအဝေး", APPROVED, source="dictionary", part_of_speech="noun"),),
    domain="astronomy", definition="A structure of galaxies.",
    definitions=(("my", "ဂလက်ဆီများ၏ အစုအဝေး"), ("fr", "Structure de galaxies.")),
    sources=("ISO 30042 sample",),
)
VERSION_5_COLUMNS = {("glossary_entries", "definitions"), ("glossary_terms", "status"),
                     ("glossary_terms", "part_of_speech"), ("glossary_terms", "note"), ("glossary_terms", "source"),
                     ("glossary_renderings", "part_of_speech")}


def _store(store_url) -> Store:
    store = Store(store_url)
    store.migrate()
    return store


def test_every_termbase_field_is_stored_and_read_back(store_url):
    store = _store(store_url)
    repository = GlossaryRepository(store.engine)
    repository.write(RICH, "ed", [])
    assert repository.entry("galaxy-cluster") == RICH
    assert repository.entry("galaxy-cluster").terms[1].retired
    store.close()


def test_a_bulk_write_stores_every_field_too(store_url):
    store = _store(store_url)
    repository = GlossaryRepository(store.engine)
    other = Entry("x", (Term("x ray", part_of_speech="noun"),), definitions=(("ja", "エックス線"),))
    assert repository.write_many([(RICH, [{"action": "import"}], 0), (other, [], 0)], "ed") == []
    assert repository.entry("galaxy-cluster") == RICH and repository.entry("x") == other
    changed = Entry(RICH.id, RICH.terms[:1], RICH.renderings, definitions=(("fr", "Amas."),))
    assert repository.write_many([(changed, [], 1)], "ed") == []  # an update rewrites the fields
    assert repository.entry("galaxy-cluster") == changed
    store.close()


def _drop_version_5_columns(store: Store) -> None:
    with store.engine.begin() as conn:
        for table, column in sorted(VERSION_5_COLUMNS):
            conn.execute(sa.text(f"ALTER TABLE {table} DROP COLUMN {column}"))
        conn.execute(sa.text("UPDATE meta SET value = '4' WHERE key = 'schema_version'"))


def test_a_version_4_glossary_is_migrated_and_keeps_its_entries(store_url):
    store = _store(store_url)
    GlossaryRepository(store.engine).write(Entry("nug", (Term("NUG"),), (Rendering("my", "အန်ယူဂျီ", APPROVED),),
                                                 definition="The parallel government."), "ed", [])
    _drop_version_5_columns(store)
    store.close()
    store = Store(store_url)
    assert store.schema_version() == 4
    store.migrate()
    assert store.schema_version() == schema.SCHEMA_VERSION
    with store.engine.connect() as conn:
        found = {(table, column["name"]) for table in ("glossary_entries", "glossary_terms", "glossary_renderings")
                 for column in sa.inspect(conn).get_columns(table)}
    assert VERSION_5_COLUMNS <= found
    repository = GlossaryRepository(store.engine)
    kept = repository.entry("nug")
    assert kept.definition == "The parallel government." and kept.renderings[0].text == "အန်ယူဂျီ"
    assert kept.terms[0].status == "" and not kept.terms[0].retired and kept.definitions == ()
    repository.write(RICH, "ed", [])  # and the new fields now have their place
    assert repository.entry("galaxy-cluster") == RICH
    store.close()
