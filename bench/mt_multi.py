"""The multi-target case of ``bench/mt.py``: the seed articles into three languages.

Three synthetic packages of the same shape (en->my, the single-target case's own
package, plus en->fr and en->ja built in child processes with other seeds) are
installed in the benchmark's workspace.  Two ways, timed round-robin in this process,
each on a fresh database (nothing cached) with the translators already loaded:

sequential   for each article, for each language: ``translate_article`` (a naive loop)
workbench    for each article: ``translate_languages(..., ["my", "fr", "ja"])``

Both must store exactly the same text for every (article, language).  Memory is
measured in child processes, each translating both articles with the workbench's
scheduling: peak RSS (``ru_maxrss``) with 0 (imports only), 1, 2 and 3 languages'
models loaded, and 3 languages with ``keep_loaded=False`` (what the CLI does).  Each
child also reports which models its engine holds at the end.

`bench/` is not a package: ``bench/mt.py`` puts this folder on ``sys.path``.
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from mt_ways import ENTRY_SCRIPT, forbid_network, isolate_environment, rss_mb, run_child, seed_files

LANGS = ("my", "fr", "ja")
NAMES = {"my": "Burmese", "fr": "French", "ja": "Japanese"}
MAX_ROUNDS = 3


# -- child processes ----------------------------------------------------------------

def child(argv: list[str]) -> None:
    """``--multi-child build OUT LANG SHAPE`` or ``--multi-child memory DATA_DIR K keep|release WORKERS``."""
    if argv[0] == "build":
        _build(Path(argv[1]), argv[2], argv[3])
    elif argv[0] == "memory":
        _memory(Path(argv[1]), int(argv[2]), argv[3] == "keep", int(argv[4]))
    else:
        raise SystemExit(f"unknown multi child {argv[0]!r}")


def _build(out_file: Path, lang: str, shape_name: str) -> None:
    from workbench.testing import synthetic

    shape = {"base": synthetic.BASE, "tiny": synthetic.TINY}[shape_name]
    text = "\n".join(path.read_text(encoding="utf-8") for path in seed_files())
    synthetic.build_argos_package(out_file, text, from_code="en", to_code=lang, to_name=NAMES[lang],
                                  shape=shape, seed=LANGS.index(lang) + 10)


def _memory(data_dir: Path, count: int, keep_loaded: bool, workers: int) -> None:
    isolate_environment(data_dir)
    forbid_network()
    import ctranslate2  # noqa: F401  (loaded in every child, so the baseline counts it)

    from workbench.app.multi_target import translate_languages
    from workbench.mt.argos import ArgosEngine
    from workbench.mt.argos_env import argos_package_module

    argos_package_module(data_dir)
    with tempfile.TemporaryDirectory(prefix="bench-multi-memory-") as tmp:
        store, ids = fresh_store(Path(tmp))
        engine = ArgosEngine(data_dir, intra_threads=1)
        for article_id in ids if count else []:
            translate_languages(store, engine, article_id, LANGS[:count], keep_loaded=keep_loaded,
                                workers=workers)
        loaded = engine.loaded_models()
        store.close()
        now = rss_mb()  # translators still held: the engine is alive
    peak = peak_rss_mb()
    print(json.dumps({"languages": count, "peak_rss_mb": round(peak, 1), "rss_mb_at_end": round(now, 1),
                      "loaded": loaded}))


def peak_rss_mb() -> float:
    """VmHWM: this process' own peak (ru_maxrss would start at the forking parent's RSS)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- setup ----------------------------------------------------------------------------

def fresh_store(folder: Path):
    """A new database with the seed articles: nothing cached."""
    from workbench.app.importing import import_article_file
    from workbench.storage.store import Store

    folder.mkdir(parents=True, exist_ok=True)
    store = Store(f"sqlite:///{folder / 'workbench.db'}")
    store.migrate()
    ids = [import_article_file(store, path).article_id for path in seed_files()]
    return store, ids


