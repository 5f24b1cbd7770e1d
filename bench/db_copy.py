"""`workbench db copy` speed and memory: a workspace with many translation-memory units copied
from SQLite to a real PostgreSQL server and back, each copy a `workbench db copy` process.

Run from the repository root (needs the PostgreSQL server binaries, as the tests do):

    .venv/bin/python bench/db_copy.py                 # 200,000 units (and 20,000 for the memory check)
    .venv/bin/python bench/db_copy.py --units 20000

Two workspaces are made, one with a tenth of the units: the copy streams its tables in chunks,
so its peak memory (the child's max RSS, from /usr/bin/time) should hardly grow with the table.
The rows per second count every row of every table, copied and verified (both sides read again
for the checksums) inside the one transaction. The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = "the council said on monday that talks would resume army junta reporters confirmed prices rose".split()
CHUNK = 50_000


def _workspace(folder: Path, units: int) -> str:
    """A seeded workspace holding `units` memory units (with TMX-like extra data); its URL."""
    from workbench.app.config import load_settings
    from workbench.app.workspace import open_workspace
    from workbench.storage.tm_import import import_rows

    workspace = open_workspace(load_settings(data_dir=folder))
    rng, when = random.Random(1), dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    try:
        for start in range(0, units, CHUNK):
            rows = []
            for n in range(start, min(start + CHUNK, units)):
                source = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 20))).capitalize() + f" {n}."
                target = "ဈေးနှုန်း " * rng.randint(2, 8) + f"{n}။"
                rows.append(("en", "my", source, target, "", f"tu{n}", "tin", when, "mya",
                             when + dt.timedelta(seconds=n), {"tmx": {"props": [["x-client", "desk"]]}}))
            with workspace.store.engine.begin() as conn:
                import_rows(conn, f"bench-{start}.tmx", rows, "bench")
        return workspace.settings.db_url
    finally:
        workspace.close()


def _copy(source: str, target: str) -> tuple[float, float, int]:
    """(seconds, peak RSS in MB, rows) of one `workbench db copy` process."""
    started = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "maxrss_kb=%M", sys.executable, "-m", "workbench", "--db", source,
                           "db", "copy", "--to", target], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "WORKBENCH_DATA_DIR": str(Path(tempfile.gettempdir()) / "unused")})
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"the copy failed: {done.stderr}")
    rss = next(int(line.split("=")[1]) for line in done.stderr.splitlines() if line.startswith("maxrss_kb="))
    rows = int(done.stdout.splitlines()[-1].split()[0].replace(",", ""))
    return seconds, rss / 1024, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=200_000)
    args = parser.parse_args()
    from tests.support.postgres_server import find_bindir, running_server

    bindir = find_bindir()
    if bindir is None:
        raise SystemExit("PostgreSQL server binaries (initdb, pg_ctl) not found; apt-get install postgresql")
    with tempfile.TemporaryDirectory() as folder, running_server(bindir) as server:
        small = _workspace(Path(folder) / "small", args.units // 10)
        large = _workspace(Path(folder) / "large", args.units)
        small_s, small_mb, small_rows = _copy(small, server.create_database())
        target = server.create_database()
        to_pg_s, large_mb, large_rows = _copy(large, target)
        back_s, back_mb, _rows = _copy(target, f"sqlite:///{Path(folder) / 'back.db'}")
    result = {
        "benchmark": "db_copy", "rows_small": small_rows, "rows_large": large_rows,
        "sqlite_to_postgresql_s": round(to_pg_s, 2),
        "sqlite_to_postgresql_rows_per_s": round(large_rows / to_pg_s),
        "postgresql_to_sqlite_s": round(back_s, 2),
        "postgresql_to_sqlite_rows_per_s": round(large_rows / back_s),
        "peak_rss_mb_small": round(small_mb, 1), "peak_rss_mb_large": round(large_mb, 1),
        "peak_rss_mb_back": round(back_mb, 1), "small_copy_s": round(small_s, 2),
        "loadavg": Path("/proc/loadavg").read_text().split()[:3],
    }
    print(f"SQLite → PostgreSQL: {large_rows:,} rows in {to_pg_s:.1f} s; back in {back_s:.1f} s; "
          f"peak RSS {small_mb:.0f} MB ({small_rows:,} rows) vs {large_mb:.0f} MB ({large_rows:,} rows)")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
