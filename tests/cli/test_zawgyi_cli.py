"""Zawgyi through the real `workbench` command: article import and glossary import."""

from __future__ import annotations

from tests.support.cli_helpers import run_cli
from tests.unit.test_zawgyi import zawgyi
from tests.unit.test_zawgyi_entry_points import ARTICLE, QUOTE, SHORT_UNSURE


def stored_segments(article_id: str) -> str:
    """The stored segments of an article, one per line."""
    from workbench.app.config import load_settings
    from workbench.app.workspace import open_workspace

    workspace = open_workspace(load_settings())
    try:
        return "\n".join(segment.text for segment in workspace.store.segments(int(article_id)))
    finally:
        workspace.close()


def article_id_of(stdout: str) -> str:
    return stdout.split(" as article ")[1].split(":")[0]


def test_import_converts_a_zawgyi_quote_and_says_so_in_one_line(data_dir, tmp_path):
    path = tmp_path / "quote.txt"
    path.write_text(ARTICLE.format(quote=zawgyi(QUOTE), short="ok"), encoding="utf-8")
    result = run_cli("import", str(path))
    assert result.returncode == 0, result.stderr
    assert f"converted 1 Zawgyi line in {path} to Unicode (line 5; converter: icu)" in result.stdout.splitlines()
    assert result.stderr == ""
    stored = stored_segments(article_id_of(result.stdout))
    assert QUOTE in stored and zawgyi(QUOTE) not in stored


def test_unsure_text_is_kept_and_reported_with_its_place_and_the_way_to_convert(data_dir, tmp_path):
    path = tmp_path / "banner.txt"
    path.write_text(ARTICLE.format(quote=QUOTE, short=SHORT_UNSURE), encoding="utf-8")
    result = run_cli("import", str(path))
    assert result.returncode == 0 and "converted" not in result.stdout
    warnings = result.stderr.splitlines()
    assert len(warnings) == 1
    assert warnings[0].startswith(f"workbench: warning: {path}:7: may be Zawgyi ('{SHORT_UNSURE}')")
    assert "--zawgyi convert" in warnings[0]
    assert SHORT_UNSURE in stored_segments(article_id_of(result.stdout))  # never converted silently

    forced = run_cli("import", "--zawgyi", "convert", str(path))
    assert forced.returncode == 0 and f"converted 1 Zawgyi line in {path}" in forced.stdout
    assert SHORT_UNSURE not in stored_segments(article_id_of(forced.stdout))


def test_keep_converts_nothing_and_says_what_was_kept(data_dir, tmp_path):
    path = tmp_path / "as-is.txt"
    path.write_text(ARTICLE.format(quote=zawgyi(QUOTE), short="ok"), encoding="utf-8")
    result = run_cli("import", "--zawgyi", "keep", str(path))
    assert result.returncode == 0 and "converted" not in result.stdout
    assert f"{path}:5: looks like Zawgyi" in result.stderr and "--zawgyi keep" in result.stderr
    assert zawgyi(QUOTE) in stored_segments(article_id_of(result.stdout))


def test_a_wrong_zawgyi_choice_changes_nothing(data_dir, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE.format(quote=QUOTE, short="ok"), encoding="utf-8")
    result = run_cli("import", "--zawgyi", "maybe", str(path))
    assert result.returncode == 2 and "invalid choice: 'maybe'" in result.stderr
    assert "Traceback" not in result.stderr
    assert "Protesters" not in run_cli("articles").stdout


def test_glossary_import_converts_zawgyi_renderings_and_reports_unsure_ones(data_dir, tmp_path):
    nld_my = "အမျိုးသားဒီမိုကရေစီအဖွဲ့ချုပ်"
    path = tmp_path / "desk.csv"
    header = "entry_id,domain,definition,term,term_kind,case,context,lang,rendering,status,do_not_translate,honorific,note,source"
    path.write_text("\n".join([
        header,
        "zawgyi-party,,,Zawgyi Party,,,,,,,,,,",
        f"zawgyi-party,,,,,,,my,{zawgyi(nld_my)},proposed,,,,",
        "short-one,,,Short One,,,,,,,,,,",
        f"short-one,,,,,,,my,{SHORT_UNSURE},proposed,,,,",
    ]) + "\n", encoding="utf-8")
    result = run_cli("glossary", "import", str(path))
    assert result.returncode == 0, result.stderr
    assert f"converted 1 Zawgyi rendering in {path} to Unicode (converter: icu):" in result.stdout
    assert f"zawgyi-party (my): {nld_my}" in result.stdout
    warnings = result.stderr.splitlines()
    assert len(warnings) == 1 and f"entry short-one (my) rendering '{SHORT_UNSURE}' may be Zawgyi" in warnings[0]
    assert f"{nld_my}  [proposed" in run_cli("glossary", "show", "zawgyi-party").stdout
    assert f"{SHORT_UNSURE}  [proposed" in run_cli("glossary", "show", "short-one").stdout
