"""MT uses the machine: one 1-thread CTranslate2 worker per core by default, or as set, same output."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from workbench.app.translating import batch_bounds
from workbench.mt.argos import MAX_DEFAULT_WORKERS, ArgosEngine, default_workers, sub_batch_size


def seed_segments() -> list[str]:
    from tests.conftest import SEEDS
    from workbench.articles.parsing import read_article_file
    from workbench.articles.segmentation import segment_paragraphs

    return [segment.text for path in SEEDS
            for segment in segment_paragraphs(read_article_file(path).paragraphs)]


def translate_in_article_batches(engine: ArgosEngine, texts: list[str], target: str) -> list[str | None]:
    """As translate_article sends an article: 4, 8, 16, then 32 segments per call."""
    outputs: list[str | None] = []
    for start, end in batch_bounds(len(texts)):
        outputs.extend(engine.translate(texts[start:end], "en", target))
    return outputs


def test_default_is_one_worker_per_core_up_to_the_cap():
    assert [default_workers(cores) for cores in (1, 2, 3)] == [1, 2, 3]
    assert default_workers(64) == MAX_DEFAULT_WORKERS
    # Threads per worker set higher: no more threads than cores in all.
    assert [default_workers(4, intra_threads=2), default_workers(2, intra_threads=2)] == [2, 1]
    assert default_workers(2, intra_threads=0) == 1  # 0: CTranslate2 gives the one worker every core


def test_default_follows_the_cores_this_process_may_use(data_dir):
    """Pinned to one core (CPU affinity, as a container or taskset limits it), the engine uses one worker."""
    if not hasattr(os, "sched_setaffinity"):
        pytest.skip("no CPU affinity on this platform")
    code = ("import os, sys; from pathlib import Path; from workbench.mt.argos import ArgosEngine; "
            "os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]}); "
            "print(ArgosEngine(Path(sys.argv[1])).workers)")
    done = subprocess.run([sys.executable, "-c", code, str(data_dir)], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "1"


def test_setting_chooses_the_worker_count(monkeypatch, data_dir):
    from workbench.app.config import load_settings
    from workbench.errors import UserError

    monkeypatch.delenv("WORKBENCH_MT_WORKERS", raising=False)
    assert load_settings().mt_workers == 1  # unset: one worker (see DEFAULT_MT_WORKERS)
    monkeypatch.setenv("WORKBENCH_MT_WORKERS", "0")
    assert ArgosEngine(data_dir, workers=load_settings().mt_workers).workers == default_workers()
    monkeypatch.setenv("WORKBENCH_MT_WORKERS", "3")
    assert ArgosEngine(data_dir, workers=load_settings().mt_workers).workers == 3
    for wrong in ("many", "-1"):
        monkeypatch.setenv("WORKBENCH_MT_WORKERS", wrong)
        with pytest.raises(UserError, match="WORKBENCH_MT_WORKERS"):
            load_settings()


def test_every_batch_is_split_so_each_worker_gets_a_share():
    assert [sub_batch_size(count, 2) for count in (1, 4, 16, 32, 100)] == [1, 2, 8, 16, 32]
    assert [sub_batch_size(count, 1) for count in (4, 32, 100)] == [4, 32, 32]


@pytest.mark.parametrize("target", ["my", "fr"])
def test_two_workers_translate_exactly_as_one(installed_models, target):
    """On the test models; a base-sized random int8 model can differ (sub-batch shapes, see bench/mt.py)."""
    texts = seed_segments()
    one = ArgosEngine(installed_models, workers=1)
    two = ArgosEngine(installed_models, workers=2)
    expected = translate_in_article_batches(one, texts, target)
    assert translate_in_article_batches(two, texts, target) == expected
    assert all(output for output in expected)
    package = two.package_for("en", target)
    assert package is not None
    assert two._load(package).translator.num_translators == 2  # two CTranslate2 replicas really run
