"""WORKBENCH_MT_SERVER: `workbench translate` through a LibreTranslate server (here a real `workbench serve`)."""

from __future__ import annotations

import socket
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from tests.support.cli_helpers import assert_one_line_error, run_cli
from tests.support.logins import login
from tests.support.serve_process import running_serve

KEY = "desk-key-1"


def _mt_keys(data_dir: Path) -> dict[tuple[str, str, str], int]:
    """(engine, model id, model version) → cached MT rows in a workspace's database."""
    with closing(sqlite3.connect(data_dir / "workbench.db")) as connection:
        rows = connection.execute("SELECT engine, model_id, model_version, count(*) FROM machine_translations "
                                  "GROUP BY engine, model_id, model_version").fetchall()
    return {(engine, model_id, version): count for engine, model_id, version, count in rows}


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def desk_server(installed_models, tmp_path):
    """A `workbench serve` over the tiny models (its own workspace, no approvals), API key required."""
    keys = tmp_path / "keys.txt"
    keys.write_text(KEY + "\n", encoding="utf-8")
    with running_serve("--api-keys", str(keys)) as url:
        yield url, installed_models


@pytest.fixture
def client(tmp_path, desk_server):
    """A second workspace with no models at all, pointed at the server; its editor approved "Australie"."""
    url, _ = desk_server
    env = {"WORKBENCH_DATA_DIR": str(tmp_path / "client"), **login("lead"),
           "WORKBENCH_MT_SERVER": url + "/", "WORKBENCH_MT_API_KEY": KEY}
    approved = run_cli("glossary", "approve", "australia", "--lang", "fr", "--rendering", "Australie", env=env)
    assert approved.returncode == 0, approved.stderr
    return env


def test_translate_goes_through_the_server_with_the_clients_glossary_and_its_own_cache_key(desk_server, client):
    url, server_dir = desk_server
    result = run_cli("translate", "1", "--to", "fr", env=client)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("Australie") == 2, result.stdout  # both mentions: placeholders out, rendering in
    client_keys = _mt_keys(Path(client["WORKBENCH_DATA_DIR"]))
    assert list(client_keys) == [("libretranslate", url, "translate-en_fr-1_0 1.0")]  # the server and its model
    assert all(engine == "argos" for engine, _model, _version in _mt_keys(server_dir))  # local MT: another key
    again = run_cli("translate", "1", "--to", "fr", env=client)
    assert again.returncode == 0 and "from cache" in again.stderr and again.stdout == result.stdout


def test_models_list_shows_the_servers_languages_and_where_the_text_goes(client, desk_server):
    url, _ = desk_server
    listing = run_cli("models", "list", env=client)
    assert listing.returncode == 0, listing.stderr
    lines = listing.stdout.splitlines()
    assert f"MT server {url}" in lines[0] and "sent to this server" in lines[0]
    assert any(line.split()[:3] == ["en", "fr,", "my"] for line in lines), lines


def test_a_refused_key_is_one_line_and_nothing_is_stored(client):
    result = run_cli("translate", "2", "--to", "fr", env={**client, "WORKBENCH_MT_API_KEY": "stolen"})
    assert_one_line_error(result, "refused the API key", "Invalid API key", "WORKBENCH_MT_API_KEY")
    assert "stolen" not in result.stderr
    assert _mt_keys(Path(client["WORKBENCH_DATA_DIR"])) == {}


def test_an_unreachable_server_is_one_line_and_nothing_is_stored(client):
    result = run_cli("translate", "1", "--to", "fr", env={**client, "WORKBENCH_MT_SERVER": f"http://127.0.0.1:{_closed_port()}"})
    assert_one_line_error(result, "cannot reach the MT server http://127.0.0.1:", "WORKBENCH_MT_SERVER")
    assert _mt_keys(Path(client["WORKBENCH_DATA_DIR"])) == {}


@pytest.mark.parametrize(("value", "fragment"), [
    ("ftp://127.0.0.1:5000", "is not an http:// or https:// URL"),
    ("http://user:secret@127.0.0.1:5000", "holds a user, password"),
    ("http://127.0.0.1:port", "is not a URL"),
])
def test_a_bad_server_url_is_one_line(data_dir, value, fragment):
    result = run_cli("articles", env={"WORKBENCH_MT_SERVER": value})
    assert_one_line_error(result, "WORKBENCH_MT_SERVER", fragment)
    assert "secret" not in result.stderr
