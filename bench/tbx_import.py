"""A large TBX import end to end: parse, merge and write into a real SQLite workspace.

Run from the repository root:

    .venv/bin/python bench/tbx_import.py                 # 50,000 concepts, MS-style martif
    .venv/bin/python bench/tbx_import.py --heavy         # 50,000 concepts, rich TBX-Basic
    .venv/bin/python bench/tbx_import.py --concepts 5000

Builds a TBX file like the Microsoft Terminology Collection's (martif, an English term with its
part of speech and definition, one rendering; about 560 bytes a concept, one homonym in fifty) or,
with --heavy, a richer TBX-Basic one (definition with its source in a descripGrp, two English
terms with statuses, Burmese and French renderings, a transaction group; about 1 KB a concept).
Each run imports into a fresh workspace (the curated glossary seeded, as on a first start) as
`workbench glossary import` does, then imports the same file again (it must change nothing).
The baseline, in the same process, is the parser the import used before (defusedxml's
ElementTree over the whole file). The last line printed is one JSON object: seconds (the whole
import), parse/merge-and-write seconds, baseline_parse_seconds, parse_ratio, target_met (< 10 s).
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

CONCEPT = """<conceptEntry id="c{n}">
<descrip type="subjectField">politics</descrip>
<transacGrp><transac type="transactionType">origination</transac><date>2024-01-05</date></transacGrp>
<langSec xml:lang="en">
<descripGrp><descrip type="definition">Definition number {n} of a concept.</descrip><admin type="source">Style guide {n}</admin></descripGrp>
<termSec><term>{term}</term><termNote type="termType">fullForm</termNote><termNote type="partOfSpeech">noun</termNote>
<termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
<termSec><term>T{n}</term><termNote type="termType">acronym</termNote></termSec>
</langSec>
<langSec xml:lang="my"><termSec><term>ဝေါဟာရ {n}</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
<admin type="source">BBC Burmese</admin></termSec></langSec>
<langSec xml:lang="fr-FR"><termSec><term>terme {n}</term><termNote type="partOfSpeech">noun</termNote></termSec></langSec>
</conceptEntry>"""


MS_CONCEPT = """<termEntry id="MS-{n}">
<langSet xml:lang="en-US">
<descripGrp><descrip type="definition">Definition number {n} of a software concept.</descrip></descripGrp>
<ntig><termGrp><term>{term}</term><termNote type="partOfSpeech">Noun</termNote></termGrp></ntig>
</langSet>
<langSet xml:lang="my-MM">
<ntig><termGrp><term>ဝေါဟာရ {n}</term><termNote type="partOfSpeech">Noun</termNote></termGrp></ntig>
</langSet>
</termEntry>"""


def ms_file(concepts: int) -> bytes:
    body = "\n".join(MS_CONCEPT.format(n=n, term=f"term {n // 2 if n % 50 == 0 else n}") for n in range(concepts))
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">\n'
            f'<martif type="TBX" xml:lang="en-US"><martifHeader><fileDesc><sourceDesc><p>bench</p></sourceDesc>'
            f"</fileDesc></martifHeader><text><body>\n{body}\n</body></text></martif>\n").encode()


def tbx_file(concepts: int) -> bytes:
    body = "\n".join(CONCEPT.format(n=n, term=f"term {n // 2 if n % 50 == 0 else n}") for n in range(concepts))
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<tbx type="TBX-Basic" style="dca" xml:lang="en" '
            f'xmlns="urn:iso:std:iso:30042:ed-2"><tbxHeader><fileDesc><sourceDesc><p>bench</p></sourceDesc>'
            f"</fileDesc></tbxHeader><text><body>\n{body}\n</body></text></tbx>\n").encode()


def _workspace(folder: Path):
    from workbench.app.config import load_settings
    from workbench.app.workspace import open_workspace

    os.environ["WORKBENCH_DATA_DIR"] = str(folder)
    return open_workspace(load_settings())


def _timed_import(data: bytes) -> dict[str, float | int]:
    """One `workbench glossary import` of the file into a fresh workspace, timed by stage."""
    from workbench.app.glossary_merge import merge_glossary
    from workbench.formats.tbx import read_tbx

    with tempfile.TemporaryDirectory() as folder:
        workspace = _workspace(Path(folder))
        workflow = workspace.workflow()
        workflow.repository = workspace.glossary
        started = time.perf_counter()
        entries, _losses = read_tbx(data, "bench.tbx")
        parsed = time.perf_counter()
        report = merge_glossary(workflow, entries, "bench.tbx")
        done = time.perf_counter()
        again = merge_glossary(workflow, read_tbx(data, "bench.tbx")[0], "bench.tbx")
        assert not again.added and not again.updated, "a re-import must change nothing"
        stored = len(workspace.glossary.entries())
        workspace.close()
    return {"parse_s": parsed - started, "merge_and_write_s": done - parsed, "total_s": done - started,
            "added": len(report.added), "stored": stored}


def _baseline_parse(data: bytes) -> float:
    """The parser TBX import used before: defusedxml's pure-Python-driven ElementTree, whole file."""
    from defusedxml.ElementTree import fromstring

    started = time.perf_counter()
    fromstring(data.decode("utf-8"), forbid_dtd=False, forbid_entities=True, forbid_external=True)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concepts", type=int, default=50_000)
    parser.add_argument("--heavy", action="store_true", help="the richer TBX-Basic file")
    args = parser.parse_args()
    data = tbx_file(args.concepts) if args.heavy else ms_file(args.concepts)
    runs = []
    baselines = []
    for _round in range(2):  # interleaved, so both see the same machine
        runs.append(_timed_import(data))
        baselines.append(_baseline_parse(data))
    best = min(runs, key=lambda run: run["total_s"])
    baseline = min(baselines)
    print(f"{args.concepts} concepts, {len(data) / 1e6:.1f} MB ({'TBX-Basic, rich' if args.heavy else 'MS-style martif'}), best of 2:")
    print(f"  parse {best['parse_s']:.2f} s (defusedxml alone, the old parser: {baseline:.2f} s), "
          f"merge + write {best['merge_and_write_s']:.2f} s, whole import {best['total_s']:.2f} s; "
          f"{best['added']} entries added, {best['stored']} stored (target: 50,000 in under 10 s)")
    print(json.dumps({"benchmark": "tbx_import", "concepts": args.concepts, "bytes": len(data), "heavy": args.heavy,
                      "seconds": round(best["total_s"], 3), "parse_seconds": round(best["parse_s"], 3),
                      "merge_and_write_seconds": round(best["merge_and_write_s"], 3),
                      "baseline_parse_seconds": round(baseline, 3),
                      "parse_ratio": round(baseline / best["parse_s"], 2), "entries": best["stored"],
                      "target_met": best["total_s"] < 10.0}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
