"""`workbench serve` as a LibreTranslate client sees it: a real server process, plain HTTP."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.support.cli_helpers import assert_one_line_error, run_cli
from tests.support.logins import login
from tests.support.serve_process import get, post, running_serve

KEY = "desk-key-1"
DESK = login("lead")  # whose login opens the project first is its first editor


@pytest.fixture
def approved_australie(installed_models):
    """The desk approved "Australie" for Australia in French (the tiny models never produce it)."""
    approved = run_cli("glossary", "approve", "australia", "--lang", "fr", "--rendering", "Australie", env=DESK)
    assert approved.returncode == 0, approved.stderr
    return installed_models


@pytest.fixture
def server(approved_australie, tmp_path):
    keys = tmp_path / "keys.txt"
    keys.write_text(f"# the desk's keys\n{KEY}\n\nsecond-key\n", encoding="utf-8")
    with running_serve("--api-keys", str(keys), "--char-limit", "300", "--batch-limit", "4", env=DESK) as url:
        yield url


def test_languages_are_listed_as_libretranslate_lists_them(server):
    status, languages = get(server, "/languages")
    assert status == 200
    assert {"code": "en", "name": "English", "targets": ["fr", "my"]} in languages
    assert all(set(language) == {"code", "name", "targets"} for language in languages)


def test_a_string_gets_a_string_and_a_list_gets_a_list_in_json_and_form(server):
    status, answer = post(server, {"q": "The council met on Monday.", "source": "en", "target": "fr", "api_key": KEY})
    assert status == 200 and isinstance(answer["translatedText"], str) and answer["translatedText"]
    status, answer = post(server, {"q": ["The council met.", "", "It agreed."], "source": "en", "target": "my",
                                   "format": "text", "api_key": KEY})
    assert status == 200 and len(answer["translatedText"]) == 3 and answer["translatedText"][1] == ""
    status, answer = post(server, {"q": "The council met.", "source": "en", "target": "fr", "api_key": KEY}, as_json=False)
    assert status == 200 and isinstance(answer["translatedText"], str)


def test_the_desks_approved_rendering_is_in_the_served_translation(server):
    status, answer = post(server, {"q": ["Luckily this was accepted by Australia.",
                                         "[[0]] was accepted by Australia."],  # a workbench client's placeholder kept
                                   "source": "en", "target": "fr", "api_key": KEY})
    assert status == 200
    assert all("Australie" in text for text in answer["translatedText"]), answer


REFUSALS = [
    ({"api_key": "wrong"}, 403, "Invalid API key"),
    ({"api_key": None}, 400, "API key"),
    ({"q": "x" * 301}, 400, "exceeds the limit of 300 characters"),
    ({"q": ["a", "b", "c", "d", "e"]}, 400, "exceeds the limit of 4 texts"),
    ({"target": "de"}, 400, "de is not supported"),
    ({"source": "fr", "target": "my"}, 400, "is not available as a target language from French (fr)"),
    ({"q": None}, 400, "missing q parameter"),
    ({"format": "html"}, 400, "html format is not supported"),
]


def test_refusals_are_libretranslate_errors(server):
    """One server for all the cases: each is refused with LibreTranslate's status and {"error": ...}."""
    for fields, status, fragment in REFUSALS:
        request = {"q": "The council met.", "source": "en", "target": "fr", "api_key": KEY, **fields}
        got, answer = post(server, {name: value for name, value in request.items() if value is not None})
        assert got == status and set(answer) == {"error"} and fragment in answer["error"], (fields, answer)


def test_concurrent_clients_each_get_their_own_answer(server):
    texts = [f"Australia met the council {n} times." for n in range(8)]

    def ask(text: str):
        return post(server, {"q": [text, "It agreed."], "source": "en", "target": "fr", "api_key": KEY})

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(ask, texts))
    assert all(status == 200 and len(answer["translatedText"]) == 2 for status, answer in answers)
    assert all(answer["translatedText"][0].count("Australie") == 1 for _status, answer in answers), answers


def test_serve_mistakes_are_one_line(installed_models, tmp_path):
    assert_one_line_error(run_cli("serve", "--api-keys", str(tmp_path / "none.txt")), "none.txt does not exist")
    assert_one_line_error(run_cli("serve", "--api-keys", "/dev/zero", timeout=60), "/dev/zero")  # never read to its end
    (tmp_path / "latin1.txt").write_bytes(b"cl\xe9\n")
    assert_one_line_error(run_cli("serve", "--api-keys", str(tmp_path / "latin1.txt")), "cannot read the API keys file")
    assert_one_line_error(run_cli("serve", "--host", "999.1.1.1", "--port", "0"), "cannot listen on 999.1.1.1")
    assert_one_line_error(run_cli("serve", env={"WORKBENCH_MT_SERVER": "http://127.0.0.1:9"}), "unset WORKBENCH_MT_SERVER")
    assert_one_line_error(run_cli("serve", "--batch-limit", "0"), "--batch-limit 0 is out of range")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert_one_line_error(run_cli("serve", "--port", str(port)), f"cannot listen on 127.0.0.1:{port}")


def test_serve_stops_cleanly_on_sigterm(installed_models):
    process = subprocess.Popen([sys.executable, "-m", "workbench", "serve", "--port", "0"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)
    try:
        assert process.stdout is not None and "serving the LibreTranslate API on http://127.0.0.1:" in process.stdout.readline()
        process.send_signal(signal.SIGTERM)
        _out, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 0 and err.strip() == "stopped", err
