"""Out-of-the-box defaults in `bench/mt.py`: the workbench, argostranslate and a raw CTranslate2 sweep.

Each tool as a user gets it, on the same installed package and the same segments:

workbench       ``ArgosEngine(data_dir)`` with no thread arguments (``default_workers``: one
                1-thread CTranslate2 worker per core), fed the way ``translate_article`` feeds
                it: the growing batches of ``workbench.app.translating.batch_bounds`` (this is
                what ``ratio_defaults_vs_argostranslate`` uses); also in one call for all
                segments, as the raw CTranslate2 call gets them (``ratio_vs_best_raw_ct2``);
                and with 1 and with 2 workers explicitly (same batches; outputs compared).
argostranslate  ``PackageTranslation.translate`` per segment with its default intra_threads (0:
                every core): the secondary way of ``mt_ways`` (ARGOS_INTRA_THREADS unset).
ctranslate2     a sweep of ``inter_threads`` x ``intra_threads`` (at most one thread per core in
                all) x ``max_batch_size``, one ``translate_batch`` call over all segments each;
                the best configuration is what the workbench is held against.

All with argostranslate's decoding settings (beam 4, length_penalty 0.2).  The sweep times each
configuration once after a warm-up to find the best; then the ways above and that best
configuration run head to head, round-robin, ``repeats`` rounds, and each way's best round counts
(the machine's load changes over minutes; round-robin lets it hit every way alike).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from mt_ways import SOURCE, TARGET, RawCTranslate2, Run, setup_argostranslate_default_threads

TARGET_DEFAULTS_VS_ARGOSTRANSLATE = 3.0
TARGET_VS_BEST_RAW_CT2 = 0.95
SWEEP_BATCH_SIZES = (8, 16, 32)  # plus "all segments split evenly over the workers"


def quiet(_line: str) -> None:
    """A log that prints nothing: the setup lines of mt_ways are printed once, by mt.py."""


def best_seconds(run: Run, repeats: int) -> tuple[float, list[str], float]:
    """One untimed warm-up, then the best wall-clock time of `repeats` runs; the outputs (None
    if they changed between runs); CPU over wall-clock time in the best run (cores kept busy)."""
    outputs: list[str] | None = run()
    best, busy = math.inf, 0.0
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = run()
        wall, cpu = time.perf_counter() - start, time.process_time() - start_cpu
        if wall < best:
            best, busy = wall, cpu / wall
        outputs = outputs if result == outputs else None
    return best, outputs or [], busy


def workbench_run(data_dir: Path, texts: list[str], workers: int | None, batched: bool) -> tuple[Run, int]:
    """The engine with `workers` (None: its default); in translate_article's batches or one call."""
    from workbench.app.translating import batch_bounds
    from workbench.mt.argos import ArgosEngine

    engine = ArgosEngine(data_dir, workers=workers) if workers else ArgosEngine(data_dir)
    bounds = batch_bounds(len(texts)) if batched else [(0, len(texts))]

    def run() -> list[str]:
        outputs: list[str] = []
        for start, end in bounds:
            outputs.extend(text or "" for text in engine.translate(texts[start:end], SOURCE, TARGET))
        return outputs

    return run, engine.workers


