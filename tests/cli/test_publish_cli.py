"""`workbench publish`: the finished article, compared with expected files for both seeds; refusals and drafts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.cli_helpers import assert_one_line_error, run_cli
from workbench.lang.digits import to_myanmar_digits

EXPECTED = Path(__file__).resolve().parent.parent / "fixtures" / "publish"
FORMATS = ("txt", "md", "html")


def burmese_for(number: int, source: str) -> str:
    """A stand-in translation that passes QA: Burmese words, the source's numbers in Myanmar digits, ။."""
    numbers = [to_myanmar_digits(found.replace(",", "")) for found in re.findall(r"\d{1,3}(?:,\d{3})+|\d+", source)]
    return " ".join([f"ဘာသာပြန်{to_myanmar_digits(str(number))}", *numbers]) + "။"


@pytest.fixture
def translated(tmp_path, monkeypatch, settings):
    """A workspace with an empty glossary and every segment of both seeds translated (the desk's state at 5 pm)."""
    from workbench.app.workspace import open_workspace

    empty = tmp_path / "no-glossary"
    empty.mkdir()
    monkeypatch.setenv("WORKBENCH_GLOSSARY_DIR", str(empty))
    workspace = open_workspace(settings)
    try:
        for article in workspace.store.list_articles():
            for number, segment in enumerate(workspace.store.segments(article.id), start=1):
                workspace.store.save_translation(article.id, segment.segment_id, "my", burmese_for(number, segment.text),
                                                 "translated", "tin", expected_revision=0)
    finally:
        workspace.close()
    return settings


@pytest.mark.parametrize("article", [1, 2])
@pytest.mark.parametrize("format_name", FORMATS)
def test_publish_writes_the_expected_finished_article(translated, tmp_path, article, format_name):
    out = tmp_path / f"article.{format_name}"
    run = run_cli("publish", str(article), "--lang", "my", "--format", format_name, "--out", str(out))
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    assert out.read_text(encoding="utf-8") == (EXPECTED / f"seed{article}.{format_name}").read_text(encoding="utf-8")


def test_publish_prints_to_stdout_without_out(translated):
    run = run_cli("publish", "1", "--lang", "my")
    assert run.returncode == 0, run.stderr
    assert run.stdout == (EXPECTED / "seed1.txt").read_text(encoding="utf-8")


def test_the_finished_article_has_the_burmese_headline_date_and_joined_sentences(translated):
    text = run_cli("publish", "1", "--lang", "my").stdout
    headline, byline_and_date, first = text.split("\n\n")[:3]
    assert headline == "ဘာသာပြန်၁။"
    assert byline_and_date == "ဘာသာပြန်၂။\n၂၀၂၂ မတ် ၂၅"  # Babel's Burmese date, Myanmar digits
    assert "။ဘာသာပြန်" in text and "။ ဘာသာပြန်" not in text  # Burmese sentences join without a space
    assert first == "ဘာသာပြန်၃။"


def test_an_untranslated_segment_refuses_publication_and_names_it(translated, tmp_path):
    from workbench.app.config import load_settings
    from workbench.app.workspace import open_workspace

    workspace = open_workspace(load_settings())
    segment = workspace.store.segments(1)[4]
    row = workspace.store.translation(1, segment.segment_id, "my")
    workspace.store.save_translation(1, segment.segment_id, "my", "", "draft", "tin", expected_revision=row.revision)
    workspace.close()
    out = tmp_path / "article.html"
    out.write_text("the previous version\n", encoding="utf-8")
    run = run_cli("publish", "1", "--lang", "my", "--format", "html", "--out", str(out))
    assert run.returncode == 1
    assert "article 1 is not ready to publish in my: 1 segments" in run.stderr
    assert "  5: “We asked them, if you can’t … — not translated" in run.stderr
    assert out.read_text(encoding="utf-8") == "the previous version\n"  # nothing written
    assert run.stdout == ""

    draft = run_cli("publish", "1", "--lang", "my", "--format", "html", "--out", str(out), "--draft")
    assert draft.returncode == 0, draft.stderr
    html = out.read_text(encoding="utf-8")
    assert '<mark class="untranslated" data-segment="5" lang="en">“We asked them, if you can’t assist' in html
    assert "draft: 1 segments not translated or with errors" in draft.stderr


def test_an_error_level_issue_refuses_publication(translated):
    from workbench.app.config import load_settings
    from workbench.app.workspace import open_workspace

    workspace = open_workspace(load_settings())
    dated = workspace.store.segments(1)[23]  # "On March 19, the NUG held ..."
    row = workspace.store.translation(1, dated.segment_id, "my")
    workspace.store.save_translation(1, dated.segment_id, "my", "ဘာသာပြန်။", "translated", "tin",
                                     expected_revision=row.revision)
    workspace.close()
    run = run_cli("publish", "1", "--lang", "my")
    assert run.returncode == 1
    assert "  24: On March 19, the NUG held … — error numbers: number 19 is missing" in run.stderr
    assert run.stdout == ""


def test_html_is_escaped_and_has_no_markup_from_the_text(translated):
    from workbench.app.config import load_settings
    from workbench.app.workspace import open_workspace

    workspace = open_workspace(load_settings())
    title = workspace.store.segments(1)[0]
    row = workspace.store.translation(1, title.segment_id, "my")
    workspace.store.save_translation(1, title.segment_id, "my", "<script>alert(1)</script> & ခေါင်းစဉ်",
                                     "translated", "tin", expected_revision=row.revision)
    workspace.close()
    run = run_cli("publish", "1", "--lang", "my", "--format", "html")
    assert run.returncode == 0, run.stderr
    assert "<h1>&lt;script&gt;alert(1)&lt;/script&gt; &amp; ခေါင်းစဉ်</h1>" in run.stdout
    assert "<script" not in run.stdout and "<style" not in run.stdout


def test_publish_mistakes_are_one_line(translated, tmp_path):
    assert_one_line_error(run_cli("publish", "99", "--lang", "my"), "no article with id 99")
    assert_one_line_error(run_cli("publish", "1", "--lang", "my", "--out", str(tmp_path / "missing" / "a.txt")),
                          "folder", "does not exist")