def install_other_targets(tmp: Path, data_dir: Path, shape_name: str) -> dict[str, int]:
    """Build en->fr and en->ja in parallel child processes and install them; model sizes on disk."""
    from workbench.mt.packages import install_package, installed_packages

    start = time.perf_counter()
    archives = {lang: tmp / "build" / f"translate-en_{lang}-1_0.argosmodel" for lang in LANGS[1:]}
    children = [subprocess.Popen([sys.executable, str(ENTRY_SCRIPT), "--multi-child", "build",
                                  str(path), lang, shape_name]) for lang, path in archives.items()]
    if any(process.wait() != 0 for process in children):
        raise SystemExit("building the multi-target packages failed")
    for archive in archives.values():
        install_package(archive, data_dir)
    print(f"built and installed en->fr, en->ja ({shape_name}) in {time.perf_counter() - start:.0f} s")
    return {package.to_code: (package.path / "model" / "model.bin").stat().st_size
            for package in installed_packages(data_dir) if package.to_code in LANGS}


# -- the two ways ---------------------------------------------------------------------

def run_sequential(engine, folder: Path) -> tuple[float, float, dict]:
    from workbench.app.translating import translate_article

    store, ids = fresh_store(folder)
    start, cpu = time.perf_counter(), time.process_time()
    for article_id in ids:
        for lang in LANGS:
            translate_article(store, engine, article_id, lang)
    return time.perf_counter() - start, time.process_time() - cpu, stored(store, engine, ids)


def run_workbench(engine, folder: Path) -> tuple[float, float, dict]:
    from workbench.app.multi_target import translate_languages

    store, ids = fresh_store(folder)
    start, cpu = time.perf_counter(), time.process_time()
    for article_id in ids:
        translate_languages(store, engine, article_id, LANGS)
    return time.perf_counter() - start, time.process_time() - cpu, stored(store, engine, ids)


def stored(store, engine, ids) -> dict:
    from workbench.app.translating import stored_mt_results

    found = {f"{article_id}:{lang}": {segment_id: result.text for segment_id, result
                                      in stored_mt_results(store, engine, article_id, lang)[1].items()}
             for article_id in ids for lang in LANGS}
    store.close()
    return found


# -- the case -------------------------------------------------------------------------

def run_case(tmp: Path, data_dir: Path, shape_name: str, repeats: int) -> dict:
    print(f"multi-target case: both seed articles into {', '.join(LANGS)} ({shape_name} shape)")
    sizes = install_other_targets(tmp, data_dir, shape_name)
    timing = time_ways(tmp, data_dir, min(repeats, MAX_ROUNDS))
    memory = measure_memory(data_dir, sizes)
    return {**timing, **memory}


def time_ways(tmp: Path, data_dir: Path, rounds: int) -> dict:
    from workbench.app.multi_target import default_workers
    from workbench.mt.argos import ArgosEngine

    engine = ArgosEngine(data_dir, intra_threads=1)
    ways = {"sequential": run_sequential, "workbench": run_workbench}
    walls: dict[str, list[float]] = {name: [] for name in ways}
    cpus: dict[str, list[float]] = {name: [] for name in ways}
    outputs: dict[str, dict] = {}
    same = True
    for round_number in range(rounds + 1):  # round 0: warm-up (loads the models), untimed
        line = []
        for name, way in ways.items():
            wall, cpu, result = way(engine, tmp / f"multi-{name}-{round_number}")
            same &= outputs.setdefault(name, result) == result
            if round_number:
                walls[name].append(wall)
                cpus[name].append(cpu)
            line.append(f"{name} {wall:.2f} s (cpu {cpu:.2f})")
        print(f"  {'warm-up' if round_number == 0 else f'round {round_number}'}: " + ", ".join(line))
    identical = outputs["sequential"] == outputs["workbench"] and same
    best = {name: min(values) for name, values in walls.items()}
    speedup = best["sequential"] / best["workbench"]
    print(f"  best: sequential {best['sequential']:.2f} s, workbench {best['workbench']:.2f} s: "
          f"{speedup:.2f}x faster ({default_workers()} languages at a time, one thread each); "
          f"same text for every article and language: {identical}")
    return {
        "languages": list(LANGS),
        "workers": default_workers(),
        "best_seconds": {name: round(value, 3) for name, value in best.items()},
        "median_seconds": {name: round(statistics.median(v), 3) for name, v in walls.items()},
        "cpu_seconds_best_round": {name: round(cpus[name][walls[name].index(best[name])], 3) for name in ways},
        "ratio_workbench_vs_sequential": round(speedup, 3),
        "identical_outputs": identical,
        "timing": f"best of {rounds} round-robin rounds after one warm-up, fresh database each run",
    }


