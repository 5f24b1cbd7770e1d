"""Offline MT end to end through tiny real Argos packages built by the test fixture."""

from __future__ import annotations

import pytest

from tests.support.cli_helpers import assert_one_line_error, run_cli
from tests.support.stored import stored_mt
from workbench.app.translating import batch_bounds, translate_article
from workbench.app.workspace import open_workspace
from workbench.mt.argos import ArgosEngine
from workbench.mt.engine import NoModelError


class RecordingTranslator:
    """Wraps the real ctranslate2.Translator and records what it was given."""

    def __init__(self, real):
        self.real = real
        self.calls: list[dict] = []

    def translate_iterable(self, source, target_prefix=None, **options):
        source = list(source)
        self.calls.append({"source": source, "target_prefix": target_prefix, "options": options})
        return self.real.translate_iterable(source, target_prefix=target_prefix, **options)


def recording(engine: ArgosEngine, target: str) -> RecordingTranslator:
    package = engine.package_for("en", target)
    loaded = engine._load(package)
    loaded.translator = RecordingTranslator(loaded.translator)
    return loaded.translator


class CountingEngine:
    """Counts calls into the real engine (the test double wraps, never replaces, the model)."""

    def __init__(self, real: ArgosEngine):
        self.real = real
        self.calls = 0

    def model_for(self, source, target):
        return self.real.model_for(source, target)

    def translate(self, texts, source, target, on_result=None, cancelled=None):
        self.calls += 1
        return self.real.translate(texts, source, target, on_result, cancelled)


@pytest.fixture
def mt_workspace(settings, installed_models):
    workspace = open_workspace(settings)
    yield workspace
    workspace.close()


@pytest.mark.parametrize("target", ["my", "fr"])
def test_every_segment_of_both_seeds_gets_a_stored_translation(mt_workspace, target):
    for article in mt_workspace.store.list_articles():
        report = translate_article(mt_workspace.store, mt_workspace.engine, article.id, target)
        assert report.total == article.segment_count and report.translated > 0
        _model, mt = stored_mt(mt_workspace.store, mt_workspace.engine, article.id, target)
        assert set(mt) == {s.segment_id for s in mt_workspace.store.segments(article.id)}
        assert all(text.strip() for text in mt.values())


def test_an_article_goes_to_the_engine_in_growing_batches_and_the_second_run_is_a_cache_hit(mt_workspace):
    # Small batches first so the first segments show at once, then larger ones (batch_bounds).
    engine = CountingEngine(mt_workspace.engine)
    translator = recording(mt_workspace.engine, "my")
    first = translate_article(mt_workspace.store, engine, 1, "my")
    sizes = [len(call["source"]) for call in translator.calls]
    assert sizes == [end - start for start, end in batch_bounds(sum(sizes))]
    assert sizes[:2] == [4, 8] and len(sizes) >= 3 and engine.calls == len(sizes)
    assert sum(sizes) == first.translated and first.translated + first.repeats + first.from_cache == first.total
    assert all(call["options"]["max_batch_size"] > 1 for call in translator.calls)
    second = translate_article(mt_workspace.store, engine, 1, "my")
    assert engine.calls == len(sizes) and len(translator.calls) == len(sizes)
    assert (second.from_cache, second.translated) == (second.total, 0)


def test_nllb_style_package_gets_language_token_and_eos_and_the_prefix_is_stripped(mt_workspace):
    translator = recording(mt_workspace.engine, "my")
    translate_article(mt_workspace.store, mt_workspace.engine, 2, "my")
    call = translator.calls[0]
    assert all(tokens[0] == "eng_Latn" and tokens[-1] == "</s>" for tokens in call["source"])
    assert call["target_prefix"] == [["mya_Mymr"]] * len(call["source"])
    _model, mt = stored_mt(mt_workspace.store, mt_workspace.engine, 2, "my")
    assert not any("mya_Mymr" in text or "mya Mymr" in text for text in mt.values())


def test_plain_package_gets_the_pieces_only(mt_workspace):
    translator = recording(mt_workspace.engine, "fr")
    translate_article(mt_workspace.store, mt_workspace.engine, 1, "fr")
    call = translator.calls[0]
    assert call["target_prefix"] is None
    assert not any("</s>" in tokens or "eng_Latn" in tokens for tokens in call["source"])


