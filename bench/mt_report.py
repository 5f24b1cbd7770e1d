"""The MT benchmark's figures: timings by way, the printed report lines and the JSON blocks.

Split out of ``mt.py`` (the entry point and the steps) to keep each file short; the
printed lines and the JSON keys are exactly those ``mt.py`` documents.
"""

from __future__ import annotations

import os
import resource
import statistics
from dataclasses import dataclass, field

from mt_ways import ARGOS_DEFAULT_INTRA_THREADS, SECONDARY, SECONDARY_LABEL

TARGET_VS_CTRANSLATE2 = 0.9
TARGET_VS_ARGOSTRANSLATE = 3.0


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


@dataclass
class Timings:
    """Wall-clock and CPU seconds of each timed run, by way."""

    segments: int
    wall: dict[str, list[float]] = field(default_factory=dict)
    cpu: dict[str, list[float]] = field(default_factory=dict)

    def add(self, name: str, wall: float, cpu: float) -> None:
        self.wall.setdefault(name, []).append(wall)
        self.cpu.setdefault(name, []).append(cpu)

    def best(self, name: str) -> float:
        return min(self.wall[name])

    def rate(self, name: str) -> float:
        return self.segments / self.best(name)

    def median_rate(self, name: str) -> float:
        return self.segments / statistics.median(self.wall[name])

    def cpu_rate(self, name: str) -> float:
        return self.segments / min(self.cpu[name])

    def cpu_per_wall(self, name: str) -> float:
        """CPU over wall-clock time in the best round: about the cores the way kept busy."""
        best_round = self.wall[name].index(self.best(name))
        return self.cpu[name][best_round] / self.best(name)


# -- report ---------------------------------------------------------------------------

def report_primary(timings: Timings, names: list[str]) -> dict[str, float]:
    """Print the 1-thread figures and the ratios the targets are about; return the ratios."""
    print("sentences/s, wall clock, best round (median) [per CPU second, best round]:")
    for name in names:
        print(f"  {name:15s} {timings.rate(name):7.2f}  ({timings.median_rate(name):.2f})  "
              f"[{timings.cpu_rate(name):.2f}]")
    ratios = {
        "vs_ct2": timings.rate("workbench") / timings.rate("ctranslate2"),
        "vs_argos": timings.rate("workbench") / timings.rate("argostranslate"),
        "cpu_vs_ct2": timings.cpu_rate("workbench") / timings.cpu_rate("ctranslate2"),
        "cpu_vs_argos": timings.cpu_rate("workbench") / timings.cpu_rate("argostranslate"),
    }
    met_ct2 = ratios["vs_ct2"] >= TARGET_VS_CTRANSLATE2
    met_argos = ratios["vs_argos"] >= TARGET_VS_ARGOSTRANSLATE
    print(f"workbench / ctranslate2:    {ratios['vs_ct2']:.3f}  (target >= "
          f"{TARGET_VS_CTRANSLATE2:g}: {'met' if met_ct2 else 'MISSED'}; per CPU second "
          f"{ratios['cpu_vs_ct2']:.3f})")
    print(f"workbench / argostranslate: {ratios['vs_argos']:.3f}  (target >= "
          f"{TARGET_VS_ARGOSTRANSLATE:g}: {'met' if met_argos else 'MISSED'}; "
          f"per CPU second {ratios['cpu_vs_argos']:.3f})")
    # Only the 1-thread ways: the secondary way's wall time is below its CPU time anyway.
    load = max(wall / cpu for name in names
               for wall, cpu in zip(timings.wall[name], timings.cpu[name], strict=False))
    if load > 1.15:
        print(f"  note: some rounds took up to {load:.2f}x their CPU time in wall-clock time; "
              f"other processes competed for the CPU, so the wall-clock figures are noisy "
              f"(the per-CPU-second figures are not affected much)")
    return ratios


def report_secondary(timings: Timings) -> float:
    """Print argostranslate's out-of-the-box figure; return workbench / it."""
    ratio = timings.rate("workbench") / timings.rate(SECONDARY)
    parallelism = timings.cpu_per_wall(SECONDARY)
    print(f"secondary, not a target: {SECONDARY_LABEL} (its default: ARGOS_INTRA_THREADS "
          f"unset; {os.cpu_count()} cores here):")
    print(f"  {timings.rate(SECONDARY):.2f} sentences/s  ({timings.median_rate(SECONDARY):.2f})  "
          f"[{timings.cpu_rate(SECONDARY):.2f} per CPU second; CPU/wall in the best round "
          f"{parallelism:.2f}]")
    print(f"  workbench (1 thread) / it: {ratio:.3f}")
    if parallelism < 0.75 * (os.cpu_count() or 1):
        # An OpenMP team larger than the free cores waits at every barrier: much slower.
        print(f"  note: CPU/wall {parallelism:.2f} is well below {os.cpu_count()} cores: the "
              f"work did not parallelise or other processes held cores; a noisy figure")
    return ratio


def primary_summary(bench, timings: Timings, names: list[str],
                    ratios: dict[str, float], repeats: int) -> dict[str, object]:
    def by_way(figure) -> dict[str, float]:
        return {name: round(figure(name), 3) for name in names}

    return {
        "benchmark": "mt",
        "segments": bench.segments,
        "sentences_per_s": by_way(timings.rate),
        "median_sentences_per_s": by_way(timings.median_rate),
        "best_seconds": by_way(timings.best),
        "cpu_sentences_per_s": by_way(timings.cpu_rate),
        "cpu_ratio_workbench_vs_ctranslate2": round(ratios["cpu_vs_ct2"], 3),
        "cpu_ratio_workbench_vs_argostranslate": round(ratios["cpu_vs_argos"], 3),
        "timing": f"best of {repeats} round-robin rounds after one warm-up",
        "ratio_workbench_vs_ctranslate2": round(ratios["vs_ct2"], 3),
        "ratio_workbench_vs_argostranslate": round(ratios["vs_argos"], 3),
        "targets_met": {
            f"workbench_ge_{TARGET_VS_CTRANSLATE2:g}x_ctranslate2":
                ratios["vs_ct2"] >= TARGET_VS_CTRANSLATE2,
            f"workbench_ge_{TARGET_VS_ARGOSTRANSLATE:g}x_argostranslate":
                ratios["vs_argos"] >= TARGET_VS_ARGOSTRANSLATE,
        },
    }


def secondary_summary(bench, timings: Timings, ratio: float,
                      repeats: int) -> dict[str, object]:
    return {SECONDARY: {
        "what": "argostranslate out of the box (ARGOS_INTRA_THREADS unset); not a target",
        "intra_threads": ARGOS_DEFAULT_INTRA_THREADS,
        "cpu_count": os.cpu_count(),
        "sentences_per_s": round(timings.rate(SECONDARY), 3),
        "median_sentences_per_s": round(timings.median_rate(SECONDARY), 3),
        "best_seconds": round(timings.best(SECONDARY), 3),
        "cpu_sentences_per_s": round(timings.cpu_rate(SECONDARY), 3),
        "cpu_per_wall_best_round": round(timings.cpu_per_wall(SECONDARY), 2),
        "ratio_workbench_vs_it": round(ratio, 3),
        "timing": f"best of {repeats} rounds, timed last in each round-robin round",
        "output_checks": bench.secondary_checks,
    }}
