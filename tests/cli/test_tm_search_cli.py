"""`workbench tm search` and `tm concordance` over the memory that confirmed translations feed."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.support.cli_helpers import assert_one_line_error, run_cli
from workbench.storage.store import Store

STORY = ("Council story\n\nThe NUG said on Monday that 300 soldiers had defected. "
         "Reporters confirmed it on Monday. The council met in Yangon.\n")
TARGETS = ["အမျိုးသားညီညွတ်ရေးအစိုးရက စစ်သား ၃၀၀ ခိုလှုံလာသည်ဟု တနင်္လာနေ့တွင် ပြောသည်။",
           "သတင်းထောက်များက တနင်္လာနေ့တွင် အတည်ပြုခဲ့သည်။", "ကောင်စီသည် ရန်ကုန်တွင် တွေ့ဆုံခဲ့သည်။"]


def _confirmed_story(tmp_path: Path) -> int:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    assert run_cli("import", str(path)).returncode == 0
    store = Store(f"sqlite:///{Path(os.environ['WORKBENCH_DATA_DIR']) / 'workbench.db'}")
    try:
        article_id = max(article.id for article in store.list_articles())
        body = [segment for segment in store.segments(article_id) if segment.kind == "body"]  # not the headline
        for segment, target in zip(body, TARGETS, strict=True):
            store.save_translation(article_id, segment.segment_id, "my", target, "translated", "tin", expected_revision=0)
    finally:
        store.close()
    return article_id


def test_a_near_sentence_finds_yesterdays_translation_with_its_numbers_replaced(data_dir, tmp_path):
    article_id = _confirmed_story(tmp_path)
    result = run_cli("tm", "search", "The NUG said on Monday that 250 soldiers had defected.", "--lang", "MY",
                     "--format", "json")
    assert result.returncode == 0, result.stderr
    best = json.loads(result.stdout)[0]
    assert (best["origin"], best["author"], best["kind"]) == (f"article {article_id}", "tin", "near-exact")
    assert 95 <= best["score"] <= 99 and best["numbers_replaced"]
    assert "၂၅၀" in best["target"] and "၃၀၀" in best["memory_target"]
    table = run_cli("tm", "search", "The NUG said on Tuesday that 300 soldiers had defected.", "--lang", "my")
    assert table.returncode == 0 and "source: The NUG said on Monday" in table.stdout
    assert "differs: Monday→Tuesday" in table.stdout


def test_the_threshold_and_the_count_are_honoured(data_dir, tmp_path):
    _confirmed_story(tmp_path)
    query = "The council met in Mandalay."  # 6 tokens, one replaced: 100·5/6 = 83
    assert json.loads(run_cli("tm", "search", query, "--lang", "my", "--format", "json").stdout)[0]["score"] == 83
    assert json.loads(run_cli("tm", "search", query, "--lang", "my", "--min", "90", "--format", "json").stdout) == []
    strict = run_cli("tm", "search", query, "--lang", "my", "--format", "json", env={"WORKBENCH_TM_MIN": "90"})
    assert json.loads(strict.stdout) == []
    many = run_cli("tm", "search", "Reporters confirmed it on Monday.", "--lang", "my", "--min", "1", "--limit", "2",
                   "--format", "json")
    assert [match["score"] for match in json.loads(many.stdout)][:1] == [100] and len(json.loads(many.stdout)) == 2


def test_concordance_finds_words_and_phrases_in_sources_and_targets(data_dir, tmp_path):
    _confirmed_story(tmp_path)
    words = run_cli("tm", "concordance", "Monday reporters", "--lang", "my")
    assert words.returncode == 0 and "»Reporters« confirmed it on »Monday«." in words.stdout
    burmese = run_cli("tm", "concordance", "တနင်္လာ", "--lang", "my", "--format", "json")
    assert len(json.loads(burmese.stdout)) == 2  # by whole syllables, in the targets
    phrase = run_cli("tm", "concordance", '"on Monday that"', "--lang", "my", "--format", "json")
    assert [hit["source"][:7] for hit in json.loads(phrase.stdout)] == ["The NUG"]
    assert "is not in the my memory" in run_cli("tm", "concordance", "Naypyitaw", "--lang", "my").stdout


def test_mistakes_are_one_line(data_dir):
    run_cli("articles")
    assert_one_line_error(run_cli("tm", "search", "x", "--lang", "my", env={"WORKBENCH_TM_MIN": "high"}),
                          "WORKBENCH_TM_MIN='high'", "1 to 101")
    assert_one_line_error(run_cli("tm", "search", "x", "--lang", "my", "--min", "200"), "--min 200")
    assert_one_line_error(run_cli("tm", "search", "x", "--lang", "klingon"), "klingon")
    assert_one_line_error(run_cli("tm", "concordance", "...", "--lang", "my"), "give the words")
    assert_one_line_error(run_cli("tm", "concordance", "council", "--lang", "my", "--limit", "0"), "--limit 0")
