"""The batch-invariant int8 check of `bench/mt.py`: its settings, the backends they select, and
the child process that translates every way under them.

Why the settings.  With int8 weights, a GEMM kernel may give slightly different numbers for
the same row when the batch around it changes shape, and random weights turn that into
different beam-search winners.  oneDNN capped at SSE4.1 does not: its int8 GEMM there is
exact whatever the batch shape.  But CTranslate2 picks its GEMM library by CPU vendor: Intel
MKL on a GenuineIntel CPU, oneDNN otherwise, and ``ONEDNN_MAX_CPU_ISA`` caps only oneDNN.  On
an Intel machine that cap alone leaves MKL's native int8 kernels in use, and a segment can
decode differently batched (workbench, ctranslate2) than alone (argostranslate): segment 29
did on a fresh machine.  So the child also sets ``CT2_USE_MKL=0`` (oneDNN on every x86-64 CPU)
and ``CT2_FORCE_CPU_ISA=GENERIC`` (CTranslate2's own kernels without AVX/AVX2/AVX-512): every
machine then runs the code paths this check was verified on, and ``probe_backends`` reads
CTranslate2's and oneDNN's own logs to show (and check) what they selected.

What the ways hand CTranslate2 is recorded in the child (``mt_calls``) and compared too, so
the only difference left between them is the batch shape, which these kernels ignore.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import mt_calls
from mt_ways import (
    ENTRY_SCRIPT,
    SECONDARY,
    SECONDARY_LABEL,
    count_differing,
    forbid_network,
    isolate_environment,
    load_segments,
    run_child,
    setup_argostranslate_default_threads,
    setup_ways,
)

BATCH_INVARIANT_ENV = {
    "CT2_USE_MKL": "0",  # oneDNN, not Intel MKL, even on a GenuineIntel CPU
    "ONEDNN_MAX_CPU_ISA": "SSE41", "DNNL_MAX_CPU_ISA": "SSE41",  # its exact int8 kernels
    "CT2_FORCE_CPU_ISA": "GENERIC",  # CTranslate2's own kernels: the same code on every CPU
}
# What CTranslate2 (CT2_VERBOSE) and oneDNN (ONEDNN_VERBOSE) must report under those settings.
EXPECTED = {"mkl": "false", "int8_gemm": "DNNL", "float_gemm": "DNNL", "ct2_isa": "GENERIC",
            "onednn_isa": "SSE4.1"}
PATTERNS = {
    "cpu": r"CPU: (\w+)",
    "ct2_isa": r"Selected ISA: (\w+)",
    "mkl": r"Use Intel MKL: (\w+)",
    "float_gemm": r"SGEMM backend: (\w+)",
    "int8_gemm": r"GEMM_S8 backend: (\w+)",
    "onednn_isa": r"(?:onednn|dnnl)_verbose,info,cpu,isa:([^\n]+)",
    "compute_type": r"probe compute_type: (\S+)",
}
PRIMARY = ("workbench", "argostranslate", "ctranslate2")


# -- which backends a process gets ------------------------------------------------------

def backend_probe_child(package_dir: Path) -> None:
    """``--backend-probe`` child: load the model and decode two steps, with verbose logs on."""
    import ctranslate2

    translator = ctranslate2.Translator(str(package_dir / "model"), device="cpu",
                                        compute_type="default", inter_threads=1, intra_threads=1)
    translator.translate_batch([["▁a", "▁b"]], beam_size=1, max_decoding_length=2)
    print(f"probe compute_type: {translator.compute_type}")


def probe_backends(package_dir: Path, extra_env: dict[str, str]) -> dict[str, str | None]:
    """What CTranslate2 and oneDNN select in a process with this process' environment plus
    ``extra_env``, from their own logs; a value is None when not logged (oneDNN not used)."""
    env = {**os.environ, **extra_env, "CT2_VERBOSE": "1", "ONEDNN_VERBOSE": "1"}
    done = subprocess.run([sys.executable, str(ENTRY_SCRIPT), "--backend-probe", str(package_dir)],
                          capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stdout[-2000:] + done.stderr[-2000:])
        raise SystemExit(f"backend probe failed (exit {done.returncode})")
    logs = done.stdout + done.stderr
    found = {}
    for name, pattern in PATTERNS.items():
        match = re.search(pattern, logs)
        found[name] = match.group(1).strip() if match else None
    return found


def describe_backends(found: dict[str, str | None]) -> str:
    mkl = {"true": "on", "false": "off"}.get(found["mkl"] or "", "?")
    return (f"CPU {found['cpu']}: int8 GEMM {found['int8_gemm']}, float GEMM {found['float_gemm']} "
            f"(Intel MKL {mkl}), oneDNN ISA {found['onednn_isa'] or 'not used'}, CTranslate2 "
            f"kernels {found['ct2_isa']}, compute type {found['compute_type']}")


def mode_in_effect(found: dict[str, str | None]) -> bool:
    return all(want in (found[name] or "") if name == "onednn_isa" else found[name] == want
               for name, want in EXPECTED.items())


# -- the child: every way once, its CTranslate2 calls recorded ----------------------------

def identity_child(data_dir: Path, package_dir: Path) -> None:
    """``--identity-child``: one run of each way (secondary included); outputs and the
    comparison of what they handed CTranslate2, as JSON.  Run with ``BATCH_INVARIANT_ENV``."""
    isolate_environment(data_dir)
    forbid_network()
    recorder = mt_calls.Recorder()
    mt_calls.install(recorder)  # before any way builds its translator
    texts = load_segments(log=lambda line: None)
    ways, _raw = setup_ways(data_dir, package_dir, texts, log=lambda line: None)
    ways[SECONDARY] = setup_argostranslate_default_threads(texts, log=lambda line: None)
    outputs = {}
    for name, run in ways.items():
        recorder.way = name
        outputs[name] = run()
    recorder.way = None
    inputs = mt_calls.compare_inputs(recorder.calls, list(ways), len(texts))
    print(json.dumps({"outputs": outputs, "inputs": inputs}, ensure_ascii=False))


# -- the check, in the parent ------------------------------------------------------------

def report_differences(outputs: dict[str, list[str]], texts: list[str], limit: int = 3) -> int:
    differing = 0
    for i, text in enumerate(texts):
        values = {name: out[i] for name, out in outputs.items()}
        if len(set(values.values())) > 1:
            differing += 1
            if differing <= limit:
                print(f"    segment {i} differs: {text[:60]!r}")
                for name, value in values.items():
                    print(f"      {name:24s} {value[:60]!r}")
    return differing


def print_mode(found: dict[str, str | None]) -> bool:
    settings = " ".join(f"{key}={value}" for key, value in BATCH_INVARIANT_ENV.items()
                        if key != "DNNL_MAX_CPU_ISA")
    in_effect = mode_in_effect(found)
    print(f"output check, batch-invariant int8 (child process, {settings}):")
    print(f"  selected there: {describe_backends(found)}; as intended: {in_effect}")
    print("  (CTranslate2 uses Intel MKL on GenuineIntel CPUs unless CT2_USE_MKL=0, and "
          "ONEDNN_MAX_CPU_ISA caps only oneDNN; oneDNN's SSE4.1 int8 GEMM and CTranslate2's "
          "GENERIC kernels give the same numbers for a segment whatever batch it is in)")
    if not in_effect:
        print(f"  NOT the batch-invariant kernels (wanted {EXPECTED}): batched and "
              f"one-by-one decoding may differ below, and this check fails")
    return in_effect


def print_inputs(inputs: dict) -> None:
    print("  what each way handed CTranslate2 (every translate_batch call recorded):")
    for line in inputs["lines"]:
        print(f"    {line}")
    print("    differs on purpose, batching only (how many examples per batch; argostranslate "
          "also asks for scores, which are returned, not searched with):")
    for name, text in inputs["batching"].items():
        print(f"      {name:31s} {text}")


def check_batch_invariant(data_dir: Path, package_dir: Path,
                          texts: list[str]) -> tuple[dict[str, bool], bool, dict]:
    """Exact comparison in a child process where int8 is batch-invariant.

    Returns the checks (settings in effect, same CTranslate2 inputs, the three primary ways
    identical), whether the secondary way equals 1-thread argostranslate, and the backends
    the child's settings selected."""
    found = probe_backends(package_dir, BATCH_INVARIANT_ENV)
    in_effect = print_mode(found)
    start = time.perf_counter()
    child = json.loads(run_child(["--identity-child", str(data_dir), str(package_dir)],
                                 BATCH_INVARIANT_ENV).strip().splitlines()[-1])
    print_inputs(child["inputs"])
    outputs = child["outputs"]
    differing = report_differences({name: outputs[name] for name in PRIMARY}, texts)
    print(f"  workbench, argostranslate and ctranslate2 identical on all {len(texts)} "
          f"segments: {differing == 0}"
          + ("" if differing == 0 else f" ({differing} differ)")
          + f"  [{time.perf_counter() - start:.0f} s, secondary way included]")
    secondary_diffs = count_differing(outputs[SECONDARY], outputs["argostranslate"])
    print(f"  secondary: {SECONDARY_LABEL} == argostranslate (1 thread) on all "
          f"{len(texts)} segments: {secondary_diffs == 0}"
          + ("" if secondary_diffs == 0 else f" ({secondary_diffs} differ)"))
    checks = {
        "batch_invariant_int8_settings_in_effect": in_effect,
        "batch_invariant_int8_same_ctranslate2_inputs": child["inputs"]["same"],
        "batch_invariant_int8_all_identical": differing == 0,
    }
    return checks, secondary_diffs == 0, found
