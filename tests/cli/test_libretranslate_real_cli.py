"""`workbench translate` through a real LibreTranslate keeps exactly what the server answered.

The server (conftest `libretranslate_server`) is asked again, by plain HTTP, for every segment of
the seed article: the MT the workbench cached under the server is that answer, for every
segment, nothing dropped, reordered or mixed up across its batches.
"""

from __future__ import annotations

import json
import sqlite3
import urllib.request
from contextlib import closing
from pathlib import Path

from tests.support.cli_helpers import run_cli
from workbench.storage.store import source_hash


def _rows(data_dir: Path, query: str, *params) -> list[tuple]:
    with closing(sqlite3.connect(data_dir / "workbench.db")) as connection:
        return connection.execute(query, params).fetchall()


def _server_translations(url: str, texts: list[str]) -> list[str]:
    body = json.dumps({"q": texts, "source": "en", "target": "fr", "format": "text"}).encode("utf-8")
    request = urllib.request.Request(url + "/translate", data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read())["translatedText"]


def test_the_cached_mt_of_a_seed_article_is_what_the_real_server_translates(libretranslate_server, data_dir):
    env = {"WORKBENCH_MT_SERVER": libretranslate_server.url}
    result = run_cli("translate", "2", "--to", "fr", env=env)
    assert result.returncode == 0, result.stderr
    sources = [text for (text,) in _rows(data_dir, "SELECT text FROM segments WHERE article_id = 2 ORDER BY position")]
    assert len(sources) > 20
    cached = dict(_rows(data_dir, "SELECT source_hash, text FROM machine_translations "
                                  "WHERE engine = 'libretranslate' AND model_id = ? AND target_lang = 'fr'",
                        libretranslate_server.url))
    expected = dict(zip(map(source_hash, sources), _server_translations(libretranslate_server.url, sources), strict=True))
    assert cached == expected
    # Printed in article order, as the server translated each segment.
    for translation in expected.values():
        assert translation in result.stdout
