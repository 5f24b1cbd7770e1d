"""The desk as a team on one database: the soak's counts, and a save's latency, PostgreSQL vs SQLite.

Run from the repository root (needs the PostgreSQL server binaries, as the tests do):

    .venv/bin/python bench/team.py                 # a 60 s soak, 300 saves per database
    .venv/bin/python bench/team.py --seconds 20 --saves 100

The soak is tests/support/team_soak.py: two translators and two editors in four processes,
editing, confirming, importing batches and deciding glossary renderings at random on one
PostgreSQL database, then every acknowledged write checked against the database (`lost` must
be 0). The latency is one process saving a translation on the revision it read, again and
again, with nobody else writing: first into a SQLite file (the baseline, same process), then
into a PostgreSQL database of a server started here on 127.0.0.1. The last line printed is
one JSON object with `benchmark` ("team"), `operations`, `conflicts`, `lost`,
`save_ms_p95_sqlite`, `save_ms_p95_postgresql` (and p50s, the ratio, the load average).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _save_latencies(url: str, saves: int) -> list[float]:
    """Seconds per compare-and-set save, one process alone on the database."""
    from tests.support.team_soak import LANG, prepare
    from workbench.storage.store import Store

    article_id, segment_ids, _entries = prepare(url)
    store = Store(url)
    seconds = []
    try:
        revisions = dict.fromkeys(segment_ids, 0)
        for n in range(saves):
            segment_id = segment_ids[n % len(segment_ids)]
            started = time.perf_counter()
            row = store.save_translation(article_id, segment_id, LANG, f"text {n}", "translated", "tin",
                                         expected_revision=revisions[segment_id])
            seconds.append(time.perf_counter() - started)
            revisions[segment_id] = row.revision
    finally:
        store.close()
    return seconds


def _p(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] * 1000


def main() -> int:
    from tests.support.postgres_server import find_bindir, running_server
    from tests.support.team_soak import run_desk, verify

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="how long the four processes work")
    parser.add_argument("--saves", type=int, default=300, help="saves timed on each database")
    args = parser.parse_args()
    bindir = find_bindir()
    if bindir is None:
        print("PostgreSQL server binaries (initdb, pg_ctl) not found: apt-get install postgresql", file=sys.stderr)
        return 1
    folder = Path(tempfile.mkdtemp())
    sqlite = _save_latencies(f"sqlite:///{folder / 'latency.db'}", args.saves)
    with running_server(bindir) as server:
        postgresql = _save_latencies(server.create_database(), args.saves)
        url = server.create_database()
        article_id, logs = run_desk(url, args.seconds)
        outcome = verify(url, article_id, logs)
    figures = {"benchmark": "team", "seconds": args.seconds, "operations": outcome.operations,
               "acknowledged": outcome.acknowledged, "conflicts": outcome.conflicts, "lost": outcome.lost,
               "problems": len(outcome.problems), "saves": args.saves,
               "save_ms_p50_sqlite": round(_p(sqlite, 0.5), 2), "save_ms_p95_sqlite": round(_p(sqlite, 0.95), 2),
               "save_ms_p50_postgresql": round(_p(postgresql, 0.5), 2),
               "save_ms_p95_postgresql": round(_p(postgresql, 0.95), 2),
               "ratio_p50_postgresql_vs_sqlite": round(statistics.median(postgresql) / statistics.median(sqlite), 2),
               "loadavg": os.getloadavg()[0]}
    for problem in outcome.problems[:10]:
        print(f"problem: {problem}")
    print(f"soak {args.seconds:.0f} s, 4 processes: {outcome.operations} operations, {outcome.acknowledged} "
          f"acknowledged, {outcome.conflicts} conflicts reported, {outcome.lost} lost; save p95: SQLite "
          f"{figures['save_ms_p95_sqlite']} ms, PostgreSQL {figures['save_ms_p95_postgresql']} ms")
    print(json.dumps(figures))
    return 0 if outcome.lost == 0 and not outcome.problems else 1


if __name__ == "__main__":
    sys.exit(main())