def test_results_are_deterministic_across_workspaces(tmp_path, model_files):
    from workbench.app.config import load_settings
    from workbench.mt.packages import install_package

    outputs = []
    for name in ("one", "two"):
        settings = load_settings(data_dir=tmp_path / name)
        install_package(model_files["my"], settings.data_dir)
        workspace = open_workspace(settings)
        translate_article(workspace.store, workspace.engine, 1, "my")
        outputs.append(stored_mt(workspace.store, workspace.engine, 1, "my")[1])
        workspace.close()
    assert outputs[0] == outputs[1]


def test_results_arrive_one_by_one_and_cancelling_stops_the_run(mt_workspace):
    seen = []
    report = translate_article(
        mt_workspace.store, mt_workspace.engine, 1, "my",
        on_progress=lambda done, total, sid, text: seen.append(done),
        cancelled=lambda: len(seen) >= 3,
    )
    assert report.cancelled and seen[:3] == [1, 2, 3] and len(seen) < report.total
    _model, mt = stored_mt(mt_workspace.store, mt_workspace.engine, 1, "my")
    assert 3 <= len(mt) < report.total  # what arrived before cancelling is kept


def test_missing_pair_raises_no_model(mt_workspace):
    with pytest.raises(NoModelError):
        translate_article(mt_workspace.store, mt_workspace.engine, 1, "ja")


def test_intra_threads_defaults_to_one_and_is_configurable(monkeypatch, data_dir):
    from workbench.app.config import load_settings
    from workbench.errors import UserError

    assert load_settings().intra_threads == 1
    monkeypatch.setenv("WORKBENCH_INTRA_THREADS", "2")
    assert load_settings().intra_threads == 2
    monkeypatch.setenv("WORKBENCH_INTRA_THREADS", "many")
    with pytest.raises(UserError):
        load_settings()


