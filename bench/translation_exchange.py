"""Translation exchange speed: a generated article's translations written and read back as PO,
XLIFF 1.2 and XLIFF 2.1, in segments per second (format layer only: no workspace).

Run from the repository root:

    .venv/bin/python bench/translation_exchange.py               # 5,000 segments
    .venv/bin/python bench/translation_exchange.py --segments 20000

Each unit has a Burmese translation, a status, a revision and four notes (location, MT, a
glossary hit, a QA issue), as an XLIFF export carries them. Best of three runs per format. The
last line printed is one JSON object with `write_segments_per_s` and `read_segments_per_s` per
format, the file sizes and the load average.
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


def _document(count: int):
    from workbench.formats.translation_exchange import DRAFT, TRANSLATED, ExchangeDocument, ExchangeUnit, Note

    units = [ExchangeUnit(f"{i:016x}", f"The NUG said on day {i} that {i % 90} soldiers had defected to the resistance.",
                          "အမျိုးသားညီညွတ်ရေးအစိုးရ (NUG) က စစ်သား ၉၀ ဦး ခုခံရေးဘက်သို့ ကူးပြောင်းလာသည်ဟု ဆိုသည်။",
                          DRAFT if i % 3 else TRANSLATED, i % 5,
                          (Note(f"paragraph {i // 4 + 1}", "location"), Note("MT: စစ်သား ကူးပြောင်း", "mt", "target"),
                           Note("glossary: NUG → အမျိုးသားညီညွတ်ရေးအစိုးရ (approved)", "glossary", "source"),
                           Note("QA warning (final-punctuation): ends without ။", "qa", "target")))
             for i in range(count)]
    return ExchangeDocument("my", 1, "article.txt", units, title="A generated article — Burmese")


def main() -> None:
    from workbench.formats.translation_exchange import PoFormat, format_of_file
    from workbench.formats.xliff import XliffFormat

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=5_000)
    count = parser.parse_args().segments
    document = _document(count)
    result: dict = {"benchmark": "translation_exchange", "segments": count}
    with tempfile.TemporaryDirectory() as folder:
        for name, exchange, suffix in (("po", PoFormat(), ".po"), ("xliff_1_2", XliffFormat("1.2"), ".xlf"),
                                       ("xliff_2_1", XliffFormat("2.1"), ".xlf")):
            path = Path(folder) / f"a{suffix}"
            writes, reads = [], []
            for _ in range(3):
                started = time.perf_counter()
                path.write_bytes(exchange.write(document))
                writes.append(time.perf_counter() - started)
                started = time.perf_counter()
                reader, _notes = format_of_file(path)
                read = reader.read(path)
                reads.append(time.perf_counter() - started)
                assert len(read.units) == count
            result[name] = {"write_segments_per_s": round(count / min(writes)), "read_segments_per_s": round(count / min(reads)),
                            "file_bytes": path.stat().st_size}
            print(f"{name}: write {result[name]['write_segments_per_s']:,}/s, read {result[name]['read_segments_per_s']:,}/s, "
                  f"{result[name]['file_bytes']:,} bytes")
    result["loadavg"] = os.getloadavg()[0]
    print(json.dumps(result))


if __name__ == "__main__":
    main()
