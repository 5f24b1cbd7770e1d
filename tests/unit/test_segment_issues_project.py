"""Per-segment QA lines (`segment_issues`) include `inconsistent-translation` when given the project context."""

from __future__ import annotations

from workbench.app.checking import project_context, segment_issues
from workbench.app.importing import import_article_text

MONDAY = "Reporters confirmed it on Monday."


def _body(workspace, article_id):
    return [segment for segment in workspace.store.segments(article_id) if segment.kind == "body"]


def test_the_per_segment_lines_show_a_translation_that_differs_from_another_articles(workspace):
    first = import_article_text(workspace.store, f"{MONDAY} Talks ended.", "a.txt").article_id
    second = import_article_text(workspace.store, f"Troops moved in. {MONDAY}", "b.txt").article_id
    other = _body(workspace, first)[0]
    workspace.store.save_translation(first, other.segment_id, "my", "သတင်းထောက်များ အတည်ပြုခဲ့သည်။", "translated", "tin")
    mine = _body(workspace, second)[1]
    context = project_context(workspace, second, "my")

    issues = segment_issues(second, mine.segment_id, mine.text, "တနင်္လာနေ့တွင် အတည်ပြုသည်။", "my", (), project=context)
    [issue] = [issue for issue in issues if issue.check_id == "inconsistent-translation"]
    assert issue.severity == "warning"
    assert f"article {first} segment 1" in issue.message and f"article {second} segment 2" in issue.message

    same = segment_issues(second, mine.segment_id, mine.text, "သတင်းထောက်များ အတည်ပြုခဲ့သည်။", "my", (), project=context)
    assert not [issue for issue in same if issue.check_id == "inconsistent-translation"]
    without = segment_issues(second, mine.segment_id, mine.text, "တနင်္လာနေ့တွင် အတည်ပြုသည်။", "my", ())
    assert not [issue for issue in without if issue.check_id == "inconsistent-translation"]


def test_a_repetition_in_the_same_article_is_read_as_it_is_now(workspace):
    article = import_article_text(workspace.store, f"{MONDAY} Talks ended. {MONDAY}", "a.txt").article_id
    copy, _, mine = _body(workspace, article)
    context = project_context(workspace, article, "my")  # made before the repetition is translated
    workspace.store.save_translation(article, copy.segment_id, "my", "ပထမ ဘာသာပြန်။", "translated", "tin")
    issues = segment_issues(article, mine.segment_id, mine.text, "ဒုတိယ ဘာသာပြန်။", "my", (), project=context)
    assert [issue.check_id for issue in issues if issue.check_id == "inconsistent-translation"] == ["inconsistent-translation"]
