"""The workspace memory's index follows every change of the units without being rebuilt."""

from __future__ import annotations

import datetime as dt

import pytest

from workbench.app.importing import import_article_text
from workbench.app.memory import Memory
from workbench.app.memory_exchange import import_tmx
from workbench.formats.tmx import TmxUnit
from workbench.formats.tmx_write import tmx_bytes

pytestmark = [pytest.mark.unit, pytest.mark.usefixtures("each_backend")]  # on SQLite and on PostgreSQL

STORY = "The council met on Monday. It agreed on a plan for 500 homes. Reporters confirmed it."
QUERIES = ["The council met on Monday.", "It agreed on a plan for 500 homes.", "It agreed on a plan for 600 homes.",
           "Reporters confirmed it.", "The council met on Tuesday."]


def _seen(memory: Memory, lang: str = "my") -> list[list[tuple[int, int, str, str]]]:
    # `target`: what inserting puts in, the numbers replaced from the unit the index holds.
    return [[(m.row.id, m.match.score, m.target, m.row.changed_by) for m in memory.matches(q, lang, min_score=60)]
            for q in QUERIES]


def test_confirm_edit_unconfirm_and_import_are_applied_to_the_held_index(workspace, tmp_path):
    store = workspace.store
    article_id = import_article_text(store, STORY, "story.txt").article_id
    first, second, third = [segment.segment_id for segment in store.segments(article_id)]
    memory = Memory(store)
    assert _seen(memory) == [[]] * len(QUERIES)  # built, empty
    held = memory._index("en", "my")[0]

    def check() -> None:
        assert _seen(memory) == _seen(Memory(store))  # the same as an index built afresh
        assert memory._index("en", "my")[0] is held  # brought up to date, not rebuilt

    store.save_translation(article_id, second, "my", "အိမ် ၅၀၀ သဘောတူသည်။", "translated", "tin", expected_revision=0)
    check()
    assert _seen(memory)[1][0][1:3] == (100, "အိမ် ၅၀၀ သဘောတူသည်။")  # confirmed: an exact match
    store.save_translation(article_id, first, "my", "ကောင်စီ တွေ့ဆုံသည်။", "translated", "tin", expected_revision=0)
    store.save_translation(article_id, second, "my", "အိမ် ၅၀၀ အစီအစဉ်ကို သဘောတူသည်။", "translated", "mya",
                           expected_revision=1)
    check()
    assert _seen(memory)[1][0][2:] == ("အိမ် ၅၀၀ အစီအစဉ်ကို သဘောတူသည်။", "mya")  # edited: the new text, the new author
    assert _seen(memory)[2][0][1:3] == (99, "အိမ် ၆၀၀ အစီအစဉ်ကို သဘောတူသည်။")  # the edited target, its number replaced
    store.save_translation(article_id, second, "my", "အိမ် ၅၀၀ အစီအစဉ်ကို သဘောတူသည်။", "draft", "mya", expected_revision=2)
    check()
    assert all(score < 100 for _, score, _, _ in _seen(memory)[1])  # un-confirmed: gone
    store.save_translation(article_id, third, "fr", "Les journalistes l'ont confirmé.", "translated", "tin",
                           expected_revision=0)
    check()  # another language's unit: nothing for Burmese
    when = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    path = tmp_path / "desk.tmx"
    path.write_bytes(tmx_bytes([TmxUnit("en", "my", "The council met on Tuesday.", "အင်္ဂါနေ့ ကောင်စီ တွေ့ဆုံသည်။",
                                        "", "tu1", "old", when, "old", when)]))
    import_tmx(workspace, path)
    check()
    assert _seen(memory)[4][0][1:3] == (100, "အင်္ဂါနေ့ ကောင်စီ တွေ့ဆုံသည်။")
    store.save_translation(article_id, first, "my", "", "translated", "tin", expected_revision=1)
    check()  # emptied: gone as well
    assert [score for _, score, _, _ in _seen(memory)[0]] == [83]  # only the TMX unit, a fuzzy match
