"""Schema version 3: every stored language code becomes the desk's canonical code.

Before one language value existed, codes were stored as typed ("MY", "my-MM", "ug-CN").
This migration rewrites them with `workbench.lang.languages.language`; a code Babel does not
know is left as it is. Where the rewrite makes two rows one (a "MY" and a "my" translation of
the same segment, or the same rendering under both codes), the one worth keeping wins:
the newer translation, the stronger glossary decision. Glossary entries that change get a
new revision and a history event saying what was merged, so nothing disappears unexplained.
"""

from __future__ import annotations

import sqlalchemy as sa

from workbench.errors import UserError
from workbench.glossary.model import APPROVED, DEPRECATED, FORBIDDEN, PROPOSED, REJECTED, Entry, Rendering
from workbench.lang.languages import language

MIGRATION_ACTOR = "workbench-migration"
# When one rendering was stored under two spellings of a code, the stronger decision is kept.
_STATUS_STRENGTH = {APPROVED: 0, FORBIDDEN: 1, DEPRECATED: 2, REJECTED: 3, PROPOSED: 4}


def canonical_code(code: str | None) -> str | None:
    if code is None:
        return None
    try:
        return language(code).code
    except UserError:
        return code  # unknown to Babel: kept, and still shown as stored


def migrate_language_codes(conn: sa.Connection) -> None:
    from workbench.storage import schema

    _update_column(conn, schema.articles, "source_lang")
    _merge_mt_cache(conn, schema.machine_translations)
    _merge_translations(conn, schema.translations)
    _merge_glossary(conn)


def _renames(conn: sa.Connection, column: sa.Column) -> dict[str, str]:
    stored = [value for (value,) in conn.execute(sa.select(column).distinct()) if value is not None]
    renames = {}
    for value in stored:
        canonical = canonical_code(value)
        if canonical is not None and canonical != value:
            renames[value] = canonical
    return renames


def _update_column(conn: sa.Connection, table: sa.Table, name: str) -> None:
    column = table.c[name]
    for old, new in _renames(conn, column).items():
        conn.execute(table.update().where(column == old).values({name: new}))


def _merge_mt_cache(conn: sa.Connection, table: sa.Table) -> None:
    """Cached MT is derived data: a row whose canonical twin exists is dropped."""
    for name in ("source_lang", "target_lang"):
        column = table.c[name]
        for old, new in _renames(conn, column).items():
            twin = table.alias("twin")
            keys = [c.name for c in table.primary_key.columns if c.name != name]
            exists = sa.exists().where(twin.c[name] == new, *[twin.c[k] == table.c[k] for k in keys])
            conn.execute(table.delete().where(column == old, exists))
            conn.execute(table.update().where(column == old).values({name: new}))


def _merge_translations(conn: sa.Connection, table: sa.Table) -> None:
    """Of a segment's translations under two spellings of one language, the newer one is kept."""
    column = table.c.target_lang
    for old, new in _renames(conn, column).items():
        rows = conn.execute(sa.select(table).where(column.in_([old, new]))).mappings().all()
        newest: dict[tuple[int, str], dict] = {}
        for row in rows:
            key = (row["article_id"], row["segment_id"])
            if key not in newest or row["updated_at"] > newest[key]["updated_at"]:
                newest[key] = dict(row)
        conn.execute(table.delete().where(column.in_([old, new])))
        if newest:
            conn.execute(table.insert(), [{**row, "target_lang": new} for row in newest.values()])


def _merge_glossary(conn: sa.Connection) -> None:
    from workbench.storage.glossary_repository import _bump_glossary_version, _load_entries, _write_entry
    from workbench.storage.glossary_schema import glossary_renderings

    if not _renames(conn, glossary_renderings.c.lang):
        return
    for entry in _load_entries(conn, None):
        merged, notes = _canonical_renderings(entry)
        if merged != entry.renderings:
            event = {"action": "migrate", "reason": "language codes made canonical: " + "; ".join(notes)}
            _write_entry(conn, Entry(entry.id, entry.terms, merged, entry.domain, entry.definition,
                                     entry.note, entry.sources), MIGRATION_ACTOR, [event], None)
    _bump_glossary_version(conn)


def _canonical_renderings(entry: Entry) -> tuple[tuple[Rendering, ...], list[str]]:
    kept: dict[tuple[str, str], Rendering] = {}
    notes = []
    for rendering in entry.renderings:
        code = canonical_code(rendering.lang) or rendering.lang
        moved = Rendering(code, rendering.text, rendering.status, rendering.do_not_translate,
                          rendering.honorific, rendering.note, rendering.source)
        if code != rendering.lang:
            notes.append(f"{rendering.lang} → {code} ({rendering.text})")
        earlier = kept.get((code, rendering.text))
        if earlier is None or _strength(moved) < _strength(earlier):
            kept[(code, rendering.text)] = moved
    return tuple(kept.values()), notes


def _strength(rendering: Rendering) -> int:
    return _STATUS_STRENGTH.get(rendering.status, len(_STATUS_STRENGTH))
