"""The translation-memory index returns exactly what scoring every unit returns."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.tm.index import TranslationMemoryIndex
from workbench.tm.model import Unit
from workbench.tm.reference import ExhaustiveScan, brute_force_lookup

pytestmark = pytest.mark.unit

# A small vocabulary, so that near matches, repeats and same-word variants are common.
TOKENS = ["the", "army", "said", "on", "Monday", "that", "people", "fled", "NUG", "5", "12", "၅", ",", ".", "[[1]]",
          "The", "ARMY", "မြန်မာ", "ပြည်သူ", "။"]
sentences = st.lists(st.sampled_from(TOKENS), min_size=0, max_size=12).map(" ".join)
contexts = st.sampled_from([None, "Before.", "Other."])
thresholds = st.sampled_from([1, 30, 50, 60, 75, 80, 90, 94, 95, 99, 100, 101])


def _found(matches):
    return [(m.unit.id, m.score) for m in matches]


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    sources=st.lists(st.tuples(sentences, contexts), min_size=0, max_size=40),
    changes=st.lists(st.tuples(st.sampled_from(["add", "update", "remove", "compact"]), st.integers(0, 60), sentences),
                     max_size=12),
    queries=st.lists(st.tuples(sentences, contexts, thresholds, st.integers(1, 6)), min_size=1, max_size=8),
)
def test_lookup_equals_brute_force(sources, changes, queries):
    units = {i: Unit(i, text, f"target {i}", previous) for i, (text, previous) in enumerate(sources)}
    index = TranslationMemoryIndex(units.values())
    for action, unit_id, text in changes:
        if action == "compact":
            index.compact()
        elif action == "add" and unit_id not in units:
            units[unit_id] = Unit(unit_id, text, f"added {unit_id}")
            index.add(units[unit_id])
        elif action == "update" and unit_id in units:
            units[unit_id] = Unit(unit_id, text, f"changed {unit_id}", units[unit_id].previous_source)
            index.update(units[unit_id])
        elif action == "remove" and unit_id in units:
            del units[unit_id]
            index.remove(unit_id)
    assert len(index) == len(units)
    scan = ExhaustiveScan(units.values())
    for text, previous, min_score, limit in queries + [(u.source, u.previous_source, 75, 5) for u in list(units.values())[:3]]:
        expected = brute_force_lookup(units.values(), text, min_score, limit, previous)
        assert _found(index.lookup(text, min_score, limit, previous)) == _found(expected)
        assert _found(scan.lookup(text, min_score, limit, previous)) == _found(expected)


def test_a_near_match_is_found_among_many_units():
    units = [Unit(i, f"Unit {i} in town {i % 13} says the army moved {i % 7} trucks.", f"t{i}") for i in range(1, 3001)]
    units += [Unit(5000 + i, f"Something else entirely, number {i}.", "x") for i in range(2000)]
    index = TranslationMemoryIndex(units)
    query = "Unit 77 in town 12 says the army moved 1 trucks."  # unit 77 has 0 trucks: one number differs
    matches = index.lookup(query, limit=50)
    assert (77, 99) in _found(matches)
    assert _found(matches) == _found(brute_force_lookup(units, query, limit=50))
    fuzzy = "Unit 77 in a town says the navy moved trucks."
    assert _found(index.lookup(fuzzy, min_score=50, limit=20)) == _found(brute_force_lookup(units, fuzzy, 50, 20))


def test_ties_go_to_the_newer_unit_and_context_wins():
    units = [Unit(1, "Reporters confirmed it.", "a", "Before."), Unit(2, "Reporters confirmed it.", "b", None),
             Unit(3, "Reporters confirmed it.", "c", "Other.")]
    index = TranslationMemoryIndex(units)
    assert _found(index.lookup("Reporters confirmed it.")) == [(3, 100), (2, 100), (1, 100)]
    assert _found(index.lookup("Reporters confirmed it.", previous_source="Before.")) == [(1, 101), (3, 100), (2, 100)]
    assert _found(index.lookup("Reporters confirmed it.", limit=1)) == [(3, 100)]


def test_changes_after_the_build():
    index = TranslationMemoryIndex([Unit(1, "The army said on Monday.", "a")])
    index.add(Unit(2, "The army said on Tuesday.", "b"))
    index.update(Unit(1, "Nothing alike at all here.", "c"))
    assert _found(index.lookup("The army said on Monday.")) == [(2, 83)]
    index.remove(2)
    assert index.lookup("The army said on Monday.") == [] and len(index) == 1
    with pytest.raises(KeyError):
        index.remove(2)
    with pytest.raises(ValueError):
        index.add(Unit(1, "again", "d"))
    index.compact()
    assert index.get(1) == Unit(1, "Nothing alike at all here.", "c")


def test_arguments_are_checked():
    index = TranslationMemoryIndex()
    assert index.lookup("anything") == [] and index.lookup("   ") == []
    with pytest.raises(ValueError):
        index.lookup("x", min_score=0)
    with pytest.raises(ValueError):
        index.lookup("x", limit=0)


# Many units with the same words (only numbers, tags, punctuation or case differ) and many near
# ones: the index scores only those that can still rank, and must return exactly the best.
_EXTRAS = st.lists(st.sampled_from(["5", "12", "၅", ",", ".", "[[1]]", "{1}"]), max_size=3).map(" ".join)
_VARIANTS = st.tuples(st.sampled_from(["The", "the", "THE"]), _EXTRAS, _EXTRAS,
                      st.sampled_from(["said", "said", "said", "told", "moved"]), st.sampled_from(["", "today"]))


def _variant(parts):
    article, first, second, verb, last = parts
    return f"{article} army {first} {verb} on Monday {second} that people fled {last}"


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    sources=st.lists(st.tuples(_VARIANTS, contexts), min_size=1, max_size=80),
    added=st.lists(st.tuples(_VARIANTS, contexts), max_size=10),
    removed=st.lists(st.integers(0, 90), max_size=10),
    queries=st.lists(st.tuples(_VARIANTS, contexts, st.sampled_from([60, 75, 90, 94, 95, 97, 99, 100, 101]),
                               st.integers(1, 6)), min_size=1, max_size=6),
)
def test_many_same_word_units_rank_exactly(sources, added, removed, queries):
    units = {i: Unit(i, _variant(parts), f"target {i}", previous) for i, (parts, previous) in enumerate(sources)}
    index = TranslationMemoryIndex(units.values())
    for offset, (parts, previous) in enumerate(added):  # in the delta, scanned beside the block
        units[100 + offset] = Unit(100 + offset, _variant(parts), "added", previous)
        index.add(units[100 + offset])
    for unit_id in removed:
        if unit_id in units:
            del units[unit_id]
            index.remove(unit_id)
    for parts, previous, min_score, limit in queries + [(sources[0][0], sources[0][1], 75, 2)]:
        text = _variant(parts)
        expected = _found(brute_force_lookup(units.values(), text, min_score, limit, previous))
        assert _found(index.lookup(text, min_score, limit, previous)) == expected


def test_a_sentence_repeated_with_other_numbers_thousands_of_times():
    units = [Unit(i, f"According to the NUG, there have been nearly {i} defectors.", "t") for i in range(1, 5001)]
    units += [Unit(6000 + i, f"According to the NUG, there have been {i} more defectors.", "t") for i in range(3000)]
    units.append(Unit(9500, "According to the NUG, there have been nearly 77 defectors.", "t", "Before."))
    index = TranslationMemoryIndex(units)
    query = "According to the NUG, there have been nearly 77 defectors."
    found = _found(index.lookup(query, previous_source="Before."))
    assert found == [(9500, 101), (77, 100), (5000, 99), (4999, 99), (4998, 99)]
    assert found == _found(brute_force_lookup(units, query, previous_source="Before."))
    fuzzy = "According to the NUG, there have been many 77 defectors."
    assert _found(index.lookup(fuzzy, limit=3)) == _found(brute_force_lookup(units, fuzzy, limit=3))
