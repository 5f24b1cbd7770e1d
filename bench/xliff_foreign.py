"""Foreign XLIFF speed: a generated Okapi-style XLIFF 1.2 file (inline codes in every unit) imported as
an article, every segment translated, and the file written back, in units per second.

Run from the repository root:

    .venv/bin/python bench/xliff_foreign.py                # 20,000 units
    .venv/bin/python bench/xliff_foreign.py --units 2000

Reading (`read_foreign`: the safe parse, the element spans, the codes as tags), the import into a
fresh workspace (article, original and targets in one transaction) and the export (`export_foreign`:
the stored original re-read and spliced with every translation) are timed separately. The last line
printed is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _file(units: int) -> bytes:
    body = "".join(
        f'<trans-unit id="tu{n}" mq:status="NotStarted"><source>Story {n}: the <g id="1">council</g> met on '
        f'<x id="2"/> in <bpt id="3">&lt;a&gt;</bpt>Naypyidaw<ept id="3">&lt;/a&gt;</ept> ({n}).</source>'
        f"<note>unit {n}</note></trans-unit>\n" for n in range(units))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" '
            'xmlns:mq="MQXliff"><file original="bench.html" source-language="en" target-language="my" datatype="html">'
            f"<body>\n{body}</body></file></xliff>\n").encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=20_000)
    units = parser.parse_args().units
    with tempfile.TemporaryDirectory() as folder:
        os.environ["WORKBENCH_DATA_DIR"] = str(Path(folder) / "workspace")
        from workbench.app.config import load_settings
        from workbench.app.foreign_xliff import export_foreign, import_foreign, read_foreign_file
        from workbench.app.workspace import open_workspace
        from workbench.storage.translation_records import TranslationChange

        path = Path(folder) / "bench.xlf"
        path.write_bytes(_file(units))
        workspace = open_workspace(load_settings())
        started = time.perf_counter()
        file = read_foreign_file(path)
        read_s = time.perf_counter() - started
        result, = import_foreign(workspace.store, [file], "bench")
        import_s = time.perf_counter() - started
        changes = [TranslationChange(s.segment_id, f"<x2/> {s.text}", "translated", 0, "typed")
                   for s in workspace.store.segments(result.article_id)]
        workspace.store.save_translations(result.article_id, "my", changes, "bench")
        started = time.perf_counter()
        written = export_foreign(workspace, result.article_id, "my")
        export_s = time.perf_counter() - started
        workspace.close()
    assert written is not None and written[2] == units
    print(json.dumps({"benchmark": "xliff_foreign", "units": units, "read_s": round(read_s, 3),
                      "import_units_per_s": round(units / import_s), "export_units_per_s": round(units / export_s),
                      "loadavg": os.getloadavg()[0]}))


if __name__ == "__main__":
    main()
