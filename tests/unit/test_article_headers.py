"""Article headers: title, standfirst, byline, outlet lines, month-year dates and datelines become
segments before the body; a cut-off article is imported with a warning."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import SEEDS
from tests.support.cli_helpers import run_cli
from workbench.app.importing import import_article_text
from workbench.articles.parsing import parse_article, read_article_file
from workbench.articles.segmentation import segment_article, segment_paragraphs
from workbench.storage.store import Store

DIPLOMAT = """Why Myanmar's Junta Cannot Win

The Diplomat, November 2021

YANGON — The military has lost control of large areas. Fighting continues.

Talks have stalled."""

MOHINGA = """Life in the Liberated Zones

DVB, originally published on Mohinga Matters

By Jane Doe

UNDERGROUND – Students study in the jungle. They learn skills such as finance and hea"""

VISUAL = """Art Against the Coup

Visual Rebellion

Nov. 2021

Artists have painted walls across Yangon. They signed none of them."""

DECK = """A Headline Here

A short deck that explains the story in one sentence.

By Reporter Name | March 25, 2022

Body starts here. It goes on."""


def _header(text: str) -> list[tuple[str, str]]:
    return [(line.kind, line.text) for line in parse_article(text).header]


def test_an_outlet_line_with_a_month_gives_the_source_and_a_month_date_and_a_dateline_is_split_off():
    article = parse_article(DIPLOMAT)
    assert _header(DIPLOMAT) == [("title", "Why Myanmar's Junta Cannot Win"), ("source", "The Diplomat"),
                                 ("dateline", "YANGON")]
    assert (article.source, article.date, article.date_precision) == ("The Diplomat", dt.date(2021, 11, 1), "month")
    assert article.paragraphs[0] == "The military has lost control of large areas. Fighting continues."
    assert article.warnings == ()


def test_a_republication_credit_a_byline_and_a_cut_off_ending():
    article = parse_article(MOHINGA, origin="zones.txt")
    assert _header(MOHINGA) == [("title", "Life in the Liberated Zones"),
                                ("source", "DVB, originally published on Mohinga Matters"),
                                ("byline", "By Jane Doe"), ("dateline", "UNDERGROUND")]
    assert (article.source, article.byline) == ("DVB", "Jane Doe")
    assert article.paragraphs == ("Students study in the jungle. They learn skills such as finance and hea",)
    [warning] = article.warnings
    assert warning.startswith("zones.txt: the article ends mid-sentence ('…such as finance and hea')")
    assert "\n" not in warning


def test_a_short_credit_line_under_the_headline_is_the_source():
    article = parse_article(VISUAL)
    assert _header(VISUAL) == [("title", "Art Against the Coup"), ("source", "Visual Rebellion")]
    assert (article.source, article.date, article.date_precision) == ("Visual Rebellion", dt.date(2021, 11, 1), "month")
    assert article.paragraphs == ("Artists have painted walls across Yangon. They signed none of them.",)


def test_a_deck_between_headline_and_byline_is_the_standfirst():
    article = parse_article(DECK)
    assert _header(DECK) == [("title", "A Headline Here"),
                             ("standfirst", "A short deck that explains the story in one sentence."),
                             ("byline", "By Reporter Name")]
    assert article.date == dt.date(2022, 3, 25) and article.date_precision == "day"


@pytest.mark.parametrize("text", [
    "US – China talks resumed on Monday. Nothing else happened.",  # a short acronym is not a place
    "The army – and its allies – lost ground. Talks stalled.",
])
def test_prose_with_a_dash_is_not_a_dateline(text):
    article = parse_article(text)
    assert article.header == () and article.paragraphs == (text,)


def test_a_body_line_after_the_header_that_looks_like_a_credit_stays_body():
    # No header above it: a short first line followed by prose is the headline, the rest body.
    article = parse_article("Visual Rebellion\n\nArtists painted walls. They left.")
    assert _header("Visual Rebellion\n\nArtists painted walls. They left.") == [("title", "Visual Rebellion")]
    assert article.paragraphs == ("Artists painted walls. They left.",)


def test_the_seeds_keep_their_metadata_and_gain_header_segments():
    first, second = (read_article_file(path) for path in SEEDS)
    assert first.title.startswith("Myanmar’s Parallel Government") and first.byline == "The Irrawaddy"
    assert (first.source, first.date) == ("The Irrawaddy", dt.date(2022, 3, 25))
    assert [line.kind for line in first.header] == ["title", "byline"]
    assert first.header[1].text == "By The Irrawaddy"
    assert second.title_derived and second.header == ()  # a working title is not a segment
    assert first.warnings == second.warnings == ()


def test_header_segments_come_first_and_leave_the_body_ids_alone():
    article = parse_article(DECK)
    body = segment_paragraphs(article.paragraphs)
    segments = segment_article([(line.kind, line.text) for line in article.header], article.paragraphs)
    assert [s.kind for s in segments] == ["title", "standfirst", "byline", "body", "body"]
    assert [s.segment_id for s in segments[3:]] == [s.segment_id for s in body]
    assert [s.paragraph_index for s in segments[:3]] == [-3, -2, -1]


def test_a_title_repeated_in_the_body_keeps_the_body_sentence_id():
    text = "Talks Ended\n\nBy Jane Doe\n\nTalks Ended. Nobody knows why."
    article = parse_article(text)
    segments = segment_article([(line.kind, line.text) for line in article.header], article.paragraphs)
    body = segment_paragraphs(article.paragraphs)
    assert [s.segment_id for s in segments if s.kind == "body"] == [s.segment_id for s in body]
    assert len({s.segment_id for s in segments}) == len(segments)


def test_reimporting_with_a_new_header_keeps_the_body_translations(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'w.db'}")
    store.migrate()
    plain = "The military has lost control of large areas. Fighting continues.\n\nTalks have stalled."
    article_id = import_article_text(store, plain, "story.txt").article_id
    for segment in store.segments(article_id):
        store.save_translation(article_id, segment.segment_id, "my", f"T:{segment.text}", "translated", "t")
    with_header = "Why Myanmar's Junta Cannot Win\n\nThe Diplomat, November 2021\n\n" + plain
    import_article_text(store, with_header, "story.txt")
    segments = store.segments(article_id)
    assert [s.kind for s in segments] == ["title", "source", "body", "body", "body"]
    saved = store.translations(article_id, "my")
    assert [saved[s.segment_id].text for s in segments if s.kind == "body"] == [
        "T:The military has lost control of large areas.", "T:Fighting continues.", "T:Talks have stalled."]
    assert store.get_article(article_id).published_precision == "month"
    store.close()


def test_importing_a_cut_off_article_warns_in_one_line_and_imports_it(tmp_path, data_dir):
    path = tmp_path / "zones.txt"
    path.write_text(MOHINGA, encoding="utf-8")
    run = run_cli("import", str(path))
    assert run.returncode == 0, run.stderr
    assert "as article 3: Life in the Liberated Zones (6 segments)" in run.stdout  # title, source, byline, dateline, 2
    [warning] = run.stderr.splitlines()
    assert warning.startswith(f"workbench: warning: {path}: the article ends mid-sentence ('…such as finance and hea')")
