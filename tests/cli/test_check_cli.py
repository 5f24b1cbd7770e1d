"""`workbench check`: QA lines a desk can gate publishing on."""

import json

from tests.support.cli_helpers import assert_one_line_error, run_cli
from workbench.app.config import load_settings
from workbench.app.workspace import open_workspace

NUG_MY = "အမျိုးသားညီညွတ်ရေးအစိုးရ"


def translate_segment(article_id: int, number: int, text: str) -> None:
    workspace = open_workspace(load_settings())
    try:
        segment = workspace.store.segments(article_id)[number - 1]
        workspace.store.save_translation(article_id, segment.segment_id, "my", text, "translated", "tin")
    finally:
        workspace.close()


def test_check_reports_article_segment_check_and_exits_1_on_errors(data_dir):
    run_cli("articles")
    # Seed 004, segment 11: "The NUG said it will pay US$500,000 to airmen or sailors ..."
    translate_segment(2, 11, "အစိုးရက လေတပ်သားများကို ဒေါ်လာ ၃၀၀,၀၀၀ ပေးမည်ဟု ဆိုသည်")
    result = run_cli("check", "2", "--lang", "my")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(line.startswith("2:11: missing-term:") and NUG_MY in line for line in lines), lines
    assert any(line.startswith("2:11: numbers:") and "500,000" in line for line in lines), lines
    assert any(line.startswith("2:11: final-punctuation:") for line in lines)
    assert any(line.startswith("2:1: untranslated:") for line in lines)
    assert lines[-1].endswith("in my") and "errors" in lines[-1]


def test_a_clean_translation_passes_and_json_has_the_fields(data_dir):
    run_cli("articles")
    translate_segment(2, 11, f"{NUG_MY} က လေတပ်သားများကို ဒေါ်လာ ၅၀၀,၀၀၀ ပေးမည်ဟု ဆိုသည်။")
    issues = json.loads(run_cli("check", "2", "--lang", "my", "--format", "json").stdout)
    mine = [issue for issue in issues if issue["segment"] == 11]
    assert mine == []
    assert {"check_id", "severity", "message", "article_id", "segment_id", "segment"} <= set(issues[0])
    assert all(issue["check_id"] == "untranslated" for issue in issues)
    assert run_cli("check", "2", "--lang", "my").returncode == 0  # warnings only


def test_check_mistakes_are_one_line(data_dir):
    assert_one_line_error(run_cli("check", "9", "--lang", "my"), "no article with id 9")
    assert_one_line_error(run_cli("check", "--lang", "xx"), "unknown language code")


def test_metrics_report_term_accuracy_for_raw_enforced_and_translations(installed_models):
    run_cli("articles")
    assert run_cli("translate", "2", "--to", "my").returncode == 0  # enforced MT, as the desk runs it
    translate_segment(2, 11, f"{NUG_MY} က ဒေါ်လာ ၅၀၀,၀၀၀ ပေးမည်။")
    metrics = json.loads(run_cli("check", "2", "--lang", "my", "--metrics", "--format", "json").stdout)
    accuracy = metrics["term_accuracy"]["my"]
    assert set(accuracy) == {"mt_raw", "mt_enforced", "translation"}
    assert metrics["occurrences"] > 0
    assert accuracy["mt_enforced"] is not None and accuracy["translation"] is not None
    assert accuracy["translation"] > 0  # the one translated segment uses the approved NUG rendering
    text = run_cli("check", "2", "--lang", "my", "--metrics").stdout
    assert "term accuracy in my" in text and "enforced MT" in text
