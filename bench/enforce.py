"""Glossary enforcement at scale: checking a 50-article project, and the cost of enforced MT.

Run from the repository root:

    .venv/bin/python bench/enforce.py            # BASE-shape model for part (b): a few minutes
    .venv/bin/python bench/enforce.py --quick    # TINY shape: seconds

Everything happens offline in a temporary directory (the environment is isolated with
``mt_ways.isolate_environment`` and network connections raise), nothing is written
anywhere else.

(a) Project check.  A workspace with the curated glossary and 50 articles generated
    from the seed sentences (each article a seeded permutation of the seed segments,
    imported with ``import_article_text``).  Every segment gets a Burmese "translation"
    made of the approved renderings of its glossary hits and filler words; every 4th
    segment leaves its first term out, every 7th writes a forbidden rendering when
    there is one, so the checks find issues.  ``check_project(workspace, "my")`` with
    all checks is timed (best of 3); target: under 1 s.

(b) MT overhead.  The synthetic en->my package (BASE shape, random weights, int8;
    built in a child process by ``bench/mt.py --build-package``, as ``bench/mt.py``
    does) is installed in a temporary workspace seeded with the two seed articles.
    ``translate_article`` for both articles without enforcement (index=None) and with
    it (index=workspace.glossary_index()) is timed in the same process, round-robin,
    with the MT cache emptied before every run; best of 3 each.  The engine is loaded
    by an untimed run first.  With random weights the model's output for a protected
    input (placeholders in place of terms) differs from its output for the plain input,
    so decoding time differs for reasons that have nothing to do with enforcement: the
    input and output token counts of both runs are reported, and so is the time of
    protect + restore alone (matcher, protect, restore over all segments), which is
    the overhead enforcement itself adds.

The last line printed is one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/ is not a package

from mt_ways import THREADS, build_and_install, forbid_network, isolate_environment, load_segments

ARTICLES = 50
SEGMENTS_PER_ARTICLE = 25
CHECK_TARGET_S = 1.0
TARGET_OVERHEAD = 0.05
ROUNDS = 3
LANG = "my"
FILLER = ["က", "သည်", "ပြောသည်", "နှင့်", "အတွက်", "ကို", "တွင်", "များ", "ဟု", "ရှိသည်"]


def quiet(_line: str) -> None:
    pass


def best_of(runs: int, run) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    return best, result


def open_fresh_workspace(data_dir: Path):
    from workbench.app.config import load_settings
    from workbench.app.workspace import open_workspace

    data_dir.mkdir(parents=True, exist_ok=True)
    return open_workspace(load_settings(data_dir=data_dir))


# -- (a) checking a 50-article project -------------------------------------------------

def article_text(number: int, sentences: list[str]) -> str:
    chosen = random.Random(number).sample(sentences, min(SEGMENTS_PER_ARTICLE, len(sentences)))
    paragraphs = [" ".join(chosen[i:i + 2]) for i in range(0, len(chosen), 2)]
    return f"Generated article {number} from the seed sentences\n\n" + "\n\n".join(paragraphs) + "\n"


def fake_translation(position: int, hits) -> str:
    """Approved renderings of the hits plus filler; some segments made wrong on purpose."""
    rng = random.Random(position)
    words = []
    for i, hit in enumerate(hits):
        rendering = hit.insertable
        if position % 7 == 0 and hit.forbidden:
            rendering = hit.forbidden[0]
        elif rendering is None or (i == 0 and position % 4 == 0):
            continue
        words += [rendering, rng.choice(FILLER)]
    words += rng.sample(FILLER, 3)
    return " ".join(words) + "။"


def build_project(tmp: Path, sentences: list[str]):
    import os

    from workbench.app.importing import import_article_text

    empty_seeds = tmp / "no-seeds"
    empty_seeds.mkdir()
    os.environ["WORKBENCH_SEEDS_DIR"] = str(empty_seeds)  # the curated glossary, no seed articles
    try:
        workspace = open_fresh_workspace(tmp / "check-workspace")
    finally:
        del os.environ["WORKBENCH_SEEDS_DIR"]
    index = workspace.glossary_index()
    position = 0
    for number in range(1, ARTICLES + 1):
        result = import_article_text(workspace.store, article_text(number, sentences), f"generated-{number}.txt")
        for segment in workspace.store.segments(result.article_id):
            text = fake_translation(position, index.hits(segment.text, LANG))
            workspace.store.save_translation(result.article_id, segment.segment_id, LANG, text, "draft", "bench")
            position += 1
    return workspace, position


def bench_project_check(tmp: Path, sentences: list[str]) -> dict:
    from workbench.app.checking import check_project
    from workbench.qa import ALL_CHECKS

    print(f"(a) project check: {ARTICLES} articles generated from {len(sentences)} seed segments")
    start = time.perf_counter()
    workspace, segments = build_project(tmp, sentences)
    print(f"  built: {len(workspace.store.list_articles())} articles, {segments} segments with "
          f"Burmese text, in {time.perf_counter() - start:.1f} s")
    try:
        first_start = time.perf_counter()
        issues = check_project(workspace, LANG)
        first = time.perf_counter() - first_start
        seconds, issues = best_of(ROUNDS, lambda: check_project(workspace, LANG))
    finally:
        workspace.close()
    by_check: dict[str, int] = {}
    for issue in issues:
        by_check[issue.check_id] = by_check.get(issue.check_id, 0) + 1
    print(f"  check_project, all {len(ALL_CHECKS)} checks: first run {first:.3f} s, best of {ROUNDS} "
          f"{seconds:.3f} s (target < {CHECK_TARGET_S} s)")
    print(f"  issues: {len(issues)} " + ", ".join(f"{k} {v}" for k, v in sorted(by_check.items())))
    return {"articles": ARTICLES, "segments": segments, "seconds": round(seconds, 4),
            "first_run_s": round(first, 4), "issues": len(issues), "target_s": CHECK_TARGET_S,
            "met": seconds < CHECK_TARGET_S}


# -- (b) MT with and without enforcement ------------------------------------------------

def clear_mt_cache(workspace) -> None:
    from workbench.storage.schema import machine_translations

    with workspace.store.engine.begin() as conn:
        conn.execute(machine_translations.delete())


def translate_all(workspace, article_ids: list[int], index) -> float:
    """Empty the cache, then translate every article; returns the seconds of the translation."""
    from workbench.app.translating import translate_article

    clear_mt_cache(workspace)
    start = time.perf_counter()
    for article_id in article_ids:
        report = translate_article(workspace.store, workspace.engine, article_id, LANG, index=index)
        if report.cancelled or report.from_cache:  # the cache was emptied: everything is translated
            raise RuntimeError(f"article {article_id}: cancelled or served from the cache")
    return time.perf_counter() - start


def stored_results(workspace, article_ids: list[int], index) -> list:
    from workbench.app.translating import stored_mt_results

    results = []
    for article_id in article_ids:
        _model, by_id = stored_mt_results(workspace.store, workspace.engine, article_id, LANG, index)
        results += [by_id[s.segment_id] for s in workspace.store.segments(article_id)]
    return results


def protect_restore_seconds(sources: list[str], raws: list[str], index) -> tuple[float, int]:
    """Matcher + protect + restore over all segments (best of many), and the placeholder count."""
    from workbench.glossary.enforce import protect, restore

    def run() -> int:
        slots = 0
        for source, raw in zip(sources, raws, strict=False):
            protected = protect(source, index.hits(source, LANG), LANG, index.entries)
            restore(raw, protected, LANG)
            slots += len(protected.slots)
        return slots

    seconds, slots = best_of(20, run)
    return seconds, slots


def token_count(processor, texts: list[str]) -> int:
    return sum(len(processor.encode(text, out_type=str)) for text in texts)


def bench_mt(tmp: Path, data_dir: Path, shape_name: str) -> dict:
    import sentencepiece as spm

    from workbench.glossary.enforce import protect

    print(f"(b) MT overhead of enforcement: seed articles, {shape_name} shape, random weights, int8, "
          f"{THREADS} thread")
    package = build_and_install(tmp, data_dir, shape_name)
    workspace = open_fresh_workspace(data_dir)
    try:
        ids = [article.id for article in workspace.store.list_articles()]
        sources = [s.text for a in ids for s in workspace.store.segments(a)]
        start = time.perf_counter()
        index = workspace.glossary_index()
        index_s = time.perf_counter() - start
        warm = translate_all(workspace, ids, None)  # loads the model
        print(f"  {len(ids)} articles, {len(sources)} segments; glossary index built in {index_s:.3f} s; "
              f"warm-up (model load + plain MT) {warm:.2f} s")
        plain, enforced = [], []
        for round_number in range(ROUNDS):
            order = [(None, plain), (index, enforced)]
            for chosen, times in order if round_number % 2 == 0 else reversed(order):
                times.append(translate_all(workspace, ids, chosen))
        enforced_results = stored_results(workspace, ids, index)
        translate_all(workspace, ids, None)
        plain_results = stored_results(workspace, ids, None)
    finally:
        workspace.close()
    processor = spm.SentencePieceProcessor(model_file=str(package.path / "sentencepiece.model"))
    protected = [protect(s, index.hits(s, LANG), LANG, index.entries).text for s in sources]
    tokens = {
        "plain_in": token_count(processor, sources), "enforced_in": token_count(processor, protected),
        "plain_out": token_count(processor, [r.raw for r in plain_results]),
        "enforced_out": token_count(processor, [r.raw for r in enforced_results]),
    }
    pr_s, placeholders = protect_restore_seconds(sources, [r.raw for r in enforced_results], index)
    return report_mt(plain, enforced, pr_s, placeholders, tokens, enforced_results)


def report_mt(plain: list[float], enforced: list[float], pr_s: float, placeholders: int,
              tokens: dict, enforced_results: list) -> dict:
    plain_s, enforced_s = min(plain), min(enforced)
    overhead = (enforced_s - plain_s) / plain_s
    flagged = sum(1 for r in enforced_results if r.flags)
    # Decoding time scales with the tokens generated; random weights generate different lengths.
    per_token = (enforced_s / tokens["enforced_out"]) / (plain_s / tokens["plain_out"]) - 1
    print(f"  plain MT (index=None):        best {plain_s:.3f} s  runs {', '.join(f'{t:.3f}' for t in plain)}")
    print(f"  enforced MT (glossary index): best {enforced_s:.3f} s  runs {', '.join(f'{t:.3f}' for t in enforced)}")
    print(f"  overhead: {overhead:+.1%} (target <= {TARGET_OVERHEAD:.0%})")
    print(f"  tokens: input plain {tokens['plain_in']}, enforced {tokens['enforced_in']}; "
          f"output plain {tokens['plain_out']}, enforced {tokens['enforced_out']}")
    print(f"  overhead per output token (length-adjusted): {per_token:+.1%}")
    print(f"  protect + restore alone (matcher, protect, restore, {len(enforced_results)} segments): "
          f"{pr_s * 1000:.2f} ms = {pr_s / plain_s:.2%} of plain MT")
    print(f"  placeholders: {placeholders}; segments flagged by restore: {flagged}")
    return {"plain_s": round(plain_s, 4), "enforced_s": round(enforced_s, 4),
            "overhead_ratio": round(overhead, 4), "target_overhead": TARGET_OVERHEAD,
            "overhead_per_output_token": round(per_token, 4),
            "met": overhead <= TARGET_OVERHEAD, "protect_restore_s": round(pr_s, 5),
            "protect_restore_ratio": round(pr_s / plain_s, 5),
            "protect_restore_met": pr_s / plain_s <= TARGET_OVERHEAD,
            "tokens": tokens, "placeholders": placeholders, "flagged_segments": flagged,
            "segments": len(enforced_results), "plain_runs_s": [round(t, 4) for t in plain],
            "enforced_runs_s": [round(t, 4) for t in enforced]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="TINY model shape (a smoke run)")
    args = parser.parse_args(argv)
    shape_name = "tiny" if args.quick else "base"
    with tempfile.TemporaryDirectory(prefix="bench-enforce-") as name:
        tmp = Path(name)
        data_dir = tmp / "workspace"
        data_dir.mkdir()
        isolate_environment(data_dir)
        forbid_network()
        print(f"enforcement benchmark ({shape_name}); temporary directory {tmp}")
        sentences = load_segments(quiet)
        project = bench_project_check(tmp, sentences)
        mt = bench_mt(tmp, data_dir, shape_name)
    print(json.dumps({"benchmark": "enforce", "shape": shape_name, "project_check": project, "mt": mt},
                     ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
