"""One article into several languages in one run, through tiny real models."""

from __future__ import annotations

import io
import threading
from pathlib import Path

import pytest

from tests.support.cli_helpers import assert_one_line_error, run_cli
from tests.support.stored import stored_mt
from workbench.app.multi_target import SameLanguageError, plan_languages, release_unneeded, translate_languages
from workbench.app.translating import translate_article
from workbench.app.workspace import open_workspace
from workbench.cli.progress import ProgressBars
from workbench.mt.engine import NoModelError


@pytest.fixture(scope="session")
def japanese_file(tmp_path_factory, seed_text) -> Path:
    from workbench.testing.synthetic import build_argos_package

    folder = tmp_path_factory.mktemp("ja-model")
    return build_argos_package(folder / "en_ja.argosmodel", seed_text, from_code="en", to_code="ja",
                               to_name="Japanese", seed=5)


def open_with_models(settings, *archives):
    from workbench.mt.packages import install_package

    for archive in archives:
        install_package(archive, settings.data_dir)
    return open_workspace(settings)


@pytest.fixture
def three(settings, model_files, japanese_file):
    workspace = open_with_models(settings, model_files["my"], model_files["fr"], japanese_file)
    yield workspace
    workspace.close()


def test_several_languages_in_one_run_give_what_one_language_at_a_time_gives(three, tmp_path, model_files,
                                                                            japanese_file):
    from workbench.app.config import load_settings

    report = translate_languages(three.store, three.engine, 1, ["my", "fr", "ja"], workers=2)
    assert list(report.reports) == ["my", "fr", "ja"] and not report.cancelled
    alone = open_with_models(load_settings(data_dir=tmp_path / "alone"), *model_files.values(), japanese_file)
    try:
        for lang in ("my", "fr", "ja"):
            translate_article(alone.store, alone.engine, 1, lang)
            expected = stored_mt(alone.store, alone.engine, 1, lang)[1]
            assert stored_mt(three.store, three.engine, 1, lang)[1] == expected
            assert len(expected) == report.reports[lang].total == report.reports[lang].translated
    finally:
        alone.close()


def test_languages_run_at_the_same_time_on_their_own_threads(three):
    threads: dict[str, set[str]] = {}

    def seen(lang, done, total, sid, text):
        threads.setdefault(lang, set()).add(threading.current_thread().name)

    translate_languages(three.store, three.engine, 1, ["my", "fr"], on_progress=seen, workers=2)
    assert len(threads["my"]) == len(threads["fr"]) == 1 and threads["my"] != threads["fr"]


def test_a_second_run_comes_from_the_cache_and_loads_nothing(three):
    translate_languages(three.store, three.engine, 2, ["my", "fr"])
    three.engine.unload()
    again = translate_languages(three.store, three.engine, 2, ["my", "fr"])
    for lang_report in again.reports.values():
        assert lang_report.from_cache == lang_report.total and lang_report.translated == 0
    assert three.engine.loaded_models() == []


def test_cancelling_stops_every_language(three):
    arrived = []
    report = translate_languages(
        three.store, three.engine, 1, ["my", "fr", "ja"], workers=2,
        on_progress=lambda lang, done, total, sid, text: arrived.append(lang),
        cancelled=lambda: len(arrived) >= 3,
    )
    assert report.cancelled
    for lang in ("my", "fr", "ja"):
        assert report.reports[lang].cancelled
        assert len(stored_mt(three.store, three.engine, 1, lang)[1]) < report.reports[lang].total
    assert len(arrived) < 3 + 2 * 2  # each running language stops at its next result


def test_only_the_models_the_languages_need_are_loaded_and_others_are_released(three):
    engine = three.engine
    plans = plan_languages(engine, "en", ["fr", "my"])
    assert [plan.route for plan in plans] == ["en→fr", "en→my"] and engine.loaded_models() == []
    translate_languages(three.store, engine, 1, ["fr"])
    assert engine.loaded_models() == ["translate-en_fr-1_0"]
    translate_languages(three.store, engine, 1, ["my", "ja"])  # the view changed: fr is not needed
    assert engine.loaded_models() == ["translate-en_ja-1_0", "translate-en_my-1_0"]
    assert release_unneeded(engine, "en", ["ja"]) == ["translate-en_my-1_0"]
    translate_languages(three.store, engine, 2, ["fr", "my"], keep_loaded=False)
    assert engine.loaded_models() == []  # the CLI's way: each released when its language is done


def test_a_language_without_a_route_stops_the_run_before_anything_is_translated(three):
    with pytest.raises(NoModelError) as raised:
        translate_languages(three.store, three.engine, 1, ["my", "th"])
    assert raised.value.target_lang == "th"
    assert stored_mt(three.store, three.engine, 1, "my")[1] == {} and three.engine.loaded_models() == []


def test_the_articles_own_language_is_refused_before_anything_is_translated(three):
    with pytest.raises(SameLanguageError) as raised:
        translate_languages(three.store, three.engine, 1, ["my", "en"])
    assert str(raised.value) == "article 1 is already in English; choose a target language such as my"
    with pytest.raises(SameLanguageError):
        plan_languages(three.engine, "en", ["en_GB"])  # a regional variant is still English
    assert stored_mt(three.store, three.engine, 1, "my")[1] == {} and three.engine.loaded_models() == []


def test_cli_refuses_to_translate_an_english_article_into_english(three, tmp_path):
    three.close()
    result = run_cli("translate", "1", "--to", "en", "--out", str(tmp_path / "out"))
    assert_one_line_error(result, "already in English; choose a target language such as my")
    assert result.returncode == 2 and not (tmp_path / "out").exists()


def test_cli_translates_three_languages_in_one_run_with_a_bar_each(three, tmp_path):
    three.close()
    result = run_cli("translate", "2", "--to", "my,ja,fr,my")
    assert result.returncode == 0, result.stderr
    for label in ("en→my [", "en→ja [", "en→fr ["):
        assert result.stderr.count(label) == 1, result.stderr
    assert result.stdout.strip()
    out = tmp_path / "out"
    again = run_cli("translate", "2", "--to", "my,ja,fr", "--out", str(out))
    assert again.stderr.count("24 segments: 0 translated now, 24 from cache") == 3, again.stderr
    names = {"my": "Burmese — မြန်မာ", "ja": "Japanese — 日本語", "fr": "French — français"}
    joined = "".join(f"==> {lang}: {names[lang]} <==\n" + (out / f"article-2.{lang}.txt").read_text(encoding="utf-8") + "\n"
                     for lang in ("my", "ja", "fr"))
    assert joined == result.stdout  # stdout: each language under its own heading, in the order asked, once each


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bars_keep_one_line_each_in_a_terminal():
    screen = Terminal()
    bars = ProgressBars({"en→my": 4, "en→fr": 4}, stream=screen)
    bars.update("en→fr", 2)
    bars.finish("en→fr", "done fr")
    bars.update("en→my", 4)
    last = screen.getvalue().split("\x1b[2F")[-1]
    lines = last.splitlines()
    assert len(lines) == 2 and lines[0].startswith("en→my [") and "4/4" in lines[0]
    assert lines[1].startswith("en→fr [") and lines[1].rstrip("\x1b[K").endswith("done fr")