def raw_configs(cores: int, segments: int) -> list[tuple[int, int, int]]:
    """(inter_threads, intra_threads, max_batch_size) to try: no more threads than cores."""
    configs: list[tuple[int, int, int]] = []
    for inter in range(1, cores + 1):
        for intra in range(1, cores // inter + 1):
            sizes = {*SWEEP_BATCH_SIZES, math.ceil(segments / inter)}
            configs.extend((inter, intra, size) for size in sorted(sizes))
    return configs


def sweep_raw(package_dir: Path, texts: list[str], cores: int,
              log: Callable[[str], None]) -> list[dict[str, float]]:
    """Each configuration: a warm-up and one timed run (the best one is timed again head to head)."""
    rows = []
    for inter, intra, size in raw_configs(cores, len(texts)):
        raw = RawCTranslate2(package_dir, texts, log=quiet, inter_threads=inter, intra_threads=intra)
        seconds, _, _ = best_seconds(partial(raw.translate, max_batch_size=size), 1)
        rows.append({"inter_threads": inter, "intra_threads": intra, "max_batch_size": size,
                     "sentences_per_s": round(len(texts) / seconds, 3)})
        log(f"  ctranslate2 inter {inter} intra {intra} max_batch_size {size:3d}: "
            f"{len(texts) / seconds:6.2f} sentences/s")
        del raw
    return rows


def head_to_head(ways: dict[str, Run], segments: int, repeats: int,
                 log: Callable[[str], None]) -> tuple[dict[str, float], dict[str, float], dict[str, list[str]]]:
    """Round-robin rounds after one warm-up each, so a change in the machine's load hits every
    way alike; the best rate of each, its CPU/wall in that run, and its outputs."""
    outputs = {name: run() for name, run in ways.items()}
    rates: dict[str, float] = {}
    busy: dict[str, float] = {}
    for number in range(1, repeats + 1):
        line = []
        for name, run in ways.items():
            start, start_cpu = time.perf_counter(), time.process_time()
            result = run()
            wall, cpu = time.perf_counter() - start, time.process_time() - start_cpu
            if segments / wall > rates.get(name, 0.0):
                rates[name], busy[name] = segments / wall, cpu / wall
            if result != outputs[name]:
                outputs[name] = []  # not the same output every round
            line.append(f"{name} {segments / wall:.2f}/s")
        log(f"  round {number}: " + ", ".join(line))
    return rates, busy, outputs


def run_defaults(data_dir: Path, package_dir: Path, texts: list[str], repeats: int,
                 log: Callable[[str], None] = print) -> dict[str, object]:
    """Sweep raw CTranslate2, then time every tool at its defaults head to head with the best."""
    import os

    from workbench.mt.engine import available_cores

    cores, load_at_start = available_cores(), os.getloadavg()[0]
    log(f"out-of-the-box defaults ({cores} cores available, loadavg {load_at_start:.2f}); "
        f"raw CTranslate2 sweep (one timed run each after a warm-up):")
    sweep = sweep_raw(package_dir, texts, cores, log)
    best = max(sweep, key=lambda row: row["sentences_per_s"])
    log(f"  best raw ctranslate2 in the sweep: {best}")
    best_raw = RawCTranslate2(package_dir, texts, log=quiet, inter_threads=int(best["inter_threads"]),
                              intra_threads=int(best["intra_threads"]))
    ways: dict[str, Run] = {}
    used: dict[str, int] = {}
    for name, (workers, batched) in {"workbench_defaults": (None, True), "workbench_1_worker": (1, True),
                                     "workbench_2_workers": (2, True),
                                     "workbench_defaults_one_call": (None, False)}.items():
        ways[name], used[name] = workbench_run(data_dir, texts, workers, batched)
    ways["argostranslate_defaults"] = setup_argostranslate_default_threads(texts, log=quiet)
    ways["best_raw_ct2"] = partial(best_raw.translate, max_batch_size=int(best["max_batch_size"]))
    log(f"head to head ({repeats} round-robin rounds after a warm-up; workbench workers: "
        f"{used['workbench_defaults']} by default):")
    rates, busy, outputs = head_to_head(ways, len(texts), repeats, log)
    vs_argos = rates["workbench_defaults"] / rates["argostranslate_defaults"]
    # Like the raw call, the engine gets every segment in one call; translate_article's growing
    # batches (small first ones, so the grid fills in early) are reported beside it.
    vs_raw = rates["workbench_defaults_one_call"] / rates["best_raw_ct2"]
    batches_vs_raw = rates["workbench_defaults"] / rates["best_raw_ct2"]
    same = bool(outputs["workbench_1_worker"]) and outputs["workbench_1_worker"] == outputs["workbench_2_workers"]
    for name, rate in rates.items():
        log(f"  {name:28s} {rate:6.2f} sentences/s (CPU/wall {busy[name]:.2f})")
    log(f"workbench defaults / argostranslate defaults: {vs_argos:.3f} (target >= "
        f"{TARGET_DEFAULTS_VS_ARGOSTRANSLATE:g}); workbench defaults, one call / best raw "
        f"ctranslate2: {vs_raw:.3f} (target >= {TARGET_VS_BEST_RAW_CT2:g}; in translate_article's "
        f"batches: {batches_vs_raw:.3f}); 1 worker == 2 workers: {same}")
    return {
        "ratio_defaults_vs_argostranslate": round(vs_argos, 3),
        "ratio_vs_best_raw_ct2": round(vs_raw, 3),
        "ratio_article_batches_vs_best_raw_ct2": round(batches_vs_raw, 3),
        "defaults": {
            "cores": cores,
            "workbench_default_workers": used["workbench_defaults"],
            "sentences_per_s": {name: round(rate, 3) for name, rate in rates.items()},
            "cpu_per_wall_best_run": {name: round(value, 2) for name, value in busy.items()},
            "best_raw_ct2": best,
            "raw_ct2_sweep": sweep,
            # Not a failure: 2 workers get sub-batches half the size, and native int8 kernels give
            # batch-shape-dependent numbers (see mt.py, step 3), so random weights can flip a beam.
            "same_outputs_1_vs_2_workers": same,
            "timing": f"sweep: one run each after a warm-up; then best of {repeats} round-robin rounds",
            "loadavg_1min": [round(load_at_start, 2), round(os.getloadavg()[0], 2)],  # at start, at end
            "targets_met": {
                f"defaults_ge_{TARGET_DEFAULTS_VS_ARGOSTRANSLATE:g}x_argostranslate":
                    vs_argos >= TARGET_DEFAULTS_VS_ARGOSTRANSLATE,
                f"defaults_ge_{TARGET_VS_BEST_RAW_CT2:g}x_best_raw_ct2": vs_raw >= TARGET_VS_BEST_RAW_CT2,
            },
        },
    }
