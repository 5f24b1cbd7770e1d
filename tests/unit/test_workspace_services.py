"""The workspace's service surface: one article lookup, hits computed once, MT text as the language writes."""

from __future__ import annotations

import pytest

from workbench.app.workspace import open_workspace
from workbench.errors import UserError


@pytest.fixture
def mt_workspace(settings, installed_models):
    opened = open_workspace(settings)
    yield opened
    opened.close()


def test_one_article_lookup_with_one_message(workspace):
    assert workspace.article("1").id == 1 and workspace.article(2).id == 2
    with pytest.raises(UserError, match=r"^no article with id 99; see `workbench articles` for the ids$"):
        workspace.article("99")
    with pytest.raises(UserError, match=r"^'x1' is not an article id"):
        workspace.article("x1")
    with pytest.raises(UserError, match="no article with id 99"):
        workspace.articles([1, 99])  # every id checked before any is used
    assert [a.id for a in workspace.articles()] == [1, 2]


def test_each_segments_glossary_hits_are_computed_once_per_glossary_version(mt_workspace, monkeypatch):
    """Reading the view twice, translating and checking share one computation per segment text."""
    index = mt_workspace.glossary_index()
    looked_at: list[str] = []
    real_find = index.matcher.find
    monkeypatch.setattr(index.matcher, "find", lambda text: looked_at.append(text) or real_find(text))
    mt_workspace.translate(1, "my")
    mt_workspace.article_view(1, "my")
    mt_workspace.article_view(1, "my")
    mt_workspace.check("my", [1])
    texts = [segment.text for segment in mt_workspace.store.segments(1)]
    assert sorted(looked_at) == sorted(set(texts))


def test_mt_text_joins_sentences_as_the_language_writes_them(mt_workspace):
    """Burmese has no spaces between sentences (they end in ။); French does."""
    for lang, joiner in (("my", ""), ("fr", " ")):
        mt_workspace.translate(1, lang)
        _model, mt = mt_workspace.stored_mt(1, lang)
        paragraphs: dict[int, list[str]] = {}
        for segment in mt_workspace.store.segments(1):
            paragraphs.setdefault(segment.paragraph_index, []).append(mt[segment.segment_id].text)
        expected = "\n\n".join(joiner.join(parts) for _, parts in sorted(paragraphs.items())) + "\n"
        assert mt_workspace.mt_text(1, lang) == expected
    assert any(len(parts) > 1 for parts in paragraphs.values())  # some paragraph has several sentences
