"""A large glossary import: how long it holds the database, against the per-entry write path.

Run from the repository root:

    .venv/bin/python bench/glossary_import.py             # 10,000 entries
    .venv/bin/python bench/glossary_import.py --entries 2000

A fresh SQLite workspace in a temporary folder (the curated glossary seeded, as on a first start)
receives N synthetic entries (an English term and a Burmese and a Japanese rendering each) through
`merge_glossary`, as `workbench glossary import` does. The baseline is the same import written
entry by entry with the repository's single-entry path (`_write_entry`: about seven statements
per entry), run in the same process on its own fresh workspace. Each is timed best of 3, the
write transaction on its own (the reading and merging before it is reported apart). The last
line printed is one JSON object: entries, seconds, baseline_seconds, ratio (baseline / bulk).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _entries(count: int):
    from workbench.glossary.model import APPROVED, PROPOSED, Entry, Rendering, Term

    return [Entry(f"bench-term-{n}", (Term(f"Bench term {n}"),),
                  (Rendering("my", f"စမ်းသပ်ဝေါဟာရ {n}", APPROVED, source="bench"),
                   Rendering("ja", f"試験用語{n}", PROPOSED))) for n in range(count)]


def _workspace(folder: Path):
    from workbench.app.config import load_settings
    from workbench.app.workspace import open_workspace

    os.environ["WORKBENCH_DATA_DIR"] = str(folder)
    return open_workspace(load_settings())


def _per_entry_write_many(repository, changes, actor):
    """The baseline: what write_many did before it was a bulk write (one entry at a time)."""
    from workbench.storage.glossary_repository import StaleRevision, _bump_glossary_version, _write_entry

    stale = []
    with repository.engine.begin() as conn:
        for entry, events, expected in changes:
            try:
                _write_entry(conn, entry, actor, events, expected)
            except StaleRevision:
                stale.append(entry.id)
        _bump_glossary_version(conn)
    return stale


def _timed_import(count: int, per_entry: bool) -> tuple[float, float]:
    """(seconds in the write transaction, seconds in all) for one import into a fresh workspace."""
    from workbench.app.glossary_merge import merge_glossary

    with tempfile.TemporaryDirectory() as folder:
        workspace = _workspace(Path(folder))
        repository = workspace.glossary
        timings = {}
        original = repository.write_many

        def timed(changes, actor):
            started = time.perf_counter()
            result = _per_entry_write_many(repository, changes, actor) if per_entry else original(changes, actor)
            timings["write"] = time.perf_counter() - started
            return result

        repository.write_many = timed  # type: ignore[method-assign]
        workflow = workspace.workflow()
        workflow.repository = repository
        entries = _entries(count)
        started = time.perf_counter()
        report = merge_glossary(workflow, entries, "bench.tbx")
        total = time.perf_counter() - started
        assert len(report.added) == count and not report.conflicts, report.conflicts[:3]
        assert len(workspace.glossary.entries()) >= count
        workspace.close()
    return timings["write"], total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    args = parser.parse_args()
    runs = {"bulk": [], "per_entry": []}
    for _round in range(3):  # round-robin, so both see the same machine
        runs["bulk"].append(_timed_import(args.entries, per_entry=False))
        runs["per_entry"].append(_timed_import(args.entries, per_entry=True))
    best = {way: min(runs[way]) for way in runs}
    print(f"{args.entries} entries, best of 3:")
    for way, (write, total) in best.items():
        print(f"  {way:9}  write transaction {write:6.2f} s   whole import {total:6.2f} s")
    ratio = best["per_entry"][0] / best["bulk"][0]
    print(f"bulk write is {ratio:.1f}x faster (target: 10,000 entries in under 1 s)")
    print(json.dumps({"benchmark": "glossary_import", "entries": args.entries,
                      "seconds": round(best["bulk"][0], 3), "baseline_seconds": round(best["per_entry"][0], 3),
                      "ratio": round(ratio, 1), "import_seconds": round(best["bulk"][1], 3),
                      "baseline_import_seconds": round(best["per_entry"][1], 3),
                      "target_met": best["bulk"][0] < 1.0}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
