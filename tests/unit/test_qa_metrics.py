"""Term accuracy (WMT terminology exact match) on hand-made hits and on a real workspace."""

from __future__ import annotations

import pytest

from workbench.app.metrics import TermAccuracy, project_metrics, term_accuracy
from workbench.glossary.hits import Hit

NUG_MY = "အမျိုးသားညီညွတ်ရေးအစိုးရ"
PEOPLE = "ပြည်သူ"


def hit(source: str, start: int = 0, approved: tuple[str, ...] = (), dnt: bool = False,
        proposals: tuple[str, ...] = ()) -> Hit:
    return Hit(entry_id=source.lower(), source_text=source, start=start, end=start + len(source),
               approved=approved, proposals=proposals, forbidden=(), do_not_translate=dnt)


def test_matched_when_any_approved_rendering_is_in_the_target():
    nug = hit("NUG", approved=(NUG_MY, "NUG"))
    pairs = [([nug], f"{NUG_MY}က ပြောသည်။"), ([nug], "NUG ၏ အဆိုအရ"), ([nug], "စစ်ကောင်စီက ပြောသည်။")]
    assert term_accuracy(pairs, "my") == TermAccuracy(hits=3, matched=2, accuracy=2 / 3)


def test_do_not_translate_needs_the_english_and_unapproved_hits_are_not_measured():
    irrawaddy = hit("The Irrawaddy", dnt=True)
    junta = hit("junta", start=20, proposals=("စစ်ကောင်စီ",))  # no approved rendering: not measured
    result = term_accuracy([([irrawaddy, junta], "The Irrawaddy သို့ ပြောသည်။")], "my")
    assert result == TermAccuracy(1, 1, 1.0)
    assert term_accuracy([([junta], "စစ်ကောင်စီ")], "my") == TermAccuracy(0, 0, None)
    assert term_accuracy([], "my").accuracy is None


def test_burmese_syllable_boundary_and_occurrence_counting():
    people = hit("people", approved=(PEOPLE,))
    # ပြည်သူ့ ("people's") is not ပြည်သူ: the last syllable goes on.
    assert term_accuracy([([people], "ပြည်သူ့ရင်ခွင်")], "my").matched == 0
    # Twice in the source, once in the target: one of two occurrences matched.
    twice = [hit("NUG", 0, (NUG_MY,)), hit("NUG", 30, (NUG_MY,))]
    assert term_accuracy([(twice, f"{NUG_MY} ပြောသည်")], "my") == TermAccuracy(2, 1, 0.5)
    assert term_accuracy([(twice, f"{NUG_MY} နှင့် {NUG_MY}")], "my").matched == 2
    # Empty or missing target text: measured, not matched.
    assert term_accuracy([(twice, "")], "my") == TermAccuracy(2, 0, 0.0)


def test_space_delimited_language_matches_whole_words():
    coup = hit("coup", approved=("coup",))
    assert term_accuracy([([coup], "après le coup d'État")], "fr").matched == 1
    assert term_accuracy([([coup], "les coups")], "fr").matched == 0


# -- end to end: tiny real models, the seed articles --------------------------------------

@pytest.fixture
def mt_workspace(installed_models, settings):
    from workbench.app.workspace import open_workspace

    opened = open_workspace(settings)
    yield opened
    opened.close()


def _translate_seeds(workspace, index) -> list[int]:
    from workbench.app.translating import translate_article

    ids = [article.id for article in workspace.store.list_articles()]
    for article_id in ids:
        translate_article(workspace.store, workspace.engine, article_id, "my", index=index)
    return ids


