"""The index's build cuts texts exactly as the tokeniser does, only faster."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from workbench.tm.index import TranslationMemoryIndex
from workbench.tm.model import Unit
from workbench.tm.reference import brute_force_lookup
from workbench.tm.token_ids import TokenIds
from workbench.tm.tokens import token_keys, tokenize

pytestmark = pytest.mark.unit

# Pieces that each take a different way through the fast and the full tokeniser: quotes that
# are plained (’ “), ‘ (punctuation whose key is '), an apostrophe inside a word, tags with and
# without a space, control characters (the batch marker among them), Burmese, other scripts.
PIECES = ["the", "The", "NUG", "rock", "n", "s", "’", "‘", "'", "“", "”", "-", "‐", "—", "…", "500", "5,000", "၅၀၀",
          ",", ".", "[[1]]", "{2}", "<b>", "</b>", '<ph id="1">', "<x1/>", "<", ">", "\x00", "\x01", "\t", "\n",
          "ပြည်သူ", "မြန်မာ", "COVID-19", "café", "İ", "Straße", "_", "7G", " "]
texts = st.lists(st.sampled_from(PIECES), max_size=14).map(lambda parts: "".join(parts))
spaced = st.lists(st.sampled_from(PIECES), max_size=14).map(" ".join)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.one_of(texts, spaced))
def test_fast_keys_equal_the_full_tokeniser(text):
    assert token_keys(text) == [token.key for token in tokenize(text)]


@settings(max_examples=100, deadline=None, derandomize=True)
@given(st.lists(st.one_of(texts, spaced), max_size=30), st.integers(1, 3))
@example(["a \x00 b", "c", "‘d", "e <b x> f", ""], 2)  # the batch marker, as it joins texts, inside one
def test_batched_ids_equal_text_by_text_ids(sources, repeat):
    vocabulary: dict[str, int] = {}

    def id_of(key: str) -> int:
        return vocabulary.setdefault(key, len(vocabulary))

    coder = TokenIds(id_of)
    for _ in range(repeat):  # again with what the coder already learnt
        ids, lengths = coder.encode(sources)
        assert lengths.tolist() == [len(token_keys(text)) for text in sources]
        keys_by_id = {value: key for key, value in vocabulary.items()}
        assert [keys_by_id[i] for i in ids.tolist()] == [key for text in sources for key in token_keys(text)]


def test_a_memory_bigger_than_a_batch_is_cut_in_order():
    words = ["army", "said,", "‘we", "left’", "<ph x=\"1\">", "on", "Monday."]
    units = [Unit(i, " ".join(words[j % len(words)] for j in range(i % 9, i % 9 + 3 + i % 5)), f"t{i}")
             for i in range(1, 10_001)]
    index = TranslationMemoryIndex(units)
    for query in ["on Monday. army said,", "‘we left’ on Monday.", "<ph x=\"1\"> on Monday. army"]:
        assert [(m.unit.id, m.score) for m in index.lookup(query, 60, 8)] == \
            [(m.unit.id, m.score) for m in brute_force_lookup(units, query, 60, 8)]
