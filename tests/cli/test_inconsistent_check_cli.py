"""`workbench check` reports a sentence translated two ways across articles; the history lists propagation."""

from __future__ import annotations

import json

from tests.support.cli_helpers import run_cli
from workbench.app import editing
from workbench.app.config import load_settings
from workbench.app.workspace import open_workspace

SENTENCE = "Reporters confirmed it on Monday."
# No headline or byline (they would be segments 1 and 2): the segment numbers below are the sentences'.
FIRST = f"""{SENTENCE} The army denied it.

{SENTENCE}
"""
SECOND = f"""Others said nothing. {SENTENCE}
"""
A = "သတင်းထောက်များက တနင်္လာနေ့တွင် အတည်ပြုခဲ့သည်။"
B = "တနင်္လာနေ့တွင် သတင်းထောက်များ အတည်ပြုသည်။"


def _confirm(article_id: int, number: int, text: str) -> None:
    """A translator types the segment and marks it translated (its repetitions follow)."""
    workspace = open_workspace(load_settings())
    try:
        view = workspace.article_view(article_id, "my")
        segment = view.segments[number - 1]
        editing.save_edit(workspace.store, view, segment.segment_id, text, "tin")
        editing.toggle_translated(workspace.store, view, segment.segment_id, "tin")
    finally:
        workspace.close()


def test_check_lists_the_variants_across_articles_and_history_shows_propagation(data_dir, tmp_path):
    (tmp_path / "first.txt").write_text(FIRST, encoding="utf-8")
    (tmp_path / "second.txt").write_text(SECOND, encoding="utf-8")
    assert run_cli("import", str(tmp_path / "first.txt"), str(tmp_path / "second.txt")).returncode == 0
    first, second = 3, 4  # after the two seed articles
    _confirm(first, 1, A)  # segment 3 of the first article is a repetition: it takes A
    _confirm(second, 2, B)

    result = run_cli("check", str(second), "--lang", "my")  # only the second article, compared with all
    assert result.returncode == 0, result.stderr  # a warning does not fail the gate
    lines = [line for line in result.stdout.splitlines() if "inconsistent-translation" in line]
    assert lines == [f"{second}:2: inconsistent-translation: translated 2 ways in this project: "
                     f"'{A}' (article {first} segment 1, article {first} segment 3), '{B}' (article {second} segment 2)"]

    issues = json.loads(run_cli("check", "--lang", "my", "--format", "json").stdout)
    places = sorted((i["article_id"], i["segment"]) for i in issues if i["check_id"] == "inconsistent-translation")
    assert places == [(first, 1), (first, 3), (second, 2)]
    assert not [i for i in json.loads(run_cli("check", "--lang", "fr", "--format", "json").stdout)
                if i["check_id"] == "inconsistent-translation"]

    history = run_cli("translations", "history", str(first), "3", "--to", "my").stdout.splitlines()
    assert history[1].split("\t")[4].startswith("propagated from segment 1 ")
    assert history[1].split("\t")[5:] == ["translated", A]