def _save_translations(workspace, article_id: int, index) -> tuple[int, int]:
    """A translator's text for the first segments with terms: all approved terms in the first,
    none in the second.  Returns (occurrences, matched) for what was saved."""
    segments = [s for s in workspace.store.segments(article_id)
                if any(h.approved for h in index.hits(s.text, "my"))][:2]
    assert len(segments) == 2
    good = " ".join(h.approved[0] for h in index.hits(segments[0].text, "my") if h.approved)
    workspace.store.save_translation(article_id, segments[0].segment_id, "my", good + " ပြောသည်။",
                                     "draft", "tester")
    workspace.store.save_translation(article_id, segments[1].segment_id, "my", "ပြောသည်။", "draft", "tester")
    counted = [sum(1 for h in index.hits(s.text, "my") if h.approved or h.do_not_translate)
               for s in segments]
    dnt_only = sum(1 for h in index.hits(segments[0].text, "my") if not h.approved and h.do_not_translate)
    return sum(counted), counted[0] - dnt_only


def test_project_metrics_reads_only_what_is_stored(mt_workspace):
    before = mt_workspace.store.mt_count()
    metrics = project_metrics(mt_workspace, "my")
    assert mt_workspace.store.mt_count() == before == 0
    assert metrics["term_accuracy"] == {"my": {"mt_raw": None, "mt_enforced": None, "translation": None}}
    segments = metrics["segments"]
    # 49 body sentences and the first seed's headline and byline (the second seed has no headline)
    assert segments["total"] == 51 and segments["without_mt_raw"] == 51 == segments["without_translation"]
    assert metrics["occurrences"] > 0


def test_enforced_only_leaves_raw_mt_missing_for_segments_with_terms(mt_workspace):
    index = mt_workspace.glossary_index()
    _translate_seeds(mt_workspace, index)
    metrics = project_metrics(mt_workspace, "my")
    segments = metrics["segments"]
    # A segment without protected terms has the same engine input either way: its raw MT is stored.
    assert segments["mt_enforced"] == segments["total"]
    assert segments["without_mt_raw"] == segments["with_terms"] > 0
    assert metrics["measured"]["my"]["mt_raw"]["hits"] == 0
    assert metrics["term_accuracy"]["my"]["mt_raw"] is None


def test_project_metrics_end_to_end(mt_workspace):
    index = mt_workspace.glossary_index()
    ids = _translate_seeds(mt_workspace, None)
    _translate_seeds(mt_workspace, index)
    occurrences, matched = _save_translations(mt_workspace, ids[0], index)

    metrics = project_metrics(mt_workspace, "my")
    accuracy, measured = metrics["term_accuracy"]["my"], metrics["measured"]["my"]
    segments = metrics["segments"]
    assert segments["total"] == segments["mt_raw"] == segments["mt_enforced"] == 51  # 49 sentences, headline, byline
    assert segments["translation"] == 2 and segments["without_translation"] == 49
    # Every segment has both kinds of MT: both measure every occurrence.
    assert measured["mt_raw"]["hits"] == measured["mt_enforced"]["hits"] == metrics["occurrences"] > 0
    assert accuracy["mt_enforced"] >= accuracy["mt_raw"]
    # Restoration puts back every placeholder the model kept (or dropped at an edge).
    assert measured["mt_enforced"]["matched"] > 0
    assert measured["translation"] == {"hits": occurrences, "matched": matched}
    assert accuracy["translation"] == pytest.approx(matched / occurrences)

    only_second = project_metrics(mt_workspace, "my", [ids[1]])
    assert only_second["segments"]["total"] == len(mt_workspace.store.segments(ids[1]))
    assert only_second["term_accuracy"]["my"]["translation"] is None


def test_project_metrics_unknown_article(mt_workspace):
    from workbench.errors import UserError

    with pytest.raises(UserError):
        project_metrics(mt_workspace, "my", [999])


def test_a_burmese_title_counts_only_before_a_name():
    """ဒေါ်လာ ("dollar") is not Daw: term accuracy uses the same honorific rule as QA and lookup."""
    daw = Hit(entry_id="daw", source_text="Daw", start=0, end=3, approved=("ဒေါ်",), proposals=(), forbidden=(),
              do_not_translate=False, honorific=True)
    assert term_accuracy([([daw], "ဒေါ်လာ ၅၀၀,၀၀၀ ပေးသည်။")], "my").matched == 0
    assert term_accuracy([([daw], "ဒေါ်ဇင်မာအောင်က ပြောသည်။")], "my").matched == 1
