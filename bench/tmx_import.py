"""TMX import speed: a generated TMX file read and stored in a fresh workspace, in units per second.

Run from the repository root:

    .venv/bin/python bench/tmx_import.py                # 100,000 units
    .venv/bin/python bench/tmx_import.py --units 10000

The file holds news-like English/Burmese pairs with tuids, authors and dates, as the desk's
previous tool would export them. The first import adds every unit in one transaction; the
baseline, in the same process, is the same file imported again, when every unit is found
unchanged (the dedupe path reads and compares instead of writing). The last line printed is one
JSON object with `tmx_import_units_per_s` (the key `bench/tm.py` reports for issue 12's target of
50,000 units/s) and `reimport_units_per_s`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

WORDS = ("the council said on monday that talks would resume army junta NUG reporters confirmed it "
         "prices rose by kyat in Yangon Mandalay").split()


def _tmx_file(count: int, folder: Path) -> Path:
    from workbench.formats.tmx import TmxUnit
    from workbench.formats.tmx_write import tmx_bytes

    rng, when = random.Random(1), dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    units = []
    for n in range(count):
        source = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 20))).capitalize() + f" {n}."
        target = "ဈေးနှုန်း " * rng.randint(2, 8) + f"{n}။"
        units.append(TmxUnit("en", "my", source, target, "", f"tu{n}", "tin", when, "mya", when + dt.timedelta(seconds=n)))
    path = folder / "memory.tmx"
    path.write_bytes(tmx_bytes(units))
    return path


def main() -> int:
    from workbench.app.config import load_settings
    from workbench.app.memory_exchange import import_tmx
    from workbench.app.workspace import open_workspace

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    path = _tmx_file(args.units, folder)
    os.environ["WORKBENCH_DATA_DIR"] = str(folder / "workspace")
    workspace = open_workspace(load_settings())
    try:
        started = time.perf_counter()
        first = import_tmx(workspace, path)
        first_s = time.perf_counter() - started
        started = time.perf_counter()
        again = import_tmx(workspace, path)
        again_s = time.perf_counter() - started
    finally:
        workspace.close()
    assert first.counts.new == args.units and again.counts.unchanged == args.units
    rate, baseline = args.units / first_s, args.units / again_s
    print(f"{args.units} units, {path.stat().st_size / 1e6:.1f} MB: import {first_s:.2f} s ({rate:,.0f} units/s); "
          f"re-import, all unchanged {again_s:.2f} s ({baseline:,.0f} units/s); target 50,000 units/s")
    print(json.dumps({"benchmark": "tmx_import", "units": args.units, "tmx_import_units_per_s": round(rate),
                      "reimport_units_per_s": round(baseline), "ratio": round(rate / baseline, 2),
                      "target_met": rate >= 50_000}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
