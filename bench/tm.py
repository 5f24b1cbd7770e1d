"""Translation-memory lookup benchmark: the workbench index against a brute-force scan.

    .venv/bin/python bench/tm.py                               # 1,000,000 units, 1,000 queries (~10+ min)
    .venv/bin/python bench/tm.py --units 100000 --queries 200  # a quick run

Everything is synthetic and seeded (`--seed`, default 12). The seed articles (`seeds/*.txt`)
give the sentence shapes and the vocabulary: each generated sentence is a window of a seed
sentence with about half its content words replaced by other seed words of the same kind
(lower-case words, capitalised names) and its numbers by random numbers. Units come in
"articles" of 20 sentences, each unit's `previous_source` being the sentence before it.
A quarter of the units are near-duplicates of an earlier unit at a controlled token edit
distance (1–6 substitutions, insertions or deletions of seed words, or only a number
changed). Targets are pseudo-Burmese (a syllable string per word, Myanmar digits).

Queries: 15% exact copies of a unit (half of them with that unit's previous source: 101),
10% a unit with one number changed, 35% a unit at token edit distance 1–6, and 40% fresh
sentences of the same generator with another seed (most have no match ≥ 75).

Timed: `TranslationMemoryIndex(units)` (index build, tokenising included), `lookup(query,
75, 5, previous_source)` for every query (p50, p99), and the reference,
`workbench.tm.reference.ExhaustiveScan`: the token edit distance to every unit (rapidfuzz
`cdist`, one thread) and word equality with every unit, the scorer's formula on all of them.
The reference runs on ALL queries and `same_as_reference` compares unit ids, scores and
order on every query. Resident memory (`rss_mb`) is taken after the index is built, before
the reference is: it includes the generated units, which the index keeps as its text store.

TMX import (`tmx_import_units_per_s`): a seeded sample of the generated units (`--tmx-units`,
default 100,000; `tmx_import_units` in the JSON) written as TMX 1.4b with
`workbench.formats.tmx_write.tmx_bytes` (tuids, authors, dates, previous sources), then
`workbench.app.memory_exchange.import_tmx` into a fresh workspace in a temporary folder, timed
from the call to its return (reading, checking and storing in one transaction); the rate is
the file's units over that time (`tmx_import_new`: how many it stored as new).
The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import sys
import tempfile
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from workbench.articles.segmentation import split_sentences  # noqa: E402
from workbench.tm.index import TranslationMemoryIndex  # noqa: E402
from workbench.tm.model import Unit  # noqa: E402
from workbench.tm.reference import ExhaustiveScan  # noqa: E402

TARGET_P50_MS, TARGET_P99_MS, TARGET_INDEX_S, TARGET_RSS_MB = 10.0, 50.0, 20.0, 1024.0
TARGET_TMX_UNITS_PER_S = 50_000
MIN_SCORE, LIMIT = 75, 5
WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*|\d+(?:[.,]\d+)*|\S")
SYLLABLES = "က ခ ဂ င စ ဆ ဇ ည တ ထ ဒ န ပ ဖ ဗ မ ယ ရ လ ဝ သ ဟ အ ကာ ခို ဂျ စု တော် နေ ပြည် မြန် သူ ရေး".split()


class SentenceMaker:
    """News-like sentences from the seeds' shapes and words."""

    def __init__(self, seed_texts: list[str], rnd: random.Random) -> None:
        self.rnd = rnd
        self.shapes = [WORD.findall(s) for text in seed_texts for line in text.splitlines() if line.strip()
                       for s in split_sentences(line.strip())]
        self.shapes = [shape for shape in self.shapes if len(shape) >= 4]
        counts: dict[str, int] = {}
        for shape in self.shapes:
            for token in shape:
                counts[token.lower()] = counts.get(token.lower(), 0) + 1
        common = set(sorted(counts, key=lambda w: -counts[w])[:60])  # function words stay in place
        words = sorted({t for shape in self.shapes for t in shape if t[0].isalpha()})
        self.lower = [w for w in words if w.islower() and w not in common]
        self.names = [w for w in words if w[0].isupper() and w.lower() not in common]
        self.common = common

    def sentence(self) -> str:
        shape = self.rnd.choice(self.shapes)
        if len(shape) > 12 and self.rnd.random() < 0.6:  # a window: lengths vary like real segments
            start = self.rnd.randrange(0, len(shape) - 8)
            shape = shape[start:start + self.rnd.randint(8, 40)]
        return _join([self._vary(token) for token in shape])

    def _vary(self, token: str) -> str:
        if token[0].isdigit():
            return str(self.rnd.randint(1, 2030)) if self.rnd.random() < 0.8 else f"{self.rnd.randint(1, 999)},000"
        if not token[0].isalpha() or token.lower() in self.common or self.rnd.random() < 0.5:
            return token
        return self.rnd.choice(self.names if token[0].isupper() else self.lower)

    def word(self) -> str:
        return self.rnd.choice(self.lower)

    def edited(self, sentence: str, edits: int) -> str:
        """`sentence` after `edits` random token substitutions, insertions or deletions."""
        tokens = WORD.findall(sentence)
        for _ in range(edits):
            at = self.rnd.randrange(len(tokens) + 1)
            action = self.rnd.random()
            if action < 0.5 and at < len(tokens):
                tokens[at] = self.word()
            elif action < 0.75 or len(tokens) < 3:
                tokens.insert(at, self.word())
            else:
                del tokens[min(at, len(tokens) - 1)]
        return _join(tokens)

    def number_changed(self, sentence: str) -> str | None:
        tokens = WORD.findall(sentence)
        numbers = [i for i, t in enumerate(tokens) if t[0].isdigit()]
        if not numbers:
            return None
        at = self.rnd.choice(numbers)
        tokens[at] = str(int(tokens[at].replace(",", "").split(".")[0]) + self.rnd.randint(1, 9))
        return _join(tokens)