def test_cli_translate_writes_one_file_per_language_with_progress(installed_models, tmp_path):
    out = tmp_path / "out"
    result = run_cli("translate", "1", "--to", "my,fr", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "en→my [" in result.stderr and "en→fr [" in result.stderr
    files = sorted(p.name for p in out.iterdir())
    assert files == ["article-1.fr.txt", "article-1.my.txt"]
    paragraphs = (out / "article-1.my.txt").read_text(encoding="utf-8").strip().split("\n\n")
    assert len(paragraphs) == 19 and all(p.strip() for p in paragraphs)  # headline, byline, 17 paragraphs
    again = run_cli("translate", "1", "--to", "my")
    assert "27 segments: 0 translated now, 27 from cache" in again.stderr  # 25 sentences, the headline and the byline
    assert again.stdout.strip().split("\n\n") == paragraphs


def test_cli_translate_a_file_imports_it_first(installed_models, tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Pilots Defect\n\nBy Staff 9 April 2022\n\nU Nay Phone Lat spoke. The NUG paid US$500,000.\n", encoding="utf-8")
    result = run_cli("translate", str(story), "--to", "fr")
    assert result.returncode == 0, result.stderr
    assert "imported" in result.stderr and result.stdout.strip()
    assert "Pilots Defect" in run_cli("articles").stdout


def test_cli_translate_refuses_a_language_without_model_before_doing_anything(installed_models, tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Pilots Defect\n\nThe NUG paid.\n", encoding="utf-8")
    result = run_cli("translate", str(story), "--to", "fr,ja")
    assert_one_line_error(result, "en→ja", "workbench models install")
    assert "Pilots Defect" not in run_cli("articles").stdout


def test_argos_debug_logging_never_reaches_stdout(installed_models):
    quiet = run_cli("translate", "1", "--to", "fr")
    noisy = run_cli("translate", "1", "--to", "fr", env={"ARGOS_DEBUG": "1"})
    assert noisy.returncode == 0 and noisy.stdout == quiet.stdout


def test_approving_a_rendering_retranslates_exactly_the_segments_that_contain_the_term(mt_workspace):
    engine = CountingEngine(mt_workspace.engine)
    sent: list[list[str]] = []
    real = engine.translate
    engine.translate = lambda texts, *a, **k: sent.append(list(texts)) or real(texts, *a, **k)
    translate_article(mt_workspace.store, engine, 1, "my", index=mt_workspace.glossary_index())
    segments = mt_workspace.store.segments(1)
    index = mt_workspace.glossary_index()
    with_junta = {s.text for s in segments if any(h.entry_id == "junta" for h in index.hits(s.text, "my"))}
    assert 0 < len(with_junta) < len(segments)
    entry = mt_workspace.glossary.entry("junta")
    proposal = entry.renderings_for("my")[0].text
    mt_workspace.workflow().decide("approve", "junta", "my", proposal)
    report = translate_article(mt_workspace.store, engine, 1, "my", index=mt_workspace.glossary_index())
    assert report.translated == len(with_junta) and report.from_cache == len(segments) - len(with_junta)
    assert all("[[" in text for text in sent[-1])  # the new inputs carry the protected term
    _model, mt = stored_mt(mt_workspace.store, mt_workspace.engine, 1, "my", mt_workspace.glossary_index())
    assert len(mt) == len(segments)


def test_a_slow_model_load_never_blocks_the_ui_and_loads_once(mt_workspace):
    """loaded_models()/retain() come from the TUI's main thread: a load must not hold them up."""
    import threading
    import time

    engine = mt_workspace.engine
    package = engine.package_for("en", "my")
    loads, started, finish = [], threading.Event(), threading.Event()
    real_load = engine._load_package

    def slow_load(pkg):  # the real load, held open until the test lets it finish
        loads.append(pkg.name)
        started.set()
        finish.wait(timeout=10)
        return real_load(pkg)

    engine._load_package = slow_load
    got = []
    requests = [threading.Thread(target=lambda: got.append(engine._load(package))) for _ in range(2)]
    for request in requests:
        request.start()
    assert started.wait(timeout=5)
    answers = []
    asker = threading.Thread(target=lambda: answers.extend(
        [engine.loaded_models(), engine.retain([("en", "my")]), engine.loaded_models()]))
    begun = time.perf_counter()
    asker.start()
    asker.join(timeout=1)
    assert not asker.is_alive() and time.perf_counter() - begun < 0.5
    assert answers == [[], [], []]  # nothing loaded yet, nothing to release
    finish.set()
    for request in requests:
        request.join(timeout=30)
    assert loads == ["translate-en_my-1_0"] and len(got) == 2 and got[0] is got[1]
    assert engine.loaded_models() == ["translate-en_my-1_0"]


def test_a_model_released_while_it_loads_is_not_kept(mt_workspace):
    import threading

    engine = mt_workspace.engine
    started, finish = threading.Event(), threading.Event()
    real_load = engine._load_package

    def slow_load(pkg):
        started.set()
        finish.wait(timeout=10)
        return real_load(pkg)

    engine._load_package = slow_load
    outputs = []
    run = threading.Thread(target=lambda: outputs.extend(engine.translate(["The junta spoke."], "en", "fr")))
    run.start()
    assert started.wait(timeout=5)
    engine.retain([("en", "my")])  # the view moved on to Burmese while French loaded
    finish.set()
    run.join(timeout=30)
    assert len(outputs) == 1 and outputs[0].strip()  # the run that asked for it got it
    assert engine.loaded_models() == []  # but it is not kept


def test_a_failed_load_is_tried_again_on_the_next_request(mt_workspace):
    engine = mt_workspace.engine
    real_load = engine._load_package
    attempts = []

    def failing_once(pkg):
        attempts.append(pkg.name)
        if len(attempts) == 1:
            raise MemoryError("out of memory while loading")
        return real_load(pkg)

    engine._load_package = failing_once
    with pytest.raises(MemoryError):
        engine.translate(["The junta spoke."], "en", "fr")
    assert engine.loaded_models() == []
    assert engine.translate(["The junta spoke."], "en", "fr")[0].strip()
    assert len(attempts) == 2 and engine.loaded_models() == ["translate-en_fr-1_0"]


def test_a_model_released_and_wanted_again_while_it_loads_loads_once_and_is_kept(mt_workspace):
    """Untick then re-tick French in the compare view while it loads: one copy, kept."""
    import threading

    engine = mt_workspace.engine
    loads, started, finish = [], threading.Event(), threading.Event()
    real_load = engine._load_package

    def slow_load(pkg):
        loads.append(pkg.name)
        started.set()
        finish.wait(timeout=10)
        return real_load(pkg)

    engine._load_package = slow_load
    package = engine.package_for("en", "fr")
    got = []
    first = threading.Thread(target=lambda: got.append(engine._load(package)))
    first.start()
    assert started.wait(timeout=5)
    engine.retain([("en", "my")])  # unticked while loading
    second = threading.Thread(target=lambda: got.append(engine._load(package)))  # ticked again
    second.start()
    finish.set()
    first.join(timeout=30)
    second.join(timeout=30)
    assert loads == ["translate-en_fr-1_0"] and got[0] is got[1]
    assert engine.loaded_models() == ["translate-en_fr-1_0"]
