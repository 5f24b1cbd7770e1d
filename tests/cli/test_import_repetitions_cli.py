"""An imported PO or XLIFF file fills the article's empty repetitions of the sentences it
translates, in the import's own batch, recorded as "propagated" (so undo and history see them)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tests.support.cli_helpers import run_cli
from workbench.app.importing import import_article_text
from workbench.app.repetitions import imported_propagation
from workbench.formats.translation_exchange import format_for_export, format_of_file
from workbench.storage.store import SegmentRow
from workbench.storage.translation_records import TranslationChange

# Segments 1, 3 and 5 are the same sentence; 2 and 4 are others.
ARTICLE = """Reporters confirmed it on Monday. The army denied it.

Reporters confirmed it on Monday. Others said nothing.

Reporters confirmed it on Monday.
"""
MINE = "သတင်းထောက်များက တနင်္လာနေ့တွင် အတည်ပြုခဲ့သည်။"
OTHER = "တပ်မတော်က ငြင်းဆိုခဲ့သည်။"


@pytest.fixture
def article(workspace) -> int:
    return import_article_text(workspace.store, ARTICLE, "repetitions.txt").article_id


def _exported(tmp_path: Path, article: int, name: str, fill: dict[int, tuple[str, str]]) -> Path:
    """Export the article, then fill the n-th segments (1-based) as another tool would."""
    path = tmp_path / name
    run = run_cli("translations", "export", str(article), "--to", "my", "--out", str(path))
    assert run.returncode == 0, run.stderr
    exchange, _notes = format_of_file(path)
    document = exchange.read(path)
    units = list(document.units)
    for number, (text, status) in fill.items():
        units[number - 1] = replace(units[number - 1], target=text, status=status)
    path.write_bytes(format_for_export(path, None if name.endswith(".po") else "2.1").write(
        replace(document, units=units)))
    return path


@pytest.mark.parametrize("name", ["article.po", "article.xlf"])
def test_an_imported_translation_fills_the_empty_repetitions_and_says_so(tmp_path, workspace, article, name):
    ids = [segment.segment_id for segment in workspace.store.segments(article)]
    path = _exported(tmp_path, article, name, {1: (MINE, "translated"), 2: (OTHER, "translated")})
    run = run_cli("translations", "import", str(path))
    assert run.returncode == 0, run.stderr
    assert "imported 2 translations" in run.stdout and "2 repetitions filled" in run.stdout
    assert "propagated to 2 empty repetitions" in run.stderr and "segments 3, 5" in run.stderr
    saved = workspace.store.translations(article, "my")
    assert {ids[n - 1]: (saved[ids[n - 1]].text, saved[ids[n - 1]].status) for n in (3, 5)} == {
        ids[2]: (MINE, "translated"), ids[4]: (MINE, "translated")}
    assert ids[3] not in saved  # "Others said nothing." is no repetition
    history = workspace.store.translation_history(article, "my", ids[2])
    assert [(row.how, row.text) for row in history][-1] == ("propagated", MINE)


def test_a_repetition_with_text_and_a_draft_are_left_as_they_are(tmp_path, workspace, article):
    ids = [segment.segment_id for segment in workspace.store.segments(article)]
    workspace.store.save_translation(article, ids[4], "my", "ကိုယ်ပိုင်", "draft", "tester")
    drafted = _exported(tmp_path, article, "draft.po", {3: (MINE, "draft")})
    run = run_cli("translations", "import", str(drafted))
    assert run.returncode == 0, run.stderr
    assert ids[0] not in workspace.store.translations(article, "my")  # a draft does not spread
    assert "repetitions filled" not in run.stdout
    confirmed = _exported(tmp_path, article, "confirmed.po", {3: (MINE, "translated")})
    run = run_cli("translations", "import", str(confirmed))
    assert run.returncode == 0, run.stderr
    saved = workspace.store.translations(article, "my")
    assert saved[ids[0]].text == MINE  # the empty repetition is filled...
    assert (saved[ids[4]].text, saved[ids[4]].revision) == ("ကိုယ်ပိုင်", 1)  # ...the one with text is not
    assert "1 repetitions filled" in run.stdout


def test_a_sentence_the_file_translates_two_ways_is_not_propagated():
    segments = [SegmentRow(f"s{n}", n, 0, text) for n, text in
                enumerate(["Same.", "Same.", "Same.", "Other."])]
    changes = [TranslationChange("s0", "က", "translated", 0), TranslationChange("s1", "ခ", "translated", 0)]
    assert imported_propagation(segments, {}, changes, "a.po") == []
    one_way = [TranslationChange("s0", "က", "translated", 0)]
    filled = imported_propagation(segments, {}, one_way, "a.po")
    assert [(change.segment_id, change.text, change.how, change.expected_revision) for change in filled] == [
        ("s1", "က", "propagated", 0), ("s2", "က", "propagated", 0)]
    assert filled[0].detail == "from segment 1 (s0) in a.po"
