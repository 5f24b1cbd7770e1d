"""Pivot routes: a pair with no direct package goes through another language, and says so."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.cli_helpers import assert_one_line_error, run_cli
from tests.support.stored import stored_mt
from workbench.app.translating import stored_mt_results, translate_article
from workbench.app.workspace import open_workspace
from workbench.mt.pivot import find_route, missing_route_hint


@dataclass(frozen=True)
class Pair:
    from_code: str
    to_code: str
    name: str = ""


def test_a_direct_package_wins_then_english_then_any_other_pivot():
    packages = [Pair("de", "fr"), Pair("en", "de"), Pair("en", "es"), Pair("es", "fr"),
                Pair("es", "en"), Pair("en", "fr"), Pair("ja", "en"), Pair("en", "th")]
    assert find_route(packages, "en", "fr").label == "en→fr"
    assert find_route(packages, "ja", "th").label == "ja→en→th"
    assert find_route(packages[:4], "en", "fr").label == "en→de→fr"  # first other pivot in code order
    assert find_route(packages, "es", "th").via == ("en",)
    assert find_route(packages, "th", "en") is None


def test_the_missing_route_line_names_the_packages_that_would_do():
    packages = [Pair("en", "es"), Pair("de", "ja")]
    hint = missing_route_hint(packages, "en", "ja")
    assert "en→ja" in hint and "es→ja (to go through your en→es)" in hint
    assert "en→de (to go through your de→ja)" in hint and "workbench models install" in hint
    assert "both fr→en and en→th" in missing_route_hint([], "fr", "th")


def test_a_same_language_package_is_never_a_route_nor_a_hint():
    packages = [Pair("en", "en"), Pair("en", "es"), Pair("my", "my")]
    assert find_route(packages, "en", "en") is None
    assert find_route(packages, "en", "my") is None  # not en→en→my, nor en→my→my
    assert find_route(packages, "es", "es") is None
    assert missing_route_hint(packages, "en", "my") == (
        "no MT model for en→my is installed, directly or through another language; "
        "install en→my, or es→my (to go through your en→es) with "
        "`workbench models install FILE.argosmodel` (README: \"Getting a model\")")


@pytest.fixture(scope="session")
def pivot_files(tmp_path_factory, seed_text) -> dict[str, Path]:
    """Tiny real packages for en→es, es→my (NLLB-style) and es→ja: no direct en→my or en→ja."""
    from workbench.testing.synthetic import build_argos_package

    folder = tmp_path_factory.mktemp("pivot-models")
    return {
        "en_es": build_argos_package(folder / "en_es.argosmodel", seed_text, from_code="en", to_code="es",
                                     to_name="Spanish", seed=2),
        "es_my": build_argos_package(folder / "es_my.argosmodel", seed_text, from_code="es", to_code="my",
                                     from_name="Spanish", source_prefix="spa_Latn",
                                     target_prefix="mya_Mymr", seed=3),
        "es_ja": build_argos_package(folder / "es_ja.argosmodel", seed_text, from_code="es", to_code="ja",
                                     from_name="Spanish", to_name="Japanese", seed=4),
    }


@pytest.fixture
def pivot_workspace(settings, pivot_files):
    from workbench.mt.packages import install_package

    for path in pivot_files.values():
        install_package(path, settings.data_dir)
    workspace = open_workspace(settings)
    yield workspace
    workspace.close()


def test_no_direct_package_goes_through_the_pivot_and_chains_the_two_models(pivot_workspace):
    engine, store = pivot_workspace.engine, pivot_workspace.store
    model = engine.model_for("en", "ja")
    assert model.route == "en→es→ja" and model.via == ("es",)
    assert model.model_id == "translate-en_es-1_0+translate-es_ja-1_0"
    report = translate_article(store, engine, 1, "ja")
    assert report.translated == report.total and report.model == model and report.route == "en→es→ja"
    _model, mt = stored_mt_results(store, engine, 1, "ja")
    texts = [s.text for s in store.segments(1)]
    # The second model translates exactly what the first produced.
    spanish = engine.translate(texts, "en", "es")
    japanese = engine.translate(spanish, "es", "ja")
    assert [mt[s.segment_id].text for s in store.segments(1)] == japanese
    assert japanese != spanish


def test_pivot_output_is_cached_apart_from_a_direct_package(pivot_workspace, model_files):
    from workbench.mt.packages import install_package

    engine, store = pivot_workspace.engine, pivot_workspace.store
    translate_article(store, engine, 1, "my")
    assert len(stored_mt_results(store, engine, 1, "my")[1]) == len(store.segments(1))
    again = translate_article(store, engine, 1, "my")
    assert again.from_cache == again.total
    install_package(model_files["my"], pivot_workspace.settings.data_dir)  # now a direct en→my exists
    model, mt = stored_mt(store, engine, 1, "my")
    assert model.route == "en→my" and mt == {}  # the pivot's output is not shown as the direct model's


def test_glossary_placeholders_go_through_both_legs_and_are_restored_or_flagged_at_the_end(pivot_workspace):
    workspace = pivot_workspace
    entry = workspace.glossary.entry("junta")
    rendering = entry.renderings_for("my")[0].text
    workspace.workflow().decide("approve", "junta", "my", rendering)
    index = workspace.glossary_index()
    first_leg = []
    real = workspace.engine._translate_leg
    workspace.engine._translate_leg = lambda loaded, texts, count: real(
        loaded, first_leg.append(list(texts)) or first_leg[-1], count)
    translate_article(workspace.store, workspace.engine, 1, "my", index=index)
    assert any("[[" in text for text in first_leg[0])  # the en→es leg sees the protected text
    _model, results = stored_mt_results(workspace.store, workspace.engine, 1, "my", index)
    with_term = [s for s in workspace.store.segments(1) if "junta" in s.text.lower()]
    # The tiny random es→my model drops every placeholder, so each of these segments is
    # flagged, in the target language: where "junta" ends the sentence the Burmese term
    # goes back in at the end; elsewhere the flag names the Burmese term to add by hand.
    outcomes = []
    for segment in with_term:
        result = results[segment.segment_id]
        assert "[[" not in result.raw
        (flag,) = [flag for flag in result.flags if "(junta)" in flag]
        outcome = flag.split("dropped by MT; ")[1]
        outcomes.append(outcome)
        assert (rendering in result.text) == (outcome == "re-inserted at the end")
    assert outcomes == ["re-inserted at the end", f"not placed, add '{rendering}' by hand",
                        f"not placed, add '{rendering}' by hand", "re-inserted at the end"]


def test_cli_says_which_languages_go_through_a_pivot(pivot_workspace, tmp_path):
    result = run_cli("translate", "1", "--to", "ja,es", "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "ja: via en→es→ja (no en→ja package installed)" in result.stderr
    assert "es: via" not in result.stderr
    assert "en→es→ja [" in result.stderr and "en→es [" in result.stderr
    assert (tmp_path / "out" / "article-1.ja.txt").read_text(encoding="utf-8").strip()


def test_cli_without_any_route_names_the_packages_needed_before_translating(pivot_workspace, tmp_path):
    result = run_cli("translate", "1", "--to", "ja,fr", "--out", str(tmp_path / "out"))
    assert_one_line_error(result, "en→fr", "es→fr (to go through your en→es)", "workbench models install")
    assert not (tmp_path / "out").exists()
    assert stored_mt(pivot_workspace.store, pivot_workspace.engine, 1, "ja")[1] == {}