def _join(tokens: list[str]) -> str:
    text = " ".join(tokens)
    return re.sub(r" ([.,;:!?’”)])", r"\1", text).replace("“ ", "“").replace("( ", "(")


def pseudo_burmese(source: str) -> str:
    """A stand-in target: one syllable string per word, numbers in Myanmar digits, ending in ။."""
    out = []
    for token in WORD.findall(source):
        if token[0].isdigit():
            out.append(token.translate(str.maketrans("0123456789", "၀၁၂၃၄၅၆၇၈၉")))
        elif token[0].isalpha():
            h = sum(map(ord, token))
            out.append(SYLLABLES[h % len(SYLLABLES)] + SYLLABLES[(h // 7) % len(SYLLABLES)])
    return " ".join(out) + "။"


def make_units(maker: SentenceMaker, count: int) -> list[Unit]:
    rnd, units = maker.rnd, list[Unit]()
    previous: str | None = None
    for unit_id in range(1, count + 1):
        if unit_id % 20 == 1:
            previous = None  # a new article
        if units and rnd.random() < 0.25:
            base = units[rnd.randrange(len(units))].source
            source = (maker.number_changed(base) if rnd.random() < 0.15 else None) or maker.edited(base, rnd.randint(1, 6))
        else:
            source = maker.sentence()
        units.append(Unit(unit_id, source, pseudo_burmese(source), previous))
        previous = source
    return units


def make_queries(maker: SentenceMaker, fresh: SentenceMaker, units: list[Unit], count: int) -> list[tuple[str, str | None]]:
    rnd, queries = maker.rnd, []
    for _ in range(count):
        unit, roll = units[rnd.randrange(len(units))], rnd.random()
        if roll < 0.15:
            queries.append((unit.source, unit.previous_source if rnd.random() < 0.5 else None))
        elif roll < 0.25:
            queries.append((maker.number_changed(unit.source) or maker.edited(unit.source, 1), None))
        elif roll < 0.60:
            queries.append((maker.edited(unit.source, rnd.randint(1, 6)), None))
        else:
            queries.append((fresh.sentence(), None))
    return queries


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--tmx-units", type=int, default=100_000, help="units in the TMX import (0: skip it)")
    args = parser.parse_args()
    seeds = [path.read_text(encoding="utf-8") for path in sorted((REPO / "seeds").glob("*.txt"))]
    process = psutil.Process()

    start = time.perf_counter()
    maker = SentenceMaker(seeds, random.Random(args.seed))
    units = make_units(maker, args.units)
    queries = make_queries(maker, SentenceMaker(seeds, random.Random(args.seed + 1)), units, args.queries)
    print(f"generated {len(units):,} units, {len(queries):,} queries in {time.perf_counter() - start:.1f} s; "
          f"RSS {process.memory_info().rss / 2**20:.0f} MB", flush=True)

    start = time.perf_counter()
    index = TranslationMemoryIndex(units)
    index_s = time.perf_counter() - start
    rss_mb = process.memory_info().rss / 2**20
    print(f"index built in {index_s:.2f} s; RSS {rss_mb:.0f} MB", flush=True)

    lookup_ms, found = time_lookups(index, queries)
    print(f"lookup: p50 {percentile(lookup_ms, 0.5):.2f} ms, p99 {percentile(lookup_ms, 0.99):.2f} ms", flush=True)
    start = time.perf_counter()
    reference = ExhaustiveScan(units)
    reference_build_s = time.perf_counter() - start
    reference_ms, expected = time_lookups(reference, queries)
    differing = [{"query": text, "index": got, "reference": want}
                 for (text, _), got, want in zip(queries, found, expected, strict=True) if got != want]
    del reference
    tmx = time_tmx_import(units, min(args.tmx_units, len(units)), random.Random(args.seed + 2))
    print(f"TMX import: {tmx['units']:,} units in {tmx['seconds']:.2f} s, {tmx['units_per_s']:,} units/s "
          f"({tmx['new']:,} new)", flush=True)
    report = {
        "benchmark": "tm", "units": len(units), "queries": len(queries), "min_score": MIN_SCORE, "limit": LIMIT,
        "lookup_ms_p50": round(percentile(lookup_ms, 0.5), 3),
        "lookup_ms_p99": round(percentile(lookup_ms, 0.99), 3),
        "lookup_ms_max": round(max(lookup_ms), 3),
        "reference_ms_p50": round(percentile(reference_ms, 0.5), 1),
        "reference_queries": len(reference_ms),
        "reference_build_s": round(reference_build_s, 2),
        "speedup_vs_reference": round(percentile(reference_ms, 0.5) / percentile(lookup_ms, 0.5), 1),
        "same_as_reference": not differing,
        "queries_differing": len(differing),
        "queries_with_a_match": sum(1 for f in found if f),
        "queries_with_100_or_101": sum(1 for f in found if f and f[0][1] >= 100),
        "index_s": round(index_s, 2),
        "rss_mb": round(rss_mb, 1),
        "peak_rss_mb": round(_peak_rss_mb(), 1),
        "tmx_import_units_per_s": tmx["units_per_s"],
        "tmx_import_units": tmx["units"],
        "tmx_import_new": tmx["new"],
        "tmx_import_s": tmx["seconds"],
    }
    report["targets_met"] = {
        "lookup_ms_p50": report["lookup_ms_p50"] <= TARGET_P50_MS,
        "lookup_ms_p99": report["lookup_ms_p99"] <= TARGET_P99_MS,
        "index_s": index_s <= TARGET_INDEX_S,
        "rss_mb": rss_mb <= TARGET_RSS_MB,
        "same_as_reference": not differing,
        "tmx_import_units_per_s": tmx["units_per_s"] is not None and tmx["units_per_s"] >= TARGET_TMX_UNITS_PER_S,
    }
    for item in differing[:3]:
        print("DIFFERS:", json.dumps(item, ensure_ascii=False))
    print(f"reference: p50 {report['reference_ms_p50']} ms over all {len(reference_ms)} queries; "
          f"speed-up {report['speedup_vs_reference']}x; same as reference: {not differing}")
    print(json.dumps(report))


def time_lookups(memory: TranslationMemoryIndex | ExhaustiveScan,
                 queries: list[tuple[str, str | None]]) -> tuple[list[float], list[list[tuple[int, int]]]]:
    """Milliseconds per lookup, and what each found as (unit id, score) in order."""
    times, found = [], []
    for text, previous in queries:
        start = time.perf_counter()
        matches = memory.lookup(text, MIN_SCORE, LIMIT, previous)
        times.append((time.perf_counter() - start) * 1000)
        found.append([(m.unit.id, m.score) for m in matches])
    return times, found


def time_tmx_import(units: list[Unit], count: int, rnd: random.Random) -> dict:
    """A sample of `count` units written as TMX and imported into a fresh workspace, timed."""
    if count <= 0:
        return {"units": 0, "new": 0, "seconds": None, "units_per_s": None}
    from workbench.app.config import load_settings
    from workbench.app.memory_exchange import import_tmx
    from workbench.app.workspace import open_workspace
    from workbench.formats.tmx import TmxUnit
    from workbench.formats.tmx_write import tmx_bytes

    when = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    sample = sorted(rnd.sample(units, count), key=lambda unit: unit.id)
    tmx_units = [TmxUnit("en", "my", unit.source, unit.target, unit.previous_source or "", f"u{unit.id}",
                         "desk", when + dt.timedelta(seconds=unit.id), "desk", when + dt.timedelta(seconds=unit.id))
                 for unit in sample]
    saved = os.environ.get("WORKBENCH_DATA_DIR")
    with tempfile.TemporaryDirectory(prefix="bench-tm-") as folder:
        path = Path(folder) / "memory.tmx"
        path.write_bytes(tmx_bytes(tmx_units))
        del tmx_units
        os.environ["WORKBENCH_DATA_DIR"] = str(Path(folder) / "workspace")
        workspace = open_workspace(load_settings())
        try:
            start = time.perf_counter()
            result = import_tmx(workspace, path)
            seconds = time.perf_counter() - start
        finally:
            workspace.close()
            if saved is None:
                os.environ.pop("WORKBENCH_DATA_DIR", None)
            else:
                os.environ["WORKBENCH_DATA_DIR"] = saved
    return {"units": count, "new": result.counts.new, "seconds": round(seconds, 2), "units_per_s": round(count / seconds)}


def _peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    main()