MEMORY_RUNS = [  # (languages, mode, workers); workers 0: the default (one per core)
    (0, "keep", 0), (1, "keep", 0), (2, "keep", 0), (3, "keep", 0), (3, "release", 0),
    (1, "keep", 1), (2, "keep", 1), (3, "keep", 1)]


def measure_memory(data_dir: Path, sizes: dict[str, int]) -> dict:
    print("  memory (child processes, both articles translated with the workbench's scheduling):")
    runs = []
    for count, mode, workers in MEMORY_RUNS:
        args = ["--multi-child", "memory", str(data_dir), str(count), mode, str(workers)]
        runs.append({**json.loads(run_child(args).strip().splitlines()[-1]), "mode": mode, "workers": workers})
        print(f"    {count} language(s), {mode:7s}, {workers or 'default'} worker(s): peak RSS "
              f"{runs[-1]['peak_rss_mb']:.0f} MB, RSS at the end {runs[-1]['rss_mb_at_end']:.0f} MB, "
              f"loaded at the end: {runs[-1]['loaded'] or 'none'}")
    model_mb = round(max(sizes.values()) / 1024**2, 1)
    figures = {
        "model_mb_on_disk": model_mb,
        "parallel": _growth([runs[0], *runs[1:4]], model_mb),
        "one_at_a_time": _growth([runs[0], *runs[5:8]], model_mb),
        "peak_rss_mb_3_languages_release_when_done": runs[4]["peak_rss_mb"],
        "rss_mb_at_end_3_languages_release_when_done": runs[4]["rss_mb_at_end"],
    }
    loaded_ok = all(len(run["loaded"]) == (run["languages"] if run["mode"] == "keep" else 0) for run in runs)
    for name in ("parallel", "one_at_a_time"):
        print(f"    {name}: peak grows {figures[name]['peak_growth_mb_per_model']} MB per model, resident "
              f"{figures[name]['resident_growth_mb_per_model']} MB (model.bin: {model_mb} MB)")
    print(f"    only the languages' models loaded: {loaded_ok}")
    return {**figures, "only_needed_models_loaded": loaded_ok, "targets_met": {
        "additional_model_resident_growth_le_model_size": figures["parallel"]["resident_le_model"],
        "additional_model_peak_growth_le_model_size": figures["parallel"]["peak_le_model"],
        "additional_model_peak_growth_le_model_size_one_at_a_time": figures["one_at_a_time"]["peak_le_model"],
        "nothing_loaded_beyond_the_view": loaded_ok}}


def _growth(runs: list[dict], model_mb: float) -> dict:
    """Peak and end-of-run RSS with 0..3 models loaded, and the growth from each to the next."""
    peaks = [run["peak_rss_mb"] for run in runs]
    ends = [run["rss_mb_at_end"] for run in runs]
    peak_growth = [round(peaks[k] - peaks[k - 1], 1) for k in range(1, len(runs))]
    resident_growth = [round(ends[k] - ends[k - 1], 1) for k in range(1, len(runs))]
    return {
        "peak_rss_mb_by_models_loaded": peaks,
        "rss_mb_at_end_by_models_loaded": ends,
        "peak_growth_mb_per_model": peak_growth,
        "resident_growth_mb_per_model": resident_growth,
        # The first model also brings one-time costs (CTranslate2's thread pool and kernels,
        # one decoding's work buffers), so the target is judged on each additional model.
        "peak_le_model": all(value <= model_mb for value in peak_growth[1:]),
        "resident_le_model": all(value <= model_mb for value in resident_growth[1:]),
    }
