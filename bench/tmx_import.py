"""TMX import speed: a generated TMX file read and stored in a fresh workspace, in units per second.

Run from the repository root:

    .venv/bin/python bench/tmx_import.py                # 100,000 units
    .venv/bin/python bench/tmx_import.py --units 10000

The file holds news-like English/Burmese pairs with tuids, authors and dates, as the desk's
previous tool would export them. The import (`import_tmx`) adds every unit in one transaction.
Two baselines run in the same process (the machine is shared: only figures of one run compare):
the previous path, the same file read as one element tree into `TmxUnit`s and stored with
`import_units`, into a second fresh workspace; and the same file imported again, when every unit
is found unchanged (the dedupe path reads and compares instead of writing). The last line printed
is one JSON object with `tmx_import_units_per_s` (the key `bench/tm.py` reports for issue 12's
target of 50,000 units/s), `tree_path_units_per_s`, `reimport_units_per_s` and the load average.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
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


def _tree_path(workspace, path: Path) -> int:
    """The path before the scan: the whole element tree, a `TmxUnit` each, `import_units`."""
    from workbench.files import read_user_file
    from workbench.formats.tmx import MAX_TMX_BYTES, TMX_CHOOSE, TMX_KIND
    from workbench.formats.tmx_read import read_tree
    from workbench.formats.tmx_xml import decode_tmx
    from workbench.storage.tm_import import import_units

    collecting = gc.isenabled()
    gc.disable()  # as import_tmx does
    try:
        text = decode_tmx(read_user_file(path, TMX_KIND, TMX_CHOOSE, MAX_TMX_BYTES), str(path))
        units = read_tree(text, str(path)).file().units
        with workspace.store.engine.begin() as conn:
            return import_units(conn, path.name, units, workspace.settings.user).new
    finally:
        if collecting:
            gc.enable()


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
    os.environ["WORKBENCH_DATA_DIR"] = str(folder / "tree")
    tree_workspace = open_workspace(load_settings())
    try:
        started = time.perf_counter()
        first = import_tmx(workspace, path)
        first_s = time.perf_counter() - started
        started = time.perf_counter()
        tree_new = _tree_path(tree_workspace, path)
        tree_s = time.perf_counter() - started
        started = time.perf_counter()
        again = import_tmx(workspace, path)
        again_s = time.perf_counter() - started
    finally:
        workspace.close()
        tree_workspace.close()
    assert first.counts.new == tree_new == args.units and again.counts.unchanged == args.units
    rate, tree, again_rate = args.units / first_s, args.units / tree_s, args.units / again_s
    print(f"{args.units} units, {path.stat().st_size / 1e6:.1f} MB: import {first_s:.2f} s ({rate:,.0f} units/s); "
          f"previous path (whole tree) {tree_s:.2f} s ({tree:,.0f} units/s); re-import, all unchanged "
          f"{again_s:.2f} s ({again_rate:,.0f} units/s); target 50,000 units/s")
    print(json.dumps({"benchmark": "tmx_import", "units": args.units, "tmx_import_units_per_s": round(rate),
                      "tree_path_units_per_s": round(tree), "speedup_vs_tree_path": round(rate / tree, 2),
                      "reimport_units_per_s": round(again_rate), "ratio": round(rate / again_rate, 2),
                      "target_met": rate >= 50_000, "loadavg": os.getloadavg()[0]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
