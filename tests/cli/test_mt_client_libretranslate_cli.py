"""WORKBENCH_MT_SERVER pointed at a real LibreTranslate 1.9 (conftest `libretranslate_server` fixtures)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from tests.support.cli_helpers import assert_one_line_error, run_cli
from tests.support.logins import login


def _mt_keys(data_dir: Path) -> dict[tuple[str, str, str], int]:
    with closing(sqlite3.connect(data_dir / "workbench.db")) as connection:
        rows = connection.execute("SELECT engine, model_id, model_version, count(*) FROM machine_translations "
                                  "GROUP BY engine, model_id, model_version").fetchall()
    return {(engine, model_id, version): count for engine, model_id, version, count in rows}


def _client(data_dir: Path, url: str, key: str | None = None) -> dict[str, str]:
    env = {**login("lead"), "WORKBENCH_MT_SERVER": url, "WORKBENCH_MT_API_KEY": key or ""}
    approved = run_cli("glossary", "approve", "australia", "--lang", "fr", "--rendering", "Australie", env=env)
    assert approved.returncode == 0, approved.stderr
    return env


def test_a_seed_article_through_libretranslate_keeps_the_glossary_and_caches_under_the_server(libretranslate_server, data_dir):
    env = _client(data_dir, libretranslate_server.url)
    listing = run_cli("models", "list", env=env)
    assert listing.returncode == 0 and "sent to this server" in listing.stdout, listing
    result = run_cli("translate", "1", "--to", "fr", env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("Australie") == 2, result.stdout
    # LibreTranslate does not say which model it runs: the key holds the server and "libretranslate".
    assert list(_mt_keys(data_dir)) == [("libretranslate", libretranslate_server.url, "libretranslate")]


def test_libretranslate_refusing_the_key_is_one_line_and_nothing_is_stored(libretranslate_server_with_keys, data_dir):
    env = _client(data_dir, libretranslate_server_with_keys.url, key="not-the-key")
    result = run_cli("translate", "1", "--to", "fr", env=env)
    assert_one_line_error(result, "refused the API key", "WORKBENCH_MT_API_KEY")
    assert _mt_keys(data_dir) == {}
    good = run_cli("translate", "1", "--to", "fr", env={**env, "WORKBENCH_MT_API_KEY": libretranslate_server_with_keys.api_key})
    assert good.returncode == 0 and "Australie" in good.stdout, good.stderr
