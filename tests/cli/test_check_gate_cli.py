"""`workbench check --require translated`: the publishing gate's exit codes and counts."""

from __future__ import annotations

import json

from tests.cli.test_publish_cli import translated  # noqa: F401  (the fixture: both seeds translated)
from tests.support.cli_helpers import assert_one_line_error, run_cli


def _untranslate(number: int, article_id: int = 1) -> None:
    from workbench.app.config import load_settings
    from workbench.app.workspace import open_workspace

    workspace = open_workspace(load_settings())
    segment = workspace.store.segments(article_id)[number - 1]
    row = workspace.store.translation(article_id, segment.segment_id, "my")
    workspace.store.save_translation(article_id, segment.segment_id, "my", row.text, "draft", "tin",
                                     expected_revision=row.revision)
    workspace.close()


def test_an_untranslated_project_fails_the_gate_and_says_how_many(data_dir):
    run = run_cli("check", "1", "2", "--lang", "my", "--require", "translated")
    assert run.returncode == 1
    lines = run.stdout.splitlines()
    assert "article 1: not ready: 27 of 27 segments below translated, 0 with errors" in lines
    assert "article 2: not ready: 24 of 24 segments below translated, 0 with errors" in lines
    assert lines[-1] == "not ready to publish in my: 51 segments below translated and 0 with errors in 2 of 2 articles"


def test_without_require_the_same_project_exits_0_as_before(data_dir):
    run = run_cli("check", "--lang", "my")
    assert run.returncode == 0
    assert "not ready" not in run.stdout


def test_a_translated_project_passes_the_gate(translated):  # noqa: F811
    run = run_cli("check", "--lang", "my", "--require", "translated")
    assert run.returncode == 0, run.stdout
    assert run.stdout.splitlines()[-1] == "ready to publish in my: 2 articles, every segment translated, no errors"


def test_one_draft_segment_fails_the_gate_for_its_article_only(translated):  # noqa: F811
    _untranslate(3)
    run = run_cli("check", "1", "2", "--lang", "my", "--require", "translated", "--format", "json")
    assert run.returncode == 1
    gate = json.loads(run.stdout)["gate"]
    assert (gate["passed"], gate["below"], gate["with_errors"]) == (False, 1, 0)
    first, second = gate["articles"]
    assert first["not_ready"] == [{"segment": 3, "first_words": "Myanmar’s parallel civilian National Unity Government’s …",
                                   "reasons": ["draft"]}]
    assert second["not_ready"] == []
    assert run_cli("check", "2", "--lang", "my", "--require", "translated").returncode == 0


def test_reviewed_is_refused_in_one_line_naming_the_states(data_dir):
    run = run_cli("check", "--lang", "my", "--require", "reviewed")
    assert_one_line_error(run, "--require 'reviewed'", "use one of: translated")


def test_an_error_level_issue_fails_the_gate_even_when_everything_is_translated(translated):  # noqa: F811
    from workbench.app.config import load_settings
    from workbench.app.workspace import open_workspace

    workspace = open_workspace(load_settings())
    dated = workspace.store.segments(1)[23]  # "On March 19, the NUG held ...": its translation loses the 19
    row = workspace.store.translation(1, dated.segment_id, "my")
    workspace.store.save_translation(1, dated.segment_id, "my", "ဘာသာပြန်။", "translated", "tin",
                                     expected_revision=row.revision)
    workspace.close()
    run = run_cli("check", "--lang", "my", "--require", "translated")
    assert run.returncode == 1
    lines = run.stdout.splitlines()
    assert "1:24: numbers: number 19 is missing from the translation" in lines
    assert "article 1: not ready: 0 of 27 segments below translated, 1 with errors" in lines
    assert "article 2: ready: all 24 segments translated, no errors" in lines
    assert lines[-1] == "not ready to publish in my: 0 segments below translated and 1 with errors in 1 of 2 articles"
